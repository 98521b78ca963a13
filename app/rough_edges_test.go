package app

import (
	"net"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/socketlab/socketlab/netcore"
	"github.com/socketlab/socketlab/netcore/demos"
)

// Issue 13's rough edges a widget test can show.

// The Client tab's empty Port says what goes there instead of a grey 8000
// that a student takes for a value already typed.
func TestClientPortPlaceholderIsNotAPort(t *testing.T) {
	a := test.NewTempApp(t)
	h := newClientHarness(t, a, newTestPump(t))
	ph := get(h, func() string { return h.tab.port.PlaceHolder })
	_, err := strconv.Atoi(ph)
	assert.Error(t, err, "the placeholder %q looks like a port number", ph)
}

// calc's ^ is power, while the Lessons tab shows Python, where ^ is XOR:
// the calc panel's description says so.
func TestCalcPanelSaysCaretIsNotPythonXOR(t *testing.T) {
	a := test.NewTempApp(t)
	h := newClientHarness(t, a, newTestPump(t))
	desc := get(h, func() string {
		h.tab.selectDemo("calc")
		return h.tab.demoDesc.Text
	})
	assert.Contains(t, desc, "^ is power")
	assert.Contains(t, desc, "XOR")
}

// An empty Port gets the chosen demo's classic port as a real value; a
// port the student typed stays.
func TestClientPortTakesTheDemosPortWhenEmpty(t *testing.T) {
	a := test.NewTempApp(t)
	h := newClientHarness(t, a, newTestPump(t))
	got := get(h, func() string {
		h.tab.port.SetText("")
		h.tab.selectDemo("calc")
		h.tab.selectDemo("guess")
		return h.tab.port.Text
	})
	assert.NotEmpty(t, got)
	_, err := strconv.Atoi(got)
	assert.NoError(t, err)
	kept := get(h, func() string {
		h.tab.port.SetText("12345")
		h.tab.selectDemo("calc")
		return h.tab.port.Text
	})
	assert.Equal(t, "12345", kept)
}

// The log keeps following its newest row when it gets shorter under the
// reader (the banner grew, the window shrank): the reader never scrolled.
func TestLogKeepsFollowingWhenItGetsShorter(t *testing.T) {
	l, w, _ := newTestLogView(t)
	for i := range 200 {
		l.Append(rowN(i))
	}
	l.Flush()
	require.True(t, l.atBottom())
	w.Resize(fyne.NewSize(900, 200))
	for i := 200; i < 210; i++ {
		l.Append(rowN(i))
	}
	l.Flush()
	assert.True(t, l.atBottom(), "the newest row is in view")
	assert.False(t, l.follow.jump.Visible())

	// Shorter again with no new row: the periodic check scrolls.
	w.Resize(fyne.NewSize(900, 160))
	require.False(t, l.atBottom())
	l.follow.check()
	assert.True(t, l.atBottom())
}

// Scrolled away from the newest row, the log offers "Newest", which goes
// back there and follows again.
func TestLogOffersJumpToNewest(t *testing.T) {
	l, w, _ := newTestLogView(t)
	for i := range 200 {
		l.Append(rowN(i))
	}
	l.Flush()
	assert.False(t, l.follow.jump.Visible())
	l.list.ScrollToTop()
	l.follow.check()
	require.True(t, l.follow.jump.Visible(), "scrolled away: Newest is offered")
	l.Append(rowN(200))
	l.Flush()
	assert.Equal(t, float32(0), l.list.GetScrollOffset(), "reading older rows: the view stays")
	tapButton(t, w, "Newest")
	assert.True(t, l.atBottom())
	assert.False(t, l.follow.jump.Visible())
	l.Append(rowN(201))
	l.Flush()
	assert.True(t, l.atBottom(), "following again")
}

