package app

import (
	"bytes"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.uber.org/goleak"
)

// newTestLogView shows a log view in a test window, flushed by the
// returned test pump, which the test drains on its own goroutine.
func newTestLogView(t testing.TB) (*logView, fyne.Window, *testPump) {
	t.Helper()
	test.NewTempApp(t)
	ui := newTestPump(t)
	w := test.NewWindow(nil)
	l := newLogView(w, ui.uiPump, "Client", "test-log.txt")
	w.SetContent(l.content)
	w.Resize(fyne.NewSize(900, 300))
	t.Cleanup(w.Close)
	return l, w, ui
}

// VisibleRows returns the rows the list shows now (after the filter).
func (l *logView) VisibleRows() []logRow {
	out := make([]logRow, l.length())
	for i := range out {
		out[i] = *l.entry(i).get()
	}
	return out
}

func rowN(i int) logRow {
	return logRow{Time: time.Now(), Who: fmt.Sprintf("#%d 127.0.0.1:%d", i%7+1, 40000+i%7), Kind: "received", Text: fmt.Sprintf("row %d", i)}
}

func TestLogViewFloodKeepsNewestRows(t *testing.T) {
	l, _, _ := newTestLogView(t)

	// Four goroutines append 20,000 rows between them without any flush:
	// pending must stay bounded and the view must end with the newest.
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 5000 {
				l.Append(rowN(g*100000 + i))
			}
		}()
	}
	wg.Wait()
	pending := l.pending.len()
	assert.Less(t, pending, 2*logKeep, "pending is trimmed as rows arrive")

	// In order from one goroutine: the kept rows are exactly the newest.
	for i := range 20000 {
		l.Append(rowN(i))
	}
	l.Flush()
	rows := l.Rows()
	require.Len(t, rows, logKeep)
	assert.Equal(t, "row 15000", rows[0].Text)
	assert.Equal(t, "row 19999", rows[len(rows)-1].Text)
	assert.Equal(t, logKeep, l.list.Length())
	assert.Equal(t, "5000 lines", l.count.Text)
}

func TestLogViewPumpShowsRowsWithoutExplicitFlush(t *testing.T) {
	l, _, ui := newTestLogView(t)
	go l.Append(rowN(1), rowN(2), rowN(3))
	deadline := time.Now().Add(5 * time.Second)
	for len(l.Rows()) < 3 && time.Now().Before(deadline) {
		ui.drain()
		time.Sleep(5 * time.Millisecond)
	}
	require.Len(t, l.Rows(), 3, "the pump flushed the view")
	assert.Equal(t, "row 3", l.Rows()[2].Text)
}

func TestLogViewFollowsOnlyAtBottom(t *testing.T) {
	l, _, _ := newTestLogView(t)
	add := func(from, n int) {
		for i := from; i < from+n; i++ {
			l.Append(rowN(i))
		}
		l.Flush()
	}
	add(0, 200)
	require.True(t, l.atBottom(), "new rows are followed")
	bottom := l.list.GetScrollOffset()
	require.Greater(t, bottom, float32(0))

	// Scrolled up to read: new rows must not move the view.
	l.list.ScrollToTop()
	require.False(t, l.atBottom())
	add(200, 50)
	assert.Equal(t, float32(0), l.list.GetScrollOffset(), "view stays where the user scrolled")

	// Back at the bottom: following resumes.
	l.list.ScrollToBottom()
	add(250, 50)
	assert.True(t, l.atBottom())
	assert.Greater(t, l.list.GetScrollOffset(), bottom)
}

// A batch that makes the list scrollable for the first time must scroll the
// scroller itself, not only the list's idea of it (Fyne's scroller resets
// an offset set before it knows the new content height).
func TestLogViewScrollerFollowsBigBatch(t *testing.T) {
	l, _, _ := newTestLogView(t)
	l.Append(rowN(0))
	l.Flush()
	for i := 1; i < 30; i++ {
		l.Append(rowN(i))
	}
	l.Flush()
	sc := test.WidgetRenderer(l.list).Objects()[0].(*container.Scroll)
	require.Greater(t, l.list.GetScrollOffset(), float32(0))
	assert.Equal(t, l.list.GetScrollOffset(), sc.Offset.Y)
	assert.True(t, l.atBottom())
}

func TestLogViewKeepsReadingPositionWhileOldRowsGo(t *testing.T) {
	l, _, _ := newTestLogView(t)
	for i := range logKeep {
		l.Append(rowN(i))
	}
	l.Flush()
	l.list.ScrollToOffset(10000)
	before := l.list.GetScrollOffset()
	for i := range 10 {
		l.Append(rowN(logKeep + i))
	}
	l.Flush()
	step := l.itemHeight() + l.separator()
	assert.InDelta(t, before-10*step, l.list.GetScrollOffset(), 0.5, "the same rows stay in view")
}

