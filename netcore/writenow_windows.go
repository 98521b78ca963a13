//go:build windows

package netcore

import (
	"errors"
	"syscall"
)

var errWouldBlock = errors.New("socket send buffer full")

// writeNow is not available on Windows, whose sockets use overlapped I/O:
// every reply goes through the connection's writer goroutine there.
func writeNow(rc syscall.RawConn, b []byte) (int, error) { return 0, errWouldBlock }

const canWriteNow = false
