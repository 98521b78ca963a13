package app

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"image/color"
	"io"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/socketlab/socketlab/netcore"
)

// logRow is one line of a log view: when, who it concerns, what kind of
// thing happened and the details. The server tab fills it from netcore
// server events; a client transcript can fill it from its own.
type logRow struct {
	Time time.Time
	Who  string // e.g. "#3 192.168.0.7:51522"; "server" for the whole server
	Kind string // e.g. "received", "error"; also picks the colour (kindImportance)
	Text string
	// Raw is the message as on the wire, for rows that carry one (received
	// and sent). With Hex on, the view shows these bytes instead of Text,
	// so "\r\n", "\0" or a missing terminator can be seen.
	Raw []byte
}

const (
	// logKeep is how many rows a log view keeps. Older rows are forgotten,
	// so a flood of messages costs bounded memory and a bounded list.
	logKeep = 5000
	// logFlushEvery is how often appended rows reach the screen: often
	// enough to feel live, rarely enough that thousands of events a second
	// cost a dozen list refreshes, not thousands.
	logFlushEvery = 80 * time.Millisecond
	// logMaxText caps one row's text in bytes. A 64 KiB message is not
	// readable in a log line anyway, and 5000 of them would hold 320 MB.
	logMaxText = 2000
	// logHexBytes is how many bytes of a row the hex view shows; a row
	// keeps one more so the dump can say that more followed.
	logHexBytes = 32
)

// logEntry is a row as kept in the ring.
type logEntry struct {
	row   logRow
	lower string // the whole row lower-cased, for the filter
}

// oneLine keeps a row one line high: the list's rows all have one height.
var oneLine = strings.NewReplacer("\r\n", " ", "\n", " ", "\r", " ")

func newLogEntry(r logRow) logEntry {
	if strings.ContainsAny(r.Text, "\r\n") {
		r.Text = oneLine.Replace(r.Text)
	}
	if len(r.Text) > logMaxText {
		cut := logMaxText
		for cut > 0 && !utf8.RuneStart(r.Text[cut]) {
			cut--
		}
		r.Text = r.Text[:cut] + "… (" + strconv.Itoa(len(r.Text)-cut) + " more bytes)"
	}
	if len(r.Raw) > logHexBytes+1 {
		// A copy: keeping a slice of a 64 KiB message would keep all of it.
		r.Raw = bytes.Clone(r.Raw[:logHexBytes+1])
	}
	if r.Time.IsZero() {
		r.Time = time.Now()
	}
	line := r.Time.Format(logTimeFormat) + " " + r.Who + " " + r.Kind + " " + r.Text
	if len(r.Raw) > 0 {
		// The filter finds bytes too: "0d 0a" finds every \r\n.
		line += " " + netcore.HexDump(r.Raw, logHexBytes)
	}
	return logEntry{row: r, lower: strings.ToLower(line)}
}

const (
	logTimeFormat  = "15:04:05.000"
	logSavedFormat = "2006-01-02 15:04:05.000"
)

// logRing keeps the newest logKeep entries.
type logRing struct {
	buf   []logEntry
	start int
	n     int
}

// push adds e and reports whether the oldest entry was forgotten for it.
func (r *logRing) push(e logEntry) bool {
	if r.buf == nil {
		r.buf = make([]logEntry, logKeep)
	}
	if r.n < len(r.buf) {
		r.buf[(r.start+r.n)%len(r.buf)] = e
		r.n++
		return false
	}
	r.buf[r.start] = e
	r.start = (r.start + 1) % len(r.buf)
	return true
}

func (r *logRing) at(i int) *logEntry { return &r.buf[(r.start+i)%len(r.buf)] }
func (r *logRing) len() int           { return r.n }
func (r *logRing) clear()             { r.buf, r.start, r.n = nil, 0, 0 }

// logView is a live, filterable, savable log. Append may be called from any
// goroutine; everything else runs on the UI goroutine. Rows reach the screen
// in batches from a flusher goroutine; Close stops it.
type logView struct {
	content fyne.CanvasObject

	win      fyne.Window
	post     func(func())
	saveName string

	mu        sync.Mutex // guards pending and posted
	pending   []logEntry
	posted    bool // a flush is queued on the UI goroutine
	stop      chan struct{}
	done      chan struct{}
	closeOnce sync.Once

	// UI goroutine only.
	ring    logRing
	filter  string // lower-cased; "" shows everything
	view    []int  // ring positions matching filter (only when filter != "")
	dropped int64
	hex     bool       // show rows' bytes in hex, on a second line
	heights [2]float32 // row height without and with the hex line

	list      *widget.List
	hexCheck  *widget.Check
	filterBox *widget.Entry
	count     *widget.Label
	note      *widget.Label
}

