#!/usr/bin/env bash
# Takes the README's screenshots of the real app into docs/screenshots/:
# the app runs under Xvfb with a throw-away HOME, is driven with xdotool and
# photographed with ImageMagick. Everything stays on loopback: the app's
# server is pre-set to "This computer only — 127.0.0.1" (its discovery
# beacon then goes to 127.0.0.1 only), and every other server and client is
# `socketlab serve/connect` on 127.0.0.1.
#
#   scripts/screenshots.sh            (or: make screenshots)
#
# Environment: BIN (default ./socketlab, built already), SHOTS_DISPLAY
# (default :89), OUT (default docs/screenshots), KEEP_WORK=1 keeps the temp
# directory (full-screen shots, logs) for debugging.
#
# The clicks are coordinates inside the 1100×720 window, which Xvfb without a
# window manager puts at 0,0; they were read off screenshots of this layout.
# After a layout change, run with KEEP_WORK=1 and look at the shots there.
set -Eeuo pipefail

cd "$(dirname "$0")/.."
BIN=${BIN:-./socketlab}
DISP=${SHOTS_DISPLAY:-:89}
OUT=${OUT:-docs/screenshots}
WIN_W=1100
WIN_H=720

die() {
	echo "screenshots: $*" >&2
	exit 1
}
trap 'echo "screenshots: failed at line $LINENO: $BASH_COMMAND" >&2' ERR

for tool in Xvfb xdotool import convert mkfifo; do
	command -v "$tool" >/dev/null || die "$tool is missing (make deps-shots)"
