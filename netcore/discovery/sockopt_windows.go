//go:build windows

package discovery

import "syscall"

// setBroadcast lets a UDP socket send to broadcast addresses and share the
// discovery port with other Socket Lab windows on the same computer.
func setBroadcast(fd uintptr) error {
	if err := syscall.SetsockoptInt(syscall.Handle(fd), syscall.SOL_SOCKET, syscall.SO_REUSEADDR, 1); err != nil {
		return err
	}
	return syscall.SetsockoptInt(syscall.Handle(fd), syscall.SOL_SOCKET, syscall.SO_BROADCAST, 1)
}
