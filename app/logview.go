package app

import (
	"errors"
	"io"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/socketlab/socketlab/netcore"

	"github.com/socketlab/socketlab/app/i18n"
)

// logView is a live, filterable, savable log. Append may be called from any
// goroutine; everything else runs on the UI goroutine. Appended rows wait
// in a backlog until the pump flushes the view.
type logView struct {
	content fyne.CanvasObject

	win      fyne.Window
	pump     *uiPump
	slot     *uiSlot
	saveName string

	pending *backlog[logEntry] // appended, not yet shown

	// UI goroutine only.
	ring    ring[logEntry]
	filter  string // lower-cased; "" shows everything
	view    []int  // ring positions matching filter (only when filter != "")
	dropped int64
	hex     bool       // show rows' bytes in hex, on a second line
	heights [2]float32 // row height without and with the hex line

	// What flushing has cost the UI goroutine (bench/app reads it).
	flushes             int
	flushTime, flushMax time.Duration

	list      *widget.List
	hexCheck  *widget.Check
	wire      *wireView // "TLS records" (wire_view.go)
	filterBox *widget.Entry
	count     *widget.Label
	note      *widget.Label

	// clearButton is kept for the screenshots hook (shots_hook.go).
	clearButton *widget.Button

	follow *follower
	// details shows the selected row whole: the Message column cuts it.
	details *rowDetails
}

// newLogView makes a log whose second column is headed whoTitle (e.g.
// "Client") and whose "Save log…" suggests saveName, flushed by pump.
func newLogView(win fyne.Window, pump *uiPump, whoTitle, saveName string) *logView {
	l := &logView{
		win:      win,
		pump:     pump,
		saveName: saveName,
		pending:  newBacklog[logEntry](logKeep),
		ring:     newRing[logEntry](logKeep),
	}
	l.slot = pump.register(l.Flush, 0)
	l.build(whoTitle)
	pump.register(l.follow.check, followEvery)
	return l
}

// logColumns sizes the columns: time, who and kind are as wide as a typical
// value, the text takes the rest.
func logColumns() *columnsLayout {
	mono := fyne.TextStyle{Monospace: true}
	return newColumnsLayout(3,
		textWidth("00:00:00.000", mono, compactInnerPadding),
		textWidth("#99 192.168.100.200:65535", fyne.TextStyle{}, compactInnerPadding),
		textWidth("connected", fyne.TextStyle{}, compactInnerPadding),
		textWidth("text", fyne.TextStyle{}, compactInnerPadding),
	)
}

