package app

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// saveFromBox types a message into the send box in a mode and saves it.
func (h *clientHarness) saveFromBox(name, text, mode string) {
	h.ui.run(func() {
		h.tab.sendMode.SetSelected(mode)
		h.tab.message.SetText(text)
		h.tab.saved.name.SetText(name)
		test.Tap(h.tab.saved.save)
	})
}

func (h *clientHarness) savedNames() []string {
	return get(h, func() []string {
		var out []string
		for _, m := range h.tab.saved.list {
			out = append(out, m.Name)
		}
		return out
	})
}

func (h *clientHarness) savedNote() string {
	return get(h, func() string { return h.tab.saved.status.Text })
}

// tapSaved presses the send button of the saved message named name.
func (h *clientHarness) tapSaved(name string) {
	h.t.Helper()
	h.ui.run(func() {
		bs := findButtons(h.tab.saved.rows, name)
		require.Len(h.t, bs, 1, "one button for %q", name)
		test.Tap(bs[0])
	})
}

func (h *clientHarness) setRepeat(times, every string) {
	h.ui.run(func() {
		h.tab.saved.times.SetText(times)
		h.tab.saved.every.SetText(every)
	})
}

func (h *clientHarness) progress() string {
	return get(h, func() string { return h.tab.saved.status.Text })
}

func (h *clientHarness) waitProgress(cond func(string) bool, what string) {
	h.t.Helper()
	h.eventually(func() bool { return cond(h.tab.saved.status.Text) }, what)
}

func ctrlDigit(k int) fyne.Shortcut {
	return &desktop.CustomShortcut{KeyName: fyne.KeyName(fmt.Sprint(k)), Modifier: fyne.KeyModifierShortcutDefault}
}

func TestSavedMessagesSaveKeepAndSend(t *testing.T) {
	a := test.NewTempApp(t)
	sink := newRawSink(t)
	h := newClientHarness(t, a, newTestPump(t))

	assert.True(t, get(h, func() bool { return h.tab.saved.empty.Visible() }), "the empty list says how to save")
	h.saveFromBox("hello", "hello {n}", "Text")
	h.saveFromBox("crlf", `A\r\n`, "Escapes")
	h.saveFromBox("zero", "00 42", "Hex")
	assert.Equal(t, []string{"hello", "crlf", "zero"}, h.savedNames())
	assert.Equal(t, `saved "zero" (Ctrl+3)`, h.savedNote())
	assert.False(t, get(h, func() bool { return h.tab.saved.empty.Visible() }))
	assert.Equal(t, 3, get(h, func() int { return len(findButtons(h.tab.saved.rows, "")) }), "a delete button per row")
	assert.Equal(t, []string{"hello", "crlf", "zero"}, get(h, func() (out []string) {
		for _, b := range h.tab.saved.sendButtons() {
			out = append(out, b.Text)
		}
		return out
	}))

	// A name is needed, and what is saved must be sendable.
	h.saveFromBox("", "x", "Text")
	assert.Equal(t, "not saved: a saved message needs a name", h.savedNote())
	h.saveFromBox("bad", `\q`, "Escapes")
	assert.Contains(t, h.savedNote(), `not saved: "bad": at character 1: \q is not an escape`)
	// Text with No newline ticked is kept as the same bytes in escapes.
	h.ui.run(func() { h.tab.noNewline.SetChecked(true) })
	h.saveFromBox("bare", "a\tb", "Text")
	h.ui.run(func() { h.tab.noNewline.SetChecked(false) })
	assert.Equal(t, savedMessage{Name: "bare", Text: `a\tb`, Mode: "escapes"}, get(h, func() savedMessage { return h.tab.saved.list[3] }))
	// The same name replaces.
	h.saveFromBox("bare", "a b", "Text")
	assert.Equal(t, `replaced "bare" (Ctrl+4)`, h.savedNote())
	assert.Len(t, h.savedNames(), 4)

	// Not connected: nothing to send to.
	h.tapSaved("crlf")
	assert.Equal(t, `"crlf" not sent: connect first`, h.savedNote())

	h.connect(sink.addr)
	h.tapSaved("crlf")
	sink.waitFor(t, "A\r\n")
	h.tapSaved("hello")
	sink.waitFor(t, "A\r\nhello 1\n")
	// Ctrl+3 while typing in the send box sends the third; the box keeps
	// its text.
	h.ui.run(func() {
		h.tab.message.SetText("half typed")
		h.tab.message.TypedShortcut(ctrlDigit(3))
	})
	sink.waitFor(t, "A\r\nhello 1\n\x00B")
	assert.Equal(t, "half typed", get(h, func() string { return h.tab.message.Text }))
	// Elsewhere in the window, while the Client tab is shown.
	shown := true
	h.ui.run(func() {
		c := &shortcutRecorder{handlers: map[string]func(fyne.Shortcut){}}
		h.tab.addSavedShortcuts(c, func() bool { return shown })
		require.Len(t, c.handlers, savedShortcutKeys)
		c.typed(ctrlDigit(2))
		shown = false
		c.typed(ctrlDigit(1)) // another tab: nothing
	})
	sink.waitFor(t, "A\r\nhello 1\n\x00BA\r\n")
	// Other shortcuts still reach the entry; Ctrl+9 with no ninth message
	// sends nothing.
	h.ui.run(func() {
		h.tab.message.TypedShortcut(&fyne.ShortcutSelectAll{})
		assert.Equal(t, "half typed", h.tab.message.SelectedText())
		h.tab.message.TypedShortcut(ctrlDigit(9))
	})

	// Delete.
	h.ui.run(func() { h.tab.saved.deleteAt(0) })
	assert.Equal(t, []string{"crlf", "zero", "bare"}, h.savedNames())

	// Kept in the preferences: a new tab of the same app has them.
	h2 := newClientHarness(t, a, newTestPump(t))
	assert.Equal(t, []string{"crlf", "zero", "bare"}, h2.savedNames())
	time.Sleep(50 * time.Millisecond)
	assert.Equal(t, "A\r\nhello 1\n\x00BA\r\n", sink.bytes(), "nothing more was sent")
}