done
convert -version 2>/dev/null | grep -q ImageMagick || die "convert is not ImageMagick's (make deps-shots)"
[ -x "$BIN" ] || die "$BIN not found: build it first (make build)"
[ -r /proc/net/tcp ] || die "needs Linux (/proc/net/tcp)"
if [ -e "/tmp/.X${DISP#:}-lock" ]; then
	die "display $DISP is in use (/tmp/.X${DISP#:}-lock): stop what runs there or set SHOTS_DISPLAY=:N"
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/socketlab-shots.XXXXXX")
pids=()    # every process started here, killed in reverse order on exit
app=""     # the app's pid while it runs
app_log=""
xvfb=""
wid="" win_x=0 win_y=0 port="" calc_port="" man_port=""
cleanup() {
	local rc=$?
	set +e
	trap - ERR
	exec 3>&- 4>&-
	for ((i = ${#pids[@]} - 1; i >= 0; i--)); do
		kill "${pids[i]}" 2>/dev/null
	done
	for p in "${pids[@]}"; do
		wait "$p" 2>/dev/null
	done
	[ -n "$xvfb" ] && kill "$xvfb" 2>/dev/null && wait "$xvfb" 2>/dev/null
	if [ "$rc" -ne 0 ] && [ -s "$app_log" ]; then
		echo "screenshots: the app's last output ($app_log):" >&2
		tail -n 15 "$app_log" >&2
	fi
	if [ "${KEEP_WORK:-}" = 1 ]; then
		echo "screenshots: work files kept in $work"
	else
		rm -rf "$work"
	fi
	exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

export DISPLAY=$DISP
mkdir -p "$OUT"

# --- helpers -----------------------------------------------------------------

# is_local_port PORT: some TCP socket of this machine uses PORT.
is_local_port() {
	local hex
	hex=$(printf ':%04X' "$1")
	awk -v h="$hex" 'FNR > 1 && substr($2, length($2) - 4) == h { found = 1 } END { exit !found }' \
		/proc/net/tcp /proc/net/tcp6 2>/dev/null
}

# free_port: a TCP port nothing here uses, below Linux's ephemeral range.
free_port() {
	local p
	for _ in $(seq 100); do
		p=$((20000 + RANDOM % 12000))
		is_local_port "$p" || { echo "$p"; return; }
	done
	die "no free port found"
}

# listen_addrs PORT: the local addresses (hex, as in /proc/net/tcp*) that
# listen on PORT.
listen_addrs() {
	local hex
	hex=$(printf ':%04X' "$1")
	awk -v h="$hex" 'FNR > 1 && $4 == "0A" && substr($2, length($2) - 4) == h { print $2 }' \
		/proc/net/tcp /proc/net/tcp6 2>/dev/null
}

# wait_for FILE REGEX [COUNT] [SECONDS]: until FILE has COUNT lines matching.
wait_for() {
	local file=$1 re=$2 count=${3:-1} secs=${4:-10} n=0
	for _ in $(seq $((secs * 10))); do
		n=$(grep -cE -- "$re" "$file" 2>/dev/null || true)
		[ "${n:-0}" -ge "$count" ] && return 0
		sleep 0.1
	done
	die "waited ${secs}s for $count× /$re/ in $(basename "$file") (got ${n:-0}); it has:$(printf '\n'; tail -n 5 "$file")"
}

app_alive() {
	[ -n "$app" ] && kill -0 "$app" 2>/dev/null || die "the app has exited"
}

# click X Y: a left click at X,Y inside the window.
click() {
	app_alive
	xdotool mousemove --window "$wid" "$1" "$2" click 1
	sleep "${3:-0.3}"
}

# drag X1 Y1 X2 Y2: drag with the left button, in small steps (Fyne's split
# dividers follow the motion events).
drag() {
	app_alive
	xdotool mousemove --window "$wid" "$1" "$2" mousedown 1 sleep 0.2
	local steps=4 i
	for ((i = 1; i <= steps; i++)); do
		xdotool mousemove --window "$wid" $(($1 + ($3 - $1) * i / steps)) $(($2 + ($4 - $2) * i / steps)) sleep 0.05
	done
	xdotool mouseup 1
	sleep 0.4
}

# type_into X Y TEXT: click an entry, replace its text with TEXT.
type_into() {
	click "$1" "$2" 0.2
	xdotool key ctrl+a
	xdotool type --delay 30 "$3"
	sleep 0.2
}

# grab FILE: the whole screen, into the work directory.
grab() {
	app_alive
	import -window root "$work/$1"
}

# shot NAME: the window, as an 8-bit PNG without metadata, into $OUT. The
# window has a few hundred colours; without dithering, 256 keep the light
# greys of buttons and entries apart from the white background.
shot() {
	# Pointer on the empty part of the tab bar: nothing shows as hovered
	# (moving it off the window leaves the last button highlighted).
	xdotool mousemove --window "$wid" 700 20
	sleep 0.4
	grab "full-$1"
	convert "$work/full-$1" -crop "${WIN_W}x${WIN_H}+${win_x}+${win_y}" +repage \
		-strip +dither -colors 256 PNG8:"$OUT/$1"
	echo "screenshots: $OUT/$1"
}

# start_app THEME PORT: seed the preferences and open the window.
start_app() {
	local theme=$1 port=$2 home="$work/home-$1"
	local prefs="$home/.config/fyne/io.github.socketlab.socketlab"
	app_log="$work/app-$1.log"
	mkdir -p "$prefs" "$home/.cache" "$work/run-$1"
	chmod 700 "$work/run-$1"
	# The Server tab: guess on loopback at PORT; the Client tab: the guess
	# panel, aimed at it. Fyne keeps preferences as JSON in
	# $XDG_CONFIG_HOME/fyne/<app id>/preferences.json (XDG_CONFIG_HOME
	# defaults to ~/.config).
	cat >"$prefs/preferences.json" <<-EOF
		{
		  "window.width": $WIN_W,
		  "window.height": $WIN_H,
		  "server.demo": "guess",
		  "server.interface": "loopback",
		  "server.port": $port,
		  "server.transport": "TCP",
		  "server.announce": true,
		  "client.host": "127.0.0.1",
		  "client.port": "$port",
		  "client.transport": "tcp",
		  "client.panel": "guess"
		}
	EOF
	env -u XDG_CONFIG_HOME -u XDG_CACHE_HOME -u XDG_DATA_HOME -u DBUS_SESSION_BUS_ADDRESS \
		-u FYNE_SCALE -u WAYLAND_DISPLAY \
		HOME="$home" XDG_RUNTIME_DIR="$work/run-$1" LANG=C.UTF-8 LC_ALL=C.UTF-8 \
		FYNE_THEME="$theme" FYNE_SCALE=1 \
		"$BIN" >"$app_log" 2>&1 3>&- 4>&- &
	app=$!
	pids+=("$app")
	wid=$(timeout 30 xdotool search --sync --name '^Socket Lab$' | head -n 1) || true
	[ -n "$wid" ] || die "no Socket Lab window after 30 s"
	sleep 1.5 # the first frames
	eval "$(xdotool getwindowgeometry --shell "$wid")"
	win_x=$X win_y=$Y
	[ "$WIDTH" = "$WIN_W" ] && [ "$HEIGHT" = "$WIN_H" ] ||
		die "the window is ${WIDTH}x${HEIGHT}, not ${WIN_W}x${WIN_H}: the clicks would miss"
	[ "$X" = 0 ] && [ "$Y" = 0 ] || die "the window is at $X,$Y, not 0,0 (a window manager on $DISP?)"
}

stop_app() {
	kill "$app" 2>/dev/null || true
	wait "$app" 2>/dev/null || true
	local keep=() p
	for p in "${pids[@]}"; do
		[ "$p" = "$app" ] || keep+=("$p")
	done
	pids=("${keep[@]}")
	app=""
}

# start_server PORT: press Start server, then make sure the app listens on
# 127.0.0.1:PORT and nowhere else.
start_server() {
	grab "before-start-$1.png" # what the Server tab showed (KEEP_WORK=1 to see it)
	click 142 655 # Start server
	for _ in $(seq 50); do
		[ -n "$(listen_addrs "$1")" ] && break
		sleep 0.1
	done
	local addrs
	addrs=$(listen_addrs "$1" | sort -u | tr '\n' ' ')
	[ "$addrs" = "0100007F:$(printf '%04X' "$1") " ] ||
		die "the app's server should listen on 127.0.0.1:$1 only, but listens on: ${addrs:-nothing}"
	sleep 1 # the banner and the first log rows
}

# reply_kind: the guess panel's big reply, told apart by its width on the
# screen (the words differ in length): low, high, found or unknown.
reply_kind() {
	grab reply.png
	local w
	w=$(convert "$work/reply.png" -crop "440x44+$((win_x + 12))+$((win_y + 443))" +repage \
		-fuzz 10% -trim -format '%w' info: 2>/dev/null || echo 0)
	if [ "$w" -ge 150 ]; then
		echo found
	elif [ "$w" -ge 94 ] && [ "$w" -le 140 ]; then
		echo high
	elif [ "$w" -ge 80 ] && [ "$w" -lt 94 ]; then
		echo low
	else
		echo unknown
	fi
}

# Where the guess panel's number buttons are (0–4 on the first row).
guess_button() {
	local n=$1
	echo $((51 + (n % 5) * 91)) $((320 + (n / 5) * 52))
}

# play_guess: press two numbers as a player would: the middle one, then
# the middle of what the reply left (or of 0–9 again after a found secret).
play_guess() {
	local lo=0 hi=9 g kind
	for _ in 1 2; do
		g=$(((lo + hi) / 2))
		# shellcheck disable=SC2046
		click $(guess_button "$g") 0.7
		kind=$(reply_kind)
		case $kind in
		low) lo=$((g + 1)) ;;
		high) hi=$((g - 1)) ;;
		found) lo=0 hi=9 ;; # a new round, with a new secret
		*) echo "screenshots: note: could not read the guess reply (its width on screen changed?)" >&2 ;;
		esac
	done
}

