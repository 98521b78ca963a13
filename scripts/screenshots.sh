#!/usr/bin/env bash
# Takes the README's screenshots of the real app into docs/screenshots/:
# the app runs under Xvfb with a throw-away HOME, is driven through its
# screenshots hook and photographed with ImageMagick. Everything stays on
# loopback: the app's server is pre-set to "This computer only — 127.0.0.1"
# (its discovery beacon then goes to 127.0.0.1 only, and the script stops if
# it listens anywhere else), and every other server and client is
# `socketlab serve/connect` on 127.0.0.1.
#
#   scripts/screenshots.sh            (or: make screenshots)
#
# The app must be built with the screenshots tag (make screenshots does:
# go build -tags screenshots,migrated_fynedo -o socketlab-shots .). That
# build reads commands such as "tap server.start" or "select client.demo
# calc" from a fifo and answers each when the UI has done it
# (app/shots_commands.go lists them, app/shots_hook.go names the widgets).
# Nothing here knows where a widget is on the screen, so a layout change or
# a translation cannot make it click the wrong thing; a renamed widget
# fails `make test` (app/shots_hook_test.go).
#
# Environment:
#   BIN            the app built with the screenshots tag (default ./socketlab-shots)
#   OUT            where the PNGs go (default docs/screenshots)
#   SHOTS_DISPLAY  the Xvfb display (default :89)
#   SHOTS_SCREEN   the virtual screen, WIDTHxHEIGHT (default 1280x800), e.g.
#                  1024x600 for a small laptop
#   FYNE_SCALE     the app's scale (default 1), e.g. 1.5
#   KEEP_WORK=1    keep the temp directory (full-screen shots, logs)
#   SHOTS_LANGS=1  only the languages' shots: lang-zh-Hans-server.png and
#                  lang-fr-server.png (the system locale set to each)
#   SHOTS_FIT=1    only the "does it fit" pair: fit-WxH[-SCALE%]-client.png
#                  and fit-WxH[-SCALE%]-server.png (make screenshots-fit
#                  takes them at 1024x600, 1366x768 at 150 % and 1920x1080)
#
# The shots are the window at whatever size it opens (1100×720, or less to
# fit the screen), cropped to the part on the screen.
set -Eeuo pipefail

cd "$(dirname "$0")/.."
BIN=${BIN:-./socketlab-shots}
DISP=${SHOTS_DISPLAY:-:89}
OUT=${OUT:-docs/screenshots}
SCREEN=${SHOTS_SCREEN:-1280x800}
SCALE=${FYNE_SCALE:-1}

die() {
	echo "screenshots: $*" >&2
	exit 1
}
trap 'echo "screenshots: failed at line $LINENO: $BASH_COMMAND" >&2' ERR

for tool in Xvfb xdotool import convert mkfifo; do
	command -v "$tool" >/dev/null || die "$tool is missing (make deps-shots)"
