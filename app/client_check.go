package app

import (
	"context"
	"errors"
	"net"
	"strconv"
	"strings"

	"github.com/socketlab/socketlab/app/i18n"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/socketlab/socketlab/netcore/check"
	"github.com/socketlab/socketlab/netcore/demos"
)

// "Check this server" on the Client tab: netcore/check's rules for the demo
// chosen in the Demo picker, run against the Host and Port typed, in a
// dialog that lists each rule with ✓ ✗ or ! and can export the result for
// the teacher. The run is network work that may take up to check.RunLimit:
// it runs on its own goroutine under the tab's life, and reaches the UI
// only through the pump.

const (
	// serverCheckWidth and serverCheckHeight fit a 1024×600 screen with
	// room around the dialog.
	serverCheckWidth  = 640
	serverCheckHeight = 460
)

// newServerCheckButton is the button beside "Can I reach it?".
func (t *clientTab) newServerCheckButton() *widget.Button {
	return &widget.Button{Text: i18n.T("client.check.button"), Icon: theme.ConfirmIcon(), OnTapped: t.onServerCheckTapped}
}

// serverCheck is one "Check this server" dialog and its runs. UI goroutine
// only.
type serverCheck struct {
	tab  *clientTab
	demo string
	addr string
	udp  bool

	dlg  *dialog.CustomDialog
	view *checkView

	// The options a rule needs, shown only for its demo.
	min, max *widget.Entry // guess: the range of the secret
	password *widget.Entry // password: the right one
	single   *widget.Check // echo: the one-client lesson server

	again, export, close *widget.Button

	report *check.Report   // the last finished run; nil before
	ctx    context.Context // the run in progress
	cancel context.CancelFunc
	seq    int  // the current run; a finished run with another seq is stale
	closed bool // the dialog is gone
}

// onServerCheckTapped opens the dialog and starts the first run.
func (t *clientTab) onServerCheckTapped() {
	if t.closed || t.serverCheck != nil {
		return // the dialog is modal: a second tap can only come before it shows
	}
	host, port, err := splitTypedAddress(t.host.Text, t.port.Text)
	if err != nil {
		t.showProblem(err.Error(), "")
		return
	}
	demo := t.demoName()
	if !check.Has(demo) {
		t.showProblem(i18n.T("client.check.norules", map[string]string{"Demo": demo}), "")
		return
	}
	udp := t.transport.Selected == "UDP"
	if info, _ := demos.Lookup(demo); udp && !info.UDP {
		t.showProblem(i18n.T("client.check.tcponly", map[string]string{"Demo": demo}), "")
		return
	}
	sc := &serverCheck{tab: t, demo: demo, addr: net.JoinHostPort(host, port), udp: udp}
	sc.build()
	t.serverCheck = sc
	sc.dlg.Show()
	sc.run()
}

func (sc *serverCheck) build() {
	sc.view = newCheckView()
	sc.again = &widget.Button{Text: i18n.T("client.check.again"), Icon: theme.ViewRefreshIcon(), OnTapped: sc.run}
	sc.export = &widget.Button{Text: i18n.T("client.check.export"), Icon: theme.DocumentSaveIcon(), OnTapped: sc.onExportTapped}
	sc.export.Disable()
	sc.close = &widget.Button{Text: i18n.T("client.check.close"), Icon: theme.CancelIcon(), OnTapped: func() { sc.dlg.Hide() }}

	content := sc.view.content
	if opts := sc.buildOptions(); opts != nil {
		content = container.NewBorder(container.NewVBox(opts, widget.NewSeparator()), nil, nil, nil, content)
	}
	transport := "TCP"
	if sc.udp {
		transport = "UDP"
	}
	title := i18n.T("client.check.title", map[string]string{"Demo": sc.demo, "Addr": sc.addr, "Transport": transport})
	sc.dlg = dialog.NewCustomWithoutButtons(title, content, sc.tab.win)
	sc.dlg.SetButtons([]fyne.CanvasObject{sc.again, sc.export, sc.close})
	sc.dlg.SetOnClosed(sc.onClosed)
	sc.dlg.Resize(fyne.NewSize(serverCheckWidth, serverCheckHeight))
}

