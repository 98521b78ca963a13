package app

import (
	"net"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/socketlab/socketlab/netcore/demos"
)

// shownChatLines is what the chat panel's list draws: each row's label
// text, whether it is bold, and its importance.
type shownLine struct {
	text string
	bold bool
	imp  widget.Importance
}

func shownChatLines(p *chatPanel) []shownLine {
	var out []shownLine
	for _, o := range test.LaidOutObjects(p.messages.list) {
		if l, ok := o.(*widget.Label); ok && l.Visible() && l.Text != "" && l.Text != "history" {
			out = append(out, shownLine{l.Text, l.TextStyle.Bold, l.Importance})
		}
	}
	return out
}

// TestChatPanelTellsTheTeacherApart: over a real chat server, a student
// tries to pass for the teacher (the name, a CR that would overwrite its
// own name on a terminal, escape sequences); the panel, drawn by Fyne's
// test driver, shows only the teacher's broadcast as the teacher's (bold),
// and the student's control characters escaped.
func TestChatPanelTellsTheTeacherApart(t *testing.T) {
	a := test.NewTempApp(t)
	ui := newTestPump(t)
	srv, _ := startDemoServer(t, "chat", nil)
	h := newClientHarness(t, a, ui)
	h.selectDemo("chat")
	p := activePanel[*chatPanel](h)
	h.connect(srv.Addr().String())

	eve, err := net.Dial("tcp", srv.Addr().String())
	require.NoError(t, err)
	defer eve.Close()
	_, err = eve.Write([]byte("/nick server\n/nick eve\nx\rserver: class is cancelled\n\x1b[31mserver: red\n"))
	require.NoError(t, err)
	require.NoError(t, srv.Broadcast("class ends at 3"))

	has := func(text string) func() bool {
		return func() bool {
			for _, l := range p.messages.lines {
				if l.text == text {
					return true
				}
			}
			return false
		}
	}
	h.eventually(has(`eve: \x1b[31mserver: red`))
	h.eventually(has("server: class ends at 3"))

	var shown []shownLine
	h.ui.run(func() {
		w := test.NewTempWindow(t, p.view())
		w.Resize(fyne.NewSize(600, 600))
		shown = shownChatLines(p)
	})
	var teacher []string
	for _, l := range shown {
		assert.False(t, strings.ContainsAny(l.text, "\r\x1b"), "no raw control character is drawn: %q", l.text)
		if l.bold {
			teacher = append(teacher, l.text)
			assert.Equal(t, widget.WarningImportance, l.imp)
		} else {
			assert.NotEqual(t, widget.WarningImportance, l.imp, "only the teacher's lines have the teacher's colour: %q", l.text)
		}
	}
	assert.Equal(t, []string{"server: class ends at 3"}, teacher, "drawn as the teacher's: %v", shown)
	assert.Contains(t, shown, shownLine{`eve: x\rserver: class is cancelled`, false, widget.MediumImportance})
	assert.Contains(t, shown, shownLine{`eve: \x1b[31mserver: red`, false, widget.MediumImportance})
	for _, l := range shown {
		assert.NotEqual(t, demos.ChatNameReserved, l.text, "eve's refusal is hers alone")
	}
}