# start_headless VAR DEMO OUTFILE: `socketlab serve` on 127.0.0.1, on a
# port the system picks; sets VAR to that port.
start_headless() {
	"$BIN" serve --demo "$2" --addr 127.0.0.1:0 >"$3" 2>&1 3>&- 4>&- &
	pids+=($!)
	wait_for "$3" '^listening on 127\.0\.0\.1:[0-9]+$' 1 10
	printf -v "$1" '%s' "$(sed -n 's/^listening on 127\.0\.0\.1:\([0-9]*\)$/\1/p' "$3")"
}

# Client tab controls, while disconnected.
client_connect() { click 899 66 0.8; }
client_disconnect() { click 889 66 0.5; }
client_port() { type_into 660 66 "$1"; }
client_clear() { click 965 278 0.2; }
# client_demo Y: open the Demo picker and choose the entry at Y.
client_demo() {
	click 255 154 0.5
	click 100 "$1" 0.5
}
DEMO_CALC_Y=383
DEMO_MANCALA_Y=500

# guess_scene THEME: opens the app on a free port, starts its guess server
# on loopback, connects the Client tab to it and plays two guesses; the app
# is left on the Client tab.
guess_scene() {
	local theme=$1
	port=$(free_port)
	start_app "$theme" "$port"
	start_server "$port"

	click 97 21 0.5 # Client tab
	client_connect
	play_guess
	sleep 0.3
}