// buildOptions is the row of what the demo's rules need to know, as the
// command line's flags give it; nil for a demo that needs nothing.
func (sc *serverCheck) buildOptions() fyne.CanvasObject {
	def := check.DefaultOptions(sc.demo)
	label := func(s string) *widget.Label { return widget.NewLabel(s) }
	switch sc.demo {
	case "guess":
		sc.min = &widget.Entry{Text: strconv.Itoa(def.Min)}
		sc.max = &widget.Entry{Text: strconv.Itoa(def.Max)}
		size := fyne.NewSize(80, sc.min.MinSize().Height)
		return container.NewHBox(label(i18n.T("client.check.guess.from")), container.NewGridWrap(size, sc.min),
			label(i18n.T("client.check.guess.to")), container.NewGridWrap(size, sc.max))
	case "password":
		sc.password = &widget.Entry{Password: true, PlaceHolder: i18n.T("client.check.password.placeholder")}
		return container.New(layout.NewFormLayout(), label(i18n.T("client.check.password")), sc.password)
	case "echo":
		sc.single = &widget.Check{Text: i18n.T("client.check.echo.single")}
		return sc.single
	}
	return nil
}

// options are the run's options as typed.
func (sc *serverCheck) options() (check.Options, error) {
	o := check.DefaultOptions(sc.demo)
	o.UDP = sc.udp
	// TLS as the tab's Connect would use it: the check and its pin.
	o.TLS = sc.tab.tlsCheck.Checked && !sc.udp
	if o.TLS {
		o.Fingerprint = strings.TrimSpace(sc.tab.fingerprint.Text)
	}
	if sc.min != nil {
		var err error
		if o.Min, err = strconv.Atoi(strings.TrimSpace(sc.min.Text)); err != nil {
			return o, errors.New(i18n.T("client.check.error.min", map[string]string{"Text": strconv.Quote(sc.min.Text)}))
		}
		if o.Max, err = strconv.Atoi(strings.TrimSpace(sc.max.Text)); err != nil {
			return o, errors.New(i18n.T("client.check.error.max", map[string]string{"Text": strconv.Quote(sc.max.Text)}))
		}
		if o.Min > o.Max {
			return o, errors.New(i18n.T("client.check.error.order"))
		}
	}
	if sc.password != nil {
		o.Password = sc.password.Text
	}
	if sc.single != nil {
		o.Single = sc.single.Checked
	}
	return o, nil
}

// run starts a check, ending the one in progress: only the newest run's
// result is shown.
func (sc *serverCheck) run() {
	t := sc.tab
	if sc.closed || t.closed {
		return
	}
	sc.stop()
	sc.seq++ // whatever the last run still posts is stale now
	seq := sc.seq
	sc.report = nil
	sc.export.Disable()
	o, err := sc.options()
	if err != nil {
		sc.view.failed(err)
		return
	}
	ctx, cancel := context.WithCancel(t.life)
	sc.ctx, sc.cancel = ctx, cancel
	sc.view.running(check.Pending(sc.demo, o), i18n.T("client.check.running"))
	addr := sc.addr
	t.wg.Add(1)
	go func() {
		defer t.wg.Done()
		rep, err := check.Run(ctx, addr, o)
		t.pump.post(func() { sc.finished(seq, rep, err) })
	}()
}

// finished shows a run's report unless a newer run, closing the dialog or
// closing the window made it stale.
func (sc *serverCheck) finished(seq int, rep check.Report, err error) {
	if seq != sc.seq || sc.closed || sc.tab.closed {
		return
	}
	sc.stop()
	if err != nil {
		sc.view.failed(err)
		return
	}
	sc.report = &rep
	sc.view.finished(rep)
	sc.export.Enable()
}

// stop cancels the run in progress, if any.
func (sc *serverCheck) stop() {
	if sc.cancel != nil {
		sc.cancel()
		sc.cancel = nil
	}
}

func (sc *serverCheck) onClosed() {
	sc.closed = true
	sc.stop()
	if sc.tab.serverCheck == sc {
		sc.tab.serverCheck = nil
	}
}

func (sc *serverCheck) onExportTapped() {
	if sc.report != nil {
		showCheckExport(sc.tab.win, *sc.report)
	}
}
