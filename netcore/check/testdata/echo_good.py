# Right: greets, echoes every client in its own thread, survives resets.
from _serve import serve_threads


def handle(conn):
    try:
        conn.sendall(b"hello from server\n")
        while True:
            data = conn.recv(1024)
            if not data:
                break
            conn.sendall(data)
    except OSError:
        pass
    conn.close()


serve_threads(handle)