done
convert -version 2>/dev/null | grep -q ImageMagick || die "convert is not ImageMagick's (make deps-shots)"
[ -x "$BIN" ] || die "$BIN not found: build it first (make screenshots builds it)"
[ -r /proc/net/tcp ] || die "needs Linux (/proc/net/tcp)"
[[ $SCREEN =~ ^([0-9]+)x([0-9]+)$ ]] || die "SHOTS_SCREEN is WIDTHxHEIGHT, not $SCREEN"
SCREEN_W=${BASH_REMATCH[1]} SCREEN_H=${BASH_REMATCH[2]}
[[ $SCALE =~ ^[0-9]+(\.[0-9]+)?$ ]] || die "FYNE_SCALE is a number, not $SCALE"
if [ -e "/tmp/.X${DISP#:}-lock" ]; then
	die "display $DISP is in use (/tmp/.X${DISP#:}-lock): stop what runs there or set SHOTS_DISPLAY=:N"
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/socketlab-shots.XXXXXX")
pids=()   # every process started here, killed in reverse order on exit
app=""    # the app's pid while it runs
app_log=""
xvfb=""
ctl_in="" ctl_out="" # the fds of the app's command and reply fifos
CTL_TEXT=""          # the text of the last answer ("ok TEXT")
wid="" port="" calc_port="" man_port="" stamp_port="" echo_port=""
cleanup() {
	local rc=$?
	set +e
	trap - ERR
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

# ctl COMMAND...: one command to the app's screenshots hook; dies unless
# the answer is ok. CTL_TEXT is the answer's text ("ok TEXT").
ctl() {
	app_alive
	printf '%s\n' "$*" >&"$ctl_in"
	local answer="" got=""
	# Commands that wait take at most a few seconds more than they say.
	for _ in $(seq 120); do
		if IFS= read -r -t 1 -u "$ctl_out" answer; then
			got=1
			break
		fi
		app_alive
	done
	[ -n "$got" ] || die "no answer to '$*' in 2 minutes (was $BIN built with -tags screenshots?)"
	case $answer in
	ok | "ok "*) CTL_TEXT=${answer#ok} CTL_TEXT=${CTL_TEXT# } ;;
	*) die "the app says to '$*': $answer" ;;
	esac
}

# grab FILE: the whole screen, into the work directory.
grab() {
	app_alive
	import -window root "$work/$1"
}

# shot NAME: the window (the part of it on the screen), as an 8-bit PNG
# without metadata, into $OUT. The window has a few hundred colours;
# without dithering, 256 keep the light greys of buttons and entries apart
# from the white background.
shot() {
	sleep 0.6 # the last change reaches the screen
	eval "$(xdotool getwindowgeometry --shell "$wid")"
	local x=$((X < 0 ? 0 : X)) y=$((Y < 0 ? 0 : Y))
	local w=$((X + WIDTH > SCREEN_W ? SCREEN_W - x : X + WIDTH - x))
	local h=$((Y + HEIGHT > SCREEN_H ? SCREEN_H - y : Y + HEIGHT - y))
	[ "$w" -gt 0 ] && [ "$h" -gt 0 ] || die "the window ($WIDTH×$HEIGHT at $X,$Y) is off the $SCREEN screen"
	grab "full-$1"
	convert "$work/full-$1" -crop "${w}x${h}+${x}+${y}" +repage \
		-strip +dither -colors 256 PNG8:"$OUT/$1"
	echo "screenshots: $OUT/$1 (${w}×${h})"
}

# start_app THEME PORT [NAME LOCALE]: seed the preferences, open the
# window, connect to its hook. NAME (default THEME) names its home and
# fifos; LOCALE (default C.UTF-8, English) is its LANG and LC_ALL, which
# the app follows as it would a user's system language.
start_app() {
	local theme=$1 port=$2 name=${3:-$1} locale=${4:-C.UTF-8}
	local home="$work/home-$name" ctl="$work/ctl-$name"
	local prefs="$home/.config/fyne/io.github.socketlab.socketlab"
	app_log="$work/app-$name.log"
	mkdir -p "$prefs" "$home/.cache" "$work/run-$name" "$ctl"
	chmod 700 "$work/run-$name" "$ctl"
	# The Server tab: guess from 1 to 20 (not the default 0 to 9, so the
	# shots show the range reaching both tabs) on loopback at PORT; the
	# Client tab: the guess panel, set to the same range, aimed at it. Fyne keeps preferences as JSON in
	# $XDG_CONFIG_HOME/fyne/<app id>/preferences.json (XDG_CONFIG_HOME
	# defaults to ~/.config).
	cat >"$prefs/preferences.json" <<-EOF
		{
		  "server.demo": "guess",
		  "server.interface": "loopback",
		  "server.port": $port,
		  "server.transport": "TCP",
		  "server.announce": true,
		  "server.setting.guess.min": "1",
		  "server.setting.guess.max": "20",
		  "client.guess.min": "1",
		  "client.guess.max": "20",
		  "client.host": "127.0.0.1",
		  "client.port": "$port",
		  "client.transport": "tcp",
		  "client.panel": "guess"
		}
	EOF
	# Both fifos are held open read-write here, so neither side's open
	# blocks and a reply is never lost to a closed reader.
	mkfifo "$ctl/in" "$ctl/out"
	exec {ctl_in}<>"$ctl/in" {ctl_out}<>"$ctl/out"
	env -u XDG_CONFIG_HOME -u XDG_CACHE_HOME -u XDG_DATA_HOME -u DBUS_SESSION_BUS_ADDRESS \
		-u WAYLAND_DISPLAY \
		-u LANGUAGE -u LC_MESSAGES \
		HOME="$home" XDG_RUNTIME_DIR="$work/run-$name" LANG="$locale" LC_ALL="$locale" \
		FYNE_THEME="$theme" FYNE_SCALE="$SCALE" SOCKETLAB_SHOTS_CTL="$ctl" \
		"$BIN" >"$app_log" 2>&1 {ctl_in}>&- {ctl_out}>&- &
	app=$!
	pids+=("$app")
	wid=$(timeout 30 xdotool search --sync --name '^Socket Lab$' | head -n 1) || true
	[ -n "$wid" ] || die "no Socket Lab window after 30 s"
	ctl names # the UI goroutine runs, and the hook answers
	sleep 1   # the first frames
}