// newLogView makes a log whose second column is headed whoTitle (e.g.
// "Client") and whose "Save log…" suggests saveName. post runs a function on
// the UI goroutine (fyne.Do; a uiQueue in tests). It starts the flusher
// goroutine: call Close when done with the view.
func newLogView(win fyne.Window, post func(func()), whoTitle, saveName string) *logView {
	l := &logView{
		win:      win,
		post:     post,
		saveName: saveName,
		stop:     make(chan struct{}),
		done:     make(chan struct{}),
	}
	l.build(whoTitle)
	go l.runFlusher()
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
		// Rows are not for selecting: their positions shift as rows arrive.
		OnSelected: func(id widget.ListItemID) { l.list.Unselect(id) },
	}
	l.list.ExtendBaseWidget(l.list)

	header := container.New(logColumns(),
		&widget.Label{Text: "Time", TextStyle: fyne.TextStyle{Bold: true}},
		&widget.Label{Text: whoTitle, TextStyle: fyne.TextStyle{Bold: true}},
		&widget.Label{Text: "Event", TextStyle: fyne.TextStyle{Bold: true}},
		&widget.Label{Text: "Message", TextStyle: fyne.TextStyle{Bold: true}},
	)

	l.filterBox = &widget.Entry{PlaceHolder: "Filter (any text in the row)"}
	l.filterBox.ExtendBaseWidget(l.filterBox)
	l.filterBox.OnChanged = l.onFilterChanged
	clearBtn := &widget.Button{Text: "Clear", Icon: theme.DeleteIcon(), OnTapped: l.Clear}
	save := &widget.Button{Text: "Save log…", Icon: theme.DocumentSaveIcon(), OnTapped: l.onSaveTapped}
	l.hexCheck = &widget.Check{Text: "Hex", OnChanged: l.onHexChanged}
	l.count = &widget.Label{Text: logLines(0)}
	title := &widget.Label{Text: "Connection log", TextStyle: fyne.TextStyle{Bold: true}}
	// The filter has a row of its own: beside the title and buttons, in
	// half a window, it shrank to a few letters.
	tools := container.NewVBox(
		container.NewBorder(nil, nil, container.NewHBox(title, l.count), container.NewHBox(l.hexCheck, clearBtn, save)),
		l.filterBox,
	)

	l.note = &widget.Label{Importance: widget.WarningImportance, Wrapping: fyne.TextWrapWord}
	l.note.Hide()

	top := container.NewVBox(tools, l.note, container.NewThemeOverride(header, compactTheme{}))
	l.content = container.NewBorder(top, nil, nil, nil, container.NewThemeOverride(l.list, compactTheme{}))
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
	r := &l.entry(id).row
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
	follow := l.atBottom()
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
}

// setLabel changes a recycled label only when something differs, because a
// refresh re-measures the text.
func setLabel(lb *widget.Label, text string, imp widget.Importance) {
	setLabelStyled(lb, text, imp, lb.TextStyle)
}

// setLabelStyled is setLabel that also sets the text style.
func setLabelStyled(lb *widget.Label, text string, imp widget.Importance, style fyne.TextStyle) {
	if lb.Text == text && lb.Importance == imp && lb.TextStyle == style {
		return
	}
	lb.Text, lb.Importance, lb.TextStyle = text, imp, style
	lb.Refresh()
}

// kindImportance colours the event column so errors and connections stand
// out in a busy log.
func kindImportance(kind string) widget.Importance {
	switch kind {
	case "error":
		return widget.DangerImportance
	case "accepted", "connected", "listening":
		return widget.SuccessImportance
	case "closed", "stopped", "disconnected", "waiting":
		return widget.WarningImportance
	case "received":
		return widget.HighImportance
	}
	return widget.MediumImportance
}

