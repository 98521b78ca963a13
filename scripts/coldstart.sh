#!/usr/bin/env bash
# Cold start of the real app to its first window, under Xvfb: the time from
# exec to the moment X reports a mapped "Socket Lab" window (Fyne maps the
# window when its first frame is ready). Prints each run and the median.
#   scripts/coldstart.sh [BINARY] [RUNS]
set -euo pipefail
bin=${1:-./socketlab}
runs=${2:-7}
display=:88
for tool in Xvfb xdotool; do
	command -v "$tool" >/dev/null || { echo "coldstart: $tool missing (make deps-shots)" >&2; exit 1; }
done
home=$(mktemp -d)
Xvfb "$display" -screen 0 1280x800x24 >/dev/null 2>&1 &
xvfb=$!
app=""
cleanup() {
	[ -n "$app" ] && kill "$app" 2>/dev/null || true
	kill "$xvfb" 2>/dev/null || true
	rm -rf "$home"
}
trap cleanup EXIT
sleep 1
times=()
for i in $(seq "$runs"); do
	start=$(date +%s%N)
	DISPLAY=$display LANG=C.UTF-8 HOME=$home "$bin" >/dev/null 2>&1 &
	app=$!
	until DISPLAY=$display xdotool search --onlyvisible --name '^Socket Lab$' >/dev/null 2>&1; do
		kill -0 "$app" 2>/dev/null || { echo "coldstart: the app exited" >&2; exit 1; }
		sleep 0.01
		if [ $(( ($(date +%s%N) - start) / 1000000 )) -gt 30000 ]; then echo "coldstart: no window after 30 s" >&2; exit 1; fi
	done
	ms=$(( ($(date +%s%N) - start) / 1000000 ))
	times+=("$ms")
	echo "run $i: ${ms} ms"
	kill "$app"; wait "$app" 2>/dev/null || true
	app=""
done
median=$(printf '%s\n' "${times[@]}" | sort -n | sed -n "$(( (runs + 1) / 2 ))p")
echo "cold start to first window: median ${median} ms over ${runs} runs"