stop_app() {
	kill "$app" 2>/dev/null || true
	wait "$app" 2>/dev/null || true
	exec {ctl_in}>&- {ctl_out}>&-
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
	ctl tab server
	grab "before-start-$1.png" # what the Server tab showed (KEEP_WORK=1 to see it)
	ctl tap server.start
	ctl wait server.status 10 '^Running'
	local addrs
	addrs=$(listen_addrs "$1" | sort -u | tr '\n' ' ')
	[ "$addrs" = "0100007F:$(printf '%04X' "$1") " ] ||
		die "the app's server should listen on 127.0.0.1:$1 only, but listens on: ${addrs:-nothing}"
	sleep 1 # the banner and the first log rows
}

# play_guess: press numbers as a player would: the middle one, then the
# middle of what the reply left (or of 1–20 again after a found secret);
# two at least, and on until the reply is "too low" or "too high", as the
# README's caption says.
play_guess() {
	local lo=1 hi=20 g n reply="" tries=0
	while [ "$tries" -lt 2 ] || [ "$reply" = "found the secret" ]; do
		[ "$tries" -lt 10 ] || die "ten guesses and the last one found the secret"
		tries=$((tries + 1))
		g=$(((lo + hi) / 2))
		ctl text client.guess.history
		n=$CTL_TEXT
		ctl tap "client.guess.$g"
		ctl wait client.guess.history 10 "^$((n + 1))\$" # the reply came
		ctl text client.guess.reply
		reply=$CTL_TEXT
		case $reply in
		"too low") lo=$((g + 1)) ;;
		"too high") hi=$((g - 1)) ;;
		"found the secret") lo=1 hi=20 ;; # a new round, with a new secret
		*) die "the guess server answered '$reply'" ;;
		esac
	done
}

# start_headless VAR DEMO OUTFILE [FLAGS...]: `socketlab serve` on
# 127.0.0.1, on a port the system picks; sets VAR to that port.
start_headless() {
	local var=$1 demo=$2 out=$3
	shift 3
	"$BIN" serve --demo "$demo" --addr 127.0.0.1:0 "$@" >"$out" 2>&1 &
	pids+=($!)
	wait_for "$out" '^listening on 127\.0\.0\.1:[0-9]+$' 1 10
	printf -v "$var" '%s' "$(sed -n 's/^listening on 127\.0\.0\.1:\([0-9]*\)$/\1/p' "$out")"
}

