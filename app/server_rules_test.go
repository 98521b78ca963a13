package app

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/socketlab/socketlab/netcore/demos"
)

// The rules demo's editor on the Server tab (server_document.go), on
// loopback.

func (h *serverHarness) rulesEditor() *documentEditor {
	h.t.Helper()
	ed := h.tab.settings.docs[settingID("rules", "rules")]
	require.NotNil(h.t, ed, "the rules demo has a document editor")
	return ed
}

func TestRulesEditorShownOnlyForTheRulesDemo(t *testing.T) {
	h := newServerHarness(t)
	ed := h.rulesEditor()
	h.selectDemo("echo")
	assert.False(t, ed.entry.Visible(), "hidden while echo is chosen")
	h.selectDemo("rules")
	assert.True(t, ed.entry.Visible())
	assert.Equal(t, demos.ExampleRules, ed.entry.Text, "a teacher starts from the example")
	assert.Equal(t, widget.SuccessImportance, ed.status.Importance)
	assert.Contains(t, ed.status.Text, "No mistakes")
}

func TestRulesEditedInTheAppAnswerAClient(t *testing.T) {
	h := newServerHarness(t)
	h.selectDemo("rules")
	ed := h.rulesEditor()
	ed.entry.SetText("")
	test.Type(ed.entry, "equals ping => pong {count}\nmatches ^(\\w+)\\?$ => you asked about {1}\ndefault => say ping")
	require.Contains(t, ed.status.Text, "No mistakes", ed.status.Text)
	port := h.start()
	assert.True(t, ed.entry.Disabled(), "the rules cannot change under a running server")
	c := dialTest(t, port)
	c.send("ping")
	assert.Equal(t, "pong 1", c.readLine())
	c.send("sockets?")
	assert.Equal(t, "you asked about sockets", c.readLine())
	c.send("hello")
	assert.Equal(t, "say ping", c.readLine())
	h.stop()
	assert.False(t, ed.entry.Disabled(), "editable again once stopped")
}

func TestRulesEditorRefusesBadRulesAtTheirLine(t *testing.T) {
	h := newServerHarness(t)
	h.selectDemo("rules")
	ed := h.rulesEditor()
	ed.entry.SetText("equals a => b\n# fine so far\nsounds like c => d\n")
	assert.Equal(t, widget.DangerImportance, ed.status.Importance)
	assert.Contains(t, ed.status.Text, "rules line 3: start with equals", "the mistake is named as it is typed")

	test.Tap(ed.check)
	assert.Equal(t, 2, ed.entry.CursorRow, "Check puts the cursor on the wrong line")

	ed.entry.CursorRow = 0
	h.tab.ifaceSelect.SetSelected(ifaceLoopLabel())
	test.Tap(h.tab.startButton)
	h.ui.drain()
	assert.Equal(t, serverStopped, h.tab.state, "Start refuses rules with a mistake")
	assert.Contains(t, overlayText(h.win), "Rules line 3: start with", "the error dialog names the line")
	assert.Equal(t, 2, ed.entry.CursorRow, "and the cursor goes to it")
	assert.True(t, h.logHas("error", "rules line 3"))
}

func TestRulesSaveLoadRoundTripAndRemembered(t *testing.T) {
	h := newServerHarness(t)
	h.selectDemo("rules")
	ed := h.rulesEditor()
	rules := "# quiz\nequals capital of France? => Paris\ndefault => try again"
	ed.entry.SetText(rules)

	path := filepath.Join(t.TempDir(), "quiz.rules")
	f, err := os.Create(path)
	require.NoError(t, err)
	require.NoError(t, ed.saveTo(f, path))
	require.NoError(t, f.Close())
	saved, err := os.ReadFile(path)
	require.NoError(t, err)
	assert.Equal(t, rules+"\n", string(saved), "the file is the text, ending its last line")

	ed.entry.SetText("equals x => y")
	f, err = os.Open(path)
	require.NoError(t, err)
	require.NoError(t, ed.loadFrom(f, path))
	f.Close()
	assert.Equal(t, rules+"\n", ed.entry.Text)
	assert.Equal(t, path, ed.file)

	// Refused files leave the text alone and say which file and why.
	bin := filepath.Join(t.TempDir(), "photo.png")
	require.NoError(t, os.WriteFile(bin, []byte("\x89PNG\x00\x01"), 0o644))
	f, err = os.Open(bin)
	require.NoError(t, err)
	err = ed.loadFrom(f, bin)
	f.Close()
	assert.ErrorContains(t, err, "Rules file "+bin+": it is not a text file")
	big := filepath.Join(t.TempDir(), "big.rules")
	require.NoError(t, os.WriteFile(big, []byte(strings.Repeat("#\n", demos.MaxRulesFileBytes)), 0o644))
	f, err = os.Open(big)
	require.NoError(t, err)
	err = ed.loadFrom(f, big)
	f.Close()
	assert.ErrorContains(t, err, "over 65536 bytes")
	assert.Equal(t, rules+"\n", ed.entry.Text)
	assert.Equal(t, path, ed.file)

	// The text and the file are remembered for the next start of the app.
	h.tab.savePrefs()
	again := newServerHarnessIn(t, h.app, nil)
	again.selectDemo("rules")
	ed2 := again.rulesEditor()
	assert.Equal(t, rules+"\n", ed2.entry.Text)
	assert.Equal(t, path, ed2.file)
}

func TestRulesEditorForgottenEmptyTextGivesTheExample(t *testing.T) {
	a := test.NewTempApp(t)
	// What the rules setting left in the preferences when it held a file
	// name, mostly none.
	a.Preferences().SetString(prefSetting("rules", "rules"), "")
	h := newServerHarnessIn(t, a, nil)
	h.selectDemo("rules")
	assert.Equal(t, demos.ExampleRules, h.rulesEditor().entry.Text)
}

func TestRulesEditorFileDialogsOpen(t *testing.T) {
	h := newServerHarness(t)
	h.selectDemo("rules")
	ed := h.rulesEditor()
	for _, b := range []*widget.Button{ed.open, ed.save} {
		test.Tap(b)
		top := h.win.Canvas().Overlays().Top()
		require.NotNil(t, top, "%s opens a file dialog", b.Text)
		top.Hide()
		h.win.Canvas().Overlays().Remove(top)
	}
}

func TestRulesLargerEditorPutsItsTextBack(t *testing.T) {
	h := newServerHarness(t)
	h.selectDemo("rules")
	ed := h.rulesEditor()
	for _, use := range []bool{false, true} {
		test.Tap(ed.larger)
		top := h.win.Canvas().Overlays().Top()
		require.NotNil(t, top, "Larger… opens a dialog")
		var big *widget.Entry
		walkVisible(top, func(o fyne.CanvasObject) {
			if e, ok := o.(*widget.Entry); ok && e.MultiLine {
				big = e
			}
		})
		require.NotNil(t, big)
		assert.Equal(t, demos.ExampleRules, big.Text, "it starts from the box's text")
		big.SetText("equals a => b\nequals c")
		assert.Contains(t, overlayText(h.win), "rules line 2", "mistakes are named there too")
		button := "Cancel"
		if use {
			button = "Use these"
		}
		buttons := findButtons(top, button)
		require.Len(t, buttons, 1)
		test.Tap(buttons[0])
		if !use {
			assert.Equal(t, demos.ExampleRules, ed.entry.Text, "Cancel leaves the box alone")
		}
	}
	assert.Equal(t, "equals a => b\nequals c", ed.entry.Text)
	assert.Contains(t, ed.status.Text, "rules line 2")
}