// The Lessons columns follow the same way.
func TestLessonsKeepFollowingWhenShorterAndOfferNewest(t *testing.T) {
	test.NewTempApp(t)
	f, w := newTestLessons(t, newTestPump(t))
	add := func(n int) {
		for range n {
			f.ServerEvent(netcore.Event{Time: time.Now(), Kind: netcore.EventReceived, ConnID: 1, Text: "x", Bytes: 1})
		}
		f.Flush()
	}
	add(200)
	w.Resize(fyne.NewSize(1100, 300))
	add(5)
	assert.True(t, f.server.atBottom(), "shorter column still follows")
	f.server.list.ScrollToTop()
	f.server.follow.check()
	require.True(t, f.server.follow.jump.Visible())
	test.Tap(f.server.follow.jump)
	assert.True(t, f.server.atBottom())
	assert.False(t, f.server.follow.jump.Visible())
}

// The Lessons tab names each server connection by its number, so two
// clients' calls can be told apart.
func TestLessonsNameEachConnection(t *testing.T) {
	test.NewTempApp(t)
	f, _ := newTestLessons(t, newTestPump(t))
	for id := 1; id <= 2; id++ {
		f.ServerEvent(netcore.Event{Time: time.Now(), Kind: netcore.EventSent, ConnID: id, Text: "hi", Bytes: 2})
	}
	f.Flush()
	calls := f.server.calls()
	require.Len(t, calls, 2)
	assert.Contains(t, calls[0].Text, "conn1.send(")
	assert.Contains(t, calls[1].Text, "conn2.send(")
}

// The clients list has room for several clients and shows the name a chat
// member picked next to the address.
func TestClientsListShowsRowsAndChatNames(t *testing.T) {
	h := newServerHarness(t)
	h.selectDemo("chat")
	port := h.start()
	ann := dialTest(t, port)
	assert.Contains(t, ann.readLine(), "joined")
	ann.send("/nick ann")
	assert.Contains(t, ann.readLine(), "is now ann")
	h.eventually(func() bool {
		h.tab.refreshClients()
		return h.clientCount() == 1 && h.tab.clients[0].Name == "ann"
	}, "the list learns ann's name")
	assert.NotNil(t, findVisibleLabel(h.tab.clientList, "#1 ann (127.0.0.1:"), "the row shows the name")
	assert.GreaterOrEqual(t, h.tab.clientList.Size().Height, clientRowsHeight(clientsWantRows)-1, "room for several clients")
}

// A log row cut with "…" can be read whole: selecting it shows it in the
// details line, whose Copy copies it.
func TestLogRowReadsWholeOnSelect(t *testing.T) {
	l, _, _ := newTestLogView(t)
	long := strings.Repeat("a long message ", 30) + "THE END"
	l.Append(logRow{Time: time.Now(), Who: "#1 127.0.0.1:5000", Kind: "received", Text: long})
	l.Append(rowN(1))
	l.Flush()
	require.False(t, l.details.content.Visible())
	l.list.Select(0)
	require.True(t, l.details.content.Visible())
	assert.Contains(t, l.details.text.Text, "THE END")
	assert.Contains(t, l.details.text.Text, "#1 127.0.0.1:5000")
	test.Tap(l.details.copy)
	assert.Contains(t, fyne.CurrentApp().Clipboard().Content(), "THE END")
	// The rows after it keep coming: the details keep the chosen row.
	l.Append(rowN(2))
	l.Flush()
	assert.Contains(t, l.details.text.Text, "THE END")
}

// calc's results and mancala's "What happened" have room for several
// lines, however short the window (the tab scrolls instead).
func TestPanelHistoriesShowSeveralRows(t *testing.T) {
	a := test.NewTempApp(t)
	h := newClientHarness(t, a, newTestPump(t))
	for _, name := range []string{"calc", "mancala"} {
		got := get(h, func() [2]float32 {
			h.tab.selectDemo(name)
			var l *replyList
			switch p := h.tab.panels[name].(type) {
			case *calcPanel:
				l = p.results
			case *mancalaPanel:
				l = p.history
			}
			h.tab.win.Resize(fyne.NewSize(1000, 300)) // shorter than the tab wants
			return [2]float32{l.list.Size().Height, l.list.CreateItem().MinSize().Height}
		})
		assert.GreaterOrEqual(t, got[0], panelMinRows*got[1], "%s: %d lines", name, panelMinRows)
	}
}

