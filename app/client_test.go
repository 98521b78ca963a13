package app

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"net"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/socketlab/socketlab/netcore/demos"
	"github.com/socketlab/socketlab/netcore/reach"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.uber.org/goleak"

	"github.com/socketlab/socketlab/netcore"
)

// clientHarness is one Client tab in a test window.
type clientHarness struct {
	t   *testing.T
	ui  *testPump
	app fyne.App
	tab *clientTab
}

// newClientHarness makes a tab that listens for discovery beacons on a
// free loopback port only, never on the classroom's discovery port.
func newClientHarness(t *testing.T, a fyne.App, ui *testPump, opts ...clientOption) *clientHarness {
	h := &clientHarness{t: t, ui: ui, app: a}
	opts = append([]clientOption{withDiscovery("127.0.0.1:0", discoveryTTL, discoveryEvery)}, opts...)
	ui.run(func() {
		w := a.NewWindow("Client")
		h.tab = newClientTab(a, w, ui.uiPump, opts...)
		w.SetContent(h.tab.content)
		w.Resize(fyne.NewSize(1100, 720))
	})
	t.Cleanup(func() { ui.run(h.tab.shutdown) })
	return h
}

// get runs f on the UI goroutine and returns its result.
func get[T any](h *clientHarness, f func() T) T {
	var v T
	h.ui.run(func() { v = f() })
	return v
}

func (h *clientHarness) eventually(cond func() bool, msgAndArgs ...any) {
	h.t.Helper()
	require.Eventually(h.t, func() bool { return get(h, cond) }, 10*time.Second, 5*time.Millisecond, msgAndArgs...)
}

func (h *clientHarness) status() string { return get(h, func() string { return h.tab.status.Text }) }

func (h *clientHarness) waitStatus(prefix string) {
	h.t.Helper()
	h.eventually(func() bool { return strings.HasPrefix(h.tab.status.Text, prefix) },
		"status should start with %q", prefix)
}

func (h *clientHarness) typeAddress(addr string) {
	host, port, err := net.SplitHostPort(addr)
	require.NoError(h.t, err)
	h.ui.run(func() {
		h.tab.host.SetText("")
		test.Type(h.tab.host, host)
		h.tab.port.SetText("")
		test.Type(h.tab.port, port)
	})
}

// connect types the address, taps Connect and waits for "connected".
func (h *clientHarness) connect(addr string) {
	h.t.Helper()
	h.typeAddress(addr)
	h.ui.run(func() { test.Tap(h.tab.connectButton) })
	h.waitStatus("connected to " + addr)
}

func (h *clientHarness) selectDemo(name string) {
	h.ui.run(func() { h.tab.selectDemo(name) })
}

func (h *clientHarness) sendMessage(text string) {
	h.ui.run(func() {
		test.Type(h.tab.message, text)
		h.tab.message.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	})
}

func (h *clientHarness) transcriptLines() []string {
	return get(h, func() []string {
		var out []string
		for i := 0; i < h.tab.transcript.length(); i++ {
			r := h.tab.transcript.row(i)
			out = append(out, r.arrow()+" "+visibleText(r.text)+r.ending)
		}
		return out
	})
}

func (h *clientHarness) waitTranscript(line string) {
	h.t.Helper()
	require.Eventually(h.t, func() bool {
		for _, l := range h.transcriptLines() {
			if l == line {
				return true
			}
		}
		return false
	}, 10*time.Second, 5*time.Millisecond, "transcript should show %q", line)
}

// serverLog records a test server's events.
type serverLog struct {
	mu     sync.Mutex
	events []netcore.Event
	done   chan struct{}
}

func (l *serverLog) received() []netcore.Event {
	l.mu.Lock()
	defer l.mu.Unlock()
	var out []netcore.Event
	for _, e := range l.events {
		if e.Kind == netcore.EventReceived {
			out = append(out, e)
		}
	}
	return out
}