func TestSavedMessageRepeatsWithCounter(t *testing.T) {
	a := test.NewTempApp(t)
	sink := newRawSink(t)
	h := newClientHarness(t, a, newTestPump(t))
	h.saveFromBox("count", "n={n}", "Text")
	h.connect(sink.addr)

	h.setRepeat("5", "1")
	h.tapSaved("count")
	sink.waitFor(t, "n=1\nn=2\nn=3\nn=4\nn=5\n")
	h.waitProgress(func(p string) bool { return p == `"count": sent 5/5, done` }, "done")
	assert.True(t, get(h, func() bool { return h.tab.saved.stop.Disabled() }))
}

func TestSavedMessageRepeatStops(t *testing.T) {
	a := test.NewTempApp(t)
	sink := newRawSink(t)
	h := newClientHarness(t, a, newTestPump(t))
	h.saveFromBox("tick", `{n};`, "Escapes")
	h.connect(sink.addr)

	// Slow enough that the test's drains of the UI (which run until
	// nothing is pending) finish under -race on a busy machine.
	h.setRepeat("10000", "200")
	h.tapSaved("tick")
	assert.False(t, get(h, func() bool { return h.tab.saved.stop.Disabled() }))
	h.waitProgress(func(p string) bool { return repeatCount(p, "tick") >= 2 }, "the count shows live")
	// One repeat at a time.
	first := get(h, func() *repeatRun { return h.tab.saved.repeat })
	h.tapSaved("tick")
	assert.Same(t, first, get(h, func() *repeatRun { return h.tab.saved.repeat }), "no second repeat")

	h.ui.run(func() { test.Tap(h.tab.saved.stop) })
	h.waitProgress(func(p string) bool { return strings.HasSuffix(p, ", stopped: you pressed Stop") }, "stopped")
	assert.True(t, get(h, func() bool { return h.tab.saved.repeat == nil && h.tab.saved.stop.Disabled() }))
	sent := repeatCount(h.progress(), "tick")
	require.Positive(t, sent)
	want := ""
	for i := 1; i <= sent; i++ {
		want += fmt.Sprintf("%d;", i)
	}
	sink.waitFor(t, want)
	time.Sleep(100 * time.Millisecond)
	assert.Equal(t, want, sink.bytes(), "nothing after Stop")

	// The connection ending stops it too.
	h.tapSaved("tick")
	h.waitProgress(func(p string) bool { return repeatCount(p, "tick") >= 2 }, "repeating again")
	sink.hangUp()
	h.waitProgress(func(p string) bool { return strings.HasSuffix(p, ", stopped: the connection ended") }, "stopped by the end")
	h.waitStatus("disconnected")
}

func TestSavedMessageRepeatStopsOnDisconnect(t *testing.T) {
	a := test.NewTempApp(t)
	sink := newRawSink(t)
	h := newClientHarness(t, a, newTestPump(t))
	h.saveFromBox("tick", `.`, "Escapes")
	h.connect(sink.addr)
	h.setRepeat("10000", "200")
	h.tapSaved("tick")
	h.waitProgress(func(p string) bool { return repeatCount(p, "tick") >= 2 }, "repeating")
	h.ui.run(func() { test.Tap(h.tab.connectButton) }) // Disconnect
	h.waitProgress(func(p string) bool { return strings.HasSuffix(p, ", stopped: the connection ended") }, "stopped")
	// The repeat's goroutine is gone: shutting the tab down waits for it
	// (and TestMain's goleak would see it).
	assert.True(t, get(h, func() bool { return h.tab.saved.repeat == nil }))
}

