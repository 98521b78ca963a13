package app

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/socketlab/socketlab/netcore"
	"github.com/socketlab/socketlab/netcore/demos"
)

// chatPanel is a small chat window: a nickname, the room's lines, and a box
// to talk.
type chatPanel struct {
	send  func(string)
	prefs fyne.Preferences

	nick       *widget.Entry
	setNick    *widget.Button
	messages   *replyList
	entry      *widget.Entry
	sendButton *widget.Button
	content    fyne.CanvasObject

	name    string // the nickname we last asked for
	session int    // the last connection seen
	live    bool   // a connection is up
}

func init() {
	registerPanel("chat", func(e panelEnv) demoPanel { return newChatPanel(e.send, e.prefs) })
}

func newChatPanel(send func(string), prefs fyne.Preferences) *chatPanel {
	p := &chatPanel{send: send, prefs: prefs, messages: newReplyList(panelHistoryMax, newestAtBottom, false)}
	p.nick = &widget.Entry{
		Text:        prefs.String(prefClientNickname),
		PlaceHolder: "your name",
		OnSubmitted: func(string) { p.onSetNickTapped() },
	}
	p.setNick = &widget.Button{Text: "Set", OnTapped: p.onSetNickTapped}
	p.entry = &widget.Entry{PlaceHolder: "Say something and press Enter", OnSubmitted: func(string) { p.onSendTapped() }}
	p.sendButton = &widget.Button{Text: "Send", Icon: theme.MailSendIcon(), Importance: widget.HighImportance, OnTapped: p.onSendTapped}

	top := container.NewBorder(nil, nil, widget.NewLabel("Nickname"), p.setNick, p.nick)
	bottom := container.NewBorder(nil, nil, nil, p.sendButton, p.entry)
	p.content = container.NewBorder(top, bottom, nil, nil, p.messages.list)
	return p
}

func (p *chatPanel) view() fyne.CanvasObject { return p.content }

// onSetNickTapped sends "/nick NAME" and remembers the name for next time.
func (p *chatPanel) onSetNickTapped() {
	name := strings.TrimSpace(p.nick.Text)
	if name == "" || !p.live {
		return
	}
	p.prefs.SetString(prefClientNickname, name)
	p.name = name
	p.send("/nick " + name)
}

func (p *chatPanel) onSendTapped() {
	if !p.live || p.entry.Text == "" {
		return
	}
	p.send(p.entry.Text)
	p.entry.SetText("")
}

func (p *chatPanel) received(text string) {
	imp := widget.MediumImportance
	switch {
	case strings.HasPrefix(text, demos.ChatNotice): // joined, left, is now
		p.messages.addNote(text)
		return
	case text == demos.ChatBadName, text == demos.ChatUsage, text == netcore.TooLongReply:
		imp = widget.DangerImportance
	case strings.HasPrefix(text, demos.ChatServerPrefix):
		imp = widget.WarningImportance
	case p.name != "" && strings.HasPrefix(text, p.name+": "):
		imp = widget.HighImportance // our own words, as the room saw them
	}
	p.messages.add(text, imp)
}

func (p *chatPanel) setSession(id int) {
	p.live = id != 0
	setEnabled(p.live, p.setNick, p.entry, p.sendButton)
	if p.live && id != p.session {
		p.session = id
		// The server forgets names with the connection: say ours again.
		p.onSetNickTapped()
	}
}
