#!/usr/bin/env bash
# Runs every attack of limitsattack against the real binary, each against a
# fresh `socketlab serve` in its own process on loopback, and prints the
# figures for docs/reliability.md. Usage:
#   go build -tags migrated_fynedo -o /tmp/sl/socketlab . 
#   go build -o /tmp/sl/limitsattack ./scripts/limitsattack
#   scripts/limitsattack/measure.sh /tmp/sl/socketlab /tmp/sl/limitsattack [PORT]
set -euo pipefail
BIN=${1:?socketlab binary}
ATTACK=${2:?limitsattack binary}
PORT=${3:-39511}
ADDR=127.0.0.1:$PORT
LOG=$(mktemp)
trap 'rm -f "$LOG"' EXIT

# run "title" "serve flags" "attack args": one server, one attack, then Ctrl+C.
run() {
	echo "== $1: socketlab serve --demo echo --addr $ADDR $2"
	# shellcheck disable=SC2086
	"$BIN" serve --demo echo --addr "$ADDR" $2 >"$LOG" 2>&1 &
	local pid=$!
	for _ in $(seq 50); do grep -q "listening on" "$LOG" && break; sleep 0.1; done
	# shellcheck disable=SC2086
	"$ATTACK" -addr "$ADDR" -pid "$pid" $3
	echo "server log: $(grep -c 'turned away' "$LOG" || true) turned away, $(grep -c 'too many open files' "$LOG" || true) 'too many open files'"
	kill -INT "$pid"
	wait "$pid" || true
}

run "20,000 connections from one address" "" "conns -n 20000 -src 127.0.0.2"
run "19,990 connections, each from its own address, no per-address limit (descriptor cap)" "--max-per-address 0" "conns -n 19990 -src spread -hold 1s"
run "--max-clients 10: 10 connections sending a byte every 2 s" "--max-clients 10" "conns -n 40 -src 127.0.0.2 -trickle 2s"
run "--max-clients 100: 100 connections from one address sending a byte every 2 s" "--max-clients 100" "conns -n 100 -src 127.0.0.2 -trickle 2s"
run "one at a time, --idle 5s: a client waiting its turn" "--one-at-a-time --idle 5s" "waiting -max 20s"
run "500 clients each trickling a 60 KB line" "" "trickle -n 500 -size 60000 -for 15s"
run "6 clients that never read" "" "noread -n 6 -for 10s"
run "6 clients that never read, --max-memory 64" "--max-memory 64" "noread -n 6 -for 10s"