// startDemoServer runs a netcore demo server on a free 127.0.0.1 port until
// the test ends. Randomness is seeded so games are reproducible.
func startDemoServer(t *testing.T, demo string, tweak func(*netcore.Config)) (*netcore.Server, *serverLog) {
	t.Helper()
	d, err := demos.New(demo, nil, rand.New(rand.NewPCG(7, 11)))
	require.NoError(t, err)
	cfg := netcore.NewConfig(d)
	cfg.Addr = "127.0.0.1:0"
	if tweak != nil {
		tweak(&cfg)
	}
	srv, err := netcore.NewServer(cfg)
	require.NoError(t, err)
	require.NoError(t, srv.Start())
	log := &serverLog{done: make(chan struct{})}
	go func() {
		defer close(log.done)
		for e := range srv.Events() {
			log.mu.Lock()
			log.events = append(log.events, e)
			log.mu.Unlock()
		}
	}()
	t.Cleanup(func() {
		srv.Close()
		<-log.done
	})
	return srv, log
}

func TestClientConnectEchoSendAndDisconnect(t *testing.T) {
	a := test.NewTempApp(t)
	ui := newTestPump(t)
	srv, _ := startDemoServer(t, "echo", nil)
	addr := srv.Addr().String()
	h := newClientHarness(t, a, ui)

	assert.Equal(t, "not connected", h.status())
	h.connect(addr)
	h.waitTranscript("← " + demos.DefaultWelcome + markNewline)
	assert.Equal(t, "Disconnect", get(h, func() string { return h.tab.connectButton.Text }))
	assert.True(t, get(h, func() bool { return h.tab.host.Disabled() }), "the address is fixed while connected")

	h.sendMessage("hi there")
	h.waitTranscript("→ hi there" + markNewline)
	h.waitTranscript("← hi there" + markNewline)
	assert.Empty(t, get(h, func() string { return h.tab.message.Text }), "the box empties after sending")

	// Every message is shown before its reply, however quick the server.
	for i := 0; i < 20; i++ {
		h.sendMessage("m" + strconv.Itoa(i))
	}
	h.waitTranscript("← m19" + markNewline)
	lines := h.transcriptLines()
	index := func(line string) int {
		for i, l := range lines {
			if l == line {
				return i
			}
		}
		return -1
	}
	for i := 0; i < 20; i++ {
		m := "m" + strconv.Itoa(i) + markNewline
		assert.Less(t, index("→ "+m), index("← "+m), "question before answer")
	}

	// A connection that worked is remembered, newest first.
	assert.Equal(t, []string{addr + " echo"}, a.Preferences().StringList(prefClientRecent), "with its demo")
	host, port, _ := net.SplitHostPort(addr)
	assert.Equal(t, host, a.Preferences().String(prefClientHost))
	assert.Equal(t, port, a.Preferences().String(prefClientPort))

	h.ui.run(func() { test.Tap(h.tab.connectButton) })
	h.waitStatus("disconnected")
	assert.Equal(t, "Connect", get(h, func() string { return h.tab.connectButton.Text }))
	assert.True(t, get(h, func() bool { return h.tab.sendButton.Disabled() }))
	h.waitTranscript("• disconnected: you pressed Disconnect")
	require.Eventually(t, func() bool { return len(srv.Clients()) == 0 }, 5*time.Second, 5*time.Millisecond,
		"the server should see the client go")

	// Connecting again works: a new session after the old one.
	h.connect(addr)
	h.sendMessage("again")
	h.waitTranscript("← again" + markNewline)
}

func TestClientSendWithoutNewlineShowsFraming(t *testing.T) {
	a := test.NewTempApp(t)
	ui := newTestPump(t)
	srv, log := startDemoServer(t, "echo", nil)
	h := newClientHarness(t, a, ui)
	h.connect(srv.Addr().String())

	h.ui.run(func() { test.Tap(h.tab.noNewline) })
	require.True(t, get(h, func() bool { return h.tab.noNewline.Checked }))
	h.ui.run(func() {
		test.Type(h.tab.message, "5")
		test.Tap(h.tab.sendButton)
	})
	// Sent and echoed without a terminator: no ⏎ on either row.
	h.waitTranscript("→ 5")
	h.waitTranscript("← 5")

	require.Eventually(t, func() bool { return len(log.received()) == 1 }, 5*time.Second, 5*time.Millisecond)
	got := log.received()[0]
	assert.Equal(t, "5", got.Text)
	assert.Equal(t, netcore.EndNone, got.Ending, "the server got the bytes with no terminator")

	// Unticked again: a line, echoed as a line.
	h.ui.run(func() { test.Tap(h.tab.noNewline) })
	h.sendMessage("6")
	h.waitTranscript("← 6" + markNewline)
	require.Eventually(t, func() bool { return len(log.received()) == 2 }, 5*time.Second, 5*time.Millisecond)
	assert.Equal(t, netcore.EndNewline, log.received()[1].Ending)
}

