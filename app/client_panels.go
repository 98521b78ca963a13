package app

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
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

// newDemoPanel makes the panel for a demo. send sends one line; sendSecret
// sends a line the transcript hides.
func newDemoPanel(name string, send, sendSecret func(string), prefs fyne.Preferences) demoPanel {
	switch name {
	case "guess":
		return newGuessPanel(send)
	case "password":
		return newPasswordPanel(sendSecret)
	case "calc":
		return newCalcPanel(send)
	case "rps", "duel":
		return newRPSPanel(send, name == "duel")
	case "chat":
		return newChatPanel(send, prefs)
	case "mancala":
		return newMancalaPanel(send)
	}
	return newPlainPanel(name)
}

// plainPanel is for demos where the transcript is the whole story (echo,
// time): it says what to try with the message box.
type plainPanel struct {
	content fyne.CanvasObject
}

func newPlainPanel(name string) *plainPanel {
	var try string
	switch name {
	case "echo":
		try = "Type a message in the box under the transcript and press Enter: the server sends it straight back.\n\n" +
			"Then tick “Send without newline” and send again: your message and the reply lose their newline mark, " +
			"because the server answers the way it was spoken to."
	case "time":
		try = "Type a message in the box under the transcript and press Enter: the server puts its clock in front, " +
			"like [Mon Nov 23 06:53:48 2026] hello.\n\nWhose clock is it? Compare it with yours."
	default:
		try = "Type a message in the box under the transcript and press Enter; the replies appear in the transcript."
	}
	// The legend is monospaced like the transcript, whose marks it explains.
	legend := strings.Join([]string{
		"→ hello" + markNewline + "  you sent hello and a newline",
		"← hello" + markNewline + "  the server sent it back",
		"→ hello   no mark: no terminator was sent",
		"← hi" + markNUL + "    a zero byte ended it",
	}, "\n")
	return &plainPanel{content: container.NewVBox(
		&widget.Label{Text: "What to try", TextStyle: fyne.TextStyle{Bold: true}},
		&widget.Label{Text: try, Wrapping: fyne.TextWrapWord},
		&widget.Label{Text: "Reading the transcript", TextStyle: fyne.TextStyle{Bold: true}},
		&widget.Label{Text: legend, TextStyle: fyne.TextStyle{Monospace: true}, Truncation: fyne.TextTruncateEllipsis},
	)}
}

func (p *plainPanel) view() fyne.CanvasObject { return p.content }
func (p *plainPanel) received(string)         {}
func (p *plainPanel) setSession(int)          {}

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
			lab.SetText(l.lines[id].text)
		},
	}
	// A history is read, not chosen from.
	l.list.OnSelected = func(id widget.ListItemID) { l.list.Unselect(id) }
	return l
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

// liveLabel is a label whose message belongs to the live connection: while
// disconnected (or the panel hidden) it shows a fixed hint, and the last
// message comes back with the connection. Put .Label in containers.
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
