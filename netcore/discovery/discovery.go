// Package discovery lets a running server announce itself on the local
// network and a Client tab list what it hears, so a student connects with
// one click instead of typing an address.
//
// A beacon was chosen over mDNS because it needs no library or system
// service and works the same on every OS; it reaches the local network
// only, which is the classroom. Beacons carry no secret, so the only thing
// a listener can trust is where a datagram came from: every entry is named
// by its beacon's source address (see docs/protocols.md, "Discovery").
package discovery

import (
	"context"
	"net"
	"syscall"
)

// Port is where announcements are sent and heard.
const Port = 48690

func listenBroadcastUDP(addr string) (*net.UDPConn, error) {
	lc := net.ListenConfig{Control: func(_, _ string, c syscall.RawConn) error {
		var serr error
		if err := c.Control(func(fd uintptr) { serr = setBroadcast(fd) }); err != nil {
			return err
		}
		return serr
	}}
	pc, err := lc.ListenPacket(context.Background(), "udp4", addr)
	if err != nil {
		return nil, err
	}
	return pc.(*net.UDPConn), nil
}
