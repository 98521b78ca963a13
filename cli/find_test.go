package cli

import (
	"bytes"
	"context"
	"net"
	"net/netip"
	"strings"
	"testing"
	"time"

	"github.com/socketlab/socketlab/netcore/discovery"
	"github.com/socketlab/socketlab/netcore/tlslab"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// freeUDPPort is a loopback UDP port free a moment ago, standing in for the
// classroom's discovery port.
func freeUDPPort(t *testing.T) int {
	t.Helper()
	c, err := net.ListenPacket("udp4", "127.0.0.1:0")
	require.NoError(t, err)
	defer c.Close()
	return c.LocalAddr().(*net.UDPAddr).Port
}

func runWithDiscovery(t *testing.T, discoveryPort int, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code = Run(context.Background(), args, Env{Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errOut, DiscoveryPort: discoveryPort})
	return code, out.String(), errOut.String()
}

func TestServeAnnounceAndFind(t *testing.T) {
	port := freeUDPPort(t)
	// Bound to loopback, the server announces on loopback only.
	addr, log := serveWithDiscovery(t, port, "--demo", "guess", "--min", "1", "--max", "20", "--addr", "127.0.0.1:0", "--announce")
	require.Eventually(t, func() bool { return strings.Contains(log.String(), "announced as "+addr) }, 5*time.Second, 5*time.Millisecond)
	assert.Contains(t, log.String(), "demo guess: The server thinks of a number from 1 to 20.", "the description says the range set")

	code, out, errOut := runWithDiscovery(t, port, "find", "--wait", "1500ms")
	assert.Equal(t, 0, code, errOut)
	lines := strings.Split(strings.TrimSpace(out), "\n")
	require.Len(t, lines, 1, out)
	fields := strings.Fields(lines[0])
	require.GreaterOrEqual(t, len(fields), 4, out)
	assert.Equal(t, []string{"guess", addr, "tcp"}, fields[:3])
	assert.True(t, strings.HasSuffix(lines[0], "  max=20 min=1"), "the announced settings: %q", lines[0])
}

func TestServeWithoutAnnounceIsNotFound(t *testing.T) {
	port := freeUDPPort(t)
	_, log := serveWithDiscovery(t, port, "--demo", "echo", "--addr", "127.0.0.1:0")
	code, out, errOut := runWithDiscovery(t, port, "find", "--wait", "1200ms")
	assert.Equal(t, 1, code)
	assert.Empty(t, out)
	assert.Contains(t, errOut, "no server announced itself within 1.2s")
	assert.NotContains(t, log.String(), "announced")
}

func TestFindBadUsage(t *testing.T) {
	for _, args := range [][]string{{"find", "extra"}, {"find", "--wait", "0s"}, {"find", "--wait", "soon"}} {
		code, _, _ := runWithDiscovery(t, freeUDPPort(t), args...)
		assert.Equal(t, 2, code, args)
	}
}

func TestDoctorCommand(t *testing.T) {
	port := freeUDPPort(t)
	addr, _ := serveWithDiscovery(t, port, "--demo", "echo", "--addr", "127.0.0.1:0")
	code, out, _ := runWithDiscovery(t, port, "doctor", addr)
	assert.Equal(t, 0, code, out)
	assert.Contains(t, out, "ok: "+addr+" answers: a server is listening there.\n")
	assert.Contains(t, out, "warning: 127.0.0.1 always means this computer")

	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	closed := ln.Addr().String()
	ln.Close()
	code, out, _ = runWithDiscovery(t, port, "doctor", closed)
	assert.Equal(t, 1, code)
	assert.Contains(t, out, "problem: Nothing listens at "+closed)

	udpAddr, _ := serveWithDiscovery(t, port, "--demo", "time", "--udp", "--addr", "127.0.0.1:0")
	code, out, _ = runWithDiscovery(t, port, "doctor", "--udp", udpAddr)
	assert.Equal(t, 0, code, out)
	assert.Contains(t, out, "ok: "+udpAddr+" answers over UDP")

	code, _, _ = runWithDiscovery(t, port, "doctor")
	assert.Equal(t, 2, code)
}

// A server that announces itself yet refuses the port is behind a
// firewall: doctor hears the beacon. (The refusal is staged by announcing a
// port nothing listens on, which is how a firewall's refusal looks.)
func TestDoctorHearsAnnouncementOfRefusingServer(t *testing.T) {
	port := freeUDPPort(t)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	closed := ln.Addr().(*net.TCPAddr)
	ln.Close()
	lo := netip.MustParseAddr("127.0.0.1")
	an, err := discovery.Announce(discovery.Service{Demo: "echo", Port: closed.Port, Transport: "tcp"},
		[]discovery.Route{{From: lo, To: netip.AddrPortFrom(lo, uint16(port))}}, 100*time.Millisecond)
	require.NoError(t, err)
	defer an.Stop()
	code, out, _ := runWithDiscovery(t, port, "doctor", closed.String())
	assert.Equal(t, 1, code)
	assert.Contains(t, out, "problem: "+closed.String()+" refuses connections although a Socket Lab server there announces itself on that port: a firewall")
}

// A server started with --tls --announce is listed as tcp+tls, so a
// classmate knows to connect with --tls.
func TestFindShowsTLSServers(t *testing.T) {
	port := freeUDPPort(t)
	t.Setenv(tlslab.DirEnv, t.TempDir())
	addr, log := serveWithDiscovery(t, port, "--demo", "echo", "--addr", "127.0.0.1:0", "--announce", "--tls")
	require.Eventually(t, func() bool { return strings.Contains(log.String(), "announced as "+addr) }, 5*time.Second, 5*time.Millisecond)

	code, out, errOut := runWithDiscovery(t, port, "find", "--wait", "1500ms")
	assert.Equal(t, 0, code, errOut)
	fields := strings.Fields(strings.TrimSpace(out))
	require.GreaterOrEqual(t, len(fields), 3, out)
	assert.Equal(t, []string{"echo", addr, "tcp+tls"}, fields[:3])
}
