# Right: a secret per connection, the exact texts, new round after a win,
# a polite reply to a non-number.
import random
from _serve import serve_threads


def handle(conn):
    secret = random.randint(0, 9)
    f = conn.makefile("rb")
    try:
        for line in f:
            try:
                n = int(line)
            except ValueError:
                conn.sendall(b"please send a whole number from 0 to 9\n")
                continue
            if n < secret:
                conn.sendall(b"too low\n")
            elif n > secret:
                conn.sendall(b"too high\n")
            else:
                conn.sendall(b"found the secret\n")
                secret = random.randint(0, 9)
    except OSError:
        pass
    conn.close()


serve_threads(handle)