func TestClientConnectionRefusedGivesAdvice(t *testing.T) {
	a := test.NewTempApp(t)
	ui := newTestPump(t)
	// A port that was free a moment ago: nothing listens there.
	addr := net.JoinHostPort("127.0.0.1", strconv.Itoa(freePort(t)))

	h := newClientHarness(t, a, ui)
	h.typeAddress(addr)
	h.ui.run(func() { test.Tap(h.tab.connectButton) })
	h.waitStatus("could not connect: ")
	assert.Equal(t, "could not connect: connection refused — is the server started on "+addr+"?", h.status())
	hints := get(h, func() string { return h.tab.hints.Text })
	assert.True(t, get(h, func() bool { return h.tab.hints.Visible() }))
	assert.Contains(t, hints, "exactly as your partner's Server tab shows them")
	assert.Contains(t, hints, "server is started")
	assert.Contains(t, hints, "same network / Wi-Fi")
	_, port, _ := net.SplitHostPort(addr)
	assert.Contains(t, hints, "allows port "+port)
	assert.Empty(t, a.Preferences().StringList(prefClientRecent), "failed addresses are not remembered")
	assert.Equal(t, "Connect", get(h, func() string { return h.tab.connectButton.Text }))

	// The hints go away once a connection works.
	srv, _ := startDemoServer(t, "echo", nil)
	h.connect(srv.Addr().String())
	assert.False(t, get(h, func() bool { return h.tab.hints.Visible() }))
}

func TestClientTypedAddressProblems(t *testing.T) {
	a := test.NewTempApp(t)
	ui := newTestPump(t)
	h := newClientHarness(t, a, ui)

	h.ui.run(func() { test.Tap(h.tab.connectButton) })
	assert.Contains(t, h.status(), "type your partner's address")

	h.ui.run(func() { test.Type(h.tab.host, "127.0.0.1") })
	// Port starts as the demo's classic port; a student may empty it.
	h.ui.run(func() { h.tab.port.SetText("") })
	h.ui.run(func() { test.Tap(h.tab.connectButton) })
	assert.Contains(t, h.status(), "type the port")

	h.ui.run(func() { test.Type(h.tab.port, "http") })
	h.ui.run(func() { test.Tap(h.tab.connectButton) })
	h.waitStatus("could not connect: port \"http\" must be a number")
}

func TestClientDisconnectCancelsConnecting(t *testing.T) {
	a := test.NewTempApp(t)
	ui := newTestPump(t)
	srv, log := startDemoServer(t, "echo", nil)
	h := newClientHarness(t, a, ui)
	h.typeAddress(srv.Addr().String())

	// Both taps in one UI turn: the dial has not been reported yet, so the
	// second tap cancels a connection that is still "connecting".
	var during string
	h.ui.run(func() {
		test.Tap(h.tab.connectButton)
		during = h.tab.status.Text
		test.Tap(h.tab.connectButton)
	})
	assert.Equal(t, "connecting to "+srv.Addr().String()+"…", during)
	assert.Equal(t, "disconnected: cancelled before the server answered", h.status())
	// Whether the dial had finished or not, no connection is left open and
	// the status does not change behind the student's back.
	time.Sleep(200 * time.Millisecond)
	require.Eventually(t, func() bool {
		log.mu.Lock()
		defer log.mu.Unlock()
		opened, closed := 0, 0
		for _, e := range log.events {
			switch e.Kind {
			case netcore.EventAccepted:
				opened++
			case netcore.EventClosed:
				closed++
			}
		}
		return opened == closed && len(srv.Clients()) == 0
	}, 5*time.Second, 5*time.Millisecond)
	assert.Equal(t, "disconnected: cancelled before the server answered", h.status())
	assert.Equal(t, "Connect", get(h, func() string { return h.tab.connectButton.Text }))
}

func TestClientUDPEcho(t *testing.T) {
	a := test.NewTempApp(t)
	ui := newTestPump(t)
	srv, _ := startDemoServer(t, "echo", func(c *netcore.Config) { c.Network = "udp" })
	h := newClientHarness(t, a, ui)
	h.ui.run(func() { h.tab.transport.SetSelected("UDP") })
	h.connect(srv.Addr().String())
	assert.Contains(t, h.status(), "UDP")
	h.sendMessage("over udp")
	h.waitTranscript("← over udp" + markNewline)
	assert.Equal(t, "udp", a.Preferences().String(prefClientTransport))
}

