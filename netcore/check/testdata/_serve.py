# Shared by the reference servers: listen on a free loopback port and print
# it, so the tests know where to connect.
import socket


def listen():
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind(("127.0.0.1", 0))
    s.listen(16)
    print(s.getsockname()[1], flush=True)
    return s


def serve_threads(handle):
    """Accept forever, one thread per client (the right way)."""
    import threading
    s = listen()
    while True:
        conn, _ = s.accept()
        threading.Thread(target=handle, args=(conn,), daemon=True).start()
