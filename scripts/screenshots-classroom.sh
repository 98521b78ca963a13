#!/usr/bin/env bash
# The README's pair-exercise pictures between two "laptops": the teacher's
# app and a student's app, each in a network namespace of the simulated
# classroom (scripts/classroom-net.sh), as two windows on one Xvfb (X is
# reached through its unix socket in /tmp/.X11-unix, which namespaces share:
# they only separate the network). The teacher's firewall drops the guess
# port for the LAN, and each window shows its reachability findings:
#
#   docs/screenshots/pair-teacher.png   Server tab on 10.199.1.1, "Can my partner reach me?"
#   docs/screenshots/pair-student.png   Client tab on 10.199.1.11, "Can I reach it?"
#
#   sudo make screenshots-classroom   (needs root, for the namespaces)
#
# Every address used is one of the test network's own. Environment: BIN
# (the app built with the screenshots tag, default ./socketlab-shots), OUT
# (default docs/screenshots), SHOTS_DISPLAY (default :88), KEEP_WORK=1.
set -Eeuo pipefail

cd "$(dirname "$0")/.."
BIN=$(realpath "${BIN:-./socketlab-shots}")
DISP=${SHOTS_DISPLAY:-:88}
OUT=${OUT:-docs/screenshots}
PORT=11267 # guess's classic port
SCREEN_W=2240 SCREEN_H=780

die() {
	echo "screenshots-classroom: $*" >&2
	exit 1
}
trap 'echo "screenshots-classroom: failed at line $LINENO: $BASH_COMMAND" >&2' ERR

for tool in Xvfb xdotool import convert mkfifo ip iptables; do
	command -v "$tool" >/dev/null || die "$tool is missing (make deps-shots deps-test)"
done
[ "$(id -u)" -eq 0 ] || die "needs root to make network namespaces (sudo make screenshots-classroom)"
[ -x "$BIN" ] || die "$BIN not found: make screenshots-classroom builds it"
[ ! -e "/tmp/.X${DISP#:}-lock" ] || die "display $DISP is in use: set SHOTS_DISPLAY=:N"

