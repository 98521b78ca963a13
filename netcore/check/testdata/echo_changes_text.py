# Mistake: "echoes" the text in capitals.
from _serve import serve_threads


def handle(conn):
    try:
        while True:
            data = conn.recv(1024)
            if not data:
                break
            conn.sendall(data.upper())
    except OSError:
        pass
    conn.close()


serve_threads(handle)