// A transcript error line, cut with "…" in its row, is shown whole under
// the list as it comes, and any row is shown whole when selected.
func TestTranscriptErrorsReadWhole(t *testing.T) {
	a := test.NewTempApp(t)
	h := newClientHarness(t, a, newTestPump(t))
	long := "could not connect to 127.0.0.1:1: " + strings.Repeat("a very long reason ", 20) + "THE END"
	h.tab.transcript.add(transcriptRow{kind: rowProblem, text: long})
	h.tab.transcript.add(transcriptRow{kind: rowReceived, text: "hello", ending: markNewline})
	d := h.tab.transcript.details
	assert.True(t, get(h, func() bool { return d.content.Visible() }))
	assert.Contains(t, get(h, func() string { return d.text.Text }), "THE END")
	got := get(h, func() string {
		h.tab.transcript.list.Select(1)
		return d.text.Text
	})
	assert.Contains(t, got, "hello")
}

// Closing the window while clients are connected asks first; with no one
// connected it quits at once.
func TestClosingWithClientsAsksFirst(t *testing.T) {
	h := newServerHarness(t)
	m := &mainTabs{server: h.tab}
	quits := 0
	m.closeWindow(func() { quits++ })
	require.Equal(t, 1, quits, "no server: quits at once")

	port := h.start()
	dialTest(t, port)
	dialTest(t, port)
	h.eventually(func() bool { return h.tab.connectedClients() == 2 }, "two clients")
	m.closeWindow(func() { quits++ })
	assert.Equal(t, 1, quits, "asks before quitting")
	assert.Contains(t, overlayText(h.win), "2 clients are connected; stop the server and quit?")
	tapDialogButton(t, h.win, "Keep running")
	assert.Equal(t, 1, quits)
	m.closeWindow(func() { quits++ })
	tapDialogButton(t, h.win, "Stop and quit")
	assert.Equal(t, 2, quits)
}

// Saving the log says where it went.
func TestSavingTheLogSaysWhere(t *testing.T) {
	l, w, ui := newTestLogView(t)
	l.Append(rowN(1))
	l.Flush()
	path := filepath.Join(t.TempDir(), "saved-log.txt")
	wc, err := storage.Writer(storage.NewFileURI(path))
	require.NoError(t, err)
	l.saveTo(wc, l.Rows())
	require.Eventually(t, func() bool {
		ui.drain()
		return strings.Contains(overlayText(w), path)
	}, 5*time.Second, 5*time.Millisecond, "a note names the file")
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	assert.Contains(t, string(data), "row 1")
}

// tapDialogButton taps the button called text in the topmost dialog.
func tapDialogButton(t *testing.T, w fyne.Window, text string) {
	t.Helper()
	bs := findButtons(w.Canvas().Overlays().Top(), text)
	require.NotEmpty(t, bs, "no button %q in the dialog", text)
	test.Tap(bs[0])
}

// A connection that never was made is "could not connect", not
// "disconnected".
func TestFailedConnectSaysCouldNotConnect(t *testing.T) {
	a := test.NewTempApp(t)
	h := newClientHarness(t, a, newTestPump(t))
	h.typeAddress(net.JoinHostPort("127.0.0.1", strconv.Itoa(freePort(t))))
	h.ui.run(func() { test.Tap(h.tab.connectButton) })
	h.waitStatus("could not connect: ")
	assert.NotContains(t, h.status(), "disconnected")
}

// A kicked student reads why: the server's reply in the transcript and in
// the status, not a bare "the server closed the connection".
func TestKickedClientSeesWhy(t *testing.T) {
	a := test.NewTempApp(t)
	srv, _ := startDemoServer(t, "echo", nil)
	h := newClientHarness(t, a, newTestPump(t))
	h.connect(srv.Addr().String())
	require.Eventually(t, func() bool { return len(srv.Clients()) == 1 }, 5*time.Second, 5*time.Millisecond)
	require.NoError(t, srv.Kick(srv.Clients()[0].ID))
	h.waitTranscript("← " + netcore.KickedReply + markNewline)
	h.waitStatus("disconnected: " + netcore.KickedReply)
}

