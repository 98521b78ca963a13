package app

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/socketlab/socketlab/app/i18n"
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

	// name is our name as the room knows it, once the server has said so
	// ("* old is now NAME"); asked is the one we asked for and wait to hear
	// of. Only confirmed, so that when the server refuses a name that is
	// in use, the other owner's lines are not shown as ours.
	name, asked string
	session     int  // the last connection seen
	live        bool // a connection is up
}

func init() {
	registerPanel("chat", func(e panelEnv) demoPanel { return newChatPanel(e.send, e.prefs) })
}

func newChatPanel(send func(string), prefs fyne.Preferences) *chatPanel {
	p := &chatPanel{send: send, prefs: prefs, messages: newReplyList(panelHistoryMax, newestAtBottom, false)}
	p.nick = &widget.Entry{
		Text:        prefs.String(prefClientNickname),
		PlaceHolder: i18n.T("panels.chat.nickname.placeholder"),
		OnSubmitted: func(string) { p.onSetNickTapped() },
	}
	p.setNick = &widget.Button{Text: i18n.T("panels.chat.nickname.set"), OnTapped: p.onSetNickTapped}
	p.entry = &widget.Entry{PlaceHolder: i18n.T("panels.chat.message.placeholder"), OnSubmitted: func(string) { p.onSendTapped() }}
	p.sendButton = &widget.Button{Text: i18n.T("panels.chat.send"), Icon: theme.MailSendIcon(), Importance: widget.HighImportance, OnTapped: p.onSendTapped}

	top := container.NewBorder(nil, nil, widget.NewLabel(i18n.T("panels.chat.nickname")), p.setNick, p.nick)
	bottom := container.NewBorder(nil, nil, nil, p.sendButton, p.entry)
	p.content = container.NewBorder(top, bottom, nil, nil, p.messages.list)
	return p
}

func (p *chatPanel) view() fyne.CanvasObject { return p.content }

// ownMessageBox: the chat's box stays, beside the room's lines where the
// student reads; the transcript's is hidden (messageBoxPanel).
func (p *chatPanel) ownMessageBox() {}

// onSetNickTapped sends "/nick NAME" and remembers the name for next time.
func (p *chatPanel) onSetNickTapped() {
	name := strings.TrimSpace(p.nick.Text)
	if name == "" || !p.live {
		return
	}
	p.prefs.SetString(prefClientNickname, name)
	p.asked = name
	p.send("/nick " + name)
}

func (p *chatPanel) onSendTapped() {
	if !p.live || p.entry.Text == "" {
		return
	}
	p.send(p.entry.Text)
	p.entry.SetText("")
}

// received shows one line of the room. Panels get text with control and
// bidi characters escaped (queueForPanel), and the server refuses the name
// "server" and escapes what it relays, so only the teacher's own lines
// start with "server: "; those are shown bold, in the warning colour, which
// no student's line gets.
func (p *chatPanel) received(text string) {
	switch {
	case strings.HasPrefix(text, demos.ChatNotice): // joined, left, is now
		if p.asked != "" && strings.HasSuffix(text, demos.ChatRenamed+p.asked) {
			p.name, p.asked = p.asked, ""
		}
		p.messages.addNote(text)
	case strings.HasPrefix(text, demos.ChatServerPrefix):
		p.messages.addLine(replyLine{text: text, imp: widget.WarningImportance, strong: true})
	case strings.HasPrefix(text, netcore.ErrorPrefix), text == demos.ChatUsage, text == demos.ChatSlowDown:
		// Refusals (of a name, of a flood) are ours alone.
		p.asked = ""
		p.messages.add(text, widget.DangerImportance)
	case p.name != "" && strings.HasPrefix(text, p.name+": "):
		p.messages.add(text, widget.HighImportance) // our own words, as the room saw them
	default:
		p.messages.add(text, widget.MediumImportance)
	}
}

func (p *chatPanel) setSession(id int) {
	p.live = id != 0
	setEnabled(p.live, p.setNick, p.entry, p.sendButton)
	if p.live && id != p.session {
		p.session = id
		// The server forgets names with the connection: say ours again.
		p.name = ""
		p.onSetNickTapped()
	}
}
