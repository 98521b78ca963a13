package app

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/socketlab/socketlab/app/i18n"
)

// demoPanel is the part of the Client tab made for one demo: buttons that
// send the demo's messages and a view of its replies. Panels never touch
// the network: they send through an injected func and are handed each
// received text (terminator removed), so they are tested with plain calls.
// All methods run on the UI goroutine.
type demoPanel interface {
	view() fyne.CanvasObject
	// received handles one message from the server.
	received(text string)
	// setSession tells the panel which connection is live (0: none), so it
	// can enable its buttons and reset what the server resets per
	// connection.
	setSession(id int)
}

// panelEnv is what a panel may use: the demo it is for, how to send, and
// the app's preferences.
type panelEnv struct {
	demo string
	// send sends one line; sendSecret sends a line the transcript hides.
	send, sendSecret func(string)
	prefs            fyne.Preferences
	// settingsChanged is called when a panel's settings (settingsPanel)
	// change, so the tab describes the demo with them.
	settingsChanged func()
}

// panelMakers holds each demo's panel, registered by the panel's own file
// (registerPanel in its init), so adding a demo's panel is one new file.
var panelMakers = map[string]func(panelEnv) demoPanel{}

// registerPanel makes newDemoPanel use make for demo.
func registerPanel(demo string, make func(panelEnv) demoPanel) {
	if _, dup := panelMakers[demo]; dup {
		panic("app: two panels registered for demo " + demo)
	}
	panelMakers[demo] = make
}

// newDemoPanel makes the panel for env.demo: the registered one, or the
// plain panel, which says what to try with the message box.
func newDemoPanel(env panelEnv) demoPanel {
	if make, ok := panelMakers[env.demo]; ok {
		return make(env)
	}
	return newPlainPanel(env.demo)
}

// setEnabled enables or disables every widget given.
func setEnabled(on bool, ws ...fyne.Disableable) {
	for _, w := range ws {
		if on {
			w.Enable()
		} else {
			w.Disable()
		}
	}
}

// formatPrefix is the fixed start of a reply the server writes with a
// format from netcore/demos, up to its first verb: a panel recognises the
// reply by it without writing the text a second time.
func formatPrefix(format string) string {
	prefix, _, _ := strings.Cut(format, "%")
	return prefix
}

// formatSuffix is the fixed end of such a reply, after its last verb.
func formatSuffix(format string) string {
	i := strings.LastIndex(format, "%")
	if i < 0 || i+2 > len(format) {
		return ""
	}
	return format[i+2:] // the verbs used are one letter: %d
}

// newBigLabel is the large centred text a panel uses for the server's
// latest answer: the thing the student should read first.
func newBigLabel(text string) *widget.Label {
	return &widget.Label{
		Text:      text,
		Alignment: fyne.TextAlignCenter,
		TextStyle: fyne.TextStyle{Bold: true},
		SizeName:  theme.SizeNameHeadingText,
		Wrapping:  fyne.TextWrapWord,
	}
}

// replyLine is one row of a panel's history.
type replyLine struct {
	text string
	imp  widget.Importance
	note bool // news about the conversation rather than part of it: italic
	// strong marks the lines that carry authority (the teacher's, in the
	// chat): bold, in a style no one else's line gets.
	strong bool
}

// replyList is a panel's bounded history. lines are oldest first; the list
// shows them newest first (games, sums) or newest at the bottom (chat).
type replyList struct {
	lines       []replyLine
	max         int
	newestFirst bool
	list        *widget.List
}

// History layouts for newReplyList.
const (
	newestAtBottom = false
	newestOnTop    = true
)