func (l *logView) build(whoTitle string) {
	l.list = &widget.List{
		Length: l.length,
		// The list measures this template on every refresh, so rows
		// grow a line when Hex is switched on.
		CreateItem: func() fyne.CanvasObject { return newLogRowItem(l.hex) },
		UpdateItem: l.updateItem,
		// A selected row is shown whole in the details line, which keeps
		// a copy; the selection itself goes at once, because positions
		// shift as rows arrive.
		OnSelected: l.onRowSelected,
	}
	l.list.ExtendBaseWidget(l.list)
	l.follow = newFollower(l.list, l.atBottom, l.scrollToEnd)

	header := container.New(logColumns(),
		&widget.Label{Text: i18n.T("views.log.col.time"), TextStyle: fyne.TextStyle{Bold: true}},
		&widget.Label{Text: whoTitle, TextStyle: fyne.TextStyle{Bold: true}},
		&widget.Label{Text: i18n.T("views.log.col.event"), TextStyle: fyne.TextStyle{Bold: true}},
		&widget.Label{Text: i18n.T("views.log.col.message"), TextStyle: fyne.TextStyle{Bold: true}},
	)

	l.filterBox = &widget.Entry{PlaceHolder: i18n.T("views.log.filter.placeholder")}
	l.filterBox.ExtendBaseWidget(l.filterBox)
	l.filterBox.OnChanged = l.onFilterChanged
	l.clearButton = &widget.Button{Text: i18n.T("views.clear"), Icon: theme.DeleteIcon(), OnTapped: l.Clear}
	save := &widget.Button{Text: i18n.T("views.log.save"), Icon: theme.DocumentSaveIcon(), OnTapped: l.onSaveTapped}
	l.hexCheck = &widget.Check{Text: i18n.T("views.hex"), OnChanged: l.onHexChanged}
	l.wire = newWireView(l.pump)
	l.count = &widget.Label{Text: logLines(0)}
	title := &widget.Label{Text: i18n.T("views.log.title"), TextStyle: fyne.TextStyle{Bold: true}}
	// The filter has a row of its own: beside the title and buttons, in
	// half a window, it shrank to a few letters.
	tools := container.NewVBox(
		container.NewBorder(nil, nil, container.NewHBox(title, l.count), container.NewHBox(l.follow.jump, l.hexCheck, l.clearButton, save)),
		// "TLS records" beside the filter: the row above is as wide as
		// a small screen allows.
		container.NewBorder(nil, nil, nil, l.wire.check, l.filterBox),
	)

	l.note = &widget.Label{Importance: widget.WarningImportance, Wrapping: fyne.TextWrapWord}
	l.note.Hide()

	top := container.NewVBox(tools, l.note, newSteadyTheme(header, compactTheme()))
	l.details = newRowDetails()
	// The wire beside the messages, so a class reads one against the other.
	// The split itself is hidden from nothing: a hidden wire view gives
	// the list the whole width.
	beside := container.NewHSplit(l.list, l.wire.content)
	beside.Offset = 0.55
	l.content = container.NewBorder(top, l.details.content, nil, nil, newSteadyTheme(beside, compactTheme()))
}

func (l *logView) onRowSelected(id widget.ListItemID) {
	if id >= 0 && id < l.length() {
		l.details.show(l.entry(id).row.line())
	}
	l.list.Unselect(id)
}

// A log row is one line of columns and, with Hex on, a second line with the
// bytes: it starts under the Who column and runs to the right edge, because
// the message column alone is too narrow for a dump whose point (the
// terminator) is at its end.
//
//	12:03:04.120  #1 127.0.0.1:51234   received  "hi"   (4 B, ending \r\n)
//	              68 69 0d 0a  hi..
func newLogRowItem(hex bool) fyne.CanvasObject {
	cols := container.New(logColumns(),
		&widget.Label{TextStyle: fyne.TextStyle{Monospace: true}},
		&widget.Label{Truncation: fyne.TextTruncateEllipsis},
		&widget.Label{Truncation: fyne.TextTruncateEllipsis},
		&widget.Label{Truncation: fyne.TextTruncateEllipsis},
	)
	hexLine := container.New(hexLineColumns(),
		&widget.Label{},
		&widget.Label{TextStyle: fyne.TextStyle{Monospace: true}, Truncation: fyne.TextTruncateEllipsis},
	)
	if !hex {
		hexLine.Hide()
	}
	return container.New(tightVBox{}, cols, hexLine)
}

// hexLineColumns indents the hex line by the time column.
func hexLineColumns() *columnsLayout {
	return newColumnsLayout(1,
		textWidth("00:00:00.000", fyne.TextStyle{Monospace: true}, compactInnerPadding),
		textWidth("text", fyne.TextStyle{}, compactInnerPadding),
	)
}

func (l *logView) length() int {
	if l.filter != "" {
		return len(l.view)
	}
	return l.ring.len()
}

func (l *logView) entry(id int) *logEntry {
	if l.filter != "" {
		return l.ring.at(l.view[id])
	}
	return l.ring.at(id)
}