# start_player FDVAR NAME PORT: `socketlab connect` to 127.0.0.1:PORT, fed
# through a fifo held open here (so it stays connected); FDVAR gets the fd
# to write its lines to, and its output goes to $work/NAME.out.
start_player() {
	local fifo="$work/$2.fifo" player_fd
	mkfifo "$fifo"
	exec {player_fd}<>"$fifo"
	printf -v "$1" '%s' "$player_fd"
	"$BIN" connect "127.0.0.1:$3" <"$fifo" >"$work/$2.out" 2>&1 &
	pids+=($!)
}

# client_connect_to PORT: the Client tab, disconnected first if need be,
# connected to 127.0.0.1:PORT.
client_connect_to() {
	ctl tab client
	ctl text client.connect
	if [ "$CTL_TEXT" = Disconnect ]; then
		ctl tap client.connect
		ctl wait client.status 10 '^disconnected'
	fi
	ctl type client.host 127.0.0.1
	ctl type client.port "$1"
	ctl tap client.connect
	ctl wait client.status 10 '^connected'
}

# guess_scene THEME: opens the app on a free port, starts its guess server
# on loopback, connects the Client tab to it and plays two guesses; the app
# is left on the Client tab.
guess_scene() {
	port=$(free_port)
	start_app "$1" "$port"
	start_server "$port"
	client_connect_to "$port"
	play_guess
}

# guess_headless THEME: a second player, `socketlab connect`; then the
# Server tab, with both clients listed.
guess_headless() {
	local fd n=0
	start_player fd "guess-client-$1" "$port"
	for g in 5 7 8 6; do
		echo "$g" >&"$fd"
		n=$((n + 1))
		wait_for "$work/guess-client-$1.out" '(too|found)' "$n" 5
		sleep 0.3
		# A found secret starts a new round; enough is enough.
		grep -q found "$work/guess-client-$1.out" && [ "$n" -ge 3 ] && break
	done
	ctl tab server
	ctl wait server.clients 10 '\(2\)'
	ctl split server.monitor 0.5 # more room for the clients list
}

# lang_shots: the window as a Chinese and a French system open it, on the
# password demo so that netcore's texts show translated too (its title,
# description, setting labels and help). The tabs, menus, About dialog and
# netcore's texts are translated so far (the rest of the app's own texts
# follow once the other open issues' texts are in): the shots show that the
# system's language is followed and that Chinese has a font (the system's:
# fonts-noto-cjk here, which make deps-shots installs).
lang_shots() {
	local lang
	for lang in zh-Hans:zh_CN.UTF-8 fr:fr_FR.UTF-8; do
		start_app light "$(free_port)" "lang-${lang%%:*}" "${lang#*:}"
		ctl tab server
		ctl select server.demo password
		shot "lang-${lang%%:*}-server.png"
		stop_app
	done
}

# --- Xvfb ----------------------------------------------------------------------

Xvfb "$DISP" -screen 0 "${SCREEN}x24" -nolisten tcp >"$work/xvfb.log" 2>&1 &
xvfb=$!
for _ in $(seq 50); do
	xdotool getmouselocation >/dev/null 2>&1 && break
	kill -0 "$xvfb" 2>/dev/null || die "Xvfb did not start: $(cat "$work/xvfb.log")"
	sleep 0.1
done
xdotool getmouselocation >/dev/null 2>&1 || die "Xvfb on $DISP does not answer"
# The pointer in a corner, away from the window (when the screen is larger):
# nothing shows as hovered.
xdotool mousemove "$((SCREEN_W - 1))" "$((SCREEN_H - 1))"

# --- fit: the window as it opens on this screen -------------------------------

if [ "${SHOTS_FIT:-}" = 1 ]; then
	fit="fit-$SCREEN"
	if [ "$SCALE" != 1 ]; then
		fit="$fit-$(awk -v s="$SCALE" 'BEGIN { printf "%d", s * 100 + 0.5 }')"
	fi
	guess_scene light
	shot "$fit-client.png"
	guess_headless light
	shot "$fit-server.png"
	stop_app
	echo "screenshots: done"
	exit 0
fi

if [ "${SHOTS_LANGS:-}" = 1 ]; then
	lang_shots
	echo "screenshots: done"
	exit 0
