package app

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/socketlab/socketlab/app/i18n"
	"github.com/socketlab/socketlab/netcore/demos"
)

// passwordPanel submits passwords and shows the verdict.
type passwordPanel struct {
	send func(string)

	entry    *widget.Entry
	submit   *widget.Button
	result   *widget.Label // the server's last verdict, exactly as sent (plus "locked")
	attempts *widget.Label
	history  *replyList
	content  fyne.CanvasObject

	// The server allows this many wrong passwords per address (the
	// panel counts this connection's); a grant starts the count again.
	max     int
	denied  int
	tries   int
	locked  bool
	session int  // the last connection seen
	live    bool // a connection is up
}

func init() {
	registerPanel("password", func(e panelEnv) demoPanel { return newPasswordPanel(e.sendSecret) })
}

func newPasswordPanel(send func(string)) *passwordPanel {
	p := &passwordPanel{send: send, max: demos.DefaultMaxAttempts, history: newReplyList(panelHistoryMax, newestOnTop, false)}
	p.entry = widget.NewPasswordEntry()
	p.entry.PlaceHolder = i18n.T("panels.password.placeholder")
	p.entry.OnSubmitted = func(string) { p.onSubmitTapped() }
	p.submit = &widget.Button{Text: i18n.T("panels.password.submit"), Icon: theme.LoginIcon(), Importance: widget.HighImportance, OnTapped: p.onSubmitTapped}
	p.result = newBigLabel("")
	p.attempts = &widget.Label{Alignment: fyne.TextAlignCenter, Wrapping: fyne.TextWrapWord}
	p.updateAttempts()

	top := container.NewVBox(
		container.NewBorder(nil, nil, nil, p.submit, p.entry),
		p.result,
		p.attempts,
		&widget.Label{Text: i18n.T("panels.password.history"), TextStyle: fyne.TextStyle{Bold: true}},
	)
	p.content = container.NewBorder(top, nil, nil, nil, p.history.list)
	return p
}

func (p *passwordPanel) view() fyne.CanvasObject { return p.content }

func (p *passwordPanel) onSubmitTapped() {
	if p.locked || !p.live {
		return
	}
	p.send(p.entry.Text)
	// Like any login form: the password does not stay on screen.
	p.entry.SetText("")
}

func (p *passwordPanel) received(text string) {
	p.tries++
	switch text {
	case demos.AccessGranted:
		p.denied = 0
		p.show(text, widget.SuccessImportance)
	case demos.AccessDenied:
		p.denied++
		p.show(text, widget.DangerImportance)
	case demos.TooManyAttempts:
		p.lock()
		p.show(i18n.T("panels.password.locked", map[string]string{"Reply": text}), widget.DangerImportance)
	default:
		p.tries--
		if strings.HasPrefix(text, demos.TooManyAttempts) {
			// "too many attempts - wait 5 s": this computer ran out of
			// attempts on an earlier connection and must wait.
			p.lock()
			p.show(text, widget.DangerImportance)
			break
		}
		p.show(text, widget.MediumImportance)
	}
	p.history.add(i18n.T("panels.password.attempt", map[string]any{"N": p.tries, "Reply": text}), p.result.Importance)
	p.updateAttempts()
}

// lock disables the form: the server hangs up after this reply.
func (p *passwordPanel) lock() {
	p.denied = p.max
	p.locked = true
	setEnabled(false, p.entry, p.submit)
}

func (p *passwordPanel) show(text string, imp widget.Importance) {
	p.result.Importance = imp
	p.result.SetText(text)
}

func (p *passwordPanel) updateAttempts() {
	if p.locked {
		p.attempts.SetText(i18n.T("panels.password.locked_out", map[string]int{"Max": p.max}))
		return
	}
	p.attempts.SetText(i18n.T("panels.password.left", map[string]int{"Left": p.max - p.denied, "Max": p.max}))
}

func (p *passwordPanel) setSession(id int) {
	p.live = id != 0
	if p.live && id != p.session {
		// The server counts wrong passwords per connection.
		p.session = id
		p.denied, p.tries, p.locked = 0, 0, false
		p.show("", widget.MediumImportance)
		p.history.clear()
		p.updateAttempts()
	}
	setEnabled(p.live && !p.locked, p.entry, p.submit)
}
