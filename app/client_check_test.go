package app

import (
	"bytes"
	"context"
	"encoding/json"
	"net"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/socketlab/socketlab/netcore/check"
)

// startTextServer is a student's server on 127.0.0.1: every connection's
// bytes are answered with reply(bytes). It serves until the test ends and
// leaves no goroutine behind.
func startTextServer(t *testing.T, reply func([]byte) []byte) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	var (
		wg    sync.WaitGroup
		mu    sync.Mutex
		conns []net.Conn
	)
	wg.Add(1)
	go func() {
		defer wg.Done()
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			mu.Lock()
			conns = append(conns, c)
			mu.Unlock()
			wg.Add(1)
			go func() {
				defer wg.Done()
				defer c.Close()
				buf := make([]byte, 4096)
				for {
					n, err := c.Read(buf)
					if err != nil {
						return
					}
					if out := reply(buf[:n]); out != nil {
						if _, err := c.Write(out); err != nil {
							return
						}
					}
				}
			}()
		}
	}()
	t.Cleanup(func() {
		ln.Close()
		mu.Lock()
		for _, c := range conns {
			c.Close()
		}
		mu.Unlock()
		wg.Wait()
	})
	return ln.Addr().String()
}

// labelTexts is the text of every label under o, in order.
func labelTexts(o fyne.CanvasObject) string {
	var sb strings.Builder
	walkVisible(o, func(o fyne.CanvasObject) {
		if l, ok := o.(*widget.Label); ok {
			sb.WriteString(l.Text + "\n")
		}
	})
	return sb.String()
}

// rowSymbols maps each row's first line (the rule) to its symbol.
func rowSymbols(v *checkView) map[string]string {
	out := map[string]string{}
	for _, row := range v.rows.Objects {
		if _, sep := row.(*widget.Separator); sep {
			continue
		}
		var symbol, rule string
		walkVisible(row, func(o fyne.CanvasObject) {
			l, ok := o.(*widget.Label)
			switch {
			case !ok:
			case l.Text == "✓" || l.Text == "✗" || l.Text == "!" || l.Text == "…":
				symbol = l.Text
			case rule == "":
				rule = l.Text
			}
		})
		out[rule] = symbol
	}
	return out
}

// runServerCheck types addr, chooses demo, taps "Check this server" and
// waits for the report.
func (h *clientHarness) runServerCheck(demo, addr string) check.Report {
	h.t.Helper()
	h.selectDemo(demo)
	h.typeAddress(addr)
	h.ui.run(func() { test.Tap(h.tab.serverButton) })
	// A run is bounded by check.RunLimit; these servers answer at once.
	require.Eventually(h.t, func() bool {
		return get(h, func() bool { return h.tab.serverCheck != nil && h.tab.serverCheck.report != nil })
	}, check.RunLimit, 10*time.Millisecond, "the check finishes")
	return get(h, func() check.Report { return *h.tab.serverCheck.report })
}

func TestClientCheckSocketLabServerPasses(t *testing.T) {
	a := test.NewTempApp(t)
	ui := newTestPump(t)
	srv, _ := startDemoServer(t, "echo", nil)
	h := newClientHarness(t, a, ui)

	rep := h.runServerCheck("echo", srv.Addr().String())
	assert.False(t, rep.Failed(), "Socket Lab's own echo server keeps every must-rule:\n%s", strings.Join(rep.Lines(), "\n"))
	assert.Equal(t, len(check.Rules("echo", check.DefaultOptions("echo"))), len(rep.Results))
	assert.Equal(t, srv.Addr().String(), rep.Addr)

	// The dialog is up, with one row per rule and the summary.
	assert.NotNil(t, get(h, func() fyne.CanvasObject { return h.tab.win.Canvas().Overlays().Top() }))
	text := get(h, func() string { return labelTexts(h.tab.serverCheck.view.content) })
	symbols := get(h, func() map[string]string { return rowSymbols(h.tab.serverCheck.view) })
	require.Len(t, symbols, len(rep.Results))
	for _, res := range rep.Results {
		assert.Equal(t, res.Status.Symbol(), symbols[wordsOf(res).rule+" ("+wordsOf(res).kind+")"], res.Rule)
	}
	for _, res := range rep.Results {
		assert.Contains(t, text, check.RuleText(res.Rule), res.Rule)
	}
	assert.Regexp(t, `✓ \d+ passed, 0 failed`, text)
	assert.False(t, get(h, func() bool { return h.tab.serverCheck.export.Disabled() }), "a finished check can be exported")

	// Closing the dialog forgets it.
	h.ui.run(func() { test.Tap(h.tab.serverCheck.close) })
	assert.Nil(t, get(h, func() *serverCheck { return h.tab.serverCheck }))
}