fi

# --- light theme: every screenshot but the dark ones ------------------------

guess_scene light
shot client-guess.png

ctl tab lessons
shot lessons.png

guess_headless light
shot server-guess.png

ctl tap server.reach
ctl dialog wait 30
shot reach.png
ctl dialog close

# calc on a second loopback server, with the transcript in hex.
start_headless calc_port calc "$work/calc.out"
ctl tab client
ctl tap client.connect # Disconnect
ctl wait client.status 10 '^disconnected'
ctl select client.demo calc
ctl tap client.clear
client_connect_to "$calc_port"
wait_for "$work/calc.out" ' accepted$' 1 5
for key in 2 + 3 '*' 4 =; do
	ctl tap "client.calc.key.$key"
done
wait_for "$work/calc.out" ' sent [0-9]+ B:' 1 5
n=1
for expr in '7/0' '2**100' '(1.5+2)**2'; do
	ctl type client.calc.expr "$expr"
	ctl submit client.calc.expr
	n=$((n + 1))
	wait_for "$work/calc.out" ' sent [0-9]+ B:' "$n" 5
done
ctl check client.hex on
shot client-calc.png
ctl check client.hex off

# mancala: the app moves first, `socketlab connect` is the other player.
start_headless man_port mancala "$work/mancala.out"
ctl tap client.connect # Disconnect
ctl wait client.status 10 '^disconnected'
ctl select client.demo mancala
ctl tap client.clear
client_connect_to "$man_port"
wait_for "$work/mancala.out" '#1 .* accepted$' 1 5
start_player them mancala-client "$man_port"
wait_for "$work/mancala-client.out" '^matched with' 1 5
ctl wait client.mancala.status 10 '^Your turn'
ctl tap client.mancala.pit3 # 4 stones: the last lands in the store, move again
wait_for "$work/mancala.out" '#1 .* sent .*your turn' 2 5
ctl wait client.mancala.status 10 'move again'
ctl tap client.mancala.pit6
wait_for "$work/mancala.out" '#1 .* received' 2 5
echo 2 >&"$them" # their pit 2: into their store, they move again
wait_for "$work/mancala.out" '#2 .* received' 1 5
sleep 0.4
echo 1 >&"$them"
wait_for "$work/mancala.out" '#1 .* sent .*your turn' 3 5
ctl wait client.mancala.status 10 '^Your turn'
shot mancala.png

# Check this server: a student's "echo server" that stamps the time on
# every line (Socket Lab's time demo) fails the echo rules, and the dialog
# shows what was sent and what came back.
start_headless stamp_port time "$work/time.out"
ctl tap client.connect # Disconnect
ctl wait client.status 10 '^disconnected'
ctl select client.demo echo
ctl type client.port "$stamp_port"
ctl tap check.server
ctl dialog wait 10
ctl wait check.status 60 'passed'
shot check.png
ctl tap check.close

# Keyboard and text size: Help -> Keyboard shortcuts, then the Client tab
# at 150 % text (View -> Text size), then back to Normal.
ctl menu Keyboard shortcuts
ctl dialog wait 10
shot keyboard-shortcuts.png
ctl dialog close
ctl menu 'Larger (150 %)'
ctl tab client
shot large-text.png
ctl menu 'Normal (100 %)'

