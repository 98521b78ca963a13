# The classic echo client: read the welcome, send a message, print the reply.
import socket
import sys

host, port = sys.argv[1], int(sys.argv[2])
s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
s.connect((host, port))
print(s.recv(1024).decode().strip())
s.send(b"hello from python")
print(s.recv(1024).decode())
s.close()
