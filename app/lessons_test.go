package app

import (
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/socketlab/socketlab/netcore/timeline"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.uber.org/goleak"

	"github.com/socketlab/socketlab/netcore"
)

// newTestLessons shows a Lessons tab in a test window, flushed by ui.
func newTestLessons(t *testing.T, ui *testPump) (*lessonsFeed, fyne.Window) {
	t.Helper()
	w := test.NewWindow(nil)
	f := newLessonsFeed(ui.uiPump)
	w.SetContent(f.content)
	w.Resize(fyne.NewSize(1100, 600))
	t.Cleanup(w.Close)
	return f, w
}

// calls lists one side's shown calls, oldest first.
func (c *callColumn) calls() []timeline.Call {
	out := make([]timeline.Call, c.ring.len())
	for i := range out {
		out[i] = *c.ring.at(i)
	}
	return out
}

func callNames(calls []timeline.Call) []string {
	out := make([]string, len(calls))
	for i, c := range calls {
		out[i] = c.Name
	}
	return out
}

func TestLessonsServerColumnFollowsServerTab(t *testing.T) {
	h := newServerHarness(t)
	f, _ := newTestLessons(t, h.ui)
	h.tab.onEvent = f.ServerEvent
	col := f.server
	assert.True(t, col.empty.Visible(), "a hint while there is nothing to show")

	h.selectDemo("echo")
	port := h.start()
	h.eventually(func() bool { return col.ring.len() == 4 }, "socket, bind, listen, accept")
	assert.Equal(t, []string{"socket", "bind", "listen", "accept"}, callNames(col.calls()))
	assert.False(t, col.empty.Visible())
	assert.Contains(t, col.calls()[1].Text, "('127.0.0.1', ")

	// accept() blocks: shown as waiting, in italics.
	require.True(t, col.waiting(3))
	pending, ok := findCallRow(col.list, "waiting for a client")
	require.True(t, ok, "%q", visibleLabelTexts(col.list))
	assert.Equal(t, widget.WarningImportance, pending.text.Importance)
	assert.True(t, pending.name.TextStyle.Italic)
	assert.Contains(t, pending.when.Text, "waiting…", "said in words too")

	// A client connects: accept returns with the connection.
	c := dialTest(t, port)
	h.eventually(func() bool {
		calls := col.calls()
		return len(calls) >= 5 && strings.Contains(calls[4].Text, "conn1, addr = s.accept() → ('127.0.0.1', ")
	}, "accept returns conn1")
	assert.False(t, col.waiting(3), "the waiting accept now reads as history")
	returned, ok := findCallRow(col.list, "conn1, addr = s.accept()")
	require.True(t, ok)
	assert.Equal(t, widget.MediumImportance, returned.text.Importance)
	wasWaiting, ok := findCallRow(col.list, "waiting for a client")
	require.True(t, ok)
	assert.False(t, wasWaiting.name.TextStyle.Italic, "the accept that waited reads as history")
	assert.Equal(t, widget.MediumImportance, wasWaiting.text.Importance)
	assert.NotContains(t, wasWaiting.when.Text, "waiting…")
	assert.Equal(t, "accept", col.calls()[4].Name)
	assert.NotEmpty(t, formatSince(col.calls()[4].Since), "time since the previous call")

	// The welcome line is the first thing the server sends.
	c.readLine()
	h.eventually(func() bool { return strings.Contains(strings.Join(callNames(col.calls()), " "), "send") }, "send shows")
	assert.Equal(t, 0, f.client.ring.len(), "the client column is the Client tab's")
}

