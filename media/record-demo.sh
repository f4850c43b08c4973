#!/usr/bin/env bash
# Regenerates the README pictures in media/:
#   media/demo.gif       a few screens of `snf-upgrade rehearse` (start, mid-run, verify summary)
#   media/rehearsal.png  the last screen of that rehearsal
#   media/plan.png       the top of `snf-upgrade plan` for test/fixtures/plan/example-answers.json
#
# It drives the real CLI in a private tmux server (own socket and config, detached 110x34 session; it never
# touches your own tmux), captures the pane with `capture-pane -e -p` and draws each capture with ImageMagick.
#
# This script is NOT part of CI or of the test suite, and CI does not install what it needs. Beyond what the
# tests already use (node, tmux, python3) it needs ImageMagick and the DejaVu Sans Mono font:
#   apt-get install -y --no-install-recommends imagemagick fonts-dejavu-core
# Without them it says so and exits without changing anything.
#
# Usage (from anywhere):  npm run build && media/record-demo.sh
# Takes about 20 s. Environment: SNF_DEMO_FONT / SNF_DEMO_FONT_BOLD (font files), SNF_DEMO_POINTSIZE (15),
# SNF_DEMO_KEEP=1 keeps the raw captures and the rehearsal's state directory.
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
media="$repo/media"
cols=110
rows=34
pointsize=${SNF_DEMO_POINTSIZE:-15}

say() { printf 'record-demo: %s\n' "$*" >&2; }

# ---- requirements -------------------------------------------------------------------------------------------
missing=()
for tool in tmux node python3; do
	command -v "$tool" >/dev/null 2>&1 || missing+=("$tool")
done
if ! command -v convert >/dev/null 2>&1 || ! convert -version 2>/dev/null | grep -q ImageMagick; then
	missing+=('ImageMagick (convert)')
fi
font=${SNF_DEMO_FONT:-}
font_bold=${SNF_DEMO_FONT_BOLD:-}
if [[ -z $font ]]; then
	for candidate in /usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf \
		"$(fc-match -f '%{file}' 'DejaVu Sans Mono' 2>/dev/null || true)"; do
		if [[ -f $candidate && $candidate == *DejaVuSansMono* ]]; then font=$candidate; break; fi
	done
fi
[[ -n $font && -f $font ]] || missing+=('the DejaVu Sans Mono font')
if [[ -z $font_bold && -n $font ]]; then
	font_bold="${font%.ttf}-Bold.ttf"
