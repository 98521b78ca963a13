package app

import (
	"net"
	"net/netip"
	"strings"
	"testing"
	"time"

	"github.com/socketlab/socketlab/netcore/demos"
	"github.com/socketlab/socketlab/netcore/discovery"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.uber.org/goleak"

	"github.com/socketlab/socketlab/netcore"
)

// Discovery tests listen on a free loopback port and announce to it
// directly: never the classroom's port, never a broadcast address.

// quickDiscovery forgets servers soon, so that a stopped one goes quickly.
func quickDiscovery() clientOption {
	return withDiscovery("127.0.0.1:0", 600*time.Millisecond, 50*time.Millisecond)
}

// announceTo announces a to the tab's browser until the test ends or stop
// is called: from a socket bound to a's host, since the browser lists a
// server only at the address its beacon came from.
func announceTo(t *testing.T, h *clientHarness, a discovery.Announcement) (stop func()) {
	t.Helper()
	b := get(h, func() *discovery.Browser { return h.tab.discovery.browser })
	require.NotNil(t, b, "discovery should be listening")
	server := netip.MustParseAddrPort(a.Addr)
	route := discovery.Route{From: server.Addr(), To: b.Addr().(*net.UDPAddr).AddrPort()}
	s := discovery.Service{Demo: a.Demo, Port: int(server.Port()), Transport: a.Transport, Name: a.Name, TLS: a.TLS, Settings: a.Settings}
	an, err := discovery.Announce(s, []discovery.Route{route}, 50*time.Millisecond)
	require.NoError(t, err)
	t.Cleanup(an.Stop)
	return an.Stop
}

// discoveryRows returns each row's labels as "title | detail".
func discoveryRows(h *clientHarness) []string {
	return get(h, func() []string {
		var out []string
		for _, o := range h.tab.discovery.rows.Objects {
			c := o.(*fyne.Container)
			// Border: centre (the detail) first, then left (title), right.
			out = append(out, c.Objects[1].(*widget.Label).Text+" | "+c.Objects[0].(*widget.Label).Text)
		}
		return out
	})
}

func TestDiscoveryListsServersAndConnectsInOneClick(t *testing.T) {
	a := test.NewTempApp(t)
	ui := newTestPump(t)
	srv, _ := startDemoServer(t, "mancala", nil)
	addr := srv.Addr().String()
	h := newClientHarness(t, a, ui, quickDiscovery())
	assert.Contains(t, get(h, func() string { return h.tab.discovery.empty.Text }), "None heard yet")
	assert.Equal(t, "echo", get(h, func() string { return h.tab.demoName() }))

	stop := announceTo(t, h, discovery.Announcement{Demo: "mancala", Addr: addr, Transport: "tcp", Name: "pc-12"})
	h.eventually(func() bool { return len(h.tab.discovery.rows.Objects) == 1 }, "the server should be listed")
	info, _ := demos.Lookup("mancala")
	assert.Equal(t, []string{info.Title + " | " + addr + " · TCP · on pc-12"}, discoveryRows(h))
	assert.True(t, get(h, func() bool { return h.tab.discovery.scroll.Visible() }))
	assert.Contains(t, get(h, func() string { return h.tab.discovery.note.Text }), "1 heard")

	// One click: address, transport and panel filled in, and connected.
	h.ui.run(func() {
		h.tab.transport.SetSelected("UDP")
		test.Tap(findButton(t, h.tab.discovery.rows, "Connect"))
	})
	h.waitStatus("connected to " + addr)
	host, port, _ := net.SplitHostPort(addr)
	assert.Equal(t, host, get(h, func() string { return h.tab.host.Text }))
	assert.Equal(t, port, get(h, func() string { return h.tab.port.Text }))
	assert.Equal(t, "TCP", get(h, func() string { return h.tab.transport.Selected }))
	assert.Equal(t, "mancala", get(h, func() string { return h.tab.demoName() }))
	p := activePanel[*mancalaPanel](h)
	h.eventually(func() bool { return strings.HasPrefix(p.status.Text, "Waiting for an opponent") })

	// A second server: listed in order; its Connect replaces the connection.
	other, _ := startDemoServer(t, "echo", nil)
	announceTo(t, h, discovery.Announcement{Demo: "echo", Addr: other.Addr().String(), Transport: "tcp", Name: "pc-7"})
	h.eventually(func() bool { return len(h.tab.discovery.rows.Objects) == 2 })
	rows := discoveryRows(h)
	assert.True(t, strings.HasPrefix(rows[0], demoTitle("echo")+" | "), "sorted by demo: %v", rows)
	h.ui.run(func() {
		test.Tap(h.tab.discovery.rows.Objects[0].(*fyne.Container).Objects[2].(*widget.Button))
	})
	h.waitStatus("connected to " + other.Addr().String())
	assert.Equal(t, "echo", get(h, func() string { return h.tab.demoName() }))
	h.waitTranscript("• disconnected: switched to " + other.Addr().String())

	// A server that stops announcing is forgotten after the TTL.
	stop()
	h.eventually(func() bool { return len(h.tab.discovery.rows.Objects) == 1 }, "the mancala server should drop out")
	assert.True(t, strings.HasPrefix(discoveryRows(h)[0], demoTitle("echo")))
}