// Append queues rows for the screen. It is safe from any goroutine and never
// touches widgets, so a network goroutine can log thousands of rows a second.
func (l *logView) Append(rows ...logRow) {
	entries := make([]logEntry, len(rows))
	for i, r := range rows {
		entries[i] = newLogEntry(r)
	}
	l.mu.Lock()
	l.pending = append(l.pending, entries...)
	// Only the newest logKeep rows can survive the next flush, so pending
	// need not hold more than that (amortised: trim at twice the size).
	if len(l.pending) >= 2*logKeep {
		n := copy(l.pending, l.pending[len(l.pending)-logKeep:])
		clear(l.pending[n:])
		l.pending = l.pending[:n]
	}
	l.mu.Unlock()
}

// runFlusher moves pending rows to the screen every logFlushEvery, in one
// posted function at a time: if the UI is slow, rows wait in pending
// rather than flushes piling up in the UI queue.
func (l *logView) runFlusher() {
	defer close(l.done)
	tick := time.NewTicker(logFlushEvery)
	defer tick.Stop()
	for {
		select {
		case <-l.stop:
			return
		case <-tick.C:
			l.mu.Lock()
			due := len(l.pending) > 0 && !l.posted
			if due {
				l.posted = true
			}
			l.mu.Unlock()
			if due {
				l.post(l.Flush)
			}
		}
	}
}

// Close stops the flusher goroutine and waits for it. Rows appended later
// still reach the view on the next explicit Flush.
func (l *logView) Close() {
	l.closeOnce.Do(func() { close(l.stop) })
	<-l.done
}

// Flush moves pending rows into the view now (UI goroutine). The flusher
// calls it; tests and Save call it to see everything appended so far.
func (l *logView) Flush() {
	l.mu.Lock()
	batch := l.pending
	l.pending = nil
	l.posted = false
	l.mu.Unlock()
	if len(batch) == 0 {
		return
	}

	follow := l.atBottom()
	evicted := 0
	for _, e := range batch {
		if l.ring.push(e) {
			evicted++
		}
	}
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
		o := container.NewThemeOverride(item, compactTheme{})
		o.Refresh()
		l.heights[mode] = item.MinSize().Height
	}
	return l.heights[mode]
}

func (l *logView) separator() float32 { return l.list.Theme().Size(theme.SizeNamePadding) }

func (l *logView) refilter() {
	l.view = l.view[:0]
	for i := 0; i < l.ring.len(); i++ {
		if strings.Contains(l.ring.at(i).lower, l.filter) {
			l.view = append(l.view, i)
		}
	}
}

func (l *logView) updateCount() {
	if l.filter != "" {
		l.count.SetText(fmt.Sprintf("%d of %s", len(l.view), logLines(l.ring.len())))
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
	l.mu.Lock()
	l.pending = nil
	l.mu.Unlock()
	l.ring.clear()
	l.view = nil
	l.list.UnselectAll()
	l.updateCount()
	l.list.ScrollToTop()
	l.list.Refresh()
}

// SetDropped shows how many events never reached the log because it could
// not keep up; 0 hides the note.
func (l *logView) SetDropped(n int64) {
	if n == l.dropped {
		return
	}
	l.dropped = n
	if n <= 0 {
		l.note.Hide()
		return
	}
	l.note.SetText(fmt.Sprintf("%d events dropped: they came faster than the log could show them. The counts in the clients list are still right.", n))
	l.note.Show()
}

// Rows returns every kept row, oldest first, ignoring the filter. Rows
// still pending are not included; call Flush first to include them.
func (l *logView) Rows() []logRow {
	out := make([]logRow, l.ring.len())
	for i := range out {
		out[i] = l.ring.at(i).row
	}
	return out
}

// VisibleRows returns the rows the list shows now (after the filter).
func (l *logView) VisibleRows() []logRow {
	out := make([]logRow, l.length())
	for i := range out {
		out[i] = l.entry(i).row
	}
	return out
}

// WriteTo writes the whole kept log (ignoring the filter) as text lines,
// flushing pending rows first. UI goroutine only.
func (l *logView) WriteTo(w io.Writer) (int64, error) {
	l.Flush()
	return writeLogRows(w, l.Rows())
}

// writeLogRows formats rows as "date time  who  kind  text" lines; it only
// reads its argument, so it may run on any goroutine.
func writeLogRows(w io.Writer, rows []logRow) (int64, error) {
	cw := &countingWriter{w: w}
	bw := bufio.NewWriter(cw)
	for _, r := range rows {
		who := r.Who
		if who == "" {
			who = "-"
		}
		fmt.Fprintf(bw, "%s  %-24s  %-9s  %s\n", r.Time.Format(logSavedFormat), who, r.Kind, r.Text)
	}
	err := bw.Flush()
	return cw.n, err
}

type countingWriter struct {
	w io.Writer
	n int64
}

func (c *countingWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
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
		// Writing is off the UI goroutine: a slow disk must not freeze
		// the window.
		go func() {
			_, werr := writeLogRows(wc, rows)
			cerr := wc.Close()
			if err := errors.Join(werr, cerr); err != nil {
				l.post(func() {
					dialog.ShowError(fmt.Errorf("could not save the log: %w", err), l.win)
				})
			}
		}()
	}, l.win)
	d.SetFileName(l.saveName)
	d.Show()
}

