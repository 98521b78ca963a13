# Right: every line to everyone; a client that fails is dropped, the
# broadcast goes on.
import threading
from _serve import serve_threads

clients = []
lock = threading.Lock()


def broadcast(data):
    with lock:
        for c in list(clients):
            try:
                c.sendall(data)
            except OSError:
                clients.remove(c)


def handle(conn):
    name = "%s:%d" % conn.getpeername()
    with lock:
        clients.append(conn)
    broadcast(("* %s joined\n" % name).encode())
    f = conn.makefile("rb")
    try:
        for line in f:
            broadcast(name.encode() + b": " + line)
    except OSError:
        pass
    with lock:
        if conn in clients:
            clients.remove(conn)
    broadcast(("* %s left\n" % name).encode())
    conn.close()


serve_threads(handle)
