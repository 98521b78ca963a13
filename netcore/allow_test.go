package netcore_test

import (
	"net"
	"net/netip"
	"strings"
	"testing"
	"time"

	"github.com/socketlab/socketlab/netcore"
	"github.com/socketlab/socketlab/netcore/demos"
	"github.com/socketlab/socketlab/netcore/internal/nettest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParseAllowList(t *testing.T) {
	list, err := netcore.ParseAllowList("10.0.0.7/24, 127.0.0.1 ::1,fd00::/8 ::ffff:192.168.1.2")
	require.NoError(t, err)
	assert.Equal(t, []netip.Prefix{
		netip.MustParsePrefix("10.0.0.0/24"), netip.MustParsePrefix("127.0.0.1/32"),
		netip.MustParsePrefix("::1/128"), netip.MustParsePrefix("fd00::/8"), netip.MustParsePrefix("192.168.1.2/32"),
	}, list)
	assert.Equal(t, "10.0.0.0/24, 127.0.0.1, ::1, fd00::/8, 192.168.1.2", netcore.FormatAllowList(list))
	for _, bad := range []string{"10.0.0.0/33", "classroom", "10.0.0", strings.Repeat("127.0.0.1,", netcore.MaxAllowEntries+1)} {
		_, err := netcore.ParseAllowList(bad)
		assert.Error(t, err, bad)
	}
}

func allowOnly(t *testing.T, network, list string) *nettest.Server {
	cfg := nettest.Config(t, "echo", demos.Values{"welcome": "welcome"})
	cfg.Network = network
	var err error
	cfg.Allow, err = netcore.ParseAllowList(list)
	require.NoError(t, err)
	return nettest.StartServer(t, "127.0.0.1", cfg)
}

func TestAllowListTurnsOthersAwayOverTCP(t *testing.T) {
	ts := allowOnly(t, "tcp", "127.0.0.2, 10.0.0.0/24")
	allowed := nettest.DialRawFrom(t, nettest.SourceAddr("127.0.0.2"), ts.HostPort)
	assert.Equal(t, "welcome\n", allowed.Line())
	other := nettest.DialRawFrom(t, nettest.SourceAddr("127.0.0.3"), ts.HostPort)
	assert.Equal(t, netcore.NotAllowedReply+"\n", other.Line())
	other.ExpectClosed()
	assert.Equal(t, "hi\n", allowed.Ask("hi", "\n"), "the allowed client keeps being served")
	nettest.WaitFor(t, "the log to say so", func() bool {
		for _, e := range ts.EventLog() {
			if e.Kind == netcore.EventClosed && strings.HasPrefix(e.Peer, "127.0.0.3:") &&
				e.Text == "turned away: not on the allow list (127.0.0.2, 10.0.0.0/24)" {
				return true
			}
		}
		return false
	})
	assert.Len(t, ts.Clients(), 1)
}

func TestAllowListPerDatagram(t *testing.T) {
	ts := allowOnly(t, "udp", "127.0.0.2/32")
	ask := func(from string) string {
		c, err := net.DialUDP("udp", &net.UDPAddr{IP: net.ParseIP(from)}, net.UDPAddrFromAddrPort(netip.MustParseAddrPort(ts.HostPort)))
		require.NoError(t, err)
		defer c.Close()
		_, err = c.Write([]byte("ping\n"))
		require.NoError(t, err)
		c.SetReadDeadline(time.Now().Add(5 * time.Second))
		buf := make([]byte, 256)
		n, err := c.Read(buf)
		require.NoError(t, err)
		return string(buf[:n])
	}
	assert.Equal(t, "ping\n", ask("127.0.0.2"))
	assert.Equal(t, netcore.NotAllowedReply+"\n", ask("127.0.0.3"))
	assert.Equal(t, netcore.NotAllowedReply+"\n", ask("127.0.0.3"))
	nettest.WaitFor(t, "the refusal to be logged", func() bool { return ts.CountEvents(netcore.EventClosed) >= 1 })
	assert.Equal(t, 1, ts.CountEvents(netcore.EventClosed), "a source is logged once, not per datagram")
	for _, c := range ts.Clients() {
		assert.True(t, strings.HasPrefix(c.Peer, "127.0.0.2:"), "a refused source is not listed as a client")
	}
}