func TestDiscoveryIgnoresUnknownDemosAndUDP(t *testing.T) {
	a := test.NewTempApp(t)
	ui := newTestPump(t)
	srv, _ := startDemoServer(t, "echo", func(c *netcore.Config) { c.Network = "udp" })
	h := newClientHarness(t, a, ui, quickDiscovery())
	h.selectDemo("guess")
	announceTo(t, h, discovery.Announcement{Demo: "tetris", Addr: srv.Addr().String(), Transport: "udp"})
	h.eventually(func() bool { return len(h.tab.discovery.rows.Objects) == 1 })
	assert.Equal(t, []string{"tetris | " + srv.Addr().String() + " · UDP"}, discoveryRows(h))
	h.ui.run(func() { test.Tap(findButton(t, h.tab.discovery.rows, "Connect")) })
	h.waitStatus("connected to " + srv.Addr().String())
	assert.Equal(t, "UDP", get(h, func() string { return h.tab.transport.Selected }))
	assert.Equal(t, "guess", get(h, func() string { return h.tab.demoName() }), "an unknown demo keeps the panel")
}

func TestDiscoveryUnavailableIsAQuietNote(t *testing.T) {
	a := test.NewTempApp(t)
	ui := newTestPump(t)
	// Another program holds the port (without sharing it).
	pc, err := net.ListenPacket("udp4", "127.0.0.1:0")
	require.NoError(t, err)
	defer pc.Close()
	h := newClientHarness(t, a, ui, withDiscovery(pc.LocalAddr().String(), time.Second, time.Second))
	note := get(h, func() string { return h.tab.discovery.empty.Text })
	assert.True(t, strings.HasPrefix(note, "Discovery unavailable: "), note)
	assert.Nil(t, h.tab.discovery.browser)
	assert.False(t, get(h, func() bool { return h.tab.discovery.scroll.Visible() }))
	// The rest of the tab works.
	srv, _ := startDemoServer(t, "echo", nil)
	h.connect(srv.Addr().String())
}

func TestDiscoveryStopsOnShutdown(t *testing.T) {
	defer goleak.VerifyNone(t, goleak.IgnoreCurrent())
	a := test.NewTempApp(t)
	ui := newTestPump(t)
	h := newClientHarness(t, a, ui, quickDiscovery())
	stop := announceTo(t, h, discovery.Announcement{Demo: "echo", Addr: "127.0.0.1:9", Transport: "tcp"})
	h.eventually(func() bool { return len(h.tab.discovery.rows.Objects) == 1 })
	stop()
	h.ui.run(h.tab.shutdown)
	assert.True(t, get(h, func() bool { return h.tab.wgIdleForTest() }))
	ui.stop()
}

func TestDiscoveryOff(t *testing.T) {
	a := test.NewTempApp(t)
	ui := newTestPump(t)
	h := newClientHarness(t, a, ui, withDiscovery("", 0, 0))
	assert.False(t, get(h, func() bool { return h.tab.discovery.content.Visible() }))
	assert.Nil(t, h.tab.discovery.browser)
}

// A classmate's program cannot list a server at another computer's address,
// nor put control or bidi characters on the screen.
func TestDiscoveryListsOnlyWhatTheSourceSaysOfItself(t *testing.T) {
	a := test.NewTempApp(t)
	ui := newTestPump(t)
	h := newClientHarness(t, a, ui, quickDiscovery())
	b := get(h, func() *discovery.Browser { return h.tab.discovery.browser })
	c, err := net.ListenUDP("udp4", &net.UDPAddr{IP: net.ParseIP("127.0.0.2")})
	require.NoError(t, err)
	defer c.Close()
	for _, beacon := range []string{
		`SOCKETLAB/1 {"demo":"password","addr":"127.0.0.1:41267","transport":"tcp","name":"teacher"}`,
		`SOCKETLAB/1 {"demo":"chat","addr":"127.0.0.2:8001","transport":"tcp","name":"pc\u001b[2J\u202eevil\u0007"}`,
	} {
		_, err := c.WriteToUDP([]byte(beacon), b.Addr().(*net.UDPAddr))
		require.NoError(t, err)
	}
	h.eventually(func() bool { return len(h.tab.discovery.rows.Objects) == 1 })
	assert.Equal(t, []string{demoTitle("chat") + " | 127.0.0.2:8001 · TCP · on pc[2Jevil"}, discoveryRows(h))
}
