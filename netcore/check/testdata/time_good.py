# Right: [time.ctime()] message, one reply per line.
import time
from _serve import serve_threads


def handle(conn):
    f = conn.makefile("rb")
    try:
        for line in f:
            msg = line.rstrip(b"\r\n").decode("utf-8", "replace")
            conn.sendall(("[%s] %s\n" % (time.ctime(), msg)).encode())
    except OSError:
        pass
    conn.close()


serve_threads(handle)