# guess_headless THEME: a second player, `socketlab connect` fed through a
# fifo that stays open; then the Server tab, with both clients listed.
guess_headless() {
	mkfifo "$work/guess-$1.fifo"
	"$BIN" connect "127.0.0.1:$port" <"$work/guess-$1.fifo" >"$work/guess-client-$1.out" 2>&1 4>&- &
	pids+=($!)
	exec 3>"$work/guess-$1.fifo" # kept open: the client stays connected
	local n=0
	for g in 5 7 8 6; do
		echo "$g" >&3
		n=$((n + 1))
		wait_for "$work/guess-client-$1.out" '(too|found)' "$n" 5
		sleep 0.3
		# A found secret starts a new round; enough is enough.
		grep -q found "$work/guess-client-$1.out" && [ "$n" -ge 3 ] && break
	done
	click 34 21 0.5      # Server tab
	drag 826 440 826 470 # a little more room for the clients list
	sleep 0.3
}

# --- Xvfb ----------------------------------------------------------------------

Xvfb "$DISP" -screen 0 1280x800x24 -nolisten tcp >"$work/xvfb.log" 2>&1 &
xvfb=$!
for _ in $(seq 50); do
	xdotool getmouselocation >/dev/null 2>&1 && break
	kill -0 "$xvfb" 2>/dev/null || die "Xvfb did not start: $(cat "$work/xvfb.log")"
	sleep 0.1
done
xdotool getmouselocation >/dev/null 2>&1 || die "Xvfb on $DISP does not answer"

# --- light theme: every screenshot but the dark one -------------------------

guess_scene light
shot client-guess.png

click 165 21 0.8 # Lessons tab
shot lessons.png

guess_headless light
shot server-guess.png

click 973 71 2 # Can my partner reach me?
shot reach.png
click 549 483 0.4 # Close

# calc on a second loopback server, with the transcript in hex.
start_headless calc_port calc "$work/calc.out"
click 97 21 0.5 # Client tab
client_disconnect
client_demo "$DEMO_CALC_Y"
client_port "$calc_port"
client_clear
client_connect
wait_for "$work/calc.out" ' accepted$' 1 5
for key in "176 494" "405 494" "291 494" "405 414" "62 454" "348 534"; do # 2 + 3 * 4 =
	# shellcheck disable=SC2086
	click $key 0.15
done
wait_for "$work/calc.out" ' sent [0-9]+ B:' 1 5
n=1
for expr in '7/0' '2**100' '(1.5+2)**2'; do
	type_into 234 294 "$expr"
	xdotool key Return
	n=$((n + 1))
	wait_for "$work/calc.out" ' sent [0-9]+ B:' "$n" 5
done
click 798 278 0.5 # Hex
click 700 20 0.2  # empty tab bar: takes the focus ring off the Hex check
shot client-calc.png
click 798 278 0.2 # Hex off again

# mancala: the app moves first, `socketlab connect` is the other player.
start_headless man_port mancala "$work/mancala.out"
client_disconnect
client_demo "$DEMO_MANCALA_Y"
client_port "$man_port"
client_clear
client_connect
wait_for "$work/mancala.out" '#1 .* accepted$' 1 5
mkfifo "$work/mancala.fifo"
"$BIN" connect "127.0.0.1:$man_port" <"$work/mancala.fifo" >"$work/mancala-client.out" 2>&1 3>&- &
pids+=($!)
exec 4>"$work/mancala.fifo"
wait_for "$work/mancala-client.out" '^matched with' 1 5
sleep 0.5
pit() { echo $((113 + ($1 - 1) * 48)) 413; }
# shellcheck disable=SC2046
click $(pit 3) 0.2 # 4 stones: the last lands in the store, move again
wait_for "$work/mancala.out" '#1 .* sent .*your turn' 2 5
sleep 0.4 # the board takes the move
# shellcheck disable=SC2046
click $(pit 6) 0.2
wait_for "$work/mancala.out" '#1 .* received' 2 5
echo 2 >&4 # their pit 2: into their store, they move again
wait_for "$work/mancala.out" '#2 .* received' 1 5
sleep 0.4
echo 1 >&4
wait_for "$work/mancala.out" '#1 .* sent .*your turn' 3 5
sleep 0.5
shot mancala.png

stop_app
exec 3>&- 4>&-

# --- dark theme: the Server tab again ----------------------------------------

guess_scene dark
guess_headless dark
shot server-guess-dark.png
stop_app

echo "screenshots: done; in $OUT:"
ls -l "$OUT"