func TestLogViewFilter(t *testing.T) {
	l, _, _ := newTestLogView(t)
	l.Append(
		logRow{Who: "server", Kind: "listening", Text: "tcp 127.0.0.1:8000 (echo)"},
		logRow{Who: "#1 127.0.0.1:5000", Kind: "accepted", Text: "connected"},
		logRow{Who: "#1 127.0.0.1:5000", Kind: "received", Text: `"Hello"`},
		logRow{Who: "#2 127.0.0.1:6000", Kind: "error", Text: "write: broken pipe"},
	)
	l.Flush()

	l.filterBox.SetText("HELLO")
	require.Len(t, l.VisibleRows(), 1)
	assert.Equal(t, `"Hello"`, l.VisibleRows()[0].Text)
	assert.Equal(t, "1 of 4 lines", l.count.Text)

	l.filterBox.SetText("#1 ") // matches the client column
	assert.Len(t, l.VisibleRows(), 2)

	l.filterBox.SetText("Error") // matches the event column
	require.Len(t, l.VisibleRows(), 1)
	assert.Equal(t, "write: broken pipe", l.VisibleRows()[0].Text)

	// New rows are filtered as they arrive.
	l.Append(logRow{Kind: "error", Text: "another"}, logRow{Kind: "sent", Text: "x"})
	l.Flush()
	assert.Len(t, l.VisibleRows(), 2)

	l.filterBox.SetText("")
	assert.Len(t, l.VisibleRows(), 6)
	assert.Equal(t, 6, l.list.Length())
}

func TestLogViewClear(t *testing.T) {
	l, w, _ := newTestLogView(t)
	for i := range 100 {
		l.Append(rowN(i))
	}
	l.Flush()
	l.Append(rowN(100)) // pending, not yet shown
	tapButton(t, w, "Clear")
	l.Flush()
	assert.Empty(t, l.Rows())
	assert.Equal(t, 0, l.list.Length())
	assert.Equal(t, "0 lines", l.count.Text)
}

func TestLogViewWriteTo(t *testing.T) {
	l, _, _ := newTestLogView(t)
	at := time.Date(2026, 3, 4, 10, 4, 5, 123e6, time.Local)
	l.Append(
		logRow{Time: at, Who: "#3 127.0.0.1:51522", Kind: "received", Text: `"hello"`},
		logRow{Time: at, Who: "", Kind: "stopped", Text: "server stopped"},
	)
	l.filterBox.SetText("hello") // saving ignores the filter
	var buf bytes.Buffer
	n, err := l.WriteTo(&buf) // flushes the pending rows first
	require.NoError(t, err)
	assert.Equal(t, int64(buf.Len()), n)
	lines := strings.Split(strings.TrimSuffix(buf.String(), "\n"), "\n")
	require.Len(t, lines, 2)
	assert.Equal(t, `2026-03-04 10:04:05.123  #3 127.0.0.1:51522        received   "hello"`, lines[0])
	assert.Equal(t, `2026-03-04 10:04:05.123  -                         stopped    server stopped`, lines[1])
}

func TestLogViewSaveOpensFileDialog(t *testing.T) {
	l, w, _ := newTestLogView(t)
	l.Append(rowN(1))
	tapButton(t, w, "Save log…")
	assert.NotNil(t, w.Canvas().Overlays().Top(), "a save dialog is shown")
	assert.Len(t, l.Rows(), 1, "Save flushed pending rows")
}

func TestLogViewLongTextIsCapped(t *testing.T) {
	l, _, _ := newTestLogView(t)
	long := strings.Repeat("é", logMaxText) // 2 bytes each
	l.Append(logRow{Kind: "received", Text: long})
	l.Flush()
	got := l.Rows()[0].Text
	assert.LessOrEqual(t, len(got), logMaxText+40)
	assert.Contains(t, got, "more bytes)")
	assert.True(t, strings.HasPrefix(got, strings.Repeat("é", 100)), "cut on a character boundary")
}

func TestLogViewRowsStayOneLine(t *testing.T) {
	l, _, _ := newTestLogView(t)
	l.Append(logRow{Kind: "error", Text: "first\n\nsecond\r\nthird"})
	l.Flush()
	assert.Equal(t, "first  second third", l.Rows()[0].Text)
}

func TestLogViewDroppedNote(t *testing.T) {
	l, _, _ := newTestLogView(t)
	assert.False(t, l.note.Visible())
	l.SetDropped(42)
	assert.True(t, l.note.Visible())
	assert.Contains(t, l.note.Text, "42 messages not shown")
	l.SetDropped(0)
	assert.False(t, l.note.Visible())
}

// The view has no goroutine of its own: once the pump stops, none is left.
func TestLogViewLeavesNoGoroutine(t *testing.T) {
	ignore := goleak.IgnoreCurrent()
	test.NewTempApp(t)
	pump := newUIPump(func(f func()) { f() })
	w := test.NewWindow(nil)
	defer w.Close()
	l := newLogView(w, pump, "Client", "x.txt")
	l.Append(rowN(1))
	pump.stop()
	pump.stop() // twice is fine
	goleak.VerifyNone(t, ignore)
}

// BenchmarkLogViewAppend measures the cost of a busy log: batches of rows
// appended and flushed to a visible list, as the pump does.
func BenchmarkLogViewAppend(b *testing.B) {
	l, _, _ := newTestLogView(b)
	batch := make([]logRow, 100)
	for i := range batch {
		batch[i] = rowN(i)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		l.Append(batch...)
		l.Flush()
	}
	b.ReportMetric(float64(len(batch)), "rows/op")
}

