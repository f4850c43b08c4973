#!/usr/bin/env python3
"""Draws terminal captures as one animated SVG (used by media/record-demo.sh).

usage: svg-frames.py COLS ROWS TITLE OUT.svg FRAME.ans...
Each FRAME.ans is a `tmux capture-pane -e -p` capture (text with SGR escapes); FRAME.seconds beside it says
how long it is shown. The frames sit side by side on a film strip that a CSS animation moves one frame at a
time (steps, no tweening, no script), so it plays in an <img> as a GIF does and the text stays sharp.
"""
import html
import re
import sys
import unicodedata

cols, rows, title, out, *captures = sys.argv[1:]
cols, rows = int(cols), int(rows)
FONT_SIZE, CELL_W, LINE_H, PAD, BAR = 14, 8.43, 18, 12, 28
BG, FG, DIM = '#1b1e24', '#d7dae0', '#7f848e'
PALETTE = ['#3b4048', '#e06c75', '#98c379', '#e5c07b', '#61afef', '#c678dd', '#56b6c2', '#d7dae0',
           '#7f848e', '#ff7b86', '#b5e890', '#ffd68a', '#7cc4ff', '#de9bf0', '#74d3de', '#ffffff']
W = round(2 * PAD + cols * CELL_W)
H = BAR + 2 * PAD + rows * LINE_H


def xterm256(n):
    if n < 16:
        return PALETTE[n]
    if n < 232:
        n -= 16
        v = [0, 95, 135, 175, 215, 255]
        return '#%02x%02x%02x' % (v[n // 36], v[n // 6 % 6], v[n % 6])
    g = 8 + 10 * (n - 232)
    return '#%02x%02x%02x' % (g, g, g)


def width(c):
    return 2 if unicodedata.east_asian_width(c) in 'WF' else (0 if unicodedata.combining(c) else 1)


def spans(line):
    """(column, text, fg, bg, bold) runs of one captured line."""
    st = dict(fg=None, bg=None, bold=False, dim=False, rev=False)
    runs, col = [], 0
    for tok in re.split(r'(\x1b\[[0-9;:]*[A-Za-z]|\x1b[^\[])', line):
        if not tok:
            continue
        if tok.startswith('\x1b'):
            if not (tok.startswith('\x1b[') and tok.endswith('m')):
                continue
            p = [int(x) if x else 0 for x in re.split('[;:]', tok[2:-1])] or [0]
            i = 0
            while i < len(p):
                c = p[i]
                if c == 0:
                    st.update(fg=None, bg=None, bold=False, dim=False, rev=False)
                elif c == 1:
                    st['bold'] = True
                elif c == 2:
                    st['dim'] = True
                elif c == 7:
                    st['rev'] = True
                elif c == 22:
                    st['bold'] = st['dim'] = False
                elif c == 27:
                    st['rev'] = False
                elif 30 <= c <= 37:
                    st['fg'] = PALETTE[c - 30]
                elif 90 <= c <= 97:
                    st['fg'] = PALETTE[c - 82]
                elif 40 <= c <= 47:
                    st['bg'] = PALETTE[c - 40]
                elif 100 <= c <= 107:
                    st['bg'] = PALETTE[c - 92]
                elif c == 39:
                    st['fg'] = None
                elif c == 49:
                    st['bg'] = None
                elif c in (38, 48) and i + 2 < len(p) and p[i + 1] == 5:
                    st['fg' if c == 38 else 'bg'] = xterm256(p[i + 2])
                    i += 2
                elif c in (38, 48) and i + 4 < len(p) and p[i + 1] == 2:
                    st['fg' if c == 38 else 'bg'] = '#%02x%02x%02x' % tuple(p[i + 2:i + 5])
                    i += 4
                i += 1
            continue
        fg, bg = st['fg'] or (DIM if st['dim'] else FG), st['bg']
        if st['rev']:
            fg, bg = (st['bg'] or BG), (st['fg'] or FG)
        key = (fg, bg, st['bold'])
        if runs and runs[-1][2:] == key and runs[-1][0] + sum(map(width, runs[-1][1])) == col:
            runs[-1] = (runs[-1][0], runs[-1][1] + tok) + key
        else:
            runs.append((col, tok) + key)
        col += sum(map(width, tok))
    return runs


def frame(capture, x0):
    parts = []
    for r, line in enumerate(open(capture, encoding='utf-8', errors='replace').read().split('\n')[:rows]):
        y = BAR + PAD + r * LINE_H
        for col, text, fg, bg, bold in spans(line):
            x = x0 + PAD + col * CELL_W
            if bg:
                parts.append('<rect x="%.1f" y="%d" width="%.1f" height="%d" fill="%s"/>' % (x, y, sum(map(width, text)) * CELL_W, LINE_H, bg))
            if text.strip():
                weight = ' font-weight="bold"' if bold else ''
                # Presentation attributes lose to CSS: the film's fill is the default, no CSS rule sets one.
                fill = '' if fg == FG else ' fill="%s"' % fg
                parts.append('<text x="%.1f" y="%d"%s%s>%s</text>' % (x, y + 14, fill, weight, html.escape(text, quote=False)))
    return '\n'.join(parts)


seconds = [float(open(c[:-len('.ans')] + '.seconds').read()) for c in captures]
total = sum(seconds)
keyframes, at = [], 0.0
for i, s in enumerate(seconds):
    keyframes.append('%.3f%% { transform: translateX(%dpx); }' % (100 * at / total, -i * W))
    at += s
keyframes.append('100%% { transform: translateX(%dpx); }' % (-(len(captures) - 1) * W))
dots = ''.join('<circle cx="%d" cy="%d" r="6" fill="%s"/>' % (PAD + 6 + i * 20, BAR // 2, c) for i, c in enumerate(['#ff5f57', '#febc2e', '#28c840']))
svg = f'''<svg xmlns="http://www.w3.org/2000/svg" width="{W}" height="{H}" viewBox="0 0 {W} {H}" role="img" aria-label="{html.escape(title)}: a recording of the wizard">
<style>
#film {{ animation: film {total:.1f}s steps(1, end) infinite; }}
@keyframes film {{ {' '.join(keyframes)} }}
text {{ font-family: 'DejaVu Sans Mono', Menlo, Consolas, 'Liberation Mono', monospace; font-size: {FONT_SIZE}px; white-space: pre; }}
</style>
<rect width="{W}" height="{H}" rx="6" fill="{BG}"/>
<rect width="{W}" height="{BAR}" rx="6" fill="#2b2f37"/>
{dots}
<text x="{W / 2:.0f}" y="{BAR // 2 + 5}" text-anchor="middle" fill="#9da5b4">{html.escape(title)}</text>
<svg x="0" y="0" width="{W}" height="{H}"><g id="film" fill="{FG}">
'''
svg += '\n'.join(frame(c, i * W) for i, c in enumerate(captures))
svg += '\n</g></svg>\n</svg>\n'
open(out, 'w', encoding='utf-8').write(svg)