// A duel's score and verdict belong to one connection: after a disconnect
// and a new connection they start again.
func TestDuelScoreResetsOnReconnect(t *testing.T) {
	a := test.NewTempApp(t)
	ui := newTestPump(t)
	srv, _ := startDemoServer(t, "duel", nil)
	one := newClientHarness(t, a, ui)
	two := newClientHarness(t, a, ui)
	one.selectDemo("duel")
	two.selectDemo("duel")
	p1 := activePanel[*rpsPanel](one)
	p2 := activePanel[*rpsPanel](two)
	one.connect(srv.Addr().String())
	two.connect(srv.Addr().String())
	one.eventually(func() bool { return strings.HasPrefix(p1.who.Text, "Playing against ") })
	two.eventually(func() bool { return strings.HasPrefix(p2.who.Text, "Playing against ") })
	one.ui.run(func() { test.Tap(p1.moves[0]) }) // rock
	two.ui.run(func() { test.Tap(p2.moves[2]) }) // scissors
	one.eventually(func() bool { return p1.score.Text == "You 1 : 0 Opponent" })

	one.ui.run(func() { test.Tap(one.tab.connectButton) }) // Disconnect
	one.waitStatus("disconnected: ")
	assert.Equal(t, "You 0 : 0 Opponent", get(one, func() string { return p1.score.Text }), "not the ended match's score")
	assert.Equal(t, connectToPlay(), get(one, func() string { return p1.result.Text }))
	one.connect(srv.Addr().String())
	one.eventually(func() bool { return strings.HasPrefix(p1.who.Text, "Playing against ") })
	assert.Equal(t, "You 0 : 0 Opponent", get(one, func() string { return p1.score.Text }))
	assert.NotContains(t, get(one, func() string { return p1.result.Text }), "you win")
	assert.Empty(t, get(one, func() []string { return p1.history.texts() }), "the last connection's rounds are gone")
}

// Mancala's "Game over" belongs to one connection too.
func TestMancalaGameOverResetsOnReconnect(t *testing.T) {
	one, two, p1, p2 := mancalaPlayers(t)
	over := func(h *clientHarness, p *mancalaPanel) bool {
		return get(h, func() bool { return strings.HasPrefix(p.result, "Game over: ") })
	}
	deadline := time.Now().Add(30 * time.Second)
	for !over(one, p1) {
		require.True(t, time.Now().Before(deadline), "the game should end")
		played := false
		for _, pl := range []struct {
			h *clientHarness
			p *mancalaPanel
		}{{one, p1}, {two, p2}} {
			if pits := enabledPits(pl.h, pl.p); len(pits) > 0 && !over(pl.h, pl.p) {
				pl.h.ui.run(func() { test.Tap(pl.p.yours[pits[0]-1]) })
				played = true
			}
		}
		if !played {
			time.Sleep(2 * time.Millisecond)
		}
	}
	assert.Contains(t, get(one, func() string { return p1.outcome.String() }), "Game over: ")

	addr := get(one, func() string { return net.JoinHostPort(one.tab.host.Text, one.tab.port.Text) })
	one.ui.run(func() { test.Tap(one.tab.connectButton) }) // Disconnect
	one.waitStatus("disconnected: ")
	assert.NotContains(t, get(one, func() string { return p1.outcome.String() }), "Game over", "not while disconnected")
	one.connect(addr)
	one.eventually(func() bool { return p1.status.Text != "" })
	assert.NotContains(t, get(one, func() string { return p1.outcome.String() }), "Game over")
	assert.Equal(t, [3]int{0, 0, 0}, get(one, func() [3]int { return [3]int{p1.won, p1.lost, p1.drawn} }))
}