id=$(od -An -N3 -tx1 /dev/urandom | tr -d ' \n')
work=$(mktemp -d "${TMPDIR:-/tmp}/socketlab-pair.XXXXXX")
pids=() xvfb=""
declare -A ctl_in ctl_out wid
cleanup() {
	local rc=$?
	set +e
	trap - ERR
	for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done
	for p in "${pids[@]}"; do wait "$p" 2>/dev/null; done
	[ -n "$xvfb" ] && kill "$xvfb" 2>/dev/null && wait "$xvfb" 2>/dev/null
	bash scripts/classroom-net.sh down "$id"
	if [ "$rc" -ne 0 ]; then tail -n 15 "$work"/app-*.log >&2 2>/dev/null; fi
	if [ "${KEEP_WORK:-}" = 1 ]; then echo "screenshots-classroom: work files kept in $work"; else rm -rf "$work"; fi
	exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

bash scripts/classroom-net.sh up "$id"
ns() { echo "slc-$id-$1"; }

Xvfb "$DISP" -screen 0 "${SCREEN_W}x${SCREEN_H}x24" -nolisten tcp >"$work/xvfb.log" 2>&1 &
xvfb=$!
export DISPLAY=$DISP
for _ in $(seq 50); do
	xdotool getmouselocation >/dev/null 2>&1 && break
	sleep 0.1
done
xdotool getmouselocation >/dev/null 2>&1 || die "Xvfb on $DISP does not answer: $(cat "$work/xvfb.log")"
xdotool mousemove "$((SCREEN_W - 1))" "$((SCREEN_H - 1))"

# start_app WHO HOST X PREFS: the app on HOST (a namespace), its window at
# X, with preferences PREFS, driven through its screenshots hook (see
# scripts/screenshots.sh and app/shots_commands.go).
start_app() {
	local who=$1 host=$2 x=$3 prefs=$4 home="$work/home-$1" ctl="$work/ctl-$1"
	mkdir -p "$home/.config/fyne/io.github.socketlab.socketlab" "$home/.cache" "$work/run-$who" "$ctl"
	chmod 700 "$work/run-$who" "$ctl"
	printf '%s\n' "$prefs" >"$home/.config/fyne/io.github.socketlab.socketlab/preferences.json"
	mkfifo "$ctl/in" "$ctl/out"
	local fin fout
	exec {fin}<>"$ctl/in" {fout}<>"$ctl/out"
	ctl_in[$who]=$fin ctl_out[$who]=$fout
	ip netns exec "$(ns "$host")" env -u XDG_CONFIG_HOME -u XDG_CACHE_HOME -u XDG_DATA_HOME \
		-u DBUS_SESSION_BUS_ADDRESS -u WAYLAND_DISPLAY \
		HOME="$home" XDG_RUNTIME_DIR="$work/run-$who" LANG=C.UTF-8 LC_ALL=C.UTF-8 \
		FYNE_THEME=light SOCKETLAB_SHOTS_CTL="$ctl" DISPLAY="$DISP" \
		"$BIN" >"$work/app-$who.log" 2>&1 {fin}>&- {fout}>&- &
	pids+=($!)
	local pid=$!
	local w=""
	for _ in $(seq 300); do
		w=$(xdotool search --all --pid "$pid" --name '^Socket Lab$' 2>/dev/null | head -n 1) && [ -n "$w" ] && break
		kill -0 "$pid" 2>/dev/null || die "the $who's app exited: $(tail -n 5 "$work/app-$who.log")"
		sleep 0.1
	done
	[ -n "$w" ] || die "no window for the $who's app after 30 s"
	wid[$who]=$w
	xdotool windowmove "$w" "$x" 0
	ctl "$who" names
	sleep 1
}

# ctl WHO COMMAND...: one command to WHO's app; dies unless it says ok.
ctl() {
	local who=$1 answer=""
	shift
	printf '%s\n' "$*" >&"${ctl_in[$who]}"
	IFS= read -r -t 120 -u "${ctl_out[$who]}" answer || die "no answer from the $who's app to '$*'"
	case $answer in
	ok | "ok "*) ;;
	*) die "the $who's app says to '$*': $answer" ;;
	esac
}

# shot WHO FILE: WHO's window, raised, as an 8-bit PNG (as screenshots.sh).
shot() {
	xdotool windowraise "${wid[$1]}"
	sleep 0.8
	eval "$(xdotool getwindowgeometry --shell "${wid[$1]}")"
	local w=$((X + WIDTH > SCREEN_W ? SCREEN_W - X : WIDTH)) h=$((Y + HEIGHT > SCREEN_H ? SCREEN_H - Y : HEIGHT))
	import -window root "$work/full-$2"
	convert "$work/full-$2" -crop "${w}x${h}+${X}+${Y}" +repage -strip +dither -colors 256 PNG8:"$OUT/$2"
	echo "screenshots-classroom: $OUT/$2 (${w}×${h})"
}

mkdir -p "$OUT"

# The teacher's firewall drops the guess port for the LAN (not for the
# teacher's own computer), as a Windows firewall whose prompt was missed.
ip netns exec "$(ns teacher)" iptables -A INPUT -i eth0 -p tcp --dport "$PORT" -j DROP

start_app teacher teacher 0 '{"server.demo": "guess", "server.interface": "eth0|10.199.1.1", "server.port": '"$PORT"', "server.transport": "TCP", "server.announce": true}'
ctl teacher tab server
ctl teacher select server.interface "eth0|10.199.1.1"
ctl teacher tap server.start
ctl teacher wait server.status 10 '^Running'

start_app student s1 1120 '{"client.host": "10.199.1.1", "client.port": "'"$PORT"'", "client.transport": "tcp", "client.panel": "guess"}'
ctl student tab client
ctl student type client.host 10.199.1.1
ctl student type client.port "$PORT"
ctl student tap client.connect
ctl student wait client.status 20 '(timed out|rror|failed)'
ctl student tap client.check
ctl student wait client.check 30 '^Can I reach it' # the check is done: its dialog is up
ctl student dialog wait 30
shot student pair-student.png

ctl teacher tap server.reach
ctl teacher dialog wait 30
shot teacher pair-teacher.png
