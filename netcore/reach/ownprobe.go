package reach

import (
	"context"
	"net"
	"net/netip"
	"syscall"
)

// Own is the server a check belongs to, so that the check's connection is
// neither listed nor logged as a client there (netcore.Server implements
// it; see netcore/probe.go for why no one else can use this to hide).
type Own interface {
	ExpectProbe(from netip.AddrPort) (done func(), ok bool)
}

// dialOwn connects to addr from a, an address of this computer, telling own
// the source port before connecting: the socket is bound to a with a port
// chosen by the system, which is read back and marked, and only then does
// the connection start.
func dialOwn(ctx context.Context, d net.Dialer, a netip.Addr, addr string, own Own) (net.Conn, error) {
	var done func()
	var markErr error
	d.Control = func(_, _ string, rc syscall.RawConn) error {
		err := rc.Control(func(fd uintptr) {
			var from netip.AddrPort
			from, markErr = bindAnyPort(fd, a)
			if markErr == nil {
				done, _ = own.ExpectProbe(from)
			}
		})
		if err != nil {
			return err
		}
		return markErr
	}
	c, err := d.DialContext(ctx, "tcp", addr)
	if done != nil {
		done()
	}
	return c, err
}

// sockaddr is a as a socket address with port 0 (any free port).
func sockaddr(a netip.Addr) syscall.Sockaddr {
	if a.Is4() {
		return &syscall.SockaddrInet4{Addr: a.As4()}
	}
	return &syscall.SockaddrInet6{Addr: a.As16()}
}

// addrPortOf reads back a bound socket address.
func addrPortOf(sa syscall.Sockaddr) netip.AddrPort {
	switch sa := sa.(type) {
	case *syscall.SockaddrInet4:
		return netip.AddrPortFrom(netip.AddrFrom4(sa.Addr), uint16(sa.Port))
	case *syscall.SockaddrInet6:
		return netip.AddrPortFrom(netip.AddrFrom16(sa.Addr).Unmap(), uint16(sa.Port))
	}
	return netip.AddrPort{}
}