func TestClientServerHangsUp(t *testing.T) {
	a := test.NewTempApp(t)
	ui := newTestPump(t)
	srv, _ := startDemoServer(t, "calc", nil)
	h := newClientHarness(t, a, ui)
	h.connect(srv.Addr().String())
	h.sendMessage("quit")
	h.waitStatus("disconnected: the server closed the connection")
	assert.False(t, get(h, func() bool { return h.tab.hints.Visible() }), "a hang-up is not a network problem")
}

func TestTranscriptBoundedUnderFlood(t *testing.T) {
	a := test.NewTempApp(t)
	ui := newTestPump(t)
	// A raw server that floods every client with lines. Fewer lines than the
	// client's event queue holds, so none are dropped and the last one must
	// arrive; more than the transcript keeps.
	const lines = transcriptMaxRows + 1000
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	served := make(chan struct{})
	go func() {
		defer close(served)
		c, err := ln.Accept()
		if err != nil {
			return
		}
		defer c.Close()
		var b bytes.Buffer
		for i := 0; i < lines; i++ {
			fmt.Fprintf(&b, "line %d\n", i)
		}
		c.Write(b.Bytes())
		c.Read(make([]byte, 1)) // until the client hangs up
	}()
	t.Cleanup(func() {
		ln.Close()
		<-served
	})

	h := newClientHarness(t, a, ui)
	h.connect(ln.Addr().String())
	h.waitTranscript("← line " + strconv.Itoa(lines-1) + markNewline)
	n := get(h, func() int { return h.tab.transcript.length() })
	assert.Equal(t, transcriptMaxRows, n, "the transcript keeps only the newest rows")
	first := h.transcriptLines()[0]
	assert.NotEqual(t, "← line 0"+markNewline, first, "the oldest rows made room")
	assert.Contains(t, get(h, func() string { return h.tab.transcript.summary.Text }), "older ones dropped")

	h.ui.run(func() { test.Tap(h.tab.connectButton) })
	h.waitStatus("disconnected")
}

func TestTranscriptCopySaveClear(t *testing.T) {
	a := test.NewTempApp(t)
	ui := newTestPump(t)
	srv, _ := startDemoServer(t, "echo", nil)
	h := newClientHarness(t, a, ui)
	h.connect(srv.Addr().String())
	h.sendMessage("tab\there")
	h.waitTranscript("← tab\\there" + markNewline)

	var saved bytes.Buffer
	h.ui.run(func() { h.tab.transcript.WriteTo(&saved) })
	text := saved.String()
	assert.Contains(t, text, "→ tab\\there"+markNewline+"\n")
	assert.Contains(t, text, "← "+demos.DefaultWelcome+markNewline+"\n")
	for _, line := range strings.Split(strings.TrimSuffix(text, "\n"), "\n") {
		_, err := time.Parse("15:04:05.000", line[:12])
		assert.NoError(t, err, "every line starts with its time: %q", line)
	}

	h.ui.run(func() { test.Tap(findButton(t, h.tab.transcript.content, "Copy")) })
	assert.Equal(t, text, a.Clipboard().Content())

	h.ui.run(func() { test.Tap(findButton(t, h.tab.transcript.content, "Clear")) })
	assert.Equal(t, 0, get(h, func() int { return h.tab.transcript.length() }))
	assert.Equal(t, "nothing yet", get(h, func() string { return h.tab.transcript.summary.Text }))
}

