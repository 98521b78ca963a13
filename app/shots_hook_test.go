//go:build screenshots

package app

import (
	"bytes"
	"net"
	"strconv"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.uber.org/goleak"
)

// The screenshots hook against a test window: the names scripts/screenshots.sh
// uses must resolve, and the commands must do what the script expects, so a
// renamed or rebuilt widget fails here instead of in a screenshot nobody
// looks at. Run with: go test -tags ci,migrated_fynedo,screenshots ./app -run Shots

// shotsHarness is the whole window (three tabs) with a fake UI goroutine
// that drains the test pump all the time, as the real one would run
// fyne.Do's work; the driver waits for it like the hook's goroutine does.
type shotsHarness struct {
	t    *testing.T
	ui   *testPump
	win  fyne.Window
	tabs *mainTabs
	d    *shotsDriver
}

func newShotsHarness(t *testing.T) *shotsHarness {
	ignore := goleak.IgnoreCurrent()
	a := test.NewTempApp(t)
	ui := newTestPump(t)
	w := test.NewWindow(nil)
	// Discovery listens and announces on loopback only in tests.
	m := newMainTabs(a, w, ui.uiPump, withDiscovery("127.0.0.1:0", discoveryTTL, discoveryEvery))
	m.server.discoveryPort = freeUDPPort(t)
	w.SetContent(m.tabs)
	w.Resize(fyne.NewSize(1100, 720))

	stop, stopped := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(stopped)
		for {
			select {
			case <-stop:
				return
			case <-time.After(time.Millisecond):
				ui.drain()
			}
		}
	}()
	t.Cleanup(func() {
		close(stop)
		<-stopped
		m.shutdown()
		ui.drain()
		w.Close()
		goleak.VerifyNone(t, ignore)
	})
	return &shotsHarness{t: t, ui: ui, win: w, tabs: m, d: &shotsDriver{win: w, tabs: m}}
}

// ok runs a command that must succeed and returns its text.
func (h *shotsHarness) ok(line string) string {
	h.t.Helper()
	reply := h.d.do(line)
	require.True(h.t, reply == "ok" || strings.HasPrefix(reply, "ok "), "%s: %s", line, reply)
	return strings.TrimPrefix(strings.TrimPrefix(reply, "ok"), " ")
}

// fails runs a command that must fail with an error containing want.
func (h *shotsHarness) fails(line, want string) {
	h.t.Helper()
	reply := h.d.do(line)
	require.True(h.t, strings.HasPrefix(reply, "error: "), "%s should fail, got %s", line, reply)
	assert.Contains(h.t, reply, want, line)
}

// onUI reads widget state on the fake UI goroutine.
func onUI[T any](h *shotsHarness, f func() T) T {
	var v T
	h.ui.run(func() { v = f() })
	return v
}

// Every name in the table points at a widget that is in the window, once
// each panel the table knows has been shown.
func TestShotsTableNamesEveryWidget(t *testing.T) {
	h := newShotsHarness(t)
	for _, demo := range shotsDemoNames {
		h.ok("select client.demo " + demo)
	}
	targets := onUI(h, func() map[string]shotsTarget { return shotsTargets(h.tabs) })
	for _, name := range []string{
		"server.demo", "server.interface", "server.port", "server.serve", "server.start", "server.stop",
		"server.status", "server.reach", "server.clients", "server.log.clear", "server.monitor",
		"client.host", "client.port", "client.connect", "client.check", "client.status", "client.demo", "client.message",
		"client.hex", "client.clear", "client.guess.0", "client.guess.9", "client.guess.reply", "client.guess.low", "client.guess.high",
		"client.guess.history", "client.calc.expr", "client.calc.last", "client.calc.key.=",
		"client.calc.key.7", "client.mancala.pit1", "client.mancala.pit6", "client.mancala.status",
		"lessons.clear", "check.server", "check.clients", "check.verdicts",
		"client.sendmode", "server.sendmode", "client.saved.name", "client.saved.save", "client.saved.times",
		"client.saved.every", "client.saved.stop", "client.saved.status",
		"server.setting.rules.rules", "server.setting.rules.rules.check", "server.setting.rules.rules.status", "server.settings",
	} {
		assert.Contains(t, targets, name)
	}
	for name, tg := range targets {
		assert.NotNil(t, tg.obj, name)
	}
	// The split is the one between the clients list and the log.
	split, ok := targets["server.monitor"].obj.(*container.Split)
	require.True(t, ok)
	assert.Same(t, h.tabs.server.log.content, split.Trailing)

	names := h.ok("names")
	assert.Contains(t, names, "client.mancala.pit3")
	assert.Contains(t, names, "server.start")
}

