//go:build windows

package netcore

import "syscall"

// directWriter does not exist on Windows, whose sockets use overlapped I/O:
// every reply goes through the connection's writer goroutine there.
type directWriter struct{}

func newDirectWriter(syscall.Conn) *directWriter { return nil }

func (*directWriter) write([]byte) (int, error) { panic("no direct writes on Windows") }
