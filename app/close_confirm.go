package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"

	"github.com/socketlab/socketlab/app/i18n"
)

// connectedClients is how many clients the running server holds now: 0
// when it is stopped, or for UDP, which has no connections to end. UI
// goroutine only.
func (t *serverTab) connectedClients() int {
	if t.run == nil || t.state != serverRunning || t.run.srv.Config().Network == "udp" {
		return 0
	}
	return len(t.run.srv.Clients())
}

// closeWindow quits, first asking whether to when clients are connected:
// closing ends their connections, mid-lesson perhaps. quit runs only once
// the teacher agreed (or no one was connected). UI goroutine only.
func (m *mainTabs) closeWindow(quit func()) {
	n := m.server.connectedClients()
	if n == 0 {
		quit()
		return
	}
	question := i18n.T("views.quit.single")
	if n > 1 {
		question = i18n.T("views.quit.many", map[string]int{"N": n})
	}
	d := dialog.NewConfirm(i18n.T("views.quit.title"), question, func(ok bool) {
		if ok {
			quit()
		}
	}, m.server.win)
	d.SetConfirmText(i18n.T("views.quit.confirm"))
	d.SetDismissText(i18n.T("views.quit.dismiss"))
	d.Show()
}

// savedWhat is what showSaved reports saved: each is worded as a whole
// sentence, since languages inflect "the log" and "the transcript" apart.
type savedWhat int

const (
	savedLog savedWhat = iota
	savedTranscript
	savedMessagesFile
)

// showSaved says where a file was saved: a save dialog that simply closes
// leaves the student wondering whether anything happened, and where.
func showSaved(what savedWhat, uri fyne.URI, w fyne.Window) {
	where := map[string]string{"Path": uri.String()}
	if uri.Scheme() == "file" {
		where["Path"] = uri.Path()
	}
	title, msg := i18n.T("views.saved.log.title"), i18n.T("views.saved.log", where)
	switch what {
	case savedTranscript:
		title, msg = i18n.T("views.saved.transcript.title"), i18n.T("views.saved.transcript", where)
	case savedMessagesFile:
		title, msg = i18n.T("views.saved.messages.title"), i18n.T("views.saved.messages", where)
	}
	dialog.ShowInformation(title, msg, w)
}