func TestLessonsClientColumn(t *testing.T) {
	test.NewTempApp(t)
	ignore := goleak.IgnoreCurrent()
	// Registered first, so it runs after the pump is stopped.
	t.Cleanup(func() { goleak.VerifyNone(t, ignore) })
	ui := newTestPump(t)
	f, _ := newTestLessons(t, ui)

	at := time.Date(2026, 1, 2, 12, 3, 4, 120e6, time.Local)
	events := []netcore.Event{
		{Time: at, Kind: netcore.EventConnected, Peer: "127.0.0.1:8000", Text: "tcp from 127.0.0.1:51234"},
		{Time: at.Add(800 * time.Millisecond), Kind: netcore.EventSent, Peer: "127.0.0.1:8000", Text: "hi", Term: "\n", Bytes: 3},
		{Time: at.Add(time.Second), Kind: netcore.EventReceived, Peer: "127.0.0.1:8000", Text: "hi", Term: "\n", Bytes: 3, Ending: netcore.EndNewline},
		{Time: at.Add(2 * time.Second), Kind: netcore.EventClosed, Peer: "127.0.0.1:8000", Text: "the server closed the connection"},
	}
	// From another goroutine, as the client's reader calls it.
	done := make(chan struct{})
	go func() {
		defer close(done)
		for _, e := range events {
			f.ClientEvent(e)
		}
	}()
	<-done
	deadline := time.Now().Add(5 * time.Second)
	for f.client.ring.len() < 6 && time.Now().Before(deadline) {
		ui.drain() // the pump flushes the tab
		time.Sleep(5 * time.Millisecond)
	}
	calls := f.client.calls()
	require.Equal(t, []string{"socket", "connect", "send", "recv", "recv", "close"}, callNames(calls))
	assert.Equal(t, "s.connect(('127.0.0.1', 8000))", calls[1].Text)
	assert.Equal(t, 0, f.server.ring.len(), "the server column is the Server tab's")
	assert.True(t, f.server.empty.Visible())
	assert.False(t, f.client.empty.Visible())

	// A row reads: the call's name, the call, then when and how long
	// after the previous call.
	row, ok := findCallRow(f.client.list, "s.send(b'hi\\n')")
	require.True(t, ok, "%q", visibleLabelTexts(f.client.list))
	assert.Equal(t, "send()", row.name.Text)
	assert.Equal(t, "s.send(b'hi\\n') → 3", row.text.Text)
	assert.True(t, row.text.TextStyle.Monospace, "code in monospace")
	assert.Equal(t, "12:03:04.920   +0.8 s", row.when.Text)
	first, ok := findCallRow(f.client.list, "s = socket(")
	require.True(t, ok)
	assert.Equal(t, "12:03:04.120", first.when.Text, "the first call has no time since")
}

// findCallRow finds the visible row of list whose call contains text.
func findCallRow(list *widget.List, text string) (callRow, bool) {
	var found callRow
	ok := false
	walkVisible(list, func(o fyne.CanvasObject) {
		c, isRow := o.(*fyne.Container)
		if ok || !isRow || len(c.Objects) != 2 {
			return
		}
		if _, cols := c.Layout.(*columnsLayout); !cols {
			return
		}
		if r := callRowOf(c); strings.Contains(r.text.Text, text) {
			found, ok = r, true
		}
	})
	return found, ok
}

func TestLessonsKeepsNewestCallsAndClears(t *testing.T) {
	test.NewTempApp(t)
	f, _ := newTestLessons(t, newTestPump(t))
	at := time.Now()
	// 1,500 events of three calls each, from four goroutines: memory
	// stays bounded and the view keeps the newest lessonsKeep.
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 375 {
				f.ServerEvent(netcore.Event{Time: at, Kind: netcore.EventSent, ConnID: 1, Text: fmt.Sprintf("g%d m%d", g, i), Bytes: 1})
				f.ServerEvent(netcore.Event{Time: at, Kind: netcore.EventReceived, ConnID: 1, Text: "x", Bytes: 1})
				f.ServerEvent(netcore.Event{Time: at, Kind: netcore.EventClosed, ConnID: 1})
			}
		}()
	}
	wg.Wait()
	assert.Less(t, f.server.pending.len(), 2*lessonsKeep)
	f.Flush()
	assert.Equal(t, lessonsKeep, f.server.ring.len())
	assert.Equal(t, lessonsKeep, f.server.list.Length())

	f.ClientEvent(netcore.Event{Kind: netcore.EventConnected, Peer: "127.0.0.1:1"})
	f.ServerEvent(netcore.Event{Kind: netcore.EventStopped}) // pending, not shown yet
	test.Tap(f.clearButton)
	f.Flush()
	assert.Equal(t, 0, f.server.ring.len(), "pending calls are forgotten too")
	assert.Equal(t, 0, f.client.ring.len())
	assert.True(t, f.server.empty.Visible())
	assert.Contains(t, f.server.empty.Text, "Cleared")

	// The timeline starts afresh: the first call has no "since".
	f.ServerEvent(netcore.Event{Time: time.Now(), Kind: netcore.EventStopped})
	f.Flush()
	require.Equal(t, 1, f.server.ring.len())
	assert.Equal(t, time.Duration(0), f.server.calls()[0].Since)
}

func TestLessonsFollowsNewestUnlessScrolledUp(t *testing.T) {
	test.NewTempApp(t)
	f, _ := newTestLessons(t, newTestPump(t))
	add := func(n int) {
		for range n {
			f.ServerEvent(netcore.Event{Time: time.Now(), Kind: netcore.EventReceived, ConnID: 1, Text: "x", Bytes: 1})
		}
		f.Flush()
	}
	add(200)
	require.True(t, f.server.atBottom())
	require.Greater(t, f.server.list.GetScrollOffset(), float32(0))
	f.server.list.ScrollToTop()
	add(10)
	assert.Equal(t, float32(0), f.server.list.GetScrollOffset(), "reading older calls: the view stays")
}

