#!/usr/bin/env python3
"""Log attacks on `socketlab serve` (issue 11, findings 10 and 4), loopback only.

Usage: python3 scripts/attack_log.py ./socketlab

ctrl_c: stdout is a pipe nobody reads (a paused terminal); clients flood
echo with 60 KB lines; then SIGINT. Prints the peak VmRSS and how long the
process took to exit (killed after 10 s if it never does).

lifecycle: stdout is read slowly (about 100 KB/s, a slow terminal); one
client floods the chat room while 50 others each join, say one line and
leave. Prints how many of those 50 have their accepted and closed lines in
the log, and the "messages not shown" notes.

Every attack is bounded in count and time.
"""
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time

BIN = sys.argv[1] if len(sys.argv) > 1 else "./socketlab"


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def start(demo):
    port = free_port()
    proc = subprocess.Popen([BIN, "serve", "--demo", demo, "--addr", "127.0.0.1:%d" % port],
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    first = proc.stdout.readline().decode()
    assert first.startswith("listening on"), first
    return proc, port


def rss_kb(pid):
    with open("/proc/%d/status" % pid) as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def flood_client(port, line, stop, reads=True):
    s = socket.create_connection(("127.0.0.1", port))
    if reads:
        def drain():
            try:
                while s.recv(1 << 16):
                    pass
            except OSError:
                pass
        threading.Thread(target=drain, daemon=True).start()

    def send():
        try:
            while not stop.is_set():
                s.sendall(line)
        except OSError:
            pass
        s.close()
    t = threading.Thread(target=send, daemon=True)
    t.start()
    return t


def ctrl_c():
    proc, port = start("echo")  # stdout: a pipe this script never reads again
    stop = threading.Event()
    line = b"x" * (60 << 10) + b"\n"
    clients = [flood_client(port, line, stop) for _ in range(6)]
    peak, end = 0, time.time() + 5
    while time.time() < end:
        peak = max(peak, rss_kb(proc.pid))
        time.sleep(0.1)
    t = time.time()
    proc.send_signal(signal.SIGINT)
    try:
        proc.wait(timeout=10)
        result = "exited %d after %.2f s" % (proc.returncode, time.time() - t)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
        result = "still running 10 s after SIGINT (killed)"
    stop.set()
    for c in clients:
        c.join(2)
    print("Ctrl+C with stdout blocked, 6 clients echoing 60 KB lines for 5 s: peak VmRSS %d MB; %s"
          % (peak // 1024, result))


def lifecycle():
    proc, port = start("chat")
    out = bytearray()
    done = threading.Event()

    def slow_reader():  # about 100 KB/s
        fd = proc.stdout.fileno()
        while True:
            b = os.read(fd, 4096)
            if not b:
                break
            out.extend(b)
            time.sleep(0.04)
        done.set()
    threading.Thread(target=slow_reader, daemon=True).start()

    stop = threading.Event()
    flooder = flood_client(port, b"spam spam spam spam\n" * 50, stop)
    ports = []
    for _ in range(50):
        s = socket.create_connection(("127.0.0.1", port))
        ports.append(s.getsockname()[1])
        s.sendall(b"hello\n")
        time.sleep(0.02)
        s.close()
        time.sleep(0.02)
    time.sleep(1)
    stop.set()
    flooder.join(2)
    # Give the slow reader time to catch up, then stop the server.
    deadline = time.time() + 60
    while time.time() < deadline:
        text = out.decode(errors="replace")
        if all(re.search(r":%d closed" % p, text) for p in ports):
            break
        time.sleep(0.5)
    proc.send_signal(signal.SIGINT)
    done.wait(15)
    proc.wait(5)
    text = out.decode(errors="replace")
    accepted = sum(1 for p in ports if re.search(r":%d accepted" % p, text))
    closed = sum(1 for p in ports if re.search(r":%d closed" % p, text))
    notes = re.findall(r"\((\d+) messages not shown (so far|in all)", text)
    total = notes[-1][0] if notes else "0"
    print("chat flood, log read at ~100 KB/s: %d/50 accepted and %d/50 closed lines of the other clients; "
          "%d 'messages not shown' notes, last: %s dropped message events" % (accepted, closed, len(notes), total))


if __name__ == "__main__":
    ctrl_c()
    lifecycle()
