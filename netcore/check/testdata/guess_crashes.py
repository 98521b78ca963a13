# Mistake: one client at a time and int() unguarded: a non-number kills
# the whole server.
import random
from _serve import listen

s = listen()
while True:
    conn, _ = s.accept()
    secret = random.randint(0, 9)
    while True:
        data = conn.recv(1024)
        if not data:
            break
        n = int(data)
        if n < secret:
            conn.send(b"too low")
        elif n > secret:
            conn.send(b"too high")
        else:
            conn.send(b"found the secret")
            secret = random.randint(0, 9)
    conn.close()