// The tab has no goroutine of its own: once the pump stops, none is left.
func TestLessonsLeavesNoGoroutine(t *testing.T) {
	test.NewTempApp(t)
	ignore := goleak.IgnoreCurrent()
	pump := newUIPump(func(f func()) { f() })
	f := newLessonsFeed(pump)
	f.ServerEvent(netcore.Event{Kind: netcore.EventStopped})
	pump.stop()
	pump.stop() // twice is fine
	goleak.VerifyNone(t, ignore)
}

func TestFormatSince(t *testing.T) {
	assert.Equal(t, "", formatSince(0))
	assert.Equal(t, "+0.0 s", formatSince(time.Millisecond))
	assert.Equal(t, "+0.8 s", formatSince(800*time.Millisecond))
	assert.Equal(t, "+12 s", formatSince(12*time.Second))
	assert.Equal(t, "+3 min", formatSince(3*time.Minute+5*time.Second))
}

func TestMainWindowTabsAreWired(t *testing.T) {
	ignore := goleak.IgnoreCurrent()
	a := test.NewTempApp(t)
	ui := newTestPump(t)
	w := test.NewWindow(nil)
	defer w.Close()
	// Discovery listens on loopback only in tests.
	m := newMainTabs(a, w, ui.uiPump, withDiscovery("127.0.0.1:0", discoveryTTL, discoveryEvery))
	w.SetContent(m.tabs)
	var titles []string
	for _, it := range m.tabs.Items {
		titles = append(titles, it.Text)
	}
	assert.Equal(t, []string{"Server", "Client", "Lessons"}, titles)
	require.NotNil(t, m.server.onEvent, "the Server tab feeds the Lessons tab")
	require.NotNil(t, m.client.onEvent, "the Client tab feeds the Lessons tab")

	m.client.onEvent(netcore.Event{Time: time.Now(), Kind: netcore.EventConnected, Peer: "127.0.0.1:8000"})
	m.server.onEvent(netcore.Event{Time: time.Now(), Kind: netcore.EventStopped})
	// While another tab is shown, calls wait as events, bounded, and none
	// is built: an echo at full speed costs the Lessons tab a copy each.
	for i := range 5 * lessonsKeep {
		m.server.onEvent(netcore.Event{Time: time.Now(), Kind: netcore.EventSent, ConnID: 1, Text: fmt.Sprint(i), Bytes: 2})
	}
	ui.drain()
	assert.Equal(t, 0, m.lessons.client.ring.len(), "nothing built while the Server tab is shown")
	assert.Equal(t, 0, m.lessons.server.ring.len())
	assert.Less(t, m.lessons.server.pending.len(), 2*lessonsKeep, "the waiting events are bounded")

	ui.run(func() { m.tabs.SelectIndex(2) })
	assert.Equal(t, []string{"socket", "connect"}, callNames(m.lessons.client.calls()), "built when the tab is selected")
	server := m.lessons.server.calls()
	require.Len(t, server, lessonsKeep, "the newest calls fill the column")
	assert.Equal(t, fmt.Sprintf("conn1.send(b'%d') → 2", 5*lessonsKeep-1), server[lessonsKeep-1].Text)
	assert.Equal(t, 0, m.lessons.server.pending.len())

	m.shutdown() // stops the pump too
	ui.drain()
	goleak.VerifyNone(t, ignore)
}

// The intro and both headings are there, and the two columns sit side by
// side.
func TestLessonsLayout(t *testing.T) {
	test.NewTempApp(t)
	f, w := newTestLessons(t, newTestPump(t))
	texts := strings.Join(visibleLabelTexts(w.Canvas().Content()), "\n")
	assert.Contains(t, texts, "in Python's socket words")
	assert.Contains(t, texts, "Server calls")
	assert.Contains(t, texts, "Client calls")
	var split *container.Split
	walkVisible(f.content, func(o fyne.CanvasObject) {
		if s, ok := o.(*container.Split); ok && split == nil {
			split = s
		}
	})
	require.NotNil(t, split)
	assert.True(t, split.Horizontal)
}

func TestCompactThemeIsReadable(t *testing.T) {
	test.NewTempApp(t)
	th := compactTheme()
	assert.Equal(t, float32(compactInnerPadding), th.Size(theme.SizeNameInnerPadding))
	assert.Equal(t, readableTheme().Color(theme.ColorNameWarning, theme.VariantLight), th.Color(theme.ColorNameWarning, theme.VariantLight))
}
