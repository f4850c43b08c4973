#!/usr/bin/env bash
# Regenerates media/demo.svg, the recording the README opens with: a real interactive rehearsal.
#
# `snf-upgrade rehearse` in a terminal opens the wizard on a fresh sandbox. This script runs it in a private
# tmux server (own socket and config, a detached 100x30 session; it never touches your own tmux) and walks
# the wizard as an admin who takes every offered answer: Enter on each intro and question, r on each preview,
# then it waits through the runs to the summary, and Enter leaves it; the rehearsal then verifies the sandbox.
# Every screen is captured (`capture-pane -e -p`); a choice of them is drawn (media/svg-frames.py) as one
# animated SVG (CSS keyframes, no script): it plays in the README like a GIF and stays sharp.
#
# Needs only what the tests use: node, tmux, python3 (and a built dist/: `npm run build`). Not part of CI.
# Usage (from anywhere):  npm run build && media/record-demo.sh      (about 2 minutes; SNF_DEMO_KEEP=1 keeps
# the captures and the rehearsal's state directory)
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
media="$repo/media"
cols=100
rows=30

say() { printf 'record-demo: %s\n' "$*" >&2; }

for tool in tmux node python3; do
	command -v "$tool" >/dev/null 2>&1 || { say "missing: $tool (apt-get install -y --no-install-recommends tmux python3). Nothing was changed."; exit 1; }
done
[[ -f $repo/dist/cli.js ]] || { say "no $repo/dist/cli.js: run 'npm run build' first."; exit 1; }

work=$(mktemp -d /tmp/snf-demo-tools.XXXXXX)
state=$(mktemp -d /tmp/snf-demo.XXXXXX) # short: its path shows in the pictures
sock="$work/tmux.sock"
T=(tmux -S "$sock" -f "$work/tmux.conf")
cleanup() {
	"${T[@]}" kill-server >/dev/null 2>&1 || true
	if [[ -n ${SNF_DEMO_KEEP:-} ]]; then say "kept $work (captures) and $state (rehearsal)"; else rm -rf "$work" "$state"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

printf 'set -g default-terminal "xterm-256color"\nset -g status off\nset -g history-limit 20000\nset -g remain-on-exit on\n' >"$work/tmux.conf"
# A plain bash (no ~/.bashrc) with a short prompt; the rehearsal's exit status goes to a file.
cat >"$work/bashrc" <<RC
PS1='\[\e[1;32m\]\$\[\e[0m\] '
unset HISTFILE
snf-upgrade() { env -u CI node "$repo/dist/cli.js" "\$@"; echo \$? >"$work/status"; }
RC
"${T[@]}" new-session -d -s demo -x "$cols" -y "$rows" -c "$repo" "bash --noprofile --rcfile '$work/bashrc' -i" \; set -g window-size manual

shown() { "${T[@]}" capture-pane -p -t demo; }
press() { "${T[@]}" send-keys -t demo "$@"; }
frames=0
# capture SECONDS: keep the screen on show as the next frame of the animation, shown that long.
capture() {
	frames=$((frames + 1))
	"${T[@]}" capture-pane -e -p -t demo >"$work/$(printf 'frame-%03d' "$frames").ans"
	printf '%s\n' "$1" >"$work/$(printf 'frame-%03d' "$frames").seconds"
}
# wanted SECTION LIST: whether the section is one of the words of LIST.
wanted() { [[ " $2 " == *" $1 "* ]]; }
# changed FROM TIMEOUT: waits until the screen on show is no longer FROM.
changed() {
	local end=$((SECONDS + $2))
	while [[ $(shown) == "$1" ]]; do
		((SECONDS < end)) || { say "the screen did not change in $2 s:"; shown >&2; exit 1; }
		sleep 0.1
	done
}
# settle: waits until the screen stays the same for half a second (a frame is complete), and prints it.
settle() {
	local last now
	last=$(shown)
	for _ in $(seq 1 100); do
		sleep 0.5
		now=$(shown)
		[[ $now == "$last" ]] && break
		last=$now
	done
	printf '%s' "$last"
}

sleep 0.5
"${T[@]}" send-keys -t demo -l "snf-upgrade rehearse --state-dir $state"
press Enter
say 'walking the wizard on a fresh sandbox (about 2 minutes)…'
deadline=$((SECONDS + 900))
seen_question=0 seen_preview='' seen_run=''
while :; do
	((SECONDS < deadline)) || { say 'the walk did not reach the summary in 15 minutes:'; shown >&2; exit 1; }
	screen=$(settle)
	section=$(grep -oE '^(Question [0-9]+ of [0-9]+ · |Preview · |Running )?[0-9](\.[0-9])? ' <<<"$screen" | head -n 1 | grep -oE '[0-9](\.[0-9])? $' | tr -d ' ' || true)
	if grep -qE '^❯ Resume at 0 ' <<<"$screen"; then
		# The welcome: the sections' states, and resume at section 0.
		capture 3
		press Enter
	elif grep -qE '^Summary$' <<<"$screen"; then
		capture 6
		press Enter
		break
	elif grep -qE 'Enter to the (questions|preview)' <<<"$screen"; then
		# The intros of a few sections.
		if wanted "$section" '0 2.1 2.3'; then capture 2.5; fi
		press Enter
	elif grep -qE '^Question [0-9]+ of [0-9]+ · ' <<<"$screen"; then
		# A few questions: the first one, and those of 2.3 (ASTAKOS_AUTH_URL derived from the base URL in force).
		if ((seen_question < 1)) || [[ $section == 2.3 ]]; then capture 2.5; fi
		seen_question=$((seen_question + 1))
		press Enter
	elif grep -qE '^Preview · ' <<<"$screen" && ! grep -q 'Reading the files' <<<"$screen"; then
		# The previews of section 0 (read-only commands) and 2.3 (a settings diff).
		if wanted "$section" '0 2.3' && [[ $seen_preview != *"[$section]"* ]]; then capture 3.5; fi
		seen_preview+="[$section]"
		press r
	else
		# A run (or a preview still reading): a frame of a few runs (2.1 fans out over 7 hosts, 2.2 answers
		# Django's question), then wait for the next screen.
		if grep -qE '^Running ' <<<"$screen" && wanted "$section" '2.1 2.2 5' && [[ $seen_run != *"[$section]"* ]]; then
			capture 2.5
			seen_run+="[$section]"
		fi
		changed "$screen" 300
		continue
	fi
	changed "$screen" 120
done

# The rehearsal verifies the sandbox once the wizard has ended.
end=$((SECONDS + 120))
until [[ -f $work/status ]]; do
	((SECONDS < end)) || { say 'the rehearsal did not end after the summary:'; shown >&2; exit 1; }
	sleep 0.2
done
if [[ $(cat "$work/status") != 0 ]]; then
	say "the rehearsal failed (exit $(cat "$work/status")); not drawing it. Last screen:"
	shown >&2
	exit 1
fi
capture 8
say "captured $frames frames"

mkdir -p "$media"
python3 "$media/svg-frames.py" "$cols" "$rows" 'snf-upgrade rehearse' "$media/demo.svg" "$work"/frame-*.ans
say "wrote media/demo.svg ($(($(stat -c %s "$media/demo.svg") / 1024)) KB)"
