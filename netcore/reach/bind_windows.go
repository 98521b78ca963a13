package reach

import (
	"net/netip"
	"syscall"
)

// bindAnyPort binds the socket fd to a and a free port, and returns both.
func bindAnyPort(fd uintptr, a netip.Addr) (netip.AddrPort, error) {
	if err := syscall.Bind(syscall.Handle(fd), sockaddr(a)); err != nil {
		return netip.AddrPort{}, err
	}
	sa, err := syscall.Getsockname(syscall.Handle(fd))
	if err != nil {
		return netip.AddrPort{}, err
	}
	return addrPortOf(sa), nil
}