// newReplyList makes a history of at most max lines. Newest on top keeps
// the latest answer in view even when the panel above the list grows (a
// reply text wrapping to two lines), which a scroll to the bottom would
// not. Monospaced lines line up like a calculator tape, and may contain
// "→" (see markNewline).
func newReplyList(max int, newestFirst, monospace bool) *replyList {
	l := &replyList{max: max, newestFirst: newestFirst}
	l.list = &widget.List{
		Length: func() int { return len(l.lines) },
		CreateItem: func() fyne.CanvasObject {
			return &widget.Label{Text: "history", Truncation: fyne.TextTruncateEllipsis, TextStyle: fyne.TextStyle{Monospace: monospace}}
		},
		UpdateItem: func(id widget.ListItemID, o fyne.CanvasObject) {
			if id >= len(l.lines) {
				return
			}
			if l.newestFirst {
				id = len(l.lines) - 1 - id
			}
			lab := o.(*widget.Label)
			lab.Importance = l.lines[id].imp
			lab.TextStyle.Italic = l.lines[id].note
			lab.TextStyle.Bold = l.lines[id].strong
			lab.SetText(l.lines[id].text)
		},
	}
	// A history is read, not chosen from.
	l.list.OnSelected = func(id widget.ListItemID) { l.list.Unselect(id) }
	return l
}

// withRows is the list with room for at least n lines: a panel whose
// history is its point (calc's results, mancala's moves) must not shrink
// it to a line and a half on a short window; the tab scrolls instead.
func (l *replyList) withRows(n int) fyne.CanvasObject {
	row := l.list.CreateItem().MinSize().Height
	return container.NewStack(newSpacer(0, float32(n)*(row+theme.Padding())), l.list)
}

func (l *replyList) add(text string, imp widget.Importance) {
	l.addLine(replyLine{text: text, imp: imp})
}

// addNote adds a line in italics, e.g. "* bob joined" in the chat.
func (l *replyList) addNote(text string) {
	l.addLine(replyLine{text: text, imp: widget.MediumImportance, note: true})
}

func (l *replyList) addLine(line replyLine) {
	l.lines = append(l.lines, line)
	if len(l.lines) > l.max {
		l.lines = append(l.lines[:0], l.lines[len(l.lines)-l.max:]...)
	}
	l.list.Refresh()
	if l.newestFirst {
		l.list.ScrollToOffset(0)
	} else {
		scrollToEnd(l.list)
	}
}

func (l *replyList) clear() {
	l.lines = nil
	l.list.Refresh()
}

func (l *replyList) texts() []string {
	out := make([]string, len(l.lines))
	for i, ln := range l.lines {
		out[i] = ln.text
	}
	return out
}

// scrollToEnd shows a list's last row. List.ScrollToBottom would do, but in
// Fyne 2.8.1 it panics on a list that has not been drawn yet (a panel on a
// tab not yet shown); ScrollTo checks.
func scrollToEnd(l *widget.List) {
	if n := l.Length(); n > 0 {
		l.ScrollTo(n - 1)
	}
}

// panelHistoryMax bounds every panel history (chat lines, guesses, sums).
const panelHistoryMax = 500

// panelMinRows is how many lines of results a panel shows at least.
const panelMinRows = 3

// liveLabel is a label whose message belongs to the live connection: while
// disconnected (or the panel hidden) it shows a fixed hint, and the last
// message comes back with the connection. Put .Label in containers.
// messageBoxPanel is a panel with a message box of its own (chat). While it
// is shown, the transcript's message box is hidden: two boxes that both
// send left a student unsure which one the room sees.
type messageBoxPanel interface {
	demoPanel
	ownMessageBox()
}

type liveLabel struct {
	*widget.Label
	offline string
	text    string
	imp     widget.Importance
}

// set records the connection's message and shows it if live.
func (l *liveLabel) set(text string, imp widget.Importance, live bool) {
	l.text, l.imp = text, imp
	l.show(live)
}

func (l *liveLabel) show(live bool) {
	if !live {
		l.Importance = widget.MediumImportance
		l.SetText(l.offline)
		return
	}
	l.Importance = l.imp
	l.SetText(l.text)
}

// Texts the two-player panels (mancala, duel) share. They are functions,
// not package vars, because the language is chosen after package vars are
// set; the panels compare a label's text with them, which is worded in the
// same language.

// connectToPlay is what a game panel shows while no connection is live.
func connectToPlay() string { return i18n.T("panels.play.connect") }

// opponentLeftNews is what a panel says when the opponent left (the
// server's words are demos.OpponentLeft).
func opponentLeftNews() string { return i18n.T("panels.play.opponent_left") }

// waitingForOpponent is what a panel says while the server seats us alone.
func waitingForOpponent() string { return i18n.T("panels.play.waiting") }
