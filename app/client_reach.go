package app

import (
	"net"
	"strings"

	"github.com/socketlab/socketlab/netcore/reach"

	"fyne.io/fyne/v2/widget"

	"github.com/socketlab/socketlab/app/i18n"
)

// checkLabel is the reachability button's label when no check runs.
func checkLabel() string { return i18n.T("views.reach.client.button") }

// onCheckTapped explains why the address typed may not answer: the checks
// of socketlab doctor (same network? anything listening? a firewall?).
// They involve a test connection and a name lookup, so they run on their
// own goroutine while the button says "Checking…".
func (t *clientTab) onCheckTapped() {
	if t.checking || t.closed {
		return
	}
	host, port, err := splitTypedAddress(t.host.Text, t.port.Text)
	if err != nil {
		t.showProblem(err.Error(), "")
		return
	}
	network := strings.ToLower(t.transport.Selected)
	if network == "" {
		network = "tcp"
	}
	addr := net.JoinHostPort(host, port)
	t.setChecking(true)
	ctx := t.life
	t.wg.Add(1)
	go func() {
		defer t.wg.Done()
		findings, _ := reach.Doctor(ctx, network, addr, nil)
		t.pump.post(func() { t.checkDone(addr, findings) })
	}()
}

// checkDone shows a finished check. UI goroutine only.
func (t *clientTab) checkDone(addr string, findings []reach.Finding) {
	t.setChecking(false)
	if t.closed {
		return // the window is closing; nobody is waiting for the answer
	}
	t.showFindings(t.win, i18n.T("views.reach.client.title", map[string]string{"Addr": addr}), findings)
}

func (t *clientTab) setChecking(on bool) {
	t.checking = on
	for _, b := range []*widget.Button{t.checkButton, t.hintsCheck} {
		if on {
			b.Disable()
		} else {
			b.Enable()
		}
	}
	if on {
		t.checkButton.SetText(i18n.T("views.reach.client.checking"))
	} else {
		t.checkButton.SetText(checkLabel())
	}
}