// tapButton taps the visible button with the given text, failing if there
// is none.
func tapButton(t testing.TB, w fyne.Window, text string) {
	t.Helper()
	for _, b := range findButtons(w.Canvas().Content(), text) {
		test.Tap(b)
		return
	}
	t.Fatalf("no visible button %q", text)
}

// visibleLabelTexts lists the text of every visible label below o.
func visibleLabelTexts(o fyne.CanvasObject) []string {
	var out []string
	walkVisible(o, func(o fyne.CanvasObject) {
		if l, ok := o.(*widget.Label); ok {
			out = append(out, l.Text)
		}
	})
	return out
}

// findVisibleLabel is the first visible label below o whose text contains s.
func findVisibleLabel(o fyne.CanvasObject, s string) *widget.Label {
	var found *widget.Label
	walkVisible(o, func(o fyne.CanvasObject) {
		if l, ok := o.(*widget.Label); ok && found == nil && strings.Contains(l.Text, s) {
			found = l
		}
	})
	return found
}

// hexLines are the visible hex lines of l's rows.
func hexLines(l *logView) []*widget.Label {
	var out []*widget.Label
	walkVisible(l.list, func(o fyne.CanvasObject) {
		c, ok := o.(*fyne.Container)
		if !ok || len(c.Objects) != 2 {
			return
		}
		if _, row := c.Layout.(tightVBox); !row {
			return
		}
		if line := c.Objects[1].(*fyne.Container); line.Visible() {
			out = append(out, line.Objects[1].(*widget.Label))
		}
	})
	return out
}

func TestLogViewHexShowsBytes(t *testing.T) {
	l, _, _ := newTestLogView(t)
	l.Append(
		logRow{Who: "#1", Kind: "received", Text: `"hi"   (4 B, ending \r\n)`, Raw: []byte("hi\r\n")},
		logRow{Who: "#1", Kind: "sent", Text: `"nul"`, Raw: []byte("a\x00b")},
		logRow{Who: "#1", Kind: "accepted", Text: "connected"},
	)
	l.Flush()
	textHeight := l.list.MinSize().Height
	require.NotNil(t, findVisibleLabel(l.list, `"hi"`), "text by default")
	assert.Empty(t, hexLines(l), "no hex lines")

	test.Tap(l.hexCheck)
	require.True(t, l.hex)
	lines := hexLines(l)
	require.Len(t, lines, 3, "a hex line under every row")
	assert.Equal(t, "68 69 0d 0a  hi..", lines[0].Text, "the terminator is visible")
	assert.True(t, lines[0].TextStyle.Monospace, "the dump's columns line up")
	assert.Equal(t, "61 00 62  a.b", lines[1].Text, "a NUL byte is visible")
	assert.Empty(t, lines[2].Text, "rows without bytes have none")
	assert.NotNil(t, findVisibleLabel(l.list, `"hi"`), "the text stays above the bytes")
	assert.Greater(t, l.list.MinSize().Height, textHeight, "rows grew a line")
	assert.Greater(t, lines[0].Size().Width, float32(600), "the dump has the width of the row, not of the message column")

	test.Tap(l.hexCheck)
	assert.False(t, l.hex)
	assert.Empty(t, hexLines(l))
	assert.Equal(t, textHeight, l.list.MinSize().Height)
}

func TestLogViewHexKeepsFewBytesAndFilters(t *testing.T) {
	l, _, _ := newTestLogView(t)
	big := bytes.Repeat([]byte("x"), 64*1024)
	l.Append(logRow{Kind: "received", Text: "big", Raw: big}, logRow{Kind: "received", Text: "crlf", Raw: []byte("a\r\n")})
	l.Flush()
	rows := l.Rows()
	assert.Len(t, rows[0].Raw, logHexBytes+1, "only what the dump shows (and one more) is kept")
	assert.Equal(t, 64*1024, len(big), "the caller's bytes are untouched")
	l.SetHex(true)
	assert.True(t, l.hexCheck.Checked, "the check follows SetHex")
	text := l.hexText(&rows[0])
	assert.True(t, strings.HasPrefix(text, "78 78"))
	assert.Contains(t, text, "…", "the dump says that more followed")

	l.SetFilter("0d 0a")
	require.Len(t, l.VisibleRows(), 1, "the filter finds bytes")
	assert.Equal(t, "crlf", l.VisibleRows()[0].Text)
}

func TestLogViewHexFollowsNewest(t *testing.T) {
	l, _, _ := newTestLogView(t)
	for i := range 100 {
		l.Append(logRow{Kind: "received", Text: fmt.Sprint(i), Raw: []byte("x\n")})
	}
	l.Flush()
	require.True(t, l.atBottom())
	l.SetHex(true)
	assert.True(t, l.atBottom(), "taller rows: still at the newest")
	l.Append(logRow{Kind: "received", Text: "new", Raw: []byte("y\n")})
	l.Flush()
	assert.True(t, l.atBottom())
}