# TLS: the app's echo server with TLS on, its Client tab connected with TLS
# (the status shows the fingerprint to compare), one message sent, and the
# transcript's "TLS records" beside it: what the demo saw, and what
# crossed the socket. The certificate is made in the throw-away HOME.
ctl tab server
ctl tap server.stop
ctl wait server.status 10 '^Stopped'
ctl tap server.log.clear
ctl select server.demo echo
ctl select server.serve all
ctl check server.tls on
port=$(free_port)
ctl type server.port "$port"
start_server "$port"
ctl wait server.banner.tls 10 'fingerprint'
ctl tab client
ctl select client.demo echo
ctl tap client.clear
ctl check client.tls on
client_connect_to "$port"
ctl type client.message 'hello, secret'
ctl submit client.message
ctl check client.wire on
ctl wait client.status 10 'TLS'
shot tls.png
ctl check client.wire off
# The Server tab: the fingerprint on the banner, and the client's records.
ctl tab server
ctl check server.wire on
ctl wait server.clients 10 '\(1\)'
shot tls-server.png
ctl check server.wire off
# Check this server over TLS (the Client tab's TLS still ticked): every rule
# through TLS, and the summary shows the certificate to compare.
ctl tab client
ctl tap check.server
ctl dialog wait 10
ctl wait check.status 60 'fingerprint'
shot check-tls.png
ctl tap check.close

# Raw bytes and saved messages: "HE" in hex and "LLO\r\n" in escapes to an
# echo server, three saved messages, the first repeating with its counter.
# (the TLS shots above left the Client tab on TLS: plain again)
ctl tab client
ctl text client.connect
if [ "$CTL_TEXT" = Disconnect ]; then
	ctl tap client.connect
	ctl wait client.status 10 '^disconnected'
fi
ctl check client.tls off
start_headless echo_port echo "$work/echo.out"
ctl tap client.clear
client_connect_to "$echo_port"
wait_for "$work/echo.out" ' accepted$' 1 5
ctl select client.sendmode hex
ctl type client.message 48 45
ctl submit client.message
wait_for "$work/echo.out" ' received ' 1 5
ctl select client.sendmode escapes
ctl type client.message 'LLO\r\n'
ctl submit client.message
wait_for "$work/echo.out" ' received ' 2 5
ctl select client.sendmode text
ctl type client.message 'ping {n}'
ctl type client.saved.name ping
ctl tap client.saved.save
ctl select client.sendmode escapes
ctl type client.message 'HE'
ctl type client.saved.name half a line
ctl tap client.saved.save
ctl select client.sendmode hex
ctl type client.message '00 0d 0a'
ctl type client.saved.name zero byte
ctl tap client.saved.save
ctl type client.message ''
ctl type client.saved.times 20
ctl type client.saved.every 250
ctl tap client.saved.1
ctl wait client.saved.status 20 'sent ([6-9]|1[0-9])/20'
shot saved-messages.png
ctl tap client.saved.stop

# rules: the teacher's own protocol. The app's server runs the example
# rules (shown in the editor) and a student's `socketlab connect` asks it.
ctl tab server
ctl tap server.stop
ctl wait server.status 10 '^Stopped'
ctl tap server.log.clear
ctl check server.tls off
ctl select server.demo rules
ctl wait server.setting.rules.rules.status 5 '^No mistakes'
port=$(free_port)
ctl type server.port "$port"
start_server "$port"
start_player rules_fd rules-client "$port"
n=0
for m in hello 'say it works' 'add 2 3' 'what now'; do
	echo "$m" >&"$rules_fd"
	n=$((n + 1))
	wait_for "$work/rules-client.out" '.' "$n" 5
done
ctl split server.monitor 0.3 # more room for the log
ctl split server.settings 0.5 # whole rules in view
shot rules.png
ctl split server.settings 0.3

stop_app

# --- dark theme: the Server tab again, then one client at a time ------------

guess_scene dark
guess_headless dark
shot server-guess-dark.png

# echo, one client at a time: the first is served, two wait in line.
ctl tap server.stop
ctl wait server.status 10 '^Stopped'
ctl tap server.log.clear # the log of this server only
ctl select server.demo echo
ctl select server.serve one
port=$(free_port)
ctl type server.port "$port"
start_server "$port"
for who in 1 2 3; do
	start_player fd "waiting-$who" "$port"
	ctl wait server.clients 10 "\\($who\\b"
done
ctl wait server.clients 10 '2 waiting'
ctl split server.monitor 0.6
shot one-at-a-time.png
stop_app

lang_shots

echo "screenshots: done; in $OUT:"
ls -l "$OUT"