// The commands the screenshot script uses, against real loopback servers.
func TestShotsCommandsDriveTheTabs(t *testing.T) {
	h := newShotsHarness(t)
	_, _ = startDemoServer(t, "guess", nil)

	h.fails("bogus", "unknown command")
	h.fails("tap", "usage: tap NAME")
	h.fails("tab nowhere", "no tab")
	h.fails("tap nothing.here", `no widget named "nothing.here"`)
	h.fails("tap server.status", "not a button")
	h.fails("check client.hex maybe", "on or off")

	h.ok("tab client")
	assert.Same(t, h.tabs.client.content, onUI(h, func() fyne.CanvasObject { return tabContent(h.tabs.tabs.Selected()) }))

	// guess: not connected, the numbers are disabled; connected, a tap
	// sends and the reply arrives.
	guessSrv, _ := startDemoServer(t, "guess", nil)
	h.ok("select client.demo guess")
	h.fails("tap client.guess.4", "disabled")
	h.ok("type client.host 127.0.0.1")
	h.ok("type client.port " + portOf(t, guessSrv.Addr()))
	assert.Equal(t, "127.0.0.1", h.ok("text client.host"))
	h.ok("tap client.connect")
	h.ok("wait client.status 5 ^connected")
	assert.Equal(t, "0", h.ok("text client.guess.history"))
	h.ok("tap client.guess.4")
	assert.Equal(t, "1", h.ok("wait client.guess.history 5 ^1$"))
	assert.Regexp(t, "^(too low|too high|found the secret)$", h.ok("text client.guess.reply"))
	h.fails("wait client.guess.history 0.1 ^7$", `it reads "1"`)

	// calc: keypad, a typed expression submitted, the transcript in hex.
	calcSrv, _ := startDemoServer(t, "calc", nil)
	h.ok("tap client.connect") // Disconnect
	h.ok("wait client.status 5 ^disconnected")
	h.ok("select client.demo calc")
	h.ok("type client.port " + portOf(t, calcSrv.Addr()))
	h.ok("tap client.clear")
	h.ok("tap client.connect")
	h.ok("wait client.status 5 ^connected")
	for _, key := range []string{"2", "+", "3", "*", "4", "="} {
		h.ok("tap client.calc.key." + key)
	}
	h.ok("wait client.calc.last 5 = 14")
	h.ok("type client.calc.expr 7/0")
	assert.Equal(t, "7/0", onUI(h, func() string { return h.tabs.client.panels["calc"].(*calcPanel).expr.Text }))
	h.ok("submit client.calc.expr")
	h.ok("wait client.calc.last 5 ^error")
	h.ok("check client.hex on")
	assert.True(t, onUI(h, func() bool { return h.tabs.client.transcript.hexCheck.Checked }))
	assert.Equal(t, "on", h.ok("text client.hex"))
	h.ok("tap client.clear")
	assert.Zero(t, onUI(h, func() int { return h.tabs.client.transcript.length() }))

	// The Server tab: echo, one client at a time, on loopback.
	h.ok("tab server")
	h.ok("select server.demo echo")
	h.fails("select server.serve sometimes", "names: all one")
	h.ok("select server.serve one")
	h.ok("select server.interface loopback")
	port := strconv.Itoa(freePort(t))
	h.ok("type server.port " + port)
	h.ok("tap server.start")
	h.ok("wait server.status 5 ^Running the echo demo")
	h.fails("tap server.start", "server.start is disabled")
	h.fails("select server.demo guess", "server.demo is disabled")
	for range 2 {
		c, err := net.Dial("tcp", "127.0.0.1:"+port)
		require.NoError(t, err)
		defer c.Close()
	}
	h.ok("wait server.clients 5 1 waiting")
	h.ok("split server.monitor 0.55")
	assert.InDelta(t, 0.55, onUI(h, func() float64 {
		return shotsTargets(h.tabs)["server.monitor"].obj.(*container.Split).Offset
	}), 0.001)

	// The reachability dialog opens and closes by its only button.
	h.fails("dialog close", "no dialog is open")
	h.ok("tap server.reach")
	h.ok("dialog wait 10")
	h.ok("dialog close")
	assert.Nil(t, onUI(h, func() fyne.CanvasObject { return h.win.Canvas().Overlays().Top() }))

	h.ok("tap server.stop")
	h.ok("wait server.status 5 ^Stopped")

	h.ok("resize 900 600")
	assert.Equal(t, fyne.NewSize(900, 600), onUI(h, func() fyne.Size { return h.win.Canvas().Size() }))
}

