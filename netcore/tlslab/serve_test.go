package tlslab_test

import (
	"bufio"
	"bytes"
	"context"
	"crypto/tls"
	"errors"
	"io"
	"net"
	"os/exec"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/socketlab/socketlab/netcore"
	"github.com/socketlab/socketlab/netcore/demos"
	"github.com/socketlab/socketlab/netcore/internal/nettest"
	"github.com/socketlab/socketlab/netcore/tlslab"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// startTLS runs a demo over TLS on loopback with the wire tap on, and
// returns it with its certificate's fingerprint.
func startTLS(t *testing.T, demo string, edit func(*netcore.Config)) (*nettest.Server, string) {
	t.Helper()
	cert, err := tlslab.LoadOrCreate(t.TempDir())
	require.NoError(t, err)
	cfg := nettest.Config(t, demo, nil)
	cfg.TLS = tlslab.ServerConfig(cert)
	cfg.WireTap = netcore.DefaultWireTap
	if edit != nil {
		edit(&cfg)
	}
	return nettest.StartServer(t, "127.0.0.1", cfg), tlslab.CertFingerprint(cert)
}

func TestEchoOverTLSWithGoClientCheckingTheFingerprint(t *testing.T) {
	ts, fp := startTLS(t, "echo", nil)
	pin, err := tlslab.NewPin(strings.ToLower(fp))
	require.NoError(t, err)
	c, err := netcore.DialWith(context.Background(), "tcp", ts.HostPort, 5*time.Second,
		netcore.DialOptions{TLS: pin.ClientConfig(), WireTap: netcore.DefaultWireTap})
	require.NoError(t, err)
	defer c.Close()
	assert.Equal(t, fp, pin.Seen())
	state, ok := c.TLS()
	require.True(t, ok)
	assert.GreaterOrEqual(t, state.Version, uint16(tls.VersionTLS12))

	// Framing and events are as without TLS.
	assert.Equal(t, demos.DefaultWelcome, nettest.NextEvent(t, c, netcore.EventReceived).Text)
	require.NoError(t, c.Send("secret words\n"))
	e := nettest.NextEvent(t, c, netcore.EventReceived)
	assert.Equal(t, "secret words", e.Text)
	assert.Equal(t, netcore.EndNewline, e.Ending)

	clients := ts.Clients()
	require.Len(t, clients, 1)
	wire, err := ts.Wire(clients[0].ID)
	require.NoError(t, err)
	assertEncrypted(t, wire, "secret words")
	assertEncrypted(t, c.Wire(), "secret words")
	// The server's events are drained apart from the echo: wait for them.
	nettest.WaitFor(t, "the demo to see the plain message", func() bool {
		return slices.Contains(receivedTexts(ts), "secret words")
	})
}

// assertEncrypted checks that the wire holds TLS records both ways, the
// first a handshake, and never the plain text.
func assertEncrypted(t *testing.T, wire []netcore.WireRecord, plain string) {
	t.Helper()
	var in, out []byte
	for _, r := range wire {
		if r.Dir == netcore.WireIn {
			in = append(in, r.Bytes...)
		} else {
			out = append(out, r.Bytes...)
		}
	}
	require.NotEmpty(t, in)
	require.NotEmpty(t, out)
	for _, b := range [][]byte{in, out} {
		assert.Equal(t, byte(0x16), b[0], "a TLS session starts with a handshake record")
		assert.Equal(t, byte(0x03), b[1], "TLS record version 3.x")
		assert.False(t, bytes.Contains(b, []byte(plain)), "the socket never carried the plain text")
	}
}

func receivedTexts(ts *nettest.Server) []string {
	var out []string
	for _, e := range ts.EventLog() {
		if e.Kind == netcore.EventReceived {
			out = append(out, e.Text)
		}
	}
	return out
}

func TestOtherCertificateIsRefused(t *testing.T) {
	ts, _ := startTLS(t, "echo", nil)
	other, err := tlslab.LoadOrCreate(t.TempDir())
	require.NoError(t, err)
	pin, err := tlslab.NewPin(tlslab.CertFingerprint(other))
	require.NoError(t, err)
	_, err = netcore.DialWith(context.Background(), "tcp", ts.HostPort, 5*time.Second, netcore.DialOptions{TLS: pin.ClientConfig()})
	require.Error(t, err)
	assert.True(t, errors.Is(err, tlslab.ErrFingerprintMismatch), "%v", err)
	assert.NotEmpty(t, pin.Seen(), "the fingerprint seen is kept to show")
	nettest.WaitFor(t, "the server to see the client leave", func() bool { return ts.CountEvents(netcore.EventClosed) == 1 })
	assert.Empty(t, receivedTexts(ts))
}

func TestWithoutFingerprintTheSeenOneIsRecorded(t *testing.T) {
	ts, fp := startTLS(t, "echo", nil)
	pin, err := tlslab.NewPin("")
	require.NoError(t, err)
	assert.False(t, pin.Checked())
	c, err := netcore.DialWith(context.Background(), "tcp", ts.HostPort, 5*time.Second, netcore.DialOptions{TLS: pin.ClientConfig()})
	require.NoError(t, err)
	defer c.Close()
	assert.Equal(t, fp, pin.Seen())
}

func TestPlainClientOnTLSServerAndTLSClientOnPlainServer(t *testing.T) {
	ts, _ := startTLS(t, "echo", nil)
	raw := nettest.DialRaw(t, "tcp", ts.HostPort)
	raw.Send("hello\n")
	raw.ExpectClosed()
	assert.Empty(t, receivedTexts(ts), "a plain client's bytes never reach the demo")

	plain := nettest.StartServer(t, "127.0.0.1", nettest.Config(t, "echo", nil))
	pin, _ := tlslab.NewPin("")
	_, err := netcore.DialWith(context.Background(), "tcp", plain.HostPort, 2*time.Second, netcore.DialOptions{TLS: pin.ClientConfig()})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "does not speak TLS")
}