func TestClientCheckWrongServerShowsWhatCameBack(t *testing.T) {
	a := test.NewTempApp(t)
	ui := newTestPump(t)
	// The classic mistake: an echo server that changes the text.
	addr := startTextServer(t, bytes.ToUpper)
	h := newClientHarness(t, a, ui)

	rep := h.runServerCheck("echo", addr)
	require.True(t, rep.Failed())
	var newline check.Result
	for _, res := range rep.Results {
		if res.Rule == "echo.newline" {
			newline = res
		}
	}
	require.Equal(t, check.Fail, newline.Status)

	text := get(h, func() string { return labelTexts(h.tab.serverCheck.view.content) })
	assert.Equal(t, "✗", get(h, func() map[string]string { return rowSymbols(h.tab.serverCheck.view) })[check.RuleText("echo.newline")+" (must)"],
		"an ✗ row for the rule")
	assert.Contains(t, text, check.NoteText(newline.Note, newline.Args))
	// What was sent and what came back, quoted: the line ending shows.
	assert.Contains(t, text, `sent: "hello socket lab\n"`)
	assert.Contains(t, text, `got:  "HELLO SOCKET LAB\n"`)
	assert.Regexp(t, `✗ \d+ passed, [1-9]\d* failed`, text)
}

func TestClientCheckEscapesWhatTheServerSends(t *testing.T) {
	a := test.NewTempApp(t)
	ui := newTestPump(t)
	// A server that answers with terminal commands and a bidi override.
	addr := startTextServer(t, func([]byte) []byte { return []byte("\x1b[2J\u202eevil\r\n") })
	h := newClientHarness(t, a, ui)
	h.runServerCheck("echo", addr)
	text := get(h, func() string { return labelTexts(h.tab.serverCheck.view.content) })
	assert.Contains(t, text, `\x1b[2J\u202eevil\r\n`)
	assert.NotContains(t, text, "\x1b")
	assert.NotContains(t, text, "\u202e")
	assert.NotContains(t, text, "\r")
}

func TestClientCheckExport(t *testing.T) {
	rep := check.Report{Demo: "echo", Addr: "127.0.0.1:8000", Took: time.Second, Results: []check.Result{
		{Rule: "echo.newline", Must: true, Status: check.Fail, Note: "changed", Sent: `"hi\n"`, Got: `"HI\n"`},
		{Rule: "echo.bare", Must: true, Status: check.Pass},
	}}

	var text bytes.Buffer
	require.NoError(t, writeCheckExport(&text, rep, false))
	assert.Equal(t, strings.Join(rep.Lines(), "\n")+"\n", text.String(), "the same text as socketlab check")
	assert.Contains(t, text.String(), `    got:  "HI\n"`)

	var js bytes.Buffer
	require.NoError(t, writeCheckExport(&js, rep, true))
	var back []check.Report
	require.NoError(t, json.Unmarshal(js.Bytes(), &back), "the list socketlab check --json prints")
	require.Len(t, back, 1)
	assert.Equal(t, rep, back[0])

	// The save dialog's choice: the name's extension picks the format.
	dir := t.TempDir()
	for name, isJSON := range map[string]bool{"a.json": true, "b.JSON": true, "c.txt": false, "d": false} {
		path := filepath.Join(dir, name)
		wc, err := storage.Writer(storage.NewFileURI(path))
		require.NoError(t, err)
		require.NoError(t, saveCheckExport(wc, rep))
		saved, err := os.ReadFile(path)
		require.NoError(t, err)
		if isJSON {
			assert.Equal(t, js.String(), string(saved), name)
		} else {
			assert.Equal(t, text.String(), string(saved), name)
		}
	}
	assert.Equal(t, "check-echo-127.0.0.1-8000-2026-12-03-1740.txt",
		exportName(rep, time.Date(2026, 12, 3, 17, 40, 0, 0, time.UTC)))
	assert.Equal(t, "check-echo---1-8000-2026-12-03-1740.txt",
		exportName(check.Report{Demo: "echo", Addr: "[::1]:8000"}, time.Date(2026, 12, 3, 17, 40, 0, 0, time.UTC)))
}

