# Mistake: a client that vanishes is never removed, and the broadcast has
# no try: sending to it raises, which ends the sender's thread.
import threading
from _serve import serve_threads

clients = []


def handle(conn):
    name = "%s:%d" % conn.getpeername()
    clients.append(conn)
    while True:
        data = conn.recv(1024)
        if not data:
            break
        for c in clients:
            c.send(name.encode() + b": " + data)
    clients.remove(conn)
    conn.close()


serve_threads(handle)
