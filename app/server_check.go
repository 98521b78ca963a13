package app

import (
	"fmt"
	"strconv"
	"strings"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/socketlab/socketlab/app/i18n"
	"github.com/socketlab/socketlab/netcore"
	"github.com/socketlab/socketlab/netcore/check"
)

// The Server tab's check mode: the demo runs wrapped in netcore/check's
// client watcher, as "socketlab serve --check-clients" runs it, and each
// client that leaves gets its verdicts, one rule per row, in the server log
// and in a Verdicts dialog that shows them whole.

// verdictsKeep bounds the reports the dialog keeps: a class a few times
// over; the log keeps every row it can.
const verdictsKeep = 200

// Log kinds of verdict rows; kindImportance colours them.
const (
	logKindPassed = "passed"
	logKindFailed = "failed"
	logKindRemark = "remark"
)

// clientVerdicts are the reports of clients that left, filled by the
// clients' connection goroutines.
type clientVerdicts struct {
	slot *uiSlot
	mu   sync.Mutex
	kept []check.ClientReport // oldest first, at most verdictsKeep
	seen int                  // every report since the last clear
}

func (v *clientVerdicts) add(r check.ClientReport) {
	v.mu.Lock()
	v.kept = append(v.kept, r)
	if over := len(v.kept) - verdictsKeep; over > 0 {
		v.kept = append(v.kept[:0], v.kept[over:]...)
	}
	v.seen++
	v.mu.Unlock()
	v.slot.markDirty()
}

// snapshot is the kept reports, newest first, and how many there were.
func (v *clientVerdicts) snapshot() ([]check.ClientReport, int) {
	v.mu.Lock()
	defer v.mu.Unlock()
	out := make([]check.ClientReport, len(v.kept))
	for i, r := range v.kept {
		out[len(v.kept)-1-i] = r
	}
	return out, v.seen
}

func (v *clientVerdicts) clear() {
	v.mu.Lock()
	v.kept, v.seen = nil, 0
	v.mu.Unlock()
	v.slot.markDirty()
}

// buildCheckClients is the "Check clients" row of the settings form.
func (t *serverTab) buildCheckClients() []fyne.CanvasObject {
	t.verdicts = &clientVerdicts{}
	t.verdicts.slot = t.pump.register(t.onVerdictsDue, 0)
	t.checkClients = &widget.Check{Text: i18n.T("server.check.judge")}
	t.verdictsButton = &widget.Button{Text: verdictsLabel(0), Icon: theme.ListIcon(), OnTapped: t.onVerdictsTapped}
	t.verdictsButton.Disable()
	tip := newTipLabel(i18n.T("server.check.tip", map[string]string{"Demos": strings.Join(check.ClientDemos(), ", ")}))
	label := &widget.Label{Text: i18n.T("server.row.check"), TextStyle: fyne.TextStyle{Bold: true}}
	return []fyne.CanvasObject{label, container.NewVBox(t.checkClients, tip, container.NewHBox(t.verdictsButton))}
}

func verdictsLabel(n int) string { return i18n.T("server.check.verdicts", map[string]int{"N": n}) }

// updateCheckClients enables the option for a stopped server whose demo
// has client rules, over TCP (the watcher serves connections only).
func (t *serverTab) updateCheckClients() {
	ok := t.state == serverStopped && check.ClientCheckable(t.demo.Name) && t.transport.Selected == transportTCP
	setEnabled(ok, t.checkClients)
}

// checkingClients reports whether the next start judges its clients.
func (t *serverTab) checkingClients(network string) bool {
	return t.checkClients.Checked && check.ClientCheckable(t.demo.Name) && network == "tcp"
}

// watchClients wraps d in the client checker when the option is on; the
// options come from the demo's settings, as on the command line.
func (t *serverTab) watchClients(d netcore.Demo, network string, values map[string]string) netcore.Demo {
	if !t.checkingClients(network) {
		return d
	}
	t.verdicts.clear() // a new server: the clients of the last one are gone
	o := check.ClientOptions(d.Info().Name, func(key string) string { return values[key] })
	return check.WatchClients(d, o, t.onClientVerdict)
}

// onClientVerdict gets a client's report on its connection goroutine: it
// only queues, never touches a widget.
func (t *serverTab) onClientVerdict(r check.ClientReport) {
	t.log.Append(verdictRows(r)...)
	t.verdicts.add(r)
}

// verdictRows are a report as log rows, one per rule.
func verdictRows(r check.ClientReport) []logRow {
	who := "#" + strconv.Itoa(r.ID) + " " + r.Addr
	rows := make([]logRow, 0, len(r.Results))
	for _, res := range r.Results {
		kind := logKindPassed
		switch res.Status {
		case check.Fail:
			kind = logKindFailed
		case check.Remark:
			kind = logKindRemark
		}
		rows = append(rows, logRow{Who: who, Kind: kind, Text: wordsOf(res).line()})
	}
	return rows
}

// onVerdictsDue shows the count on the button. The pump calls it.
func (t *serverTab) onVerdictsDue() {
	_, n := t.verdicts.snapshot()
	t.verdictsButton.SetText(verdictsLabel(n))
	setEnabled(n > 0, t.verdictsButton)
}

// onVerdictsTapped shows every kept report, newest first, each rule
// wrapped so it reads whole.
func (t *serverTab) onVerdictsTapped() {
	reports, n := t.verdicts.snapshot()
	d := dialog.NewCustom(i18n.T("server.check.verdicts.title", map[string]int{"N": n}), i18n.T("dialog.close"), verdictsContent(reports, n), t.win)
	d.Resize(fyne.NewSize(serverCheckWidth, serverCheckHeight))
	d.Show()
}

func verdictsContent(reports []check.ClientReport, seen int) fyne.CanvasObject {
	var objs []fyne.CanvasObject
	if seen > len(reports) {
		objs = append(objs, newTipLabel(i18n.T("server.check.verdicts.newest", map[string]int{"N": len(reports), "Seen": seen})))
	}
	for _, r := range reports {
		fails := check.Report{Results: r.Results}.Count(check.Fail)
		verdict := i18n.T("check.verdict.pass")
		if fails > 0 {
			verdict = i18n.T("check.verdict.failed", map[string]int{"Count": fails})
		}
		head := &widget.Label{Text: fmt.Sprintf("#%d %s (%s): %s", r.ID, r.Addr, r.Demo, verdict),
			TextStyle: fyne.TextStyle{Bold: true}, Wrapping: fyne.TextWrapWord}
		objs = append(objs, head)
		objs = append(objs, checkRows(r.Results)...)
		objs = append(objs, widget.NewSeparator())
	}
	return container.NewThemeOverride(container.NewVScroll(container.NewVBox(objs...)), readableTheme())
}