func TestClientRecentServers(t *testing.T) {
	a := test.NewTempApp(t)
	ui := newTestPump(t)
	h := newClientHarness(t, a, ui)
	h.ui.run(func() {
		for i := 0; i < 12; i++ {
			h.tab.rememberRecent(fmt.Sprintf("10.0.0.%d:8000", i), "echo")
		}
		h.tab.rememberRecent("10.0.0.5:8000", "chat")
	})
	recent := a.Preferences().StringList(prefClientRecent)
	require.Len(t, recent, maxRecentServers)
	assert.Equal(t, "10.0.0.5:8000 chat", recent[0], "newest first, with its demo")
	assert.Equal(t, "10.0.0.11:8000 echo", recent[1])
	assert.Equal(t, 1, strings.Count(strings.Join(recent, " "), "10.0.0.5:8000"), "no duplicates")

	h.ui.run(func() { h.tab.useRecent(parseRecent("[::1]:8001")) })
	assert.Equal(t, "::1", get(h, func() string { return h.tab.host.Text }))
	assert.Equal(t, "8001", get(h, func() string { return h.tab.port.Text }))

	// Preferences come back in a new tab.
	a.Preferences().SetString(prefClientHost, "192.168.0.5")
	a.Preferences().SetString(prefClientPort, "11267")
	a.Preferences().SetString(prefClientPanel, "guess")
	h2 := newClientHarness(t, a, ui)
	assert.Equal(t, "192.168.0.5", get(h2, func() string { return h2.tab.host.Text }))
	assert.Equal(t, "11267", get(h2, func() string { return h2.tab.port.Text }))
	assert.Equal(t, "guess", get(h2, func() string { return h2.tab.demoName() }))
}

func TestSplitTypedAddress(t *testing.T) {
	for _, c := range []struct{ host, port, wantHost, wantPort, err string }{
		{" 192.168.0.5 ", " 8000 ", "192.168.0.5", "8000", ""},
		{"192.168.0.5:8001", "", "192.168.0.5", "8001", ""},
		{"192.168.0.5:8001", "8000", "192.168.0.5", "8001", ""},
		{"[::1]:8000", "", "::1", "8000", ""},
		{"[::1]", "8000", "::1", "8000", ""},
		{"::1", "8000", "::1", "8000", ""},
		{"", "8000", "", "", "type your partner's address"},
		{"pc-12", "", "", "", "type the port"},
	} {
		h, p, err := splitTypedAddress(c.host, c.port)
		if c.err != "" {
			assert.ErrorContains(t, err, c.err, "%q %q", c.host, c.port)
			continue
		}
		assert.NoError(t, err)
		assert.Equal(t, c.wantHost, h)
		assert.Equal(t, c.wantPort, p)
	}
}

func TestTranscriptRows(t *testing.T) {
	at := time.Date(2026, 3, 4, 10, 4, 5, 123e6, time.Local)
	assert.Equal(t, "10:04:05.123 → hi"+markNewline, sentRowFor(at, "hi\n").line())
	assert.Equal(t, "10:04:05.123 → hi\\r"+markNewline, sentRowFor(at, "hi\r\n").line())
	assert.Equal(t, "10:04:05.123 → hi"+markNUL, sentRowFor(at, "hi\x00").line())
	assert.Equal(t, "10:04:05.123 → hi", sentRowFor(at, "hi").line())
	assert.Equal(t, `a\rb\tc\x7f\x01\0`, visibleText("a\rb\tc\x7f\x01\x00"))
	// Bidi overrides, zero-width characters, C1 controls and invalid UTF-8
	// act on a screen too; printable text stays as it is.
	assert.Equal(t, `\x1b[2J\u202egnp.exe a\u200bb \u009b \xff café 日本`, visibleText("\x1b[2J\u202egnp.exe a\u200bb \u009b \xff café 日本"))
	recv := func(text, term string) string {
		return messageRow(rowReceived, netcore.Event{Time: at, Kind: netcore.EventReceived, Text: text, Term: term}).line()
	}
	assert.Equal(t, "10:04:05.123 ← x", recv("x", ""))
	assert.Equal(t, "10:04:05.123 ← x"+markNewline, recv("x", "\n"))
	assert.Equal(t, `10:04:05.123 ← x\r\0`, recv("x", "\r\x00"))
	sent := messageRow(rowSent, netcore.Event{Time: at, Kind: netcore.EventSent, Text: "y", Term: "\x00"})
	assert.Equal(t, "10:04:05.123 → y"+markNUL, sent.line())
}

func TestClientNoGoroutineLeaks(t *testing.T) {
	defer goleak.VerifyNone(t, goleak.IgnoreCurrent())
	a := test.NewTempApp(t)
	ui := newTestPump(t)
	srv, _ := startDemoServer(t, "chat", nil)
	h := newClientHarness(t, a, ui)
	h.selectDemo("chat")
	h.connect(srv.Addr().String())
	h.sendMessage("bye soon")
	h.waitTranscript("→ bye soon" + markNewline)
	// Closing the window while connected: shutdown closes everything and
	// waits for the tab's goroutines; the rest is the test's own cleanup.
	h.ui.run(h.tab.shutdown)
	assert.True(t, get(h, func() bool { return h.tab.wgIdleForTest() }))
	srv.Close()
	ui.stop()
}

