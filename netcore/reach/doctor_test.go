package reach

import (
	"context"
	"net"
	"net/netip"
	"testing"

	"github.com/socketlab/socketlab/netcore/internal/nettest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// closedPort is a loopback address nothing listens on any more.
func closedPort(t *testing.T, network string) string {
	t.Helper()
	if network == "udp" {
		c, err := net.ListenPacket("udp", "127.0.0.1:0")
		require.NoError(t, err)
		addr := c.LocalAddr().String()
		c.Close()
		return addr
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	addr := ln.Addr().String()
	ln.Close()
	return addr
}

func TestDoctorServerAnswers(t *testing.T) {
	ts := nettest.StartServer(t, "127.0.0.1", nettest.Config(t, "echo", nil))
	fs, ok := Doctor(context.Background(), "tcp", ts.HostPort, nil)
	assert.True(t, ok)
	assert.Contains(t, texts(fs, Good), ts.HostPort+" answers: a server is listening there.")
	assert.Contains(t, texts(fs, Warning), "127.0.0.1 always means this computer, never your partner's")
	assert.Empty(t, texts(fs, Problem))
}

func TestDoctorNothingListens(t *testing.T) {
	addr := closedPort(t, "tcp")
	fs, ok := Doctor(context.Background(), "tcp", addr, nil)
	assert.False(t, ok)
	assert.Contains(t, texts(fs, Problem), "Nothing listens at "+addr+": is the server started")
	assert.NotContains(t, texts(fs, Problem), "firewall on that computer")

	// The same refusal from a server that announces itself: a firewall.
	fs, ok = Doctor(context.Background(), "tcp", addr, func() []netip.AddrPort { return []netip.AddrPort{netip.MustParseAddrPort(addr)} })
	assert.False(t, ok)
	assert.Contains(t, texts(fs, Problem), "a firewall on that computer rejects port")
}

func TestDoctorUDP(t *testing.T) {
	cfg := nettest.Config(t, "echo", nil)
	cfg.Network = "udp"
	ts := nettest.StartServer(t, "127.0.0.1", cfg)
	fs, ok := Doctor(context.Background(), "udp", ts.HostPort, nil)
	assert.True(t, ok)
	assert.Contains(t, texts(fs, Good), ts.HostPort+" answers over UDP")

	addr := closedPort(t, "udp")
	fs, ok = Doctor(context.Background(), "udp", addr, nil)
	assert.False(t, ok)
	assert.Contains(t, texts(fs, Problem), "Nothing listens at "+addr)
}

func TestDoctorBadAddresses(t *testing.T) {
	for addr, want := range map[string]string{
		"nonsense":        "address shown on your partner's screen",
		"127.0.0.1:0":     "port",
		"127.0.0.1:99999": "port",
		"bad!name:7":      `"bad!name" is not known here`, // not a domain name: refused without a query
	} {
		fs, ok := Doctor(context.Background(), "tcp", addr, nil)
		assert.False(t, ok, addr)
		assert.Contains(t, texts(fs, Problem), want, addr)
	}
}

// What the network answered, as the classroom test sees it between
// namespaces (a firewall cannot be set up on a shared loopback): each
// combination gets its own sentence.
func TestExplainTellsCausesApart(t *testing.T) {
	a := netip.MustParseAddrPort("192.0.2.7:8000")
	cases := []struct {
		name       string
		port, host outcome
		want       string
	}{
		{"firewall drops the port", silent, refused, "No answer at 192.0.2.7:8000 within 2 s while 192.0.2.7 itself answers (on port 1): a firewall on that computer drops port 8000"},
		{"firewall rejects the port", prohibited, refused, "192.0.2.7:8000 is rejected while 192.0.2.7 itself answers (on port 1): a firewall on that computer rejects port 8000"},
		{"nothing there at all", silent, silent, "No answer at all from 192.0.2.7 within 2 s: it is off, on a different network"},
		{"missing host", prohibited, prohibited, "192.0.2.7 cannot be reached: no computer answers to that address on this network"},
		{"no route", noRoute, noRoute, "There is no route to 192.0.2.7 (from this computer, or from a router on the way): it is on a different network"},
	}
	for _, c := range cases {
		fs := explain("tcp", probed{addr: a, port: c.port, host: c.host, otherPort: 1}, false, false)
		assert.Contains(t, texts(fs, Problem), c.want, c.name)
	}
	v6 := netip.MustParseAddrPort("[2001:db8::7]:8000")
	fs := explain("tcp", probed{addr: v6, port: refused, host: refused, otherPort: 1}, false, true)
	assert.Contains(t, texts(fs, Warning), "[2001:db8::7]:8000, the name's IPv6 address, does not answer while another of its addresses does")
	fs = explain("tcp", probed{addr: v6, port: refused, host: refused, otherPort: 1}, false, false)
	assert.Contains(t, texts(fs, Note), "2001:db8::7 is an IPv6 address: a server listening on IPv4 only is not there")
}

func TestDoctorLocalhostForAPartner(t *testing.T) {
	addr := closedPort(t, "tcp")
	_, port, _ := net.SplitHostPort(addr)
	fs, ok := Doctor(context.Background(), "tcp", "localhost:"+port, nil)
	assert.False(t, ok)
	assert.Contains(t, texts(fs, Warning), "localhost always means this computer, never your partner's")
}

func TestOtherPort(t *testing.T) {
	assert.Equal(t, uint16(1), otherPortOf(8000))
	assert.Equal(t, uint16(2), otherPortOf(1))
}
