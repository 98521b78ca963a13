# The classic UDP timestamp client: one datagram out, one back.
import socket
import sys

host, port = sys.argv[1], int(sys.argv[2])
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.settimeout(5)
s.sendto(b"what time is it", (host, port))
data, _ = s.recvfrom(1024)
print(data.decode())