// wgIdleForTest reports whether every goroutine the tab started has ended.
func (t *clientTab) wgIdleForTest() bool { return waitAtMost(&t.wg, 50*time.Millisecond) }

// findButton finds the button with the given label under o.
func findButton(t *testing.T, o fyne.CanvasObject, label string) *widget.Button {
	t.Helper()
	var found *widget.Button
	var walk func(fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		switch v := o.(type) {
		case *widget.Button:
			if v.Text == label {
				found = v
			}
		case *fyne.Container:
			for _, c := range v.Objects {
				walk(c)
			}
		}
	}
	walk(o)
	require.NotNil(t, found, "no button %q", label)
	return found
}

// eventLog collects events from any goroutine, as the Lessons tab does.
type eventLog struct {
	mu     sync.Mutex
	events []netcore.Event
}

func (l *eventLog) add(e netcore.Event) {
	l.mu.Lock()
	l.events = append(l.events, e)
	l.mu.Unlock()
}

func (l *eventLog) has(kind netcore.EventKind, text string) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, e := range l.events {
		if e.Kind == kind && e.Text == text {
			return true
		}
	}
	return false
}

func TestClientOnEventSeesEveryEvent(t *testing.T) {
	a := test.NewTempApp(t)
	ui := newTestPump(t)
	srv, _ := startDemoServer(t, "echo", nil)
	h := newClientHarness(t, a, ui)
	var log eventLog
	h.ui.run(func() { h.tab.onEvent = log.add })
	h.connect(srv.Addr().String())
	h.sendMessage("ping")
	h.waitTranscript("← ping" + markNewline)
	require.Eventually(t, func() bool {
		return log.has(netcore.EventSent, "ping") && log.has(netcore.EventReceived, "ping") && log.has(netcore.EventReceived, demos.DefaultWelcome)
	}, 5*time.Second, 5*time.Millisecond)
	log.mu.Lock()
	assert.Equal(t, netcore.EventConnected, log.events[0].Kind, "the hook sees the connection open first")
	log.mu.Unlock()

	h.ui.run(func() { test.Tap(h.tab.connectButton) })
	require.Eventually(t, func() bool {
		log.mu.Lock()
		defer log.mu.Unlock()
		return log.events[len(log.events)-1].Kind == netcore.EventClosed
	}, 5*time.Second, 5*time.Millisecond, "and its end")
}

// findingsCatcher stands in for the findings dialog.
type findingsCatcher struct {
	mu     sync.Mutex
	titles []string
	got    [][]reach.Finding
}

func (c *findingsCatcher) show(_ fyne.Window, title string, f []reach.Finding) {
	c.mu.Lock()
	c.titles = append(c.titles, title)
	c.got = append(c.got, f)
	c.mu.Unlock()
}

func (c *findingsCatcher) count() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.got)
}

func TestClientReachCheckFindsNothingListening(t *testing.T) {
	a := test.NewTempApp(t)
	ui := newTestPump(t)
	addr := net.JoinHostPort("127.0.0.1", strconv.Itoa(freePort(t)))

	h := newClientHarness(t, a, ui)
	var c findingsCatcher
	h.ui.run(func() { h.tab.showFindings = c.show })
	h.typeAddress(addr)
	var label string
	var disabled bool
	h.ui.run(func() {
		test.Tap(h.tab.checkButton)
		label, disabled = h.tab.checkButton.Text, h.tab.checkButton.Disabled()
	})
	assert.Equal(t, "Checking…", label)
	assert.True(t, disabled, "one check at a time")
	h.eventually(func() bool { return c.count() == 1 })
	assert.Equal(t, checkLabel(), get(h, func() string { return h.tab.checkButton.Text }))
	assert.False(t, get(h, func() bool { return h.tab.checkButton.Disabled() }))
	assert.Equal(t, "Can I reach "+addr+"?", c.titles[0])
	problem := ""
	for _, f := range c.got[0] {
		if f.Severity == reach.Problem {
			problem = f.Text
		}
	}
	assert.True(t, strings.HasPrefix(problem, "Nothing listens at "+addr), "findings: %v", c.got[0])

	// The failed connection's hints offer the same check.
	h.ui.run(func() { test.Tap(h.tab.connectButton) })
	h.waitStatus("could not connect: ")
	assert.True(t, get(h, func() bool { return h.tab.hintsCheck.Visible() }))
	h.ui.run(func() { test.Tap(h.tab.hintsCheck) })
	h.eventually(func() bool { return c.count() == 2 })

	// The hints and their button go once a connection works.
	srv, _ := startDemoServer(t, "echo", nil)
	h.connect(srv.Addr().String())
	assert.False(t, get(h, func() bool { return h.tab.hintsCheck.Visible() }))
}