// "Check this server" as the screenshot script drives it: the button, the
// dialog's summary to wait for, and its Close.
func TestShotsCheckServer(t *testing.T) {
	h := newShotsHarness(t)
	srv, _ := startDemoServer(t, "echo", nil)
	h.fails("text check.status", `no widget named "check.status"`)
	h.ok("tab client")
	h.ok("select client.demo echo")
	h.ok("type client.host 127.0.0.1")
	h.ok("type client.port " + portOf(t, srv.Addr()))
	h.ok("tap check.server")
	h.ok("dialog wait 5")
	assert.Regexp(t, `^✓ \d+ passed, 0 failed`, h.ok("wait check.status 30 passed"))
	h.ok("tap check.close")
	assert.Nil(t, onUI(h, func() fyne.CanvasObject { return h.win.Canvas().Overlays().Top() }))
	h.fails("tap check.again", `no widget named "check.again"`)

	h.ok("tab server")
	h.ok("select server.demo guess")
	h.ok("check check.clients on")
	assert.Equal(t, "on", h.ok("text check.clients"))
	assert.Equal(t, verdictsLabel(0), h.ok("text check.verdicts"))
}

// The fifo loop: one answer line per command line; blank lines and
// comments get none.
func TestShotsServeAnswersEachLine(t *testing.T) {
	h := newShotsHarness(t)
	var out bytes.Buffer
	require.NoError(t, serveShots(strings.NewReader("tab lessons\n\n# a comment\nbogus\nwait client.status 0 \n"), &out, h.d))
	lines := strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n")
	require.Len(t, lines, 3, out.String())
	assert.Equal(t, "ok", lines[0])
	assert.True(t, strings.HasPrefix(lines[1], "error: unknown command"), lines[1])
	assert.True(t, strings.HasPrefix(lines[2], "error: usage: wait"), lines[2])
}

func TestSplitShotsArgs(t *testing.T) {
	assert.Equal(t, []string{"client.message", "hello  there"}, splitShotsArgs("  client.message   hello  there ", 2))
	assert.Equal(t, []string{"server.clients", "5", "2 waiting"}, splitShotsArgs("server.clients 5 2 waiting", 3))
	assert.Equal(t, []string{"a"}, splitShotsArgs("a", 3))
	assert.Empty(t, splitShotsArgs("   ", 2))
	assert.Equal(t, "a b", shotsOneLine("a\nb"))
}

func portOf(t *testing.T, a net.Addr) string {
	t.Helper()
	_, p, err := net.SplitHostPort(a.String())
	require.NoError(t, err)
	return p
}

// The saved messages as the script saves one and finds its row.
func TestShotsSavedMessages(t *testing.T) {
	h := newShotsHarness(t)
	h.ok("tab client")
	h.ok("select client.sendmode hex")
	h.ok("type client.message 48 69")
	h.ok("type client.saved.name hi")
	h.ok("tap client.saved.save")
	assert.Equal(t, `saved "hi" (Ctrl+1)`, h.ok("text client.saved.status"))
	assert.Equal(t, "hi", h.ok("text client.saved.1"))
	h.ok("tap client.saved.1")
	assert.Equal(t, `"hi" not sent: connect first`, h.ok("text client.saved.status"))
}
