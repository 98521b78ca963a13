package app

import (
	"bufio"
	"net"
	"os"
	"strconv"
	"strings"
	"sync"
	"syscall"
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

// These tests use real sockets on 127.0.0.1 only.

type serverHarness struct {
	t   *testing.T
	tab *serverTab
	win fyne.Window
	ui  *testPump
	app fyne.App
}

// newServerHarness shows a server tab in a test window. Work for the UI
// goroutine waits in the test pump until the test drains it on its own
// goroutine. Cleanup shuts the tab down and checks that no goroutine is left.
func newServerHarness(t *testing.T) *serverHarness {
	t.Helper()
	ignore := goleak.IgnoreCurrent()
	a := test.NewTempApp(t)
	return newServerHarnessIn(t, a, ignore)
}

func newServerHarnessIn(t *testing.T, a fyne.App, ignore goleak.Option) *serverHarness {
	t.Helper()
	ui := newTestPump(t)
	w := test.NewWindow(nil)
	tab := newServerTab(a, w, ui.uiPump)
	// Announcements go to a loopback port nobody listens on, not to the
	// real discovery port where a Socket Lab on this computer would list
	// test servers. Tests that listen set their own.
	tab.discoveryPort = freeUDPPort(t)
	w.SetContent(tab.content)
	w.Resize(fyne.NewSize(1100, 720))
	h := &serverHarness{t: t, tab: tab, win: w, ui: ui, app: a}
	t.Cleanup(func() {
		tab.shutdown()
		ui.drain()
		ui.stop()
		w.Close()
		if ignore != nil {
			goleak.VerifyNone(t, ignore)
		}
	})
	return h
}

// eventually drains the test pump until cond holds.
func (h *serverHarness) eventually(cond func() bool, what string) {
	h.t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for {
		h.ui.drain()
		if cond() {
			return
		}
		if time.Now().After(deadline) {
			h.t.Fatalf("timed out waiting until %s", what)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

func (h *serverHarness) selectDemo(name string) {
	h.t.Helper()
	info, ok := demos.Lookup(name)
	require.True(h.t, ok)
	h.tab.demoSelect.SetSelected(demoOption(info))
	require.Equal(h.t, name, h.tab.demo.Name)
}

// start listens on loopback at a free port and returns it.
func (h *serverHarness) start() int {
	h.t.Helper()
	port := freePort(h.t)
	h.tab.ifaceSelect.SetSelected(ifaceLoopLabel())
	h.tab.portEntry.SetText(strconv.Itoa(port))
	test.Tap(h.tab.startButton)
	h.eventually(func() bool { return h.tab.state == serverRunning }, "the server runs")
	return port
}

func (h *serverHarness) stop() {
	h.t.Helper()
	test.Tap(h.tab.stopButton)
	h.eventually(func() bool { return h.tab.state == serverStopped }, "the server stopped")
}

func (h *serverHarness) logHas(kind, text string) bool {
	h.tab.log.Flush()
	for _, r := range h.tab.log.Rows() {
		if r.Kind == kind && strings.Contains(r.Text, text) {
			return true
		}
	}
	return false
}

func (h *serverHarness) clientCount() int { return h.tab.clientList.Length() }

func freePort(t *testing.T) int {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	port := ln.Addr().(*net.TCPAddr).Port
	require.NoError(t, ln.Close())
	return port
}

// freeUDPPort is a loopback UDP port that nothing listens on.
func freeUDPPort(t *testing.T) int {
	t.Helper()
	c, err := net.ListenPacket("udp4", "127.0.0.1:0")
	require.NoError(t, err)
	port := c.LocalAddr().(*net.UDPAddr).Port
	require.NoError(t, c.Close())
	return port
}

type testClient struct {
	t  *testing.T
	c  net.Conn
	rd *bufio.Reader
}

func dialTest(t *testing.T, port int) *testClient {
	t.Helper()
	c, err := net.DialTimeout("tcp", net.JoinHostPort("127.0.0.1", strconv.Itoa(port)), 5*time.Second)
	require.NoError(t, err)
	t.Cleanup(func() { c.Close() })
	return &testClient{t: t, c: c, rd: bufio.NewReader(c)}
}

func (tc *testClient) readLine() string {
	tc.t.Helper()
	require.NoError(tc.t, tc.c.SetReadDeadline(time.Now().Add(5*time.Second)))
	line, err := tc.rd.ReadString('\n')
	require.NoError(tc.t, err, "reading a line")
	return strings.TrimSuffix(line, "\n")
}

func (tc *testClient) send(line string) {
	tc.t.Helper()
	_, err := tc.c.Write([]byte(line + "\n"))
	require.NoError(tc.t, err)
}

// walkVisible calls f for o and every visible object below it.
func walkVisible(o fyne.CanvasObject, f func(fyne.CanvasObject)) {
	if o == nil || !o.Visible() {
		return
	}
	f(o)
	switch x := o.(type) {
	case *fyne.Container:
		for _, c := range x.Objects {
			walkVisible(c, f)
		}
	case fyne.Widget:
		for _, c := range test.WidgetRenderer(x).Objects() {
			walkVisible(c, f)
		}
	}
}

func findButtons(root fyne.CanvasObject, text string) []*widget.Button {
	var out []*widget.Button
	walkVisible(root, func(o fyne.CanvasObject) {
		if b, ok := o.(*widget.Button); ok && b.Text == text {
			out = append(out, b)
		}
	})
	return out
}

// overlayText is the text of the labels in the topmost dialog, if any.
func overlayText(w fyne.Window) string {
	var sb strings.Builder
	walkVisible(w.Canvas().Overlays().Top(), func(o fyne.CanvasObject) {
		if l, ok := o.(*widget.Label); ok {
			sb.WriteString(l.Text + "\n")
		}
	})
	return sb.String()
}

func TestServerTabEchoWelcomeAndClients(t *testing.T) {
	h := newServerHarness(t)
	h.selectDemo("echo")
	port := h.start()

	// The banner shows what a partner types.
	assert.Equal(t, "127.0.0.1 : "+strconv.Itoa(port), h.tab.bannerAddr.Text)
	assert.True(t, h.tab.bannerRow.Visible())
	assert.Contains(t, h.tab.bannerNote.Text, "Only programs on this computer")
	test.Tap(h.tab.copyButton)
	assert.Equal(t, "127.0.0.1:"+strconv.Itoa(port), h.app.Clipboard().Content())

	// Settings are locked while it runs.
	assert.True(t, h.tab.startButton.Disabled())
	assert.False(t, h.tab.stopButton.Disabled())
	assert.True(t, h.tab.demoSelect.Disabled())
	assert.True(t, h.tab.portEntry.Disabled())
	assert.True(t, h.tab.ifaceSelect.Disabled())

	c1 := dialTest(t, port)
	assert.Equal(t, demos.DefaultWelcome, c1.readLine())
	c2 := dialTest(t, port)
	assert.Equal(t, demos.DefaultWelcome, c2.readLine())
	h.eventually(func() bool { return h.clientCount() == 2 }, "two clients are listed")
	assert.Equal(t, "Connected clients (2)", h.tab.clientsTitle.Text)
	assert.False(t, h.tab.noClients.Visible())

	c1.send("ping")
	assert.Equal(t, "ping", c1.readLine())
	h.eventually(func() bool { return h.logHas("received", `"ping"`) }, "the log shows the message")
	h.eventually(func() bool { return h.tab.clients[0].BytesIn > 0 }, "byte counters move on the ticker")

	c2.c.Close()
	h.eventually(func() bool { return h.clientCount() == 1 }, "the client that left is gone")
	assert.True(t, h.logHas("closed", "client disconnected"))

	h.stop()
	assert.False(t, h.tab.bannerRow.Visible())
	assert.Equal(t, 0, h.clientCount())
	assert.False(t, h.tab.startButton.Disabled())
	assert.True(t, h.tab.stopButton.Disabled())
	assert.False(t, h.tab.demoSelect.Disabled())
	assert.True(t, h.logHas("stopped", "server stopped"))
}

func TestServerTabKickSendAndBroadcast(t *testing.T) {
	h := newServerHarness(t)
	h.selectDemo("echo")
	h.tab.settings.entry("echo", "welcome").SetText("") // no welcome: the first line read is ours
	port := h.start()

	c1 := dialTest(t, port)
	h.eventually(func() bool { return h.clientCount() == 1 }, "first client listed")
	c2 := dialTest(t, port)
	h.eventually(func() bool { return h.clientCount() == 2 }, "second client listed")

	// Broadcast reaches everyone.
	assert.True(t, h.tab.sendButton.Disabled(), "nobody selected yet")
	h.tab.message.SetText("hello all")
	test.Tap(h.tab.castButton)
	assert.Equal(t, "hello all", c1.readLine())
	assert.Equal(t, "hello all", c2.readLine())
	assert.Empty(t, h.tab.message.Text, "the line is cleared after sending")

	// Send to selected reaches only that client.
	h.tab.clientList.Select(1)
	require.False(t, h.tab.sendButton.Disabled())
	h.tab.message.SetText("just you")
	test.Tap(h.tab.sendButton)
	assert.Equal(t, "just you", c2.readLine())
	c1.send("marker")
	assert.Equal(t, "marker", c1.readLine(), "c1 got nothing in between")

	// Kick the first client with its row's button.
	h.eventually(func() bool { return len(findButtons(h.tab.clientList, "Kick")) == 2 }, "two kick buttons")
	test.Tap(findButtons(h.tab.clientList, "Kick")[0])
	require.NoError(t, c1.c.SetReadDeadline(time.Now().Add(5*time.Second)))
	why, err := c1.rd.ReadString('\n')
	require.NoError(t, err)
	assert.Equal(t, netcore.KickedReply+"\n", why, "the kicked client is told why")
	_, err = c1.rd.ReadString('\n')
	require.Error(t, err, "the kicked client's connection is closed")
	h.eventually(func() bool { return h.clientCount() == 1 }, "the kicked client is gone")
	assert.Equal(t, h.tab.selectedID, h.tab.clients[0].ID, "the selection follows its client")
	h.eventually(func() bool { return h.logHas("closed", "kicked by the server") }, "the log shows the kick")
}

func TestServerTabChatBroadcastIsFromServer(t *testing.T) {
	h := newServerHarness(t)
	h.selectDemo("chat")
	port := h.start()
	c := dialTest(t, port)
	assert.Contains(t, c.readLine(), "joined")
	h.tab.message.SetText("class starts now")
	h.tab.message.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn}) // Enter broadcasts
	assert.Equal(t, "server: class starts now", c.readLine())
}

func TestServerTabUDPEcho(t *testing.T) {
	h := newServerHarness(t)
	h.selectDemo("echo")
	require.False(t, h.tab.transport.Disabled(), "echo works over UDP")
	h.tab.transport.SetSelected(transportUDP)
	h.tab.settings.entry("echo", "welcome").SetText("")
	port := h.start()
	assert.Contains(t, h.tab.bannerNote.Text, "UDP")
	assert.True(t, h.tab.castButton.Disabled(), "UDP has no connections to broadcast to")

	c, err := net.Dial("udp", net.JoinHostPort("127.0.0.1", strconv.Itoa(port)))
	require.NoError(t, err)
	defer c.Close()
	_, err = c.Write([]byte("dgram\n"))
	require.NoError(t, err)
	buf := make([]byte, 100)
	require.NoError(t, c.SetReadDeadline(time.Now().Add(5*time.Second)))
	n, err := c.Read(buf)
	require.NoError(t, err)
	assert.Equal(t, "dgram\n", string(buf[:n]))
	h.eventually(func() bool { return h.clientCount() == 1 }, "the UDP peer is listed")
	assert.Empty(t, findButtons(h.tab.clientList, "Kick"), "no kick for UDP peers")
}

func TestServerTabPortInUse(t *testing.T) {
	h := newServerHarness(t)
	busy, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	defer busy.Close()
	port := busy.Addr().(*net.TCPAddr).Port

	h.tab.ifaceSelect.SetSelected(ifaceLoopLabel())
	h.tab.portEntry.SetText(strconv.Itoa(port))
	test.Tap(h.tab.startButton)
	h.eventually(func() bool { return strings.Contains(overlayText(h.win), "already in use") }, "an error dialog says the port is in use")
	assert.Equal(t, serverStopped, h.tab.state)
	assert.False(t, h.tab.startButton.Disabled(), "the user can try again")
	assert.False(t, h.tab.portEntry.Disabled())
	assert.True(t, h.logHas("error", "already in use"))
}

func TestServerTabBadSettingsAreExplained(t *testing.T) {
	h := newServerHarness(t)
	h.tab.ifaceSelect.SetSelected(ifaceLoopLabel())
	for _, bad := range []string{"70000", "abc", "0", "-5"} {
		h.tab.portEntry.SetText(bad)
		assert.Error(t, h.tab.portEntry.Validate(), bad)
		test.Tap(h.tab.startButton)
		h.ui.drain()
		assert.Contains(t, overlayText(h.win), "from 1 to 65535", bad)
		assert.Equal(t, serverStopped, h.tab.state)
		h.win.Canvas().Overlays().Top().Hide()
	}
	assert.True(t, h.logHas("error", "from 1 to 65535"))

	h.tab.portEntry.SetText(strconv.Itoa(freePort(t)))
	h.selectDemo("guess")
	h.tab.settings.entry("guess", "min").SetText("10")
	h.tab.settings.entry("guess", "max").SetText("5")
	test.Tap(h.tab.startButton)
	assert.Contains(t, overlayText(h.win), "smallest secret")
	assert.Equal(t, serverStopped, h.tab.state)
}

func TestServerTabDemoSettingsAndPort(t *testing.T) {
	h := newServerHarness(t)
	visible := func(o fyne.CanvasObject) bool { return o.Visible() }

	h.selectDemo("echo")
	assert.Equal(t, "8000", h.tab.portEntry.Text)
	assert.True(t, visible(h.tab.settings.entry("echo", "welcome")))
	assert.False(t, visible(h.tab.settings.entry("password", "password")))
	assert.Contains(t, h.tab.demoDesc.Text, "welcome")

	h.selectDemo("guess")
	assert.Equal(t, "11267", h.tab.portEntry.Text, "a demo brings its classic port")
	assert.True(t, visible(h.tab.settings.entry("guess", "min")))
	assert.False(t, visible(h.tab.settings.entry("echo", "welcome")))
	assert.True(t, h.tab.transport.Disabled(), "guess needs TCP")

	h.selectDemo("password")
	assert.True(t, visible(h.tab.settings.entry("password", "password")))
	assert.True(t, visible(h.tab.settings.entry("password", "attempts")))
	assert.True(t, visible(h.tab.maxClients), "max clients applies to every demo")

	// A port the user typed survives a demo change.
	h.tab.portEntry.SetText("")
	test.Type(h.tab.portEntry, "9000")
	h.selectDemo("chat")
	assert.Equal(t, "9000", h.tab.portEntry.Text)

	// Below 1024: a warning, not an error.
	assert.False(t, h.tab.portTip.Visible())
	h.tab.portEntry.SetText("80")
	assert.True(t, h.tab.portTip.Visible())
	assert.NoError(t, h.tab.portEntry.Validate())

	// The interface picker offers every interface and loopback.
	assert.Contains(t, h.tab.ifaceSelect.Options, ifaceAllLabel())
	assert.Contains(t, h.tab.ifaceSelect.Options, ifaceLoopLabel())
	assert.NotEmpty(t, h.tab.ifaceSelect.Selected, "an interface is preselected")
}

func TestServerTabRemembersSettings(t *testing.T) {
	ignore := goleak.IgnoreCurrent()
	a := test.NewTempApp(t)
	h := newServerHarnessIn(t, a, nil)
	h.selectDemo("time")
	h.tab.ifaceSelect.SetSelected(ifaceLoopLabel())
	h.tab.portEntry.SetText("23456")
	h.tab.maxClients.SetText("3")
	h.tab.maxPerAddress.SetText("5")
	h.selectDemo("echo")
	h.tab.settings.entry("echo", "welcome").SetText("hi class")
	h.tab.shutdown()
	h.ui.stop()

	h2 := newServerHarnessIn(t, a, ignore)
	assert.Equal(t, "echo", h2.tab.demo.Name)
	assert.Equal(t, ifaceLoopLabel(), h2.tab.ifaceSelect.Selected)
	assert.Equal(t, "23456", h2.tab.portEntry.Text)
	assert.Equal(t, "hi class", h2.tab.settings.entry("echo", "welcome").Text)
	assert.Equal(t, "3", h2.tab.maxClients.Text)
	assert.Equal(t, "5", h2.tab.maxPerAddress.Text)
	assert.Equal(t, 23456, a.Preferences().Int(prefServerPort))
}

func TestServerTabMaxClients(t *testing.T) {
	h := newServerHarness(t)
	h.selectDemo("echo")
	h.tab.maxClients.SetText("1")
	port := h.start()
	c1 := dialTest(t, port)
	assert.Equal(t, demos.DefaultWelcome, c1.readLine())
	c2 := dialTest(t, port)
	assert.Equal(t, "server busy", c2.readLine())
	h.eventually(func() bool { return h.logHas("closed", "server busy") }, "the log says who was turned away")
	assert.Equal(t, 1, h.clientCount())
}

func TestServerTabShutdownWhileRunning(t *testing.T) {
	h := newServerHarness(t)
	port := h.start()
	c := dialTest(t, port)
	c.readLine()
	h.eventually(func() bool { return h.clientCount() == 1 }, "client listed")
	// Closing the window stops everything; the cleanup checks for leaks.
	h.tab.shutdown()
	require.NoError(t, c.c.SetReadDeadline(time.Now().Add(5*time.Second)))
	_, err := c.rd.ReadString('\n')
	assert.Error(t, err, "the server hung up")
}

func TestAddressGone(t *testing.T) {
	gone := &netcore.FriendlyError{Code: netcore.FriendlyNotThisComputer, Values: map[string]string{"host": "192.0.2.9"}, Err: syscall.EADDRNOTAVAIL}
	assert.True(t, addressGone(gone))
	assert.False(t, addressGone(&netcore.FriendlyError{Code: netcore.FriendlyPortPrivileged, Values: map[string]string{"port": "80"}, Err: syscall.EACCES}))
}

func TestEventRow(t *testing.T) {
	at := time.Now()
	r := eventRow(netcore.Event{Time: at, Kind: netcore.EventReceived, ConnID: 3, Peer: "127.0.0.1:5000", Text: "hi", Bytes: 3, Ending: netcore.EndNewline})
	assert.Equal(t, "#3 127.0.0.1:5000", r.Who)
	assert.Equal(t, "received", r.Kind)
	assert.Equal(t, `"hi"   (3 B, ending \n)`, r.Text)
	r = eventRow(netcore.Event{Kind: netcore.EventError, Err: assert.AnError})
	assert.Equal(t, "server", r.Who)
	assert.Contains(t, r.Text, assert.AnError.Error())
}

func TestFormatBannerAddr(t *testing.T) {
	assert.Equal(t, "192.168.0.105 : 8000", formatBannerAddr("192.168.0.105", 8000))
	assert.Equal(t, "[fd00::5] : 8000", formatBannerAddr("fd00::5", 8000))
}

func TestServerTabReachDialog(t *testing.T) {
	h := newServerHarness(t)

	// Stopped: the check says so rather than failing.
	test.Tap(h.tab.reachButton)
	h.eventually(func() bool { return strings.Contains(overlayText(h.win), "not started") }, "the dialog says the server is not started")
	assert.Equal(t, reachLabel(), h.tab.reachButton.Text)
	h.win.Canvas().Overlays().Top().Hide()

	h.selectDemo("echo")
	port := h.start()
	test.Tap(h.tab.reachButton)
	assert.Equal(t, reachChecking(), h.tab.reachButton.Text, "a check in progress shows")
	assert.True(t, h.tab.reachButton.Disabled(), "one check at a time")
	h.eventually(func() bool { return strings.Contains(overlayText(h.win), "answers from this computer") }, "the dialog shows the findings")
	text := overlayText(h.win)
	assert.Contains(t, text, "loopback")
	assert.Contains(t, text, "127.0.0.1:"+strconv.Itoa(port))
	assert.Contains(t, text, "Warning", "the loopback finding is a warning")
	assert.Contains(t, text, "OK", "the connection that worked is good")
	assert.Equal(t, reachLabel(), h.tab.reachButton.Text)
	assert.False(t, h.tab.reachButton.Disabled())
}

func TestServerTabReachCheckEndsWithWindow(t *testing.T) {
	h := newServerHarness(t)
	h.start()
	test.Tap(h.tab.reachButton)
	// Closing the window mid-check: shutdown waits for the check (the
	// cleanup checks for leaks) and no dialog appears afterwards.
	h.tab.shutdown()
	h.ui.drain()
	assert.Nil(t, h.win.Canvas().Overlays().Top())
}

func TestServerTabOneAtATime(t *testing.T) {
	h := newServerHarness(t)
	h.selectDemo("echo")
	h.tab.serveMode.SetSelected(serveOneLabel())
	port := h.start()
	assert.True(t, h.tab.run.srv.Config().OneAtATime)
	assert.True(t, h.tab.serveMode.Disabled(), "locked while running")

	c1 := dialTest(t, port)
	assert.Equal(t, demos.DefaultWelcome, c1.readLine())
	h.eventually(func() bool { return h.clientCount() == 1 }, "first client listed")
	c2 := dialTest(t, port)
	h.eventually(func() bool { return h.clientCount() == 2 && h.tab.clients[1].Waiting }, "the second client waits")
	h.tab.clientList.Refresh()
	assert.Contains(t, h.tab.clientsTitle.Text, "1 waiting in line")
	waiting := findVisibleLabel(h.tab.clientList, "waiting")
	require.NotNil(t, waiting, "the waiting row says so: %q", visibleLabelTexts(h.tab.clientList))
	assert.True(t, waiting.TextStyle.Italic)
	assert.Equal(t, widget.WarningImportance, waiting.Importance)
	who := findVisibleLabel(h.tab.clientList, "#2 ")
	require.NotNil(t, who)
	assert.True(t, who.TextStyle.Italic, "the whole row is set apart")
	served := findVisibleLabel(h.tab.clientList, "#1 ")
	require.NotNil(t, served)
	assert.False(t, served.TextStyle.Italic, "the served client looks normal")
	assert.True(t, h.logHas("waiting", "one client at a time"))

	c1.send("first")
	assert.Equal(t, "first", c1.readLine())
	c1.c.Close()
	assert.Equal(t, demos.DefaultWelcome, c2.readLine(), "served once the first left")
	c2.send("second")
	assert.Equal(t, "second", c2.readLine())
	h.eventually(func() bool { return h.clientCount() == 1 && !h.tab.clients[0].Waiting }, "the second client is served")
	h.tab.clientList.Refresh()
	assert.Nil(t, findVisibleLabel(h.tab.clientList, "waiting"))
	assert.Equal(t, "Connected clients (1)", h.tab.clientsTitle.Text)
}

func TestServerTabServeModeOnlyForTCP(t *testing.T) {
	h := newServerHarness(t)
	h.selectDemo("echo")
	assert.False(t, h.tab.serveMode.Disabled())
	h.tab.transport.SetSelected(transportUDP)
	assert.True(t, h.tab.serveMode.Disabled(), "UDP has no clients to take turns")
	h.tab.transport.SetSelected(transportTCP)
	assert.False(t, h.tab.serveMode.Disabled())
}

func TestServerTabRemembersServeModeAndAnnounce(t *testing.T) {
	ignore := goleak.IgnoreCurrent()
	a := test.NewTempApp(t)
	h := newServerHarnessIn(t, a, nil)
	assert.Equal(t, serveAllLabel(), h.tab.serveMode.Selected, "all at once by default")
	assert.True(t, h.tab.announce.Checked, "announcing by default")
	h.tab.serveMode.SetSelected(serveOneLabel())
	h.tab.announce.SetChecked(false)
	h.selectDemo("echo")
	h.tab.shutdown()
	h.ui.stop()

	h2 := newServerHarnessIn(t, a, ignore)
	assert.Equal(t, serveOneLabel(), h2.tab.serveMode.Selected)
	assert.False(t, h2.tab.announce.Checked)
}

func TestServerTabAnnounces(t *testing.T) {
	h := newServerHarness(t)
	b, err := discovery.Browse("127.0.0.1:0", 3*time.Second)
	require.NoError(t, err)
	defer b.Close()
	h.tab.discoveryPort = b.Addr().(*net.UDPAddr).Port
	before := goleak.IgnoreCurrent()

	h.selectDemo("echo")
	port := h.start()
	want := "127.0.0.1:" + strconv.Itoa(port)
	heard := func() bool {
		for _, f := range b.Found() {
			if f.Addr == want {
				return true
			}
		}
		return false
	}
	h.eventually(heard, "the browser hears the server")
	f := b.Found()[0]
	assert.Equal(t, "echo", f.Demo)
	assert.Equal(t, "tcp", f.Transport)
	host, _ := os.Hostname()
	assert.Equal(t, host, f.Name)
	h.eventually(func() bool { return h.logHas("note", "announced as "+want) }, "the log says where it is announced")

	// Unchecked while running: the announcer stops at once.
	h.tab.announce.SetChecked(false)
	h.eventually(func() bool { return h.logHas("note", "no longer announced") }, "the log says announcing stopped")
	h.tab.run.annMu.Lock()
	assert.Nil(t, h.tab.run.ann)
	h.tab.run.annMu.Unlock()
	h.tab.announce.SetChecked(true)
	h.tab.run.annMu.Lock()
	assert.NotNil(t, h.tab.run.ann, "checked again: announcing again")
	h.tab.run.annMu.Unlock()

	// Stopping the server stops the announcer: no goroutine of it is left.
	h.stop()
	assert.NoError(t, goleak.Find(before))
}

func TestServerTabAnnounceOffAtStart(t *testing.T) {
	h := newServerHarness(t)
	h.tab.announce.SetChecked(false)
	h.start()
	h.tab.run.annMu.Lock()
	assert.Nil(t, h.tab.run.ann)
	h.tab.run.annMu.Unlock()
	assert.False(t, h.logHas("note", "announced"))
}

func TestServerTabHexLog(t *testing.T) {
	h := newServerHarness(t)
	h.selectDemo("echo")
	h.tab.settings.entry("echo", "welcome").SetText("")
	port := h.start()
	c := dialTest(t, port)
	_, err := c.c.Write([]byte("hi\r\n"))
	require.NoError(t, err)
	assert.Equal(t, "hi", c.readLine())
	h.eventually(func() bool { return h.logHas("sent", `"hi"`) }, "the log shows the echo")

	test.Tap(h.tab.log.hexCheck)
	var received, sent string
	for _, r := range h.tab.log.Rows() {
		text := h.tab.log.hexText(&r)
		switch r.Kind {
		case "received":
			received = text
		case "sent":
			sent = text
		}
	}
	assert.Equal(t, "68 69 0d 0a  hi..", received)
	assert.Equal(t, "68 69 0a  hi.", sent, "the hex shows the server answers with \\n alone")
	h.tab.log.list.Refresh()
	assert.NotNil(t, findVisibleLabel(h.tab.log.list, "68 69 0d 0a"), "the list shows the bytes: %q", visibleLabelTexts(h.tab.log.list))
}

func TestServerTabForwardsEvents(t *testing.T) {
	h := newServerHarness(t)
	var mu sync.Mutex
	var kinds []netcore.EventKind
	h.tab.onEvent = func(e netcore.Event) {
		mu.Lock()
		kinds = append(kinds, e.Kind)
		mu.Unlock()
	}
	port := h.start()
	dialTest(t, port).c.Close()
	h.stop()
	mu.Lock()
	defer mu.Unlock()
	assert.Contains(t, kinds, netcore.EventListening)
	assert.Contains(t, kinds, netcore.EventAccepted)
	assert.Equal(t, netcore.EventStopped, kinds[len(kinds)-1])
}

func TestServerTabMaxPerAddress(t *testing.T) {
	h := newServerHarness(t)
	h.selectDemo("echo")
	assert.Equal(t, strconv.Itoa(netcore.DefaultMaxPerAddress), h.tab.maxPerAddress.Text, "the default limit is shown")
	h.tab.maxPerAddress.SetText("1")
	port := h.start()
	c1 := dialTest(t, port)
	assert.Equal(t, demos.DefaultWelcome, c1.readLine())
	c2 := dialTest(t, port)
	assert.Equal(t, netcore.BusyAddressReply, c2.readLine())
	h.eventually(func() bool { return h.logHas("closed", "connections from 127.0.0.1") }, "the log says why")

	h.tab.maxPerAddress.SetText("0")
	cfg, err := h.tab.config()
	require.NoError(t, err)
	assert.Equal(t, netcore.NoLimit, cfg.MaxPerAddress, "0 in the form means no limit")
	h.tab.maxPerAddress.SetText("-2")
	_, err = h.tab.config()
	assert.ErrorContains(t, err, "Max per address")
}

// A stopped server's garbage goes back to the system at once (memory.go),
// off the UI goroutine.
func TestServerTabStopReleasesMemory(t *testing.T) {
	released := make(chan struct{}, 4)
	old := releaseMemory
	releaseMemory = func() { released <- struct{}{} }
	t.Cleanup(func() { releaseMemory = old })
	h := newServerHarness(t)
	h.start()
	assert.Empty(t, released, "nothing released while serving")
	h.stop()
	select {
	case <-released:
	case <-time.After(5 * time.Second):
		t.Fatal("stopping the server released no memory")
	}
}
