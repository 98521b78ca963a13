package app

import (
	"bufio"
	"errors"
	"io"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/socketlab/socketlab/app/i18n"
)

// transcriptMaxRows is the ring's size: it keeps memory and the list's work
// bounded however fast a server floods.
const transcriptMaxRows = 2000

// transcript is the scrolling record of one tab's traffic. Network
// goroutines call add; everything else runs on the UI goroutine, where the
// pump flushes added rows onto the screen.
type transcript struct {
	app  fyne.App
	win  fyne.Window
	slot *uiSlot

	pending *backlog[transcriptRow] // added since the last flush

	// UI goroutine only.
	rows    ring[transcriptRow]
	dropped int // rows that fell out of the ring (or never got in)

	// Two lists over the same rows: the hex view's rows are two lines
	// high, and a list sizes every row by its first one, so toggling Hex
	// swaps lists rather than changing one list's rows.
	list     *widget.List
	hexList  *widget.List
	hexCheck *widget.Check
	wire     *wireView // "TLS records" (wire_view.go)
	summary  *widget.Label
	content  fyne.CanvasObject

	// clearButton is kept for the screenshots hook (shots_hook.go).
	clearButton *widget.Button
	// details shows a selected row whole: a long error is cut with "…".
	details *rowDetails
}

// newTranscript builds the transcript, flushed by pump.
func newTranscript(a fyne.App, w fyne.Window, pump *uiPump) *transcript {
	tr := &transcript{
		app:     a,
		win:     w,
		pending: newBacklog[transcriptRow](transcriptMaxRows),
		rows:    newRing[transcriptRow](transcriptMaxRows),
	}
	tr.slot = pump.register(tr.flush, 0)
	tr.details = newRowDetails()
	newList := func(create func() fyne.CanvasObject, update func(fyne.CanvasObject, transcriptRow)) *widget.List {
		l := &widget.List{
			Length:     tr.rows.len,
			CreateItem: create,
			UpdateItem: func(id widget.ListItemID, o fyne.CanvasObject) {
				if id < tr.rows.len() {
					update(o, tr.row(id))
				}
			},
		}
		// A log reads best without rules between the lines.
		l.HideSeparators = true
		// A selected row is shown whole under the list (a long error
		// line is cut with "…"); the selection itself goes at once.
		l.OnSelected = func(id widget.ListItemID) {
			if id >= 0 && id < tr.rows.len() {
				tr.details.show(tr.row(id).line())
			}
			l.Unselect(id)
		}
		return l
	}
	tr.list = newList(newTranscriptItem, updateTranscriptItem)
	tr.hexList = newList(newHexTranscriptItem, updateHexTranscriptItem)
	tr.hexList.Hide()
	tr.hexCheck = &widget.Check{Text: i18n.T("views.hex"), OnChanged: tr.onHexChanged}
	tr.wire = newWireView(pump)

	tr.summary = &widget.Label{Text: i18n.T("views.transcript.empty"), TextStyle: fyne.TextStyle{Italic: true}}
	legend := &widget.Label{
		Text:       i18n.T("views.transcript.legend", map[string]string{"Newline": markNewline, "NUL": markNUL}),
		TextStyle:  fyne.TextStyle{Monospace: true},
		Truncation: fyne.TextTruncateEllipsis,
	}
	tr.clearButton = &widget.Button{Text: i18n.T("views.clear"), Icon: theme.DeleteIcon(), OnTapped: tr.onClearTapped}
	tools := container.NewHBox(
		tr.hexCheck,
		&widget.Button{Text: i18n.T("views.transcript.copy"), Icon: theme.ContentCopyIcon(), OnTapped: tr.onCopyTapped},
		tr.clearButton,
		&widget.Button{Text: i18n.T("views.transcript.save"), Icon: theme.DocumentSaveIcon(), OnTapped: tr.onSaveTapped},
	)
	title := &widget.Label{Text: i18n.T("views.transcript.title"), TextStyle: fyne.TextStyle{Bold: true}}
	header := container.NewVBox(
		container.NewBorder(nil, nil, container.NewHBox(title, tr.summary), tools),
		// "TLS records" beside the legend: the row above is as wide as a
		// small screen allows.
		container.NewBorder(nil, nil, nil, tr.wire.check, legend))
	lists := container.NewStack(tr.list, tr.hexList)
	// The wire beside the messages, so a class reads one against the other.
	beside := container.NewHSplit(lists, tr.wire.content)
	beside.Offset = 0.42 // the records' names are longer than most messages
	tr.content = container.NewBorder(header, tr.details.content, nil, nil, newSteadyTheme(beside, compactTheme()))
	return tr
}