fi
[[ -f $font_bold ]] || font_bold=$font
if ((${#missing[@]} > 0)); then
	say "missing: ${missing[*]}."
	say 'This script only redraws the README pictures; CI does not need it. To use it, install:'
	say '  apt-get install -y --no-install-recommends imagemagick fonts-dejavu-core tmux python3'
	say 'Nothing was changed.'
	exit 0
fi
if [[ ! -f $repo/dist/cli.js ]]; then
	say "no $repo/dist/cli.js: run 'npm run build' first."
	exit 1
fi

# ---- private tmux server --------------------------------------------------------------------------------------
work=$(mktemp -d /tmp/snf-demo-tools.XXXXXX)
state=$(mktemp -d /tmp/snf-demo.XXXXXX) # short: its path shows in the pictures
sock="$work/tmux.sock"
conf="$work/tmux.conf"
T=(tmux -S "$sock" -f "$conf")
cleanup() {
	"${T[@]}" kill-server >/dev/null 2>&1 || true
	if [[ -n ${SNF_DEMO_KEEP:-} ]]; then say "kept $work (captures) and $state (rehearsal)"; else rm -rf "$work" "$state"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

cat >"$conf" <<'CONF'
set -g default-terminal "xterm-256color"
set -g status off
set -g history-limit 20000
set -g remain-on-exit off
CONF
# NB: `set -g window-size manual` must NOT go in the config file (tmux 3.3a then dies in new-session);
# it is set right after new-session below.

# The pane runs a plain bash (no ~/.bashrc) whose prompt hook counts prompts and records the last exit status,
# so the script knows when a typed command has finished.
cat >"$work/bashrc" <<RC
PS1='\[\e[1;32m\]\$\[\e[0m\] '
PROMPT_COMMAND='__s=\$?; __n=\$((__n+1)); echo "\$__n \$__s" >"$work/prompts"'
unset HISTFILE
snf-upgrade() { node "$repo/dist/cli.js" "\$@"; }
# plan reads these three secrets from the environment; any 12+ character values will do (they are masked).
export SNF_PITHOS_OAUTH_SECRET=demo-oauth-secret-value
export SNF_VNC_PASSWORD=demo-vnc-password-value
export SNF_STATS_SECRET_KEY=demo-stats-secret-value
RC

start_session() { # name
	rm -f "$work/prompts"
	"${T[@]}" new-session -d -s "$1" -x "$cols" -y "$rows" -c "$repo" \
		"bash --noprofile --rcfile '$work/bashrc' -i" \; set -g window-size manual
	wait_prompt 1 10
}
prompt_count() { [[ -f $work/prompts ]] && cut -d' ' -f1 "$work/prompts" || echo 0; }
last_status() { cut -d' ' -f2 "$work/prompts"; }
wait_prompt() { # count timeout-seconds
	local end=$((SECONDS + $2))
	while (($(prompt_count) < $1)); do
		((SECONDS < end)) || { say "timed out waiting for the shell prompt"; screen; exit 1; }
		sleep 0.1
	done
}
screen() { "${T[@]}" capture-pane -p -t "$session"; }
history_has() { "${T[@]}" capture-pane -p -S - -t "$session" | grep -Eq -- "$1"; }
wait_for() { # regex timeout-seconds
	local end=$((SECONDS + $2))
	until history_has "$1"; do
		((SECONDS < end)) || { say "timed out waiting for /$1/"; screen >&2; exit 1; }
		sleep 0.1
	done
}
capture() { "${T[@]}" capture-pane -e -p -t "$session" >"$work/$1.ans"; }
type_line() { "${T[@]}" send-keys -t "$session" -l "$1"; "${T[@]}" send-keys -t "$session" Enter; }

# ---- 1. the rehearsal -----------------------------------------------------------------------------------------
session=rehearse
start_session "$session"
say 'recording snf-upgrade rehearse (about 15 s)…'
type_line "snf-upgrade rehearse --state-dir $state"
# Frame 1: the fullest screen that still shows the command line at the top.
end=$((SECONDS + 60))
while :; do
	capture next
	if head -n 1 "$work/next.ans" | grep -q 'snf-upgrade rehearse'; then
		mv "$work/next.ans" "$work/frame1.ans"
	else
		break
	fi
	((SECONDS < end)) || { say 'timed out waiting for the rehearsal to fill the screen'; exit 1; }
	sleep 0.05
done
[[ -f $work/frame1.ans ]] || { say 'the first screen scrolled away before it was captured'; exit 1; }
wait_for '^== 2\.5 ' 120
capture frame2
wait_for '^== 5 Bring all services up' 120
capture frame3
wait_prompt 2 180
capture frame4
status=$(last_status)
if [[ $status != 0 ]]; then
	say "the rehearsal failed (exit $status); not drawing it. Last screen:"
	screen >&2
	exit 1
fi
"${T[@]}" kill-session -t "$session"

# ---- 2. the plan ----------------------------------------------------------------------------------------------
# Show exactly one screen: as many plan lines as fit between the command line and the next prompt
# (long lines wrap at $cols columns, as in any terminal).
answers=test/fixtures/plan/example-answers.json
(cd "$repo" && SNF_PITHOS_OAUTH_SECRET=demo-oauth-secret-value SNF_VNC_PASSWORD=demo-vnc-password-value \
	SNF_STATS_SECRET_KEY=demo-stats-secret-value node dist/cli.js plan --answers "$answers") >"$work/plan.txt"
plan_lines=$(python3 - "$work/plan.txt" "$cols" "$((rows - 2))" <<'PY'
import sys, unicodedata
path, cols, budget = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
used = count = 0
for line in open(path, encoding='utf-8').read().split('\n'):
    width = sum(2 if unicodedata.east_asian_width(c) in 'WF' else 1 for c in line)
    need = max(1, -(-width // cols))
    if used + need > budget:
        break
    used += need
    count += 1
print(count)
PY
)
session=plan
start_session "$session"
type_line "snf-upgrade plan --answers $answers | head -n $plan_lines"
wait_prompt 2 60
capture plan

# ---- 3. drawing -----------------------------------------------------------------------------------------------
# Exact character cell width of the font at this size (difference of two label widths: no padding error).
measure() { convert -font "$font" -pointsize "$pointsize" label:"$(printf "%${1}s" '' | tr ' ' 'M')" -format '%w' info:; }
cell_width=$(python3 -c "print(($(measure 200) - $(measure 100)) / 100)")

cat >"$work/render.py" <<'PY'
# Turns a `tmux capture-pane -e -p` capture (text with SGR escapes) into an ImageMagick MVG drawing.
import re, sys, unicodedata
src, dst, cols, rows, pt, cw, font, bold, title = sys.argv[1:10]
cols, rows, pt, cw = int(cols), int(rows), float(pt), float(cw)
BG, FG = '#1b1e24', '#d7dae0'
PALETTE = ['#3b4048', '#e06c75', '#98c379', '#e5c07b', '#61afef', '#c678dd', '#56b6c2', '#d7dae0',
           '#7f848e', '#ff7b86', '#b5e890', '#ffd68a', '#7cc4ff', '#de9bf0', '#74d3de', '#ffffff']
def xterm256(n):
    if n < 16: return PALETTE[n]
    if n < 232:
        n -= 16; v = [0, 95, 135, 175, 215, 255]
        return '#%02x%02x%02x' % (v[n // 36], v[n // 6 % 6], v[n % 6])
    g = 8 + 10 * (n - 232); return '#%02x%02x%02x' % (g, g, g)
def width(c): return 2 if unicodedata.east_asian_width(c) in 'WF' else (0 if unicodedata.combining(c) else 1)

# grid[row] = list of (col, text, fg, bg, bold, underline)
grid = []
for line in open(src, encoding='utf-8', errors='replace').read().split('\n')[:rows]:
    st = dict(fg=None, bg=None, bold=False, dim=False, rev=False, ul=False)
    spans, col, cur, key = [], 0, '', None
    def flush():
        global cur
        if cur: spans.append((start, cur) + key)
        cur = ''
    start = 0
    for tok in re.split(r'(\x1b\[[0-9;:]*[A-Za-z]|\x1b[^\[])', line):
        if not tok: continue
        if tok.startswith('\x1b'):
            if not tok.endswith('m') or not tok.startswith('\x1b['): continue
            p = [int(x) if x else 0 for x in re.split('[;:]', tok[2:-1])] or [0]
            i = 0
            while i < len(p):
                c = p[i]
                if c == 0: st.update(fg=None, bg=None, bold=False, dim=False, rev=False, ul=False)
                elif c == 1: st['bold'] = True
                elif c == 2: st['dim'] = True
                elif c == 4: st['ul'] = True
                elif c == 7: st['rev'] = True
                elif c == 22: st['bold'] = st['dim'] = False
                elif c == 24: st['ul'] = False
                elif c == 27: st['rev'] = False
                elif 30 <= c <= 37: st['fg'] = PALETTE[c - 30]
                elif 90 <= c <= 97: st['fg'] = PALETTE[c - 82]
                elif 40 <= c <= 47: st['bg'] = PALETTE[c - 40]
                elif 100 <= c <= 107: st['bg'] = PALETTE[c - 92]
                elif c == 39: st['fg'] = None
                elif c == 49: st['bg'] = None
                elif c in (38, 48) and i + 1 < len(p):
                    if p[i + 1] == 5 and i + 2 < len(p):
                        st['fg' if c == 38 else 'bg'] = xterm256(p[i + 2]); i += 2
                    elif p[i + 1] == 2 and i + 4 < len(p):
                        st['fg' if c == 38 else 'bg'] = '#%02x%02x%02x' % tuple(p[i + 2:i + 5]); i += 4
                i += 1
            continue
        fg, bg = st['fg'] or FG, st['bg']
        if st['rev']: fg, bg = (st['bg'] or BG), (st['fg'] or FG)
        if st['dim'] and not st['rev']: fg = PALETTE[8]
        newkey = (fg, bg, st['bold'], st['ul'])
        for ch in tok:
            if newkey != key: flush(); key = newkey; start = col
            cur += ch; col += width(ch)
    flush()
    grid.append(spans)

pad, bar = 16, 30
lh = round(pt * 1.32)
ascent = round(pt * 0.98)
W = round(2 * pad + cols * cw)
H = bar + 2 * pad + rows * lh
def q(s): return "'" + s.replace('\\', '\\\\').replace("'", "\\'") + "'"
out = ['viewbox 0 0 %d %d' % (W, H), "fill '%s'" % BG, 'rectangle 0,0 %d,%d' % (W, H),
       "fill '#2b2f37'", 'rectangle 0,0 %d,%d' % (W, bar - 1)]
for i, colour in enumerate(['#ff5f57', '#febc2e', '#28c840']):
    cx = pad + 6 + i * 20
    out += ["fill '%s'" % colour, 'circle %d,%d %d,%d' % (cx, bar // 2, cx + 6, bar // 2)]
out += ['font %s' % q(font), 'font-size %g' % (pt - 2), "fill '#9da5b4'", 'text-antialias 1',
        'text %.1f,%d %s' % ((W - len(title) * cw * (pt - 2) / pt) / 2, bar // 2 + round(pt * 0.35), q(title)),
        'font-size %g' % pt]
for r, spans in enumerate(grid):
    top = bar + pad + r * lh
    for col, text, fg, bg, bold_, ul in spans:
        x = pad + col * cw
        w = sum(width(c) for c in text) * cw
        if bg: out += ["fill '%s'" % bg, 'rectangle %.1f,%d %.1f,%d' % (x, top, x + w, top + lh - 1)]
        if not text.strip(): continue
        out += ['font %s' % q(bold if bold_ else font), "fill '%s'" % fg, 'text %.1f,%d %s' % (x, top + ascent, q(text))]
        if ul: out += ["stroke '%s'" % fg, 'line %.1f,%d %.1f,%d' % (x, top + lh - 2, x + w, top + lh - 2), 'stroke none']
open(dst, 'w', encoding='utf-8').write('\n'.join(out) + '\n')
# Every flat colour drawn, for the GIF palette (so the few coloured pixels are not lost in the quantizing).
with open(dst + '.colours', 'w') as f:
    f.write('\n'.join(sorted({l.split("'")[1] for l in out if l.startswith('fill ')})) + '\n')
PY

draw() { # capture-name title out.png
	python3 "$work/render.py" "$work/$1.ans" "$work/$1.mvg" "$cols" "$rows" "$pointsize" "$cell_width" \
		"$font" "$font_bold" "$2"
	convert mvg:"$work/$1.mvg" -strip -define png:compression-level=9 "$3"
}
for n in 1 2 3 4; do draw "frame$n" 'snf-upgrade rehearse' "$work/frame$n.png"; done
draw plan 'snf-upgrade plan' "$work/plan.png"

# One palette for all frames (48 quantized shades plus every flat colour drawn), so colours do not shift.
mapfile -t flat < <(sort -u "$work"/frame[1-4].mvg.colours)
convert \( "$work"/frame[1-4].png -append +dither -colors 48 -unique-colors \) \
	\( -size 1x1 "${flat[@]/#/xc:}" +append \) +append -unique-colors "$work/palette.png"
convert -delay 250 "$work/frame1.png" -delay 250 "$work/frame2.png" -delay 250 "$work/frame3.png" \
	-delay 600 "$work/frame4.png" -loop 0 +dither -remap "$work/palette.png" -layers Optimize "$work/demo.gif"

mkdir -p "$media"
# 128-colour PNGs: they look the same as the full-colour drawings and are a tenth of the size.
png8() { convert "$1" -strip +dither -colors 128 -define png:compression-level=9 PNG8:"$2"; }
png8 "$work/frame4.png" "$media/rehearsal.png"
png8 "$work/plan.png" "$media/plan.png"
cp "$work/demo.gif" "$media/demo.gif"
for f in demo.gif rehearsal.png plan.png; do
	size=$(($(stat -c %s "$media/$f") / 1024))
	say "wrote media/$f ($size KB)"
	((size <= 400)) || say "  warning: media/$f is over 400 KB; README pictures should stay small"
done