// logLines counts lines for the toolbar: "1 line", "5000 lines".
func logLines(n int) string {
	if n == 1 {
		return "1 line"
	}
	return strconv.Itoa(n) + " lines"
}

// columnsLayout lays children out in one row: every column has a fixed
// width except one that takes what is left, so rows line up with a header
// row that uses the same layout.
type columnsLayout struct {
	widths []float32
	fill   int
}

// newColumnsLayout makes a layout with the given column widths; column fill
// stretches (its width is its minimum).
func newColumnsLayout(fill int, widths ...float32) *columnsLayout {
	return &columnsLayout{widths: widths, fill: fill}
}

func (c *columnsLayout) gap() float32 { return theme.Padding() }

func (c *columnsLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	fixed := float32(0)
	for i, w := range c.widths {
		if i != c.fill {
			fixed += w
		}
	}
	gaps := c.gap() * float32(len(c.widths)-1)
	fillW := max(size.Width-fixed-gaps, c.widths[c.fill])
	x := float32(0)
	for i, o := range objs {
		if i >= len(c.widths) {
			o.Hide()
			continue
		}
		w := c.widths[i]
		if i == c.fill {
			w = fillW
		}
		h := o.MinSize().Height
		o.Move(fyne.NewPos(x, (size.Height-h)/2))
		o.Resize(fyne.NewSize(w, h))
		x += w + c.gap()
	}
}

func (c *columnsLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	w := c.gap() * float32(len(c.widths)-1)
	for _, cw := range c.widths {
		w += cw
	}
	h := float32(0)
	for i, o := range objs {
		if i < len(c.widths) && o.Visible() {
			h = max(h, o.MinSize().Height)
		}
	}
	return fyne.NewSize(w, h)
}

// textWidth is the width a label needs to show sample in full.
func textWidth(sample string, style fyne.TextStyle, innerPadding float32) float32 {
	return fyne.MeasureText(sample, theme.TextSize(), style).Width + 2*innerPadding + 2
}

// compactInnerPadding is the label padding inside log rows.
const compactInnerPadding = 3

// compactTheme tightens label padding so a log shows about half again as
// many rows, and darkens the light theme's status colours (readableStatusTheme)
// so "listening" or "closed" can be read; everything else comes from the
// app's theme, so light and dark still apply.
type compactTheme struct{}

func (compactTheme) base() fyne.Theme { return fyne.CurrentApp().Settings().Theme() }

func (t compactTheme) Color(n fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	return readableStatusTheme{}.Color(n, v)
}
func (t compactTheme) Font(s fyne.TextStyle) fyne.Resource     { return t.base().Font(s) }
func (t compactTheme) Icon(n fyne.ThemeIconName) fyne.Resource { return t.base().Icon(n) }
func (t compactTheme) Size(n fyne.ThemeSizeName) float32 {
	if n == theme.SizeNameInnerPadding {
		return compactInnerPadding
	}
	return t.base().Size(n)
}

// bannerTheme makes heading text large enough to read across a classroom.
type bannerTheme struct{}

func (bannerTheme) base() fyne.Theme { return fyne.CurrentApp().Settings().Theme() }

func (t bannerTheme) Color(n fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	return t.base().Color(n, v)
}
func (t bannerTheme) Font(s fyne.TextStyle) fyne.Resource     { return t.base().Font(s) }
func (t bannerTheme) Icon(n fyne.ThemeIconName) fyne.Resource { return t.base().Icon(n) }
func (t bannerTheme) Size(n fyne.ThemeSizeName) float32 {
	if n == theme.SizeNameHeadingText {
		return 40
	}
	return t.base().Size(n)
}
