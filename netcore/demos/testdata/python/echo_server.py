# The classic echo server from the lesson: greet, then echo until the client
# leaves. Prints its port, then serves one client.
import socket

s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
s.bind(("127.0.0.1", 0))
s.listen(1)
print(s.getsockname()[1], flush=True)
conn, addr = s.accept()
conn.send("hello from server".encode())
while True:
    data = conn.recv(1024)
    if not data:
        break
    conn.send(data)
conn.close()
