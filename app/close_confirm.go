package app

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
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
	clients := "1 client is"
	if n > 1 {
		clients = fmt.Sprintf("%d clients are", n)
	}
	d := dialog.NewConfirm("Quit Socket Lab?", clients+" connected; stop the server and quit?", func(ok bool) {
		if ok {
			quit()
		}
	}, m.server.win)
	d.SetConfirmText("Stop and quit")
	d.SetDismissText("Keep running")
	d.Show()
}

// showSaved says where a file was saved: a save dialog that simply closes
// leaves the student wondering whether anything happened, and where.
func showSaved(what string, uri fyne.URI, w fyne.Window) {
	where := uri.String()
	if uri.Scheme() == "file" {
		where = uri.Path()
	}
	dialog.ShowInformation(what+" saved", what+" saved to "+where, w)
}