func TestSavedMessageRepeatBounds(t *testing.T) {
	a := test.NewTempApp(t)
	sink := newRawSink(t)
	h := newClientHarness(t, a, newTestPump(t))
	h.saveFromBox("x", "x", "Text")
	h.connect(sink.addr)
	for _, tc := range []struct{ times, every, says string }{
		{"0", "100", "a whole number from 1 to 10000"},
		{"10001", "100", "a whole number from 1 to 10000"},
		{"lots", "100", "a whole number from 1 to 10000"},
		{"2", "0", "from 1 to 60000"},
		{"2", "1.5", "from 1 to 60000"},
		{"2", "60001", "from 1 to 60000"},
	} {
		h.setRepeat(tc.times, tc.every)
		h.tapSaved("x")
		assert.Contains(t, h.savedNote(), tc.says, "%s times every %s ms", tc.times, tc.every)
	}
	// Once, "every" does not matter.
	h.setRepeat("1", "")
	h.tapSaved("x")
	sink.waitFor(t, "x\n")
}

func TestSavedMessagesExportImportRoundTrip(t *testing.T) {
	a := test.NewTempApp(t)
	h := newClientHarness(t, a, newTestPump(t))
	h.saveFromBox("login", "USER {n}", "Text")
	h.saveFromBox("nul", `a\0b`, "Escapes")
	h.saveFromBox("hi", "48 69", "Hex")
	var file bytes.Buffer
	h.ui.run(func() { require.NoError(t, h.tab.saved.exportTo(&file)) })
	exported := file.String()

	// A student's copy, with one message of the same name already.
	b := test.NewTempApp(t)
	h2 := newClientHarness(t, b, newTestPump(t))
	h2.saveFromBox("mine", "m", "Text")
	h2.saveFromBox("hi", "stale", "Text")
	h2.ui.run(func() { require.NoError(t, h2.tab.saved.importFrom(strings.NewReader(exported))) })
	assert.Equal(t, []string{"mine", "hi", "login", "nul"}, h2.savedNames())
	assert.Equal(t, "imported 3 messages (1 replaced ones of the same name)", h2.savedNote())
	orig := get(h, func() []savedMessage { return h.tab.saved.list })
	assert.Equal(t, []savedMessage{{Name: "mine", Text: "m", Mode: "text"}, orig[2], orig[0], orig[1]},
		get(h2, func() []savedMessage { return h2.tab.saved.list }), "the same messages, the same-named one replaced in place")
	assert.Len(t, findButtonsIn(h2, "login"), 1, "the imported rows are shown")

	// Exported again it reads back the same.
	var again bytes.Buffer
	h2.ui.run(func() { require.NoError(t, h2.tab.saved.exportTo(&again)) })
	back, err := decodeSaved(&again)
	require.NoError(t, err)
	assert.Equal(t, get(h2, func() []savedMessage { return h2.tab.saved.list }), back)

	// A broken file changes nothing and says why.
	h2.ui.run(func() {
		err := h2.tab.saved.importFrom(strings.NewReader(`{"format":"socketlab-saved-messages","version":1,"messages":[{"name":"","text":"x","mode":"text"}]}`))
		assert.ErrorContains(t, err, "message 1: a saved message needs a name")
	})
	assert.Len(t, h2.savedNames(), 4)
}

func findButtonsIn(h *clientHarness, name string) []fyne.CanvasObject {
	return get(h, func() []fyne.CanvasObject {
		var out []fyne.CanvasObject
		for _, b := range findButtons(h.tab.saved.rows, name) {
			out = append(out, b)
		}
		return out
	})
}

// shortcutRecorder is a window's canvas as far as shortcuts go: the test
// driver's canvas has no way to type one.
type shortcutRecorder struct {
	fyne.Canvas
	handlers map[string]func(fyne.Shortcut)
}

func (c *shortcutRecorder) AddShortcut(s fyne.Shortcut, h func(fyne.Shortcut)) {
	c.handlers[s.ShortcutName()] = h
}

func (c *shortcutRecorder) typed(s fyne.Shortcut) {
	if h := c.handlers[s.ShortcutName()]; h != nil {
		h(s)
	}
}

// repeatCount reads "NAME": sent N/TOTAL from the note; -1 if it says
// something else.
func repeatCount(note, name string) int {
	var n, total int
	if _, err := fmt.Sscanf(note, "%q: sent %d/%d", new(string), &n, &total); err != nil || !strings.HasPrefix(note, fmt.Sprintf("%q:", name)) {
		return -1
	}
	return n
}
