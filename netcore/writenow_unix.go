//go:build !windows

package netcore

import (
	"errors"
	"syscall"
)

// errWouldBlock says a direct write found the socket's send buffer full.
var errWouldBlock = errors.New("socket send buffer full")

// directWriter makes one non-blocking write(2) at a time on a socket and
// returns at once with how much the kernel took. It never waits: whatever
// does not fit is the caller's to queue for the connection's writer
// goroutine. This is what lets any goroutine (a client's own reader, or a
// chat broadcast from another client's reader) skip the hand-off to the
// writer goroutine without ever being held up by a client that stopped
// reading. The callback is made once, so a write allocates nothing; the
// caller serialises writes (conn.mu).
type directWriter struct {
	rc   syscall.RawConn
	b    []byte
	n    int
	err  error
	call func(fd uintptr) bool
}

// newDirectWriter returns nil where the socket offers no raw access.
func newDirectWriter(c syscall.Conn) *directWriter {
	rc, err := c.SyscallConn()
	if err != nil {
		return nil
	}
	w := &directWriter{rc: rc}
	w.call = func(fd uintptr) bool {
		for {
			w.n, w.err = syscall.Write(int(fd), w.b)
			if w.err != syscall.EINTR {
				return true // done either way: never park on the poller
			}
		}
	}
	return w
}

func (w *directWriter) write(b []byte) (int, error) {
	w.b = b
	err := w.rc.Write(w.call)
	n, werr := max(w.n, 0), w.err
	w.b, w.n, w.err = nil, 0, nil
	switch {
	case err != nil:
		return 0, err // closed, or a write deadline passed
	case werr == syscall.EAGAIN:
		return n, errWouldBlock
	}
	return n, werr
}