// A demo has one name on both tabs, and the recent servers say which demo
// each one ran; choosing one chooses its demo too.
func TestDemoNamedAlikeOnBothTabsAndInRecentServers(t *testing.T) {
	a := test.NewTempApp(t)
	ui := newTestPump(t)
	s := newServerHarnessIn(t, a, nil)
	h := newClientHarness(t, a, ui)
	var server []string
	s.ui.run(func() { server = s.tab.demoSelect.Options })
	require.NotEmpty(t, server)
	client := get(h, func() []string { return h.tab.demoSelect.Options })
	for _, d := range demos.All() {
		assert.Contains(t, client, demoOption(d), "the Client tab names %s", d.Name)
	}
	for _, o := range server {
		assert.Contains(t, client, o, "the Server tab's %q reads the same on the Client tab", o)
	}
	assert.Contains(t, client, "Remote calculator (calc)")

	srv, _ := startDemoServer(t, "calc", nil)
	h.ui.run(func() { h.tab.selectDemo("calc") })
	h.connect(srv.Addr().String())
	h.ui.run(func() { test.Tap(h.tab.connectButton) }) // Disconnect
	h.waitStatus("disconnected: ")
	h.ui.run(func() { h.tab.selectDemo("echo") })

	h.ui.run(func() { test.Tap(h.tab.host.ActionItem.(*widget.Button)) })
	assert.True(t, get(h, func() bool {
		return h.tab.win.Canvas().Overlays().Top() != nil
	}), "the history button opens the recent servers")
	items := get(h, h.tab.recentMenuItems)
	require.NotEmpty(t, items)
	assert.Equal(t, srv.Addr().String()+"    Remote calculator (calc)", items[0].Label)
	h.ui.run(func() {
		h.tab.win.Canvas().Overlays().Top().Hide()
		items[0].Action()
	})
	assert.Equal(t, "calc", get(h, func() string { return h.tab.demoName() }), "choosing it chooses its demo")
}

// Start and Stop stay where they are however long the status gets: the
// status has a fixed height and scrolls.
func TestStartStopStayPutWhenTheStatusWraps(t *testing.T) {
	h := newServerHarness(t)
	at := func() (fyne.Position, fyne.Position) {
		// Lay the window out again, as the driver would after the change.
		size := h.win.Canvas().Size()
		h.win.Resize(size.AddWidthHeight(1, 1))
		h.win.Resize(size)
		d := h.app.Driver()
		return d.AbsolutePositionForObject(h.tab.startButton), d.AbsolutePositionForObject(h.tab.stopButton)
	}
	h.tab.status.SetText("Stopped.")
	start, stop := at()
	h.tab.status.SetText(strings.Repeat("A status long enough to wrap on any screen. ", 12))
	start2, stop2 := at()
	assert.Equal(t, start, start2, "Start server stays put")
	assert.Equal(t, stop, stop2, "Stop server stays put")
	assert.Greater(t, h.tab.status.MinSize().Height, h.tab.statusBox.Size().Height, "the long status scrolls in its box")
}

// Chat has one message box: the chat panel's. The transcript's comes back
// for every other demo.
func TestChatHasOneMessageBox(t *testing.T) {
	a := test.NewTempApp(t)
	h := newClientHarness(t, a, newTestPump(t))
	h.selectDemo("chat")
	chat := activePanel[*chatPanel](h)
	boxes := func() []fyne.CanvasObject {
		return get(h, func() []fyne.CanvasObject {
			var out []fyne.CanvasObject
			for _, e := range []fyne.CanvasObject{h.tab.message, chat.entry} {
				if isShown(e) {
					out = append(out, e)
				}
			}
			return out
		})
	}
	assert.Equal(t, []fyne.CanvasObject{chat.entry}, boxes(), "only the chat panel's box")
	h.selectDemo("echo")
	assert.True(t, get(h, func() bool { return isShown(h.tab.message) }), "echo types in the transcript's box")
	h.selectDemo("chat")
	assert.Equal(t, []fyne.CanvasObject{chat.entry}, boxes())
}

// isShown is whether o and every container above it in its window are
// visible.
func isShown(o fyne.CanvasObject) bool {
	c := fyne.CurrentApp().Driver().CanvasForObject(o)
	if c == nil || !o.Visible() {
		return false
	}
	visible := false
	var walk func(n fyne.CanvasObject, parentsShown bool) bool
	walk = func(n fyne.CanvasObject, shown bool) bool {
		shown = shown && n.Visible()
		if n == o {
			visible = shown
			return true
		}
		if w, ok := n.(fyne.Widget); ok {
			for _, ch := range test.WidgetRenderer(w).Objects() {
				if walk(ch, shown) {
					return true
				}
			}
		}
		if ct, ok := n.(*fyne.Container); ok {
			for _, ch := range ct.Objects {
				if walk(ch, shown) {
					return true
				}
			}
		}
		return false
	}
	walk(c.Content(), true)
	return visible
}
