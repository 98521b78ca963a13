# Right: the classic guess player from the lesson: sends the bare digit,
# compares the answer exactly, and closes after the win.
import socket
import sys

host, port = sys.argv[1], int(sys.argv[2])
s = socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET, socket.SOCK_STREAM)
s.connect((host, port))
lo, hi, tries = 0, 9, 0
while True:
    guess = (lo + hi) // 2
    tries += 1
    s.send(str(guess).encode())
    answer = s.recv(1024).decode()
    if answer == 'found the secret':
        break
    elif answer == 'too low':
        lo = guess + 1
    elif answer == 'too high':
        hi = guess - 1
    else:
        print("unexpected answer:", repr(answer))
        sys.exit(1)
print("found the secret in", tries, "tries")
s.close()
