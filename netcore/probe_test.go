package netcore_test

import (
	"io"
	"net"
	"net/netip"
	"testing"
	"time"

	"github.com/socketlab/socketlab/netcore"
	"github.com/socketlab/socketlab/netcore/internal/nettest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// freeLocalPort is a loopback port nothing uses right now, to connect from.
func freeLocalPort(t *testing.T) netip.AddrPort {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).AddrPort()
}

// dialFrom connects to addr from the exact address and port from.
func dialFrom(t *testing.T, from netip.AddrPort, addr string) net.Conn {
	d := net.Dialer{Timeout: 5 * time.Second, LocalAddr: net.TCPAddrFromAddrPort(from)}
	c, err := d.Dial("tcp", addr)
	require.NoError(t, err)
	t.Cleanup(func() { c.Close() })
	return c
}

func TestOwnProbeIsNeitherListedNorLogged(t *testing.T) {
	ts := nettest.StartServer(t, "127.0.0.1", nettest.Config(t, "echo", nil))
	from := freeLocalPort(t)
	done, ok := ts.ExpectProbe(from)
	require.True(t, ok)
	defer done()
	c := dialFrom(t, from, ts.HostPort)
	c.SetReadDeadline(time.Now().Add(5 * time.Second))
	got, err := io.ReadAll(c)
	require.NoError(t, err, "the server hangs up on its own probe")
	assert.Empty(t, got, "no demo session: not even the welcome")

	// A real client afterwards is served, listed and logged; the probe
	// never was.
	client := nettest.DialRaw(t, "tcp", ts.HostPort)
	assert.Equal(t, "hello from server\n", client.Line())
	require.Len(t, ts.Clients(), 1)
	assert.Equal(t, client.Conn.LocalAddr().String(), ts.Clients()[0].Peer)
	nettest.WaitFor(t, "the real client's accepted event", func() bool { return ts.CountEvents(netcore.EventAccepted) == 1 })
	for _, e := range ts.EventLog() {
		assert.NotEqual(t, from.String(), e.Peer, "no event about the probe: %v", e)
	}
}

func TestOwnProbeMarkIsOnlyForTheCheck(t *testing.T) {
	ts := nettest.StartServer(t, "127.0.0.1", nettest.Config(t, "echo", nil))
	// Not an address of this computer: refused, nothing hidden.
	_, ok := ts.ExpectProbe(netip.MustParseAddrPort("192.0.2.7:40000"))
	assert.False(t, ok)
	_, ok = ts.ExpectProbe(netip.MustParseAddrPort("127.0.0.1:0"))
	assert.False(t, ok, "a port is needed: one connection, not an address")

	// A mark is used once: the next connection from that port is a
	// client.
	from := freeLocalPort(t)
	done, ok := ts.ExpectProbe(from)
	require.True(t, ok)
	defer done()
	probe := dialFrom(t, from, ts.HostPort)
	probe.SetReadDeadline(time.Now().Add(5 * time.Second))
	got, err := io.ReadAll(probe)
	require.NoError(t, err)
	require.Empty(t, got)
	probe.Close()
	c := dialFrom(t, from, ts.HostPort)
	buf := make([]byte, len("hello from server\n"))
	c.SetReadDeadline(time.Now().Add(5 * time.Second))
	_, err = io.ReadFull(c, buf)
	require.NoError(t, err)
	assert.Equal(t, "hello from server\n", string(buf))
	nettest.WaitFor(t, "the client to be listed", func() bool { return len(ts.Clients()) == 1 })
}
