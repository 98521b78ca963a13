package discovery

import (
	"net"
	"net/netip"
	"strconv"
	"testing"
	"time"

	"github.com/socketlab/socketlab/netcore"
	"github.com/socketlab/socketlab/netcore/internal/nettest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A classroom computer as the routes see it: loopback, a wired and a
// wireless network, a point-to-point link with no broadcast, an IPv6
// address and an interface that is down. Nothing is sent to these.
var labInterfaces = []netcore.Interface{
	{Name: "eth0", Up: true, Addrs: []netip.Prefix{netip.MustParsePrefix("192.0.2.15/24"), netip.MustParsePrefix("2001:db8::15/64")}},
	{Name: "wlan0", Up: true, Addrs: []netip.Prefix{netip.MustParsePrefix("198.51.100.77/25")}},
	{Name: "tun0", Up: true, Addrs: []netip.Prefix{netip.MustParsePrefix("203.0.113.9/32")}},
	{Name: "eth1", Up: false, Addrs: []netip.Prefix{netip.MustParsePrefix("10.9.8.7/8")}},
	{Name: "lo", Up: true, Loopback: true, Addrs: []netip.Prefix{netip.MustParsePrefix("127.0.0.1/8"), netip.MustParsePrefix("::1/128")}},
}

func route(from, to string) Route {
	return Route{From: netip.MustParseAddr(from), To: netip.MustParseAddrPort(to)}
}

func TestRoutesFor(t *testing.T) {
	all := []Route{
		route("127.0.0.1", "127.0.0.1:48690"),
		route("192.0.2.15", "192.0.2.255:48690"),
		route("198.51.100.77", "198.51.100.127:48690"),
	}
	assert.Equal(t, all, routesFor("", Port, labInterfaces), "every interface: one beacon each, naming its own address")
	assert.Equal(t, all, routesFor("0.0.0.0", Port, labInterfaces))
	assert.Equal(t, all, routesFor("::", Port, labInterfaces), "a dual-stack wildcard serves IPv4 too")
	assert.Equal(t, []Route{route("127.0.0.1", "127.0.0.1:48690")}, routesFor("127.0.0.1", Port, labInterfaces), "loopback servers announce on loopback only")
	assert.Equal(t, []Route{route("127.0.0.2", "127.0.0.1:48690")}, routesFor("127.0.0.2", Port, labInterfaces), "named by the address it serves")
	assert.Equal(t, []Route{route("192.0.2.15", "127.0.0.1:48690"), route("192.0.2.15", "192.0.2.255:48690")},
		routesFor("192.0.2.15", Port, labInterfaces), "one address: that address, on its network and to this computer")
	assert.Equal(t, []Route{route("203.0.113.9", "127.0.0.1:48690")}, routesFor("203.0.113.9", Port, labInterfaces), "no broadcast on a /32")
	assert.Empty(t, routesFor("::1", Port, labInterfaces), "listeners hear IPv4 only")
	assert.Empty(t, routesFor("2001:db8::15", Port, labInterfaces))
	assert.Empty(t, routesFor("localhost", Port, labInterfaces))
	assert.Equal(t, []Route{route("127.0.0.1", "127.0.0.1:9")}, routesFor("", 9, nil), "no interface list: loopback still")
}

// TestRoutesOnThisComputer checks the routes for the test machine's own
// interfaces (computed only: tests send nothing off loopback).
func TestRoutesOnThisComputer(t *testing.T) {
	all := Routes("", Port)
	require.NotEmpty(t, all)
	assert.Equal(t, route("127.0.0.1", "127.0.0.1:48690"), all[0])
	ifs, err := netcore.Interfaces()
	require.NoError(t, err)
	for _, it := range ifs {
		for _, p := range it.Addrs {
			if it.Up && !it.Loopback && p.Addr().Is4() && p.Bits() < 31 {
				assert.Contains(t, all, Route{From: p.Addr(), To: netip.AddrPortFrom(broadcastOf(p), Port)})
			}
		}
	}
}

// TestAllInterfacesSendABeaconEach announces a server on every interface
// of a computer with three (injected: loopback and two more, all on this
// machine's loopback so that nothing leaves it) and checks that the
// browser lists it at each address, which it does only for a beacon that
// came from a socket bound to that address.
func TestAllInterfacesSendABeaconEach(t *testing.T) {
	b := browse(t, time.Minute, defaultLimits)
	ifs := []netcore.Interface{
		{Name: "lab0", Up: true, Addrs: []netip.Prefix{netip.MustParsePrefix("127.0.0.2/8")}},
		{Name: "lab1", Up: true, Addrs: []netip.Prefix{netip.MustParsePrefix("127.0.0.3/8")}},
		{Name: "lo", Up: true, Loopback: true, Addrs: []netip.Prefix{netip.MustParsePrefix("127.0.0.1/8")}},
	}
	routes := routesFor("", Port, ifs)
	require.Len(t, routes, 3)
	for i := range routes {
		routes[i].To = b.Addr().(*net.UDPAddr).AddrPort() // never a broadcast address in a test
	}
	srv := nettest.StartServer(t, "0.0.0.0", nettest.Config(t, "echo", nil))
	_, port, _ := net.SplitHostPort(srv.HostPort)
	p, _ := strconv.Atoi(port)
	an, err := Announce(Service{Demo: "echo", Port: p, Transport: "tcp", Name: "pc"}, routes, 20*time.Millisecond)
	require.NoError(t, err)
	defer an.Stop()

	for _, host := range []string{"127.0.0.1", "127.0.0.2", "127.0.0.3"} {
		addr := net.JoinHostPort(host, port)
		nettest.WaitFor(t, "the server to be listed at "+addr, func() bool { return listed(b, addr) != nil })
		// And each address reaches the server.
		c := nettest.DialRaw(t, "tcp", addr)
		assert.Equal(t, "hello from server\n", c.Line())
		assert.Equal(t, "hi\n", c.Ask("hi", "\n"))
	}
	assert.Len(t, b.Found(), 3)
	assert.Zero(t, b.Stats().Ignored)
}

func TestAnnounceWithoutRoute(t *testing.T) {
	_, err := Announce(Service{Demo: "echo", Port: 8000}, nil, time.Second)
	assert.ErrorIs(t, err, ErrNoRoute)
	// An address this computer does not have cannot be announced from.
	_, err = Announce(Service{Demo: "echo", Port: 8000}, []Route{route("192.0.2.254", "127.0.0.1:9")}, time.Second)
	assert.Error(t, err)
}

func TestBroadcastOf(t *testing.T) {
	assert.Equal(t, "192.168.0.255", broadcastOf(netip.MustParsePrefix("192.168.0.105/24")).String())
	assert.Equal(t, "10.1.255.255", broadcastOf(netip.MustParsePrefix("10.1.2.3/16")).String())
	assert.Equal(t, "172.16.5.127", broadcastOf(netip.MustParsePrefix("172.16.5.100/25")).String())
}