func (l *logView) updateItem(id widget.ListItemID, item fyne.CanvasObject) {
	if id < 0 || id >= l.length() {
		return
	}
	r := l.entry(id).get()
	lines := item.(*fyne.Container).Objects
	cells := lines[0].(*fyne.Container).Objects
	setLabel(cells[0].(*widget.Label), r.Time.Format(logTimeFormat), widget.MediumImportance)
	setLabel(cells[1].(*widget.Label), r.Who, widget.MediumImportance)
	setLabel(cells[2].(*widget.Label), r.Kind, kindImportance(r.Kind))
	setLabel(cells[3].(*widget.Label), r.Text, widget.MediumImportance)
	// A recycled row may come from before Hex was switched.
	hexLine := lines[1].(*fyne.Container)
	if l.hex != hexLine.Visible() {
		if l.hex {
			hexLine.Show()
		} else {
			hexLine.Hide()
		}
		item.(*fyne.Container).Refresh() // lays the lines out again
	}
	setLabel(hexLine.Objects[1].(*widget.Label), l.hexText(r), widget.MediumImportance)
}

// hexText is the hex line of r: its bytes and the same as text, or
// nothing for rows without bytes (connected, closed…) or with Hex off.
func (l *logView) hexText(r *logRow) string {
	if !l.hex || len(r.Raw) == 0 {
		return ""
	}
	return netcore.HexDump(r.Raw, logHexBytes)
}

func (l *logView) onHexChanged(on bool) { l.SetHex(on) }

// SetHex shows or hides the bytes of each row in hex, on a line under it.
func (l *logView) SetHex(on bool) {
	if l.hex == on {
		return
	}
	follow := l.follow.following()
	l.hex = on
	if l.hexCheck.Checked != on {
		l.hexCheck.SetChecked(on)
	}
	// Rows change height: keep the newest in view if it was.
	if follow {
		l.scrollToEnd()
	} else {
		l.list.Refresh()
	}
	l.follow.settled()
}

// Append queues rows for the screen. It is safe from any goroutine and never
// touches widgets, so a network goroutine can log thousands of rows a second.
func (l *logView) Append(rows ...logRow) {
	entries := make([]logEntry, len(rows))
	for i, r := range rows {
		entries[i] = newLogEntry(r)
	}
	l.pending.add(entries...)
	l.slot.markDirty()
}

// AppendEvent queues a server event's row, made only if it is ever shown
// (see logEntry). Safe from any goroutine, like Append.
func (l *logView) AppendEvent(e netcore.Event) {
	l.pending.add(newEventEntry(e))
	l.slot.markDirty()
}

// Flush moves pending rows into the view now (UI goroutine). The pump
// calls it; tests and Save call it to see everything appended so far.
func (l *logView) Flush() {
	batch, _ := l.pending.take()
	if len(batch) == 0 {
		return
	}
	start := time.Now()
	defer func() {
		d := time.Since(start)
		l.flushes++
		l.flushTime += d
		l.flushMax = max(l.flushMax, d)
	}()

	follow := l.follow.following()
	evicted := 0
	for _, e := range batch {
		if l.ring.push(e) {
			evicted++
		}
	}
	l.pending.reuse(batch)
	if l.filter != "" {
		l.refilter()
	}
	l.updateCount()
	n := l.length()
	switch {
	case follow && n > 0:
		l.scrollToEnd()
	case evicted > 0 && l.filter == "":
		// The user is reading older rows: keep the same rows in view
		// although the oldest were forgotten underneath them.
		l.list.Refresh()
		off := l.list.GetScrollOffset() - float32(evicted)*(l.itemHeight()+l.separator())
		l.list.ScrollToOffset(max(off, 0))
	default:
		l.list.Refresh()
	}
	l.follow.settled()
}

// atBottom reports whether the newest row is in view, i.e. whether the view
// should follow new rows. Scrolling up stops following; scrolling back to
// the bottom resumes it.
func (l *logView) atBottom() bool {
	h := l.list.Size().Height
	n := l.length()
	if h <= 0 || n == 0 {
		return true
	}
	content := float32(n)*(l.itemHeight()+l.separator()) - l.separator()
	return l.list.GetScrollOffset()+h >= content-l.itemHeight()/2
}

func (l *logView) itemHeight() float32 {
	mode := 0
	if l.hex {
		mode = 1
	}
	if l.heights[mode] == 0 {
		item := newLogRowItem(l.hex)
		// Measure under the same theme as the list's rows.
		o := newSteadyTheme(item, compactTheme())
		o.Refresh()
		l.heights[mode] = item.MinSize().Height
	}
	return l.heights[mode]
}