func TestBusyTLSServerTellsWhyInsideTLS(t *testing.T) {
	ts, fp := startTLS(t, "echo", func(c *netcore.Config) { c.MaxClients = 1 })
	pin, _ := tlslab.NewPin(fp)
	first, err := netcore.DialWith(context.Background(), "tcp", ts.HostPort, 5*time.Second, netcore.DialOptions{TLS: pin.ClientConfig()})
	require.NoError(t, err)
	defer first.Close()
	nettest.NextEvent(t, first, netcore.EventReceived)
	second, err := netcore.DialWith(context.Background(), "tcp", ts.HostPort, 5*time.Second, netcore.DialOptions{TLS: pin.ClientConfig()})
	require.NoError(t, err)
	defer second.Close()
	assert.Equal(t, netcore.BusyReply, nettest.NextEvent(t, second, netcore.EventReceived).Text)
}

// TestOpenSSLPlaysCalc: openssl s_client, the tool a teacher would reach
// for, is the other side of a demo.
func TestOpenSSLPlaysCalc(t *testing.T) {
	if _, err := exec.LookPath("openssl"); err != nil {
		t.Skip("openssl not installed (make deps-test installs it)")
	}
	ts, _ := startTLS(t, "calc", nil)
	out := talk(t, []string{"openssl", "s_client", "-connect", ts.HostPort, "-quiet"}, "2+3*4\n", "14")
	t.Log(out)
	nettest.WaitFor(t, "the demo to log the question", func() bool {
		return len(receivedTexts(ts)) == 1 && receivedTexts(ts)[0] == "2+3*4"
	})
}

func TestNcatSSLPlaysEcho(t *testing.T) {
	if _, err := exec.LookPath("ncat"); err != nil {
		t.Skip("ncat not installed (make deps-test installs it)")
	}
	ts, _ := startTLS(t, "echo", nil)
	out := talk(t, []string{"ncat", "--ssl", "127.0.0.1", port(t, ts.HostPort)}, "over ncat\n", "over ncat")
	assert.Contains(t, out, demos.DefaultWelcome)
}

// talk runs a command with input on its stdin and reads its output until
// a line is want (or 10 s pass), then ends it.
func talk(t *testing.T, argv []string, input, want string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, argv[0], argv[1:]...)
	stdin, err := cmd.StdinPipe()
	require.NoError(t, err)
	stdout, err := cmd.StdoutPipe()
	require.NoError(t, err)
	require.NoError(t, cmd.Start())
	defer func() { cancel(); cmd.Wait() }()
	_, err = io.WriteString(stdin, input)
	require.NoError(t, err)
	var seen strings.Builder
	sc := bufio.NewScanner(stdout)
	for sc.Scan() {
		seen.WriteString(sc.Text() + "\n")
		if strings.TrimSpace(sc.Text()) == want {
			stdin.Close()
			return seen.String()
		}
	}
	t.Fatalf("%s never printed %q; it printed %q", argv[0], want, seen.String())
	return ""
}

func port(t *testing.T, hostport string) string {
	_, p, err := net.SplitHostPort(hostport)
	require.NoError(t, err)
	return p
}
