package reach

import (
	"context"
	"net"
	"net/netip"
	"strings"
	"testing"

	"github.com/socketlab/socketlab/netcore"
	"github.com/socketlab/socketlab/netcore/internal/nettest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func texts(fs []Finding, sev Severity) string {
	var b strings.Builder
	for _, f := range fs {
		if f.Severity == sev {
			b.WriteString(f.Text + "\n")
		}
	}
	return b.String()
}

// said is each finding as severity: English, the way the command line
// tells it.
func said(fs []Finding) []string {
	var out []string
	for _, f := range fs {
		out = append(out, f.Severity.String()+": "+f.Text)
	}
	return out
}

func TestCheckServerOnLoopback(t *testing.T) {
	ts := nettest.StartServer(t, "127.0.0.1", nettest.Config(t, "echo", nil))
	fs := CheckServer(context.Background(), "tcp", ts.Addr(), nil, nil)
	assert.Contains(t, texts(fs, Warning), "loopback (this computer only)")
	assert.Contains(t, texts(fs, Good), ts.HostPort+" answers from this computer")
	assert.Contains(t, texts(fs, Note), "firewall")
	assert.Empty(t, texts(fs, Problem))

	fs = CheckServer(context.Background(), "tcp", nil, nil, nil)
	assert.Contains(t, texts(fs, Problem), "not started")
}

func TestCheckServerSeesWhatDoesNotAnswer(t *testing.T) {
	// A listener that is closed again: the address no longer answers.
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	addr := ln.Addr()
	ln.Close()
	fs := CheckServer(context.Background(), "tcp", addr, nil, nil)
	assert.Contains(t, texts(fs, Problem), "Nothing listens at "+addr.String()+" from this computer")
}

func TestCheckServerOnEveryInterfaceProbesWhatItIsGiven(t *testing.T) {
	ts := nettest.StartServer(t, "127.0.0.1", nettest.Config(t, "echo", nil))
	_, port, _ := net.SplitHostPort(ts.HostPort)
	wildcard, err := net.ResolveTCPAddr("tcp", "0.0.0.0:"+port)
	require.NoError(t, err)
	// Only loopback is probed in tests.
	fs := CheckServer(context.Background(), "tcp", wildcard, []netip.Addr{netip.MustParseAddr("127.0.0.1")}, nil)
	assert.Contains(t, texts(fs, Good), "every interface")
	assert.Contains(t, texts(fs, Good), "127.0.0.1:"+port+" answers")
}

func TestCheckClient(t *testing.T) {
	ts := nettest.StartServer(t, "127.0.0.1", nettest.Config(t, "echo", nil))
	fs := CheckClient(context.Background(), "tcp", ts.HostPort)
	assert.Contains(t, texts(fs, Note), "127.0.0.1 is this computer")
	assert.Contains(t, texts(fs, Good), ts.HostPort+" answers: a server is listening there.")

	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	closed := ln.Addr().String()
	ln.Close()
	fs = CheckClient(context.Background(), "tcp", closed)
	assert.Contains(t, texts(fs, Problem), "Nothing listens at "+closed+": is the server started")

	fs = CheckClient(context.Background(), "tcp", "nonsense")
	assert.Contains(t, texts(fs, Problem), "address shown on your partner's screen")
	fs = CheckClient(context.Background(), "udp", ts.HostPort)
	assert.Contains(t, texts(fs, Note), "UDP has no connection to test")
}

func TestCheckClientLocalhostMeansTwoFamilies(t *testing.T) {
	ips, err := net.DefaultResolver.LookupNetIP(context.Background(), "ip", "localhost")
	if err != nil || !hasBothFamilies(ips) {
		t.Skip("localhost has one address family on this machine")
	}
	ts := nettest.StartServer(t, "127.0.0.1", nettest.Config(t, "echo", nil))
	_, port, _ := net.SplitHostPort(ts.HostPort)
	fs := CheckClient(context.Background(), "tcp", "localhost:"+port)
	assert.Contains(t, texts(fs, Note), `"localhost" means both an IPv4 and an IPv6 address`)
	assert.Contains(t, texts(fs, Good), "127.0.0.1:"+port+" answers")
	assert.Contains(t, texts(fs, Problem), "[::1]:"+port, "the IPv6 side of localhost has no server")
}

func TestSubnetFindings(t *testing.T) {
	ifs := []netcore.Interface{
		{Name: "lo", Up: true, Loopback: true, Addrs: []netip.Prefix{netip.MustParsePrefix("127.0.0.1/8")}},
		{Name: "wlan0", Up: true, Addrs: []netip.Prefix{netip.MustParsePrefix("192.168.0.7/24")}},
	}
	fs := subnetFindings([]netip.Addr{netip.MustParseAddr("192.168.0.105")}, ifs)
	assert.Equal(t, []string{"ok: Your interface wlan0 (192.168.0.7/24) is on the same network as 192.168.0.105."}, said(fs))
	fs = subnetFindings([]netip.Addr{netip.MustParseAddr("10.4.4.4")}, ifs)
	assert.Equal(t, []string{"warning: None of this computer's networks contains 10.4.4.4: are you both on the same Wi-Fi? (Your IPv4 addresses: 192.168.0.7/24.)"}, said(fs))
	fs = subnetFindings([]netip.Addr{netip.MustParseAddr("192.168.0.7")}, ifs)
	assert.Equal(t, []string{"note: 192.168.0.7 is this computer's own address on wlan0."}, said(fs))
}

// TestCheckServerLeavesNoClientOnItsOwnServer runs the Server tab's check
// against a server that knows it: the check's connections are made, but
// the server neither lists nor logs them.
func TestCheckServerLeavesNoClientOnItsOwnServer(t *testing.T) {
	nettest.ForEachLoopback(t, func(t *testing.T, host string) {
		ts := nettest.StartServer(t, host, nettest.Config(t, "duel", nil))
		for range 3 {
			fs := CheckServer(context.Background(), "tcp", ts.Addr(), nil, ts.Server)
			require.Contains(t, texts(fs, Good), ts.HostPort+" answers from this computer")
		}
		// A real client then is the first and only one seen.
		c := nettest.DialRaw(t, "tcp", ts.HostPort)
		assert.Equal(t, "waiting for an opponent\n", c.Line())
		assert.Len(t, ts.Clients(), 1)
		nettest.WaitFor(t, "the client's accepted event", func() bool { return ts.CountEvents(netcore.EventAccepted) > 0 })
		assert.Equal(t, 1, ts.CountEvents(netcore.EventAccepted), "the checks were not logged")
		assert.Zero(t, ts.CountEvents(netcore.EventClosed), "nor their closing")
	})
}
