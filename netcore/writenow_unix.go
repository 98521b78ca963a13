//go:build !windows

package netcore

import (
	"errors"
	"syscall"
)

// errWouldBlock says a direct write found the socket's send buffer full.
var errWouldBlock = errors.New("socket send buffer full")

// writeNow makes one non-blocking write(2) on a socket and returns at once
// with how much of b the kernel took. It never waits: whatever does not fit
// is the caller's to queue for the connection's writer goroutine. This is
// what lets any goroutine (a client's own reader, or a chat broadcast from
// another client's reader) skip the hand-off to the writer goroutine without
// ever being held up by a client that stopped reading.
func writeNow(rc syscall.RawConn, b []byte) (int, error) {
	var n int
	var werr error
	err := rc.Write(func(fd uintptr) bool {
		for {
			n, werr = syscall.Write(int(fd), b)
			if werr != syscall.EINTR {
				return true // done either way: never park on the poller
			}
		}
	})
	if err != nil {
		return 0, err // closed, or a write deadline passed
	}
	if n < 0 {
		n = 0
	}
	if werr == syscall.EAGAIN {
		return n, errWouldBlock
	}
	return n, werr
}

// canWriteNow reports whether writeNow works on this system.
const canWriteNow = true