func TestClientReachCheckShowsDialog(t *testing.T) {
	a := test.NewTempApp(t)
	ui := newTestPump(t)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	defer ln.Close()
	h := newClientHarness(t, a, ui)
	h.typeAddress(ln.Addr().String())
	h.ui.run(func() { test.Tap(h.tab.checkButton) })
	// The real dialog goes on the window's overlay.
	h.eventually(func() bool { return h.tab.win.Canvas().Overlays().Top() != nil }, "a findings dialog")
}

// hexItemText is what a hex row shows on its second line.
func hexItemText(o fyne.CanvasObject) string {
	hex := o.(*fyne.Container).Objects[1].(*fyne.Container).Objects[0].(*widget.RichText)
	return hex.Segments[0].(*widget.TextSegment).Text
}

// transcriptRowsOf returns the shown rows of a kind.
func (h *clientHarness) transcriptRowsOf(kind rowKind) []transcriptRow {
	return get(h, func() []transcriptRow {
		var out []transcriptRow
		for i := 0; i < h.tab.transcript.length(); i++ {
			if r := h.tab.transcript.row(i); r.kind == kind {
				out = append(out, r)
			}
		}
		return out
	})
}

func TestTranscriptHexView(t *testing.T) {
	a := test.NewTempApp(t)
	ui := newTestPump(t)
	srv, _ := startDemoServer(t, "echo", nil)
	h := newClientHarness(t, a, ui)
	h.connect(srv.Addr().String())
	tr := h.tab.transcript
	assert.False(t, get(h, func() bool { return tr.hexList.Visible() }), "hex is off at first")
	h.ui.run(func() { test.Tap(tr.hexCheck) })
	assert.True(t, get(h, func() bool { return tr.hexList.Visible() && !tr.list.Visible() }))

	h.sendMessage("hi")
	h.waitTranscript("← hi" + markNewline)
	// What each row shows on its hex line, drawn as the list draws it.
	hexOf := func(r transcriptRow) string {
		return get(h, func() string {
			o := tr.hexList.CreateItem()
			updateHexTranscriptItem(o, r)
			return hexItemText(o)
		})
	}
	var sent, received string
	for _, r := range h.transcriptRowsOf(rowSent) {
		if r.text == "hi" {
			sent = hexOf(r)
		}
	}
	for _, r := range h.transcriptRowsOf(rowReceived) {
		if r.text == "hi" {
			received = hexOf(r)
		}
	}
	assert.Equal(t, "  68 69 0a  hi.", sent, "the bytes written, newline included")
	assert.Equal(t, "  68 69 0a  hi.", received, "the bytes read, newline included")
	notes := h.transcriptRowsOf(rowNote)
	require.NotEmpty(t, notes)
	assert.Empty(t, hexOf(notes[0]), "a note has no bytes")

	// No terminator and a zero byte are visible too.
	h.ui.run(func() { test.Tap(h.tab.noNewline) })
	h.sendMessage("5")
	h.waitTranscript("← 5")
	h.ui.run(func() { test.Tap(h.tab.noNewline) })
	got := map[string]bool{}
	for _, r := range h.transcriptRowsOf(rowReceived) {
		got[r.hex()] = true
	}
	assert.True(t, got["35  5"], "no terminator: one byte; rows %v", got)
	assert.Equal(t, "68 69 0d 0a  hi..", sentRowFor(time.Now(), "hi\r\n").hex())
	assert.Equal(t, "68 69 00  hi.", sentRowFor(time.Now(), "hi\x00").hex())

	// Copy gives the hex lines while Hex is on.
	var saved bytes.Buffer
	h.ui.run(func() { tr.WriteTo(&saved) })
	assert.Contains(t, saved.String(), "→ hi"+markNewline+"\n"+strings.Repeat(" ", 15)+"68 69 0a  hi.\n")

	h.ui.run(func() { test.Tap(tr.hexCheck) })
	assert.True(t, get(h, func() bool { return tr.list.Visible() && !tr.hexList.Visible() }))
}

