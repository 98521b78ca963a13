package app

import (
	"encoding/json"
	"errors"
	"io"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"github.com/socketlab/socketlab/app/i18n"
	"github.com/socketlab/socketlab/netcore"
	"github.com/socketlab/socketlab/netcore/check"
)

// How the app shows netcore/check's verdicts: a rule per row with ✓ ✗ or !,
// the rule in plain words and, for a failure or remark, the note and what
// was sent and came back. The Client tab's "Check this server" and the
// Server tab's client verdicts both use it.

// sentenceKind says which of check's sentence tables a key belongs to.
type sentenceKind int

const (
	ruleSentence sentenceKind = iota // a rule ID: "echo.crlf"
	noteSentence                     // a note code with its values: "changed"
)

// checkSentence is the app's one way to the checker's sentences
// (netcore/check/texts.go), in the user's language (netcore_words.go).
func checkSentence(kind sentenceKind, key string, args map[string]string) string {
	if kind == ruleSentence {
		return ruleText(key)
	}
	return noteText(key, args)
}

// checkWords is one result in words, every part safe to show: what came
// from the network is quoted by check, and escaped again here so that no
// control character can reach a label whatever a note carries.
type checkWords struct {
	symbol string // ✓ ✗ ! or … for a rule not run yet
	rule   string
	kind   string // "must" or "remark", in the user's language
	note   string
	sent   string
	got    string
}

func wordsOf(res check.Result) checkWords {
	w := checkWords{symbol: "…", rule: checkSentence(ruleSentence, res.Rule, nil), kind: i18n.T("check.kind.remark")}
	if res.Status != "" {
		w.symbol = res.Status.Symbol()
	}
	if res.Must {
		w.kind = i18n.T("check.kind.must")
	}
	if res.Note != "" {
		w.note = netcore.Escape(checkSentence(noteSentence, res.Note, res.Args))
	}
	sent, got := res.Exchange()
	w.sent, w.got = netcore.Escape(sent), netcore.Escape(got)
	return w
}

// ruleAndKind is the rule with whether it is a must or a remark.
func (w checkWords) ruleAndKind() string {
	return i18n.T("check.view.rule", map[string]string{"Rule": w.rule, "Kind": w.kind})
}

// line is the result on one line, for a log row.
func (w checkWords) line() string {
	s := w.symbol + " " + w.ruleAndKind()
	if w.note != "" {
		s += " — " + w.note
	}
	if w.sent != "" {
		s += "; " + i18n.T("check.view.sent", map[string]string{"Bytes": w.sent})
	}
	if w.got != "" {
		s += "; " + i18n.T("check.view.got", map[string]string{"Bytes": w.got})
	}
	return s
}

// statusImportance colours a verdict; the symbol says the same for
// colour-blind eyes.
func statusImportance(s check.Status) widget.Importance {
	switch s {
	case check.Pass:
		return widget.SuccessImportance
	case check.Fail:
		return widget.DangerImportance
	case check.Remark:
		return widget.WarningImportance
	}
	return widget.LowImportance
}

// checkRow is one result: the symbol, then the rule and its details
// wrapped below it, so a long reply is read whole.
func checkRow(res check.Result) fyne.CanvasObject {
	w := wordsOf(res)
	symbol := &widget.Label{Text: w.symbol, Importance: statusImportance(res.Status), TextStyle: fyne.TextStyle{Bold: true}}
	lines := []fyne.CanvasObject{&widget.Label{Text: w.ruleAndKind(), Wrapping: fyne.TextWrapWord}}
	if w.note != "" {
		lines = append(lines, &widget.Label{Text: w.note, Wrapping: fyne.TextWrapWord, TextStyle: fyne.TextStyle{Italic: true}})
	}
	// Quoted bytes have no spaces to wrap at: they break anywhere.
	if w.sent != "" {
		lines = append(lines, exchangeLabel(i18n.T("check.view.row.sent", map[string]string{"Bytes": w.sent})))
	}
	if w.got != "" {
		lines = append(lines, exchangeLabel(i18n.T("check.view.row.got", map[string]string{"Bytes": w.got})))
	}
	// The symbol stays level with the rule's first line, in a column as
	// wide as the widest symbol, so the rules line up.
	column := container.NewGridWrap(fyne.NewSize(symbolWidth(), symbol.MinSize().Height), symbol)
	return container.NewBorder(nil, nil, container.NewBorder(column, nil, nil, nil), nil, container.NewVBox(lines...))
}

// exchangeLabel is a sent or received line of a result, in monospace
// (the two labels are padded to one width in each language, so the bytes
// line up).
func exchangeLabel(text string) *widget.Label {
	return &widget.Label{Text: text, Wrapping: fyne.TextWrapBreak, TextStyle: fyne.TextStyle{Monospace: true}}
}