// add queues a row; it is safe from any goroutine and never blocks on the UI.
func (tr *transcript) add(r transcriptRow) {
	if r.at.IsZero() {
		r.at = time.Now()
	}
	// Between two flushes the backlog keeps at most one screenful more
	// than the ring holds, so a flood while the UI is busy cannot grow
	// memory.
	tr.pending.add(r)
	tr.slot.markDirty()
}

// flush moves queued rows into the ring and shows them. UI goroutine only.
func (tr *transcript) flush() {
	rows, lost := tr.pending.take()
	if len(rows) == 0 && lost == 0 {
		return
	}
	tr.dropped += lost
	for _, r := range rows {
		if tr.rows.push(r) {
			tr.dropped++
		}
		// A problem is shown whole at once: it is what the student
		// needs to read, and it is often longer than a row.
		if r.kind == rowProblem {
			tr.details.show(r.line())
		}
	}
	tr.updateSummary()
	l := tr.shownList()
	l.Refresh()
	scrollToEnd(l)
}

// shownList is the list on screen: the hex one when Hex is ticked.
func (tr *transcript) shownList() *widget.List {
	if tr.hexCheck.Checked {
		return tr.hexList
	}
	return tr.list
}

// onHexChanged swaps the lists. The one coming into view has not been
// refreshed while hidden, so it is refreshed and scrolled to the newest
// row, where the student was reading.
func (tr *transcript) onHexChanged(on bool) {
	show, hide := tr.list, tr.hexList
	if on {
		show, hide = tr.hexList, tr.list
	}
	hide.Hide()
	show.Show()
	show.Refresh()
	scrollToEnd(show)
}

func (tr *transcript) updateSummary() {
	switch {
	case tr.rows.len() == 0:
		tr.summary.SetText(i18n.T("views.transcript.empty"))
	case tr.dropped > 0:
		tr.summary.SetText(i18n.T("views.transcript.rows.dropped", map[string]any{"N": tr.rows.len(), "Dropped": tr.dropped}))
	case tr.rows.len() == 1:
		tr.summary.SetText(i18n.T("views.transcript.rows.single"))
	default:
		tr.summary.SetText(i18n.T("views.transcript.rows", map[string]int{"N": tr.rows.len()}))
	}
}

// row returns the i-th visible row, oldest first. UI goroutine only.
func (tr *transcript) row(i int) transcriptRow {
	return *tr.rows.at(i)
}

// length is how many rows are shown. UI goroutine only.
func (tr *transcript) length() int { return tr.rows.len() }

// WriteTo writes every shown row as text, one line each, oldest first; Copy
// and Save use it. UI goroutine only.
func (tr *transcript) WriteTo(w io.Writer) (int64, error) {
	tr.flush()
	bw := bufio.NewWriter(w)
	var n int64
	for i := 0; i < tr.rows.len(); i++ {
		r := tr.row(i)
		line := r.line() + "\n"
		if h := r.hex(); h != "" && tr.hexCheck.Checked {
			// Under the message, lined up after the time.
			line += strings.Repeat(" ", 15) + h + "\n"
		}
		m, err := bw.WriteString(line)
		n += int64(m)
		if err != nil {
			return n, err
		}
	}
	return n, bw.Flush()
}

func (tr *transcript) text() string {
	var b strings.Builder
	tr.WriteTo(&b)
	return b.String()
}

func (tr *transcript) onCopyTapped() {
	tr.app.Clipboard().SetContent(tr.text())
}

func (tr *transcript) onClearTapped() {
	tr.flush()
	tr.rows.clear()
	tr.dropped = 0
	tr.details.hide()
	tr.updateSummary()
	tr.shownList().Refresh()
}

func (tr *transcript) onSaveTapped() {
	d := dialog.NewFileSave(func(wc fyne.URIWriteCloser, err error) {
		if err != nil {
			dialog.ShowError(err, tr.win)
			return
		}
		if wc == nil {
			return // cancelled
		}
		_, werr := tr.WriteTo(wc)
		if cerr := wc.Close(); werr == nil {
			werr = cerr
		}
		if werr != nil {
			dialog.ShowError(errors.New(i18n.T("views.transcript.save.failed", map[string]string{"Error": werr.Error()})), tr.win)
			return
		}
		showSaved(savedTranscript, wc.URI(), tr.win)
	}, tr.win)
	d.SetFileName("transcript-" + time.Now().Format("2006-01-02-1504") + ".txt")
	d.Show()
}