// sentRowFor is the row the transcript makes of the EventSent that
// netcore.Client emits when it sends wire.
func sentRowFor(at time.Time, wire string) transcriptRow {
	m := netcore.SplitDatagram([]byte(wire))
	return messageRow(rowSent, netcore.Event{Time: at, Kind: netcore.EventSent, Text: m.Text, Term: m.Term, Bytes: len(wire)})
}

// The tab builds no sent rows of its own: each one is the client's
// EventSent, the very event the Lessons tab sees, and it comes before the
// reply it caused. A password's event comes redacted from netcore.
func TestClientSentRowComesFromTheEvent(t *testing.T) {
	a := test.NewTempApp(t)
	ui := newTestPump(t)
	srv, _ := startDemoServer(t, "echo", nil)
	h := newClientHarness(t, a, ui)
	var log eventLog
	h.ui.run(func() { h.tab.onEvent = log.add })
	h.connect(srv.Addr().String())
	h.sendMessage("ping")
	h.waitTranscript("← ping" + markNewline)
	h.ui.run(func() { h.tab.sendSecretLine("hunter2") })
	h.waitTranscript("← hunter2" + markNewline) // echo says it back; only our side is hidden

	sentEvents := func() []netcore.Event {
		log.mu.Lock()
		defer log.mu.Unlock()
		var out []netcore.Event
		for _, e := range log.events {
			if e.Kind == netcore.EventSent {
				out = append(out, e)
			}
		}
		return out
	}
	events := sentEvents()
	require.Len(t, events, 2)
	assert.False(t, events[0].Hidden)
	assert.True(t, events[1].Hidden, "the password's event is hidden by netcore")
	assert.Equal(t, netcore.HiddenText, events[1].Text, "the same text whatever the password")
	assert.Zero(t, events[1].Bytes)

	rows := h.transcriptRowsOf(rowSent)
	require.Len(t, rows, 2)
	for i, e := range events {
		assert.Equal(t, messageRow(rowSent, e), rows[i], "row %d is its event", i)
		assert.True(t, rows[i].at.Equal(e.Time), "the row has the event's own time")
	}
	assert.Equal(t, hiddenText(), rows[1].text)

	lines := h.transcriptLines()
	pos := func(line string) int { return slices.Index(lines, line) }
	assert.Less(t, pos("→ ping"+markNewline), pos("← ping"+markNewline), "the question before its answer: %q", lines)
	assert.Less(t, pos("→ "+hiddenText()+markNewline), pos("← hunter2"+markNewline), "%q", lines)
}

func TestClientPasswordHiddenInHex(t *testing.T) {
	a := test.NewTempApp(t)
	ui := newTestPump(t)
	srv, _ := startDemoServer(t, "password", nil)
	h := newClientHarness(t, a, ui)
	h.connect(srv.Addr().String())
	h.ui.run(func() { h.tab.sendSecretLine("hunter2") })
	h.eventually(func() bool {
		for i := 0; i < h.tab.transcript.length(); i++ {
			if r := h.tab.transcript.row(i); r.kind == rowSent {
				return strings.Contains(r.text, "password hidden") && r.wire == "" && r.hex() == ""
			}
		}
		return false
	})
}

func TestHexLineKeepsTheEnd(t *testing.T) {
	assert.Equal(t, "68 69 0a  hi.", hexLine([]byte("hi\n")))
	assert.Equal(t, "", transcriptRow{kind: rowNote, text: "connected"}.hex())
	long := hexLine([]byte("hello, this is long\r\n"))
	assert.Equal(t, "68 65 6c 6c 6f 2c 20 74 68 69 … 6e 67 0d 0a  hello, thi…ng..", long)
	assert.Equal(t, "30 31 32 33 34 35 36 37 38 39 61 62 63 64 65 00  0123456789abcde.", hexLine([]byte("0123456789abcde\x00")))
}
