# Mistake: a guess player with no branch for "found the secret": it never
# stops, and after a win it repeats the winning guess with the old bounds.
import socket
import sys

host, port = sys.argv[1], int(sys.argv[2])
s = socket.create_connection((host, port))
lo, hi = 0, 9
for _ in range(30):  # "forever", bounded so that a test ends
    guess = (lo + hi) // 2
    s.send((str(guess) + "\n").encode())
    answer = s.recv(1024).decode().strip()
    if answer == 'too low':
        lo = guess + 1
    elif answer == 'too high':
        hi = guess - 1
s.close()
