#!/usr/bin/env python3
"""Attacks of issue 11, findings 6, 8 and 9, against `socketlab serve` in its
own process. Loopback only, bounded in time and count. Standard library only.

  socketlab serve --demo password --addr 127.0.0.1:PORT &
  python3 scripts/attack_demos.py password 127.0.0.1 PORT --seconds 10

  socketlab serve --demo calc --addr 127.0.0.1:PORT &
  python3 scripts/attack_demos.py calc 127.0.0.1 PORT --seconds 10 --attackers 4

  socketlab serve --demo duel --addr 127.0.0.1:PORT &
  python3 scripts/attack_demos.py duel 127.0.0.1 PORT --probes 200

password: reconnect and guess as fast as possible from one address; counts
the passwords the server really checked (access denied / too many attempts)
and the connections refused with "too many attempts - wait N s"; then checks
that another loopback address (127.0.0.2) still gets its attempts.

calc: one client measures round trips of 2+3*4 alone, then again while
--attackers other processes pipeline 1 KB lines of float powers; prints the
p50/p99 and what the attackers were answered.

duel: a player waits; --probes connections connect and hang up at once (as
a reachability check does); then a second player connects. Prints whom the
waiting player was matched with.
"""

import argparse
import multiprocessing
import socket
import statistics
import sys
import threading
import time

def check_loopback(host):
    if not (host.startswith("127.") or host == "::1"):
        sys.exit("loopback addresses only")


def connect(host, port, source=None, timeout=5):
    s = socket.create_connection((host, port), timeout=timeout,
                                 source_address=(source, 0) if source else None)
    s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    return s


def read_line(f):
    line = f.readline()
    return line.decode("ascii", "replace").rstrip("\n")


# --- finding 6 ------------------------------------------------------------

def attack_password(host, port, seconds):
    counts = {"access denied": 0, "too many attempts": 0, "locked": 0, "other": 0}
    waits = []
    conns = 0
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        try:
            s = connect(host, port)
        except OSError:
            counts["other"] += 1
            continue
        conns += 1
        f = s.makefile("rb")
        try:
            s.sendall(b"wrong-guess\n")
            reply = read_line(f)
        except OSError:
            reply = ""
        if reply.startswith("too many attempts - wait"):
            counts["locked"] += 1
            waits.append(reply)
        elif reply in counts:
            counts[reply] += 1
        else:
            counts["other"] += 1
        f.close()
        s.close()
    checked = counts["access denied"] + counts["too many attempts"]
    print(f"password: {conns} connections in {seconds} s from one address")
    print(f"  passwords checked by the server: {checked} ({checked / seconds:.1f}/s)")
    print(f"  refused with 'too many attempts - wait N s': {counts['locked']}")
    print(f"  other replies or errors: {counts['other']}")
    longest = max((int(w.split()[-2]) for w in waits), default=0)
    print(f"  longest wait announced: {longest} s")
    # Another address keeps its attempts.
    try:
        s = connect(host, port, source="127.0.0.2" if host.startswith("127.") else None)
        f = s.makefile("rb")
        s.sendall(b"wrong-guess\n")
        print("  another address (127.0.0.2) gets:", repr(read_line(f)))
        s.close()
    except OSError as e:
        print("  another address: error", e)


# --- finding 8 ------------------------------------------------------------

COSTLY = b"1.1**1.1*" * 110 + b"1\n"  # 1 KB of float powers


def calc_attacker(host, port, seconds, out):
    """Pipelines costly lines for `seconds` (a writer thread, as fast as the
    socket takes them) while reading the replies."""
    s = connect(host, port)
    stop = time.monotonic() + seconds
    sent = [0]

    def write():
        try:
            while time.monotonic() < stop:
                s.sendall(COSTLY * 8)
                sent[0] += 8
        except OSError:
            pass

    w = threading.Thread(target=write, daemon=True)
    w.start()
    s.settimeout(0.2)
    f = s.makefile("rb")
    replies = {}
    while time.monotonic() < stop:
        try:
            line = f.readline()
        except (socket.timeout, OSError):
            continue
        if not line:
            break
        key = line.decode("ascii", "replace").rstrip("\n")[:60]
        replies[key] = replies.get(key, 0) + 1
    s.shutdown(socket.SHUT_RDWR)
    s.close()
    w.join(timeout=5)
    out.put((sent[0], replies))


def round_trips(host, port, seconds):
    s = connect(host, port)
    f = s.makefile("rb")
    times = []
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        t0 = time.perf_counter()
        s.sendall(b"2+3*4\n")
        r = read_line(f)
        times.append((time.perf_counter() - t0) * 1000)
        assert r == "14", r
        time.sleep(0.005)
    s.close()
    times.sort()
    return statistics.median(times), times[int(len(times) * 0.99)], len(times)


def attack_calc(host, port, seconds, attackers):
    p50, p99, n = round_trips(host, port, min(seconds, 3))
    print(f"calc: victim alone: p50 {p50:.2f} ms, p99 {p99:.2f} ms ({n} round trips)")
    out = multiprocessing.Queue()
    procs = [multiprocessing.Process(target=calc_attacker, args=(host, port, seconds, out)) for _ in range(attackers)]
    for p in procs:
        p.start()
    time.sleep(0.5)
    p50, p99, n = round_trips(host, port, seconds - 1)
    results = [out.get(timeout=seconds + 30) for _ in procs]
    for p in procs:
        p.join(timeout=30)
    print(f"calc: victim with {attackers} pipelining attackers: p50 {p50:.2f} ms, p99 {p99:.2f} ms ({n} round trips)")
    for i, (sent, replies) in enumerate(results):
        print(f"  attacker {i}: sent {sent} lines; replies {replies}")


# --- finding 9 ------------------------------------------------------------

def attack_duel(host, port, probes):
    a = connect(host, port)
    fa = a.makefile("rb")
    print("duel: player A got:", repr(read_line(fa)))
    for _ in range(probes):
        p = connect(host, port)
        p.close()
    b = connect(host, port)
    fb = b.makefile("rb")
    line = read_line(fa)
    want = "matched with %s:%d" % b.getsockname()[:2]
    print(f"  after {probes} probes and player B ({b.getsockname()[0]}:{b.getsockname()[1]}) A got: {line!r}")
    print("  A matched with B:", line.startswith(want))
    print("  B got:", repr(read_line(fb)))
    a.close()
    b.close()


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("attack", choices=["password", "calc", "duel"])
    ap.add_argument("host")
    ap.add_argument("port", type=int)
    ap.add_argument("--seconds", type=float, default=10)
    ap.add_argument("--attackers", type=int, default=4)
    ap.add_argument("--probes", type=int, default=200)
    args = ap.parse_args()
    check_loopback(args.host)
    args.seconds = min(args.seconds, 30)  # bounded
    args.probes = min(args.probes, 2000)
    if args.attack == "password":
        attack_password(args.host, args.port, args.seconds)
    elif args.attack == "calc":
        attack_calc(args.host, args.port, args.seconds, min(args.attackers, 16))
    else:
        attack_duel(args.host, args.port, args.probes)


if __name__ == "__main__":
    main()
