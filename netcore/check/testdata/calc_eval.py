# Mistake: eval() runs whatever a client sends (it handles errors politely,
# so only the no-eval rule catches it).
from _serve import serve_threads


def handle(conn):
    f = conn.makefile("rb")
    try:
        for line in f:
            try:
                reply = str(eval(line.decode()))
            except Exception as e:
                reply = "error: " + str(e)
            conn.sendall((reply + "\n").encode())
    except OSError:
        pass
    conn.close()


serve_threads(handle)
