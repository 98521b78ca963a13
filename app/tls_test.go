package app

import (
	"bufio"
	"net"
	"strconv"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.uber.org/goleak"

	"github.com/socketlab/socketlab/netcore"
	"github.com/socketlab/socketlab/netcore/demos"
	"github.com/socketlab/socketlab/netcore/discovery"
	"github.com/socketlab/socketlab/netcore/tlslab"
)

// The TLS lesson and the allow list in the app (issue #17), over loopback:
// the certificate is made in a temporary directory, never the user's.

// wireHeads are a wire view's row heads and hex lines, as shown.
func wireHeads(v *wireView) (heads, hex string) {
	var h, x []string
	for _, r := range v.rows {
		h = append(h, r.head)
		x = append(x, r.hex)
	}
	return strings.Join(h, "\n"), strings.Join(x, "\n")
}

func TestTLSServerTabAndClientTab(t *testing.T) {
	t.Setenv(tlslab.DirEnv, t.TempDir())
	a := test.NewTempApp(t)
	sh := newServerHarnessIn(t, a, goleak.IgnoreCurrent())
	sh.selectDemo("echo")
	sh.tab.tlsCheck.SetChecked(true)
	port := sh.start()
	fp := serverFingerprint(sh.tab.run.srv.Config())
	require.Len(t, fp, 95, "a SHA-256 fingerprint in colon-separated pairs")
	assert.True(t, sh.tab.bannerTLS.Visible(), "the banner shows the fingerprint")
	assert.Contains(t, sh.tab.bannerTLS.Text, groupedFingerprint(fp))
	assert.Contains(t, sh.tab.bannerNote.Text, "over TCP with TLS")
	sh.eventually(func() bool { return sh.logHas("note", "TLS on: certificate fingerprint (SHA-256) "+fp) }, "the log names the certificate")
	assert.True(t, sh.tab.prefs.Bool(prefServerTLS), "the switch is remembered")

	// The Client tab connects with TLS and shows the fingerprint it was
	// given, asking to compare it.
	ui := newTestPump(t)
	ch := newClientHarness(t, a, ui)
	addr := "127.0.0.1:" + strconv.Itoa(port)
	ch.ui.run(func() { ch.tab.tlsCheck.SetChecked(true) })
	assert.True(t, get(ch, func() bool { return ch.tab.tlsRow.Visible() }), "the fingerprint entry shows with TLS")
	ch.connect(addr)
	status := ch.status()
	assert.Contains(t, status, "over TLS")
	assert.Contains(t, status, fp)
	assert.Contains(t, status, "Compare it with the one on your partner's screen")
	ch.sendMessage("hello secret")
	ch.waitTranscript("← hello secret" + markNewline)

	// The transcript's "TLS records": a handshake, then encrypted records
	// in which the message cannot be read.
	ch.ui.run(func() { ch.tab.transcript.wire.check.SetChecked(true) })
	heads, hex := get(ch, func() string { h, _ := wireHeads(ch.tab.transcript.wire); return h }), get(ch, func() string { _, x := wireHeads(ch.tab.transcript.wire); return x })
	assert.Contains(t, heads, "out")
	assert.Contains(t, heads, "handshake")
	assert.Contains(t, heads, "application data (encrypted)")
	assert.NotContains(t, hex, "hello", "TLS hides the message on the wire")

	// The server log's "TLS records" shows the newest client's bytes.
	sh.tab.log.wire.check.SetChecked(true)
	sh.eventually(func() bool {
		h, _ := wireHeads(sh.tab.log.wire)
		return strings.Contains(h, "application data (encrypted)")
	}, "the server log shows the client's encrypted records")
	assert.Contains(t, sh.tab.log.wire.title.Text, "(TLS)")

	// The fingerprint typed in: the same one (any case) is accepted.
	ch.ui.run(func() {
		test.Tap(ch.tab.connectButton) // Disconnect
		ch.tab.fingerprint.SetText(strings.ToLower(fp))
	})
	ch.connect(addr)
	assert.Contains(t, ch.status(), "the server's certificate is the one expected")

	// Another one: refused, and told which certificate came instead.
	other := strings.TrimSuffix(strings.Repeat("AB:", 32), ":")
	ch.ui.run(func() {
		test.Tap(ch.tab.connectButton)
		ch.tab.fingerprint.SetText(other)
		test.Tap(ch.tab.connectButton)
	})
	ch.waitStatus("could not connect")
	status = ch.status()
	assert.Contains(t, status, "not the one expected")
	assert.Contains(t, status, "The server showed the certificate "+fp)
	assert.Equal(t, stateIdle, get(ch, func() connState { return ch.tab.state }))

	// A fingerprint that is not one: a clear error, nothing dialled.
	ch.ui.run(func() {
		ch.tab.fingerprint.SetText("AB:CD")
		test.Tap(ch.tab.connectButton)
	})
	assert.Contains(t, ch.status(), "expected fingerprint: a fingerprint is 32 bytes in hex")
	assert.Equal(t, stateIdle, get(ch, func() connState { return ch.tab.state }))
}

