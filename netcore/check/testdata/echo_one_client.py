# Mistake: the lesson's first server: serves one client, then exits.
from _serve import listen

s = listen()
conn, _ = s.accept()
conn.send(b"hello from server")
while True:
    data = conn.recv(1024)
    if not data:
        break
    conn.send(data)
conn.close()