func (l *logView) separator() float32 { return l.list.Theme().Size(theme.SizeNamePadding) }

func (l *logView) refilter() {
	l.view = l.view[:0]
	for i := 0; i < l.ring.len(); i++ {
		if strings.Contains(l.ring.at(i).filterText(), l.filter) {
			l.view = append(l.view, i)
		}
	}
}

func (l *logView) updateCount() {
	if l.filter != "" {
		l.count.SetText(i18n.T("views.log.count.filtered", map[string]any{"Shown": len(l.view), "Lines": logLines(l.ring.len())}))
	} else {
		l.count.SetText(logLines(l.ring.len()))
	}
}

func (l *logView) onFilterChanged(text string) {
	l.SetFilter(text)
}

// SetFilter shows only rows containing text (case-insensitive, anywhere in
// the row); "" shows all.
func (l *logView) SetFilter(text string) {
	l.filter = strings.ToLower(strings.TrimSpace(text))
	if l.filter != "" {
		l.refilter()
	} else {
		l.view = nil
	}
	l.updateCount()
	l.scrollToEnd()
	l.follow.reset()
}

// scrollToEnd shows the newest row. The list is refreshed first so that
// its scroller knows the new content height: scrolling before that sets an
// offset the scroller then resets to 0 without telling the list, which
// drew rows for the old offset (a blank gap at the top, the newest row cut
// off at the bottom).
func (l *logView) scrollToEnd() {
	l.list.Refresh()
	if n := l.length(); n > 0 {
		l.list.ScrollTo(n - 1)
	}
}

// Clear forgets every row, including rows not yet shown.
func (l *logView) Clear() {
	l.pending.reset()
	l.ring.clear()
	l.view = nil
	l.list.UnselectAll()
	l.details.hide()
	l.updateCount()
	l.list.ScrollToTop()
	l.list.Refresh()
	l.follow.reset()
}

// SetDropped shows how many messages never reached the log because it could
// not keep up (connections, disconnections and errors always do); 0 hides
// the note.
func (l *logView) SetDropped(n int64) {
	if n == l.dropped {
		return
	}
	l.dropped = n
	if n <= 0 {
		l.note.Hide()
		return
	}
	l.note.SetText(i18n.T("views.log.dropped", map[string]any{"N": n}))
	l.note.Show()
}

// Rows returns every kept row, oldest first, ignoring the filter. Rows
// still pending are not included; call Flush first to include them.
func (l *logView) Rows() []logRow {
	out := make([]logRow, l.ring.len())
	for i := range out {
		out[i] = *l.ring.at(i).get()
	}
	return out
}

// WriteTo writes the whole kept log (ignoring the filter) as text lines,
// flushing pending rows first. UI goroutine only.
func (l *logView) WriteTo(w io.Writer) (int64, error) {
	l.Flush()
	return writeLogRows(w, l.Rows())
}

func (l *logView) onSaveTapped() {
	l.Flush()
	rows := l.Rows()
	d := dialog.NewFileSave(func(wc fyne.URIWriteCloser, err error) {
		if err != nil {
			dialog.ShowError(err, l.win)
			return
		}
		if wc == nil {
			return // cancelled
		}
		l.saveTo(wc, rows)
	}, l.win)
	d.SetFileName(l.saveName)
	d.Show()
}

// saveTo writes rows to wc off the UI goroutine (a slow disk must not
// freeze the window), then says where they went or why not.
func (l *logView) saveTo(wc fyne.URIWriteCloser, rows []logRow) {
	go func() {
		_, werr := writeLogRows(wc, rows)
		cerr := wc.Close()
		if err := errors.Join(werr, cerr); err != nil {
			l.pump.post(func() {
				dialog.ShowError(errors.New(i18n.T("views.log.save.failed", map[string]string{"Error": err.Error()})), l.win)
			})
			return
		}
		l.pump.post(func() { showSaved(savedLog, wc.URI(), l.win) })
	}()
}