func TestServerTabTLSIsTCPOnly(t *testing.T) {
	h := newServerHarness(t)
	h.selectDemo("echo")
	assert.False(t, h.tab.tlsCheck.Disabled())
	h.tab.transport.SetSelected(transportUDP)
	assert.True(t, h.tab.tlsCheck.Disabled(), "no TLS over UDP")
	assert.Contains(t, h.tab.tlsTip.Text, "TCP only")
	h.tab.transport.SetSelected(transportTCP)
	assert.False(t, h.tab.tlsCheck.Disabled())
}

// readLine dials the server from the local address from and reads its
// first line.
func readLine(t *testing.T, from string, port int) string {
	t.Helper()
	d := net.Dialer{LocalAddr: &net.TCPAddr{IP: net.ParseIP(from)}, Timeout: 5 * time.Second}
	c, err := d.Dial("tcp", "127.0.0.1:"+strconv.Itoa(port))
	require.NoError(t, err)
	defer c.Close()
	require.NoError(t, c.SetDeadline(time.Now().Add(5*time.Second)))
	line, err := bufio.NewReader(c).ReadString('\n')
	require.NoError(t, err)
	return strings.TrimSuffix(line, "\n")
}

func TestServerTabAllowList(t *testing.T) {
	h := newServerHarness(t)
	h.selectDemo("echo")

	// A wrong entry: the entry says so, and Start says which entry.
	h.tab.allowEntry.SetText("127.0.0.1, 10.0.0.300")
	require.Error(t, h.tab.allowEntry.Validate())
	h.tab.ifaceSelect.SetSelected(ifaceLoopLabel())
	h.tab.portEntry.SetText(strconv.Itoa(freePort(t)))
	test.Tap(h.tab.startButton)
	h.ui.drain()
	assert.Equal(t, serverStopped, h.tab.state)
	assert.True(t, h.logHas("error", `Allow only: "10.0.0.300" is not an address or a subnet`), "the log says which entry is wrong")

	h.tab.allowEntry.SetText("127.0.0.1")
	port := h.start()
	assert.Equal(t, "127.0.0.1", h.tab.prefs.String(prefServerAllow), "the list is remembered")
	h.eventually(func() bool { return h.logHas("note", "only serving 127.0.0.1") }, "the log says who is served")

	assert.Equal(t, netcore.NotAllowedReply, readLine(t, "127.0.0.2", port), "127.0.0.2 is told why")
	h.eventually(func() bool { return h.logHas("closed", "turned away: not on the allow list (127.0.0.1)") }, "the log says who was refused and why")
	assert.Equal(t, demos.DefaultWelcome, readLine(t, "127.0.0.1", port), "127.0.0.1 is served")
}

// A server announced with TLS is listed so, and its Connect connects with
// TLS (a plain connection would fail the handshake).
func TestDiscoveredTLSServerConnectsWithTLS(t *testing.T) {
	cert, err := tlslab.LoadOrCreate(t.TempDir())
	require.NoError(t, err)
	srv, _ := startDemoServer(t, "echo", func(c *netcore.Config) { c.TLS = tlslab.ServerConfig(cert) })
	addr := srv.Addr().String()
	a := test.NewTempApp(t)
	ui := newTestPump(t)
	h := newClientHarness(t, a, ui, quickDiscovery())
	require.False(t, get(h, func() bool { return h.tab.tlsCheck.Checked }))

	announceTo(t, h, discovery.Announcement{Demo: "echo", Addr: addr, Transport: "tcp", Name: "pc-3", TLS: true})
	h.eventually(func() bool { return len(h.tab.discovery.rows.Objects) == 1 }, "the server should be listed")
	assert.Equal(t, []string{demoTitle("echo") + " | " + addr + " · TCP with TLS · on pc-3"}, discoveryRows(h))
	h.ui.run(func() { test.Tap(findButton(t, h.tab.discovery.rows, "Connect")) })
	h.waitStatus("connected to " + addr + " over TLS")
	assert.Contains(t, h.status(), tlslab.CertFingerprint(cert))
	assert.True(t, get(h, func() bool { return h.tab.tlsCheck.Checked }))
}

// The Server tab's announcement says TLS, so the Client tabs list it so.
func TestServerTabAnnouncesTLS(t *testing.T) {
	t.Setenv(tlslab.DirEnv, t.TempDir())
	h := newServerHarness(t)
	b, err := discovery.Browse("127.0.0.1:0", 3*time.Second)
	require.NoError(t, err)
	defer b.Close()
	h.tab.discoveryPort = b.Addr().(*net.UDPAddr).Port
	h.selectDemo("echo")
	h.tab.tlsCheck.SetChecked(true)
	port := h.start()
	want := "127.0.0.1:" + strconv.Itoa(port)
	h.eventually(func() bool {
		for _, f := range b.Found() {
			if f.Addr == want {
				return f.TLS
			}
		}
		return false
	}, "the browser hears a TLS server")
	h.stop()
}