func TestClientCheckExportButtonOpensSaveDialog(t *testing.T) {
	a := test.NewTempApp(t)
	ui := newTestPump(t)
	srv, _ := startDemoServer(t, "echo", nil)
	h := newClientHarness(t, a, ui)
	h.runServerCheck("echo", srv.Addr().String())
	checkDialog := get(h, func() fyne.CanvasObject { return h.tab.win.Canvas().Overlays().Top() })
	h.ui.run(func() { test.Tap(h.tab.serverCheck.export) })
	top := get(h, func() fyne.CanvasObject { return h.tab.win.Canvas().Overlays().Top() })
	require.NotNil(t, top)
	assert.NotSame(t, checkDialog, top, "the save dialog opens over the check")
	assert.Contains(t, get(h, func() string { return labelTexts(top) }), "name it .json for JSON")
}

func TestClientCheckOptionsAndProblems(t *testing.T) {
	a := test.NewTempApp(t)
	ui := newTestPump(t)
	h := newClientHarness(t, a, ui)

	// Nothing typed: the tab says what to type, no dialog.
	h.selectDemo("echo")
	h.ui.run(func() { test.Tap(h.tab.serverButton) })
	assert.Contains(t, h.status(), "type your partner's address")
	assert.Nil(t, get(h, func() *serverCheck { return h.tab.serverCheck }))

	// UDP for a TCP-only demo.
	h.typeAddress("127.0.0.1:9")
	h.selectDemo("chat")
	h.ui.run(func() { h.tab.transport.SetSelected("UDP") })
	h.ui.run(func() { test.Tap(h.tab.serverButton) })
	assert.Contains(t, h.status(), "runs over TCP only")
	h.ui.run(func() { h.tab.transport.SetSelected("TCP") })

	// guess asks for the range; a wrong one is explained, not run.
	h.selectDemo("guess")
	ln := startTextServer(t, func([]byte) []byte { return nil })
	h.typeAddress(ln)
	h.ui.run(func() {
		test.Tap(h.tab.serverButton)
		sc := h.tab.serverCheck
		test.Tap(h.tab.serverButton)
		assert.Same(t, sc, h.tab.serverCheck, "one dialog at a time")
		sc.min.SetText("50")
		sc.max.SetText("10")
		test.Tap(sc.again)
	})
	assert.Contains(t, get(h, func() string { return h.tab.serverCheck.view.status.Text }), "must not be larger")
	h.ui.run(func() {
		sc := h.tab.serverCheck
		sc.min.SetText("0")
		sc.max.SetText("99")
		o, err := sc.options()
		require.NoError(t, err)
		assert.Equal(t, 99, o.Max)
		sc.dlg.Hide()
	})
}

// A run in progress ends when a new one starts and when the window closes;
// only the newest run is shown.
func TestClientCheckCancelledByNewRunAndShutdown(t *testing.T) {
	a := test.NewTempApp(t)
	ui := newTestPump(t)
	// A silent server: every rule would wait out its time.
	addr := startTextServer(t, func([]byte) []byte { return nil })
	h := newClientHarness(t, a, ui)
	h.selectDemo("echo")
	h.typeAddress(addr)
	var first context.Context
	h.ui.run(func() {
		test.Tap(h.tab.serverButton)
		first = h.tab.serverCheck.ctx
		test.Tap(h.tab.serverCheck.again)
	})
	assert.Error(t, first.Err(), "a new run cancels the one in progress")
	for rule, symbol := range get(h, func() map[string]string { return rowSymbols(h.tab.serverCheck.view) }) {
		assert.Equal(t, "…", symbol, "%s is listed, not run yet", rule)
	}
	assert.Equal(t, 2, get(h, func() int { return h.tab.serverCheck.seq }))
	assert.Nil(t, get(h, func() *check.Report { return h.tab.serverCheck.report }), "still running")

	// Closing the window mid-run: shutdown ends the run and waits for it.
	second := get(h, func() context.Context { return h.tab.serverCheck.ctx })
	h.ui.run(h.tab.shutdown)
	assert.Error(t, second.Err())
	assert.True(t, get(h, func() bool { return h.tab.wgIdleForTest() }), "the run's goroutine is gone")
	h.ui.run(func() {}) // whatever the run posted finds the tab closed
	assert.Nil(t, get(h, func() *check.Report { return h.tab.serverCheck.report }))
}