// symbolWidth is the width of the widest status symbol's label.
func symbolWidth() float32 {
	w := float32(0)
	for _, s := range []string{"✓", "✗", "!", "…"} {
		w = max(w, (&widget.Label{Text: s, TextStyle: fyne.TextStyle{Bold: true}}).MinSize().Width)
	}
	return w
}

// checkRows lays results out one under another.
func checkRows(results []check.Result) []fyne.CanvasObject {
	out := make([]fyne.CanvasObject, 0, 2*len(results))
	for i, res := range results {
		if i > 0 {
			out = append(out, widget.NewSeparator())
		}
		out = append(out, checkRow(res))
	}
	return out
}

// checkSummary is the count line under a finished check.
func checkSummary(rep check.Report) string {
	s := i18n.T("check.view.summary", map[string]string{
		"Passed":  strconv.Itoa(rep.Count(check.Pass)),
		"Failed":  strconv.Itoa(rep.Count(check.Fail)),
		"Remarks": strconv.Itoa(rep.Count(check.Remark)),
		"Seconds": strconv.FormatFloat(rep.Took.Seconds(), 'f', 1, 64),
	})
	if rep.Failed() {
		return "✗ " + s
	}
	return "✓ " + s
}

// checkView is a list of results under a status line. UI goroutine only.
type checkView struct {
	content fyne.CanvasObject
	status  *widget.Label
	rows    *fyne.Container
	scroll  *container.Scroll
}

func newCheckView() *checkView {
	v := &checkView{
		status: &widget.Label{Wrapping: fyne.TextWrapWord, TextStyle: fyne.TextStyle{Bold: true}},
		rows:   container.NewVBox(),
	}
	v.scroll = container.NewVScroll(v.rows)
	v.content = container.NewThemeOverride(
		container.NewBorder(v.status, nil, nil, nil, v.scroll), readableTheme())
	return v
}

// running shows the rules about to be checked.
func (v *checkView) running(pending []check.Result, what string) {
	v.setRows(pending)
	v.status.Importance = widget.MediumImportance
	v.status.SetText(what)
}

// finished shows a report.
func (v *checkView) finished(rep check.Report) {
	v.setRows(rep.Results)
	v.status.Importance = statusImportance(check.Pass)
	if rep.Failed() {
		v.status.Importance = statusImportance(check.Fail)
	}
	v.status.SetText(checkSummary(rep) + checkTLSNote(rep))
}

// failed shows why no check ran.
func (v *checkView) failed(err error) {
	v.status.Importance = widget.DangerImportance
	v.status.SetText(err.Error())
}

func (v *checkView) setRows(results []check.Result) {
	v.rows.Objects = checkRows(results)
	v.rows.Refresh()
	v.scroll.ScrollToTop()
}

// writeCheckExport writes a report as the command line does: the lines of
// "socketlab check", or with asJSON the list "socketlab check --json"
// prints, so a teacher's scripts read both alike.
func writeCheckExport(w io.Writer, rep check.Report, asJSON bool) error {
	if asJSON {
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode([]check.Report{rep})
	}
	_, err := io.WriteString(w, strings.Join(rep.Lines(), "\n")+"\n")
	return err
}

// exportIsJSON picks the format by the name chosen in the save dialog.
func exportIsJSON(u fyne.URI) bool { return strings.EqualFold(u.Extension(), ".json") }

// saveCheckExport writes rep to a file chosen in the save dialog and
// closes it.
func saveCheckExport(wc fyne.URIWriteCloser, rep check.Report) error {
	err := writeCheckExport(wc, rep, exportIsJSON(wc.URI()))
	if cerr := wc.Close(); err == nil {
		err = cerr
	}
	return err
}

// exportName suggests a file name: the demo, the address and the time,
// so a teacher's folder of them sorts by student.
func exportName(rep check.Report, at time.Time) string {
	addr := strings.NewReplacer(":", "-", "[", "", "]", "", "/", "-").Replace(rep.Addr)
	return "check-" + rep.Demo + "-" + addr + "-" + at.Format("2006-01-02-1504") + ".txt"
}

// showCheckExport asks where to save rep: a name ending .json saves JSON,
// any other text. The file is a few kilobytes, written on the spot.
func showCheckExport(win fyne.Window, rep check.Report) *dialog.FileDialog {
	d := dialog.NewFileSave(func(wc fyne.URIWriteCloser, err error) {
		if err == nil && wc != nil {
			err = saveCheckExport(wc, rep)
		}
		if err != nil {
			dialog.ShowError(errors.New(i18n.T("check.view.export.error", map[string]string{"Error": err.Error()})), win)
		}
	}, win)
	d.SetTitleText(i18n.T("check.view.export.title"))
	d.SetFilter(storage.NewExtensionFileFilter([]string{".txt", ".json"}))
	d.SetFileName(exportName(rep, time.Now()))
	d.Show()
	return d
}
