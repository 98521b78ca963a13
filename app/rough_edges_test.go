package app

import (
	"strconv"
	"testing"

	"fyne.io/fyne/v2/test"
	"github.com/stretchr/testify/assert"
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
		h.tab.demoSelect.SetSelected("calc")
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
		h.tab.demoSelect.SetSelected("calc")
		h.tab.demoSelect.SetSelected("guess")
		return h.tab.port.Text
	})
	assert.NotEmpty(t, got)
	_, err := strconv.Atoi(got)
	assert.NoError(t, err)
	kept := get(h, func() string {
		h.tab.port.SetText("12345")
		h.tab.demoSelect.SetSelected("calc")
		return h.tab.port.Text
	})
	assert.Equal(t, "12345", kept)
}
