package app

import (
	"bufio"
	"fmt"
	"io"
	"strings"
	"time"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/socketlab/socketlab/netcore"
)

// Transcript sizes. The ring keeps memory and the list's work bounded however
// fast a server floods.
const (
	transcriptMaxRows = 2000
	// transcriptShowRunes caps what one row renders: a 64 KiB message would
	// otherwise be shaped in full just to be cut off by the ellipsis. Copy
	// and Save still give the whole text.
	transcriptShowRunes = 400
	// The hex view shows a message of up to hexWhole bytes whole; a
	// longer one as its first hexHead and last hexTail bytes, because the
	// terminator at the end is what the view is for and a row cut at the
	// window's edge would hide it. hexWhole bytes fit the transcript at the
	// window's default size.
	hexWhole = 16
	hexHead  = 10
	hexTail  = 4
)

// Terminator marks, so that framing is visible: a message sent with "\n"
// and one sent without look different in the transcript. Everything with
// these marks is drawn in the monospaced font: Fyne's bundled DejaVu Sans
// Mono has ⏎ and the arrows on every system, while the proportional font
// borrows them from the symbol font and draws a following space as a
// missing glyph. No bundled font has the control pictures (␀, ␉), so
// other control bytes are shown as C escapes instead.
const (
	markNewline = "⏎"
	markNUL     = `\0`
	markCR      = `\r`
)

type rowKind int

const (
	rowSent     rowKind = iota // → what we sent
	rowReceived                // ← what the server sent
	rowNote                    // connection news: connected, closed
	rowProblem                 // something went wrong
)

// transcriptRow is one line of the transcript.
type transcriptRow struct {
	at     time.Time
	kind   rowKind
	text   string // without its terminator
	ending string // markNewline, markNUL or "" for none
	wire   string // the bytes exactly as sent or received, for the hex view; "" for notes
}

func (r transcriptRow) arrow() string {
	switch r.kind {
	case rowSent:
		return "→"
	case rowReceived:
		return "←"
	case rowProblem:
		return "!"
	}
	return "•"
}

// line is the row as Copy and Save write it; control characters are shown
// as symbols so that a stray "\r" cannot garble the file.
func (r transcriptRow) line() string {
	return r.at.Format("15:04:05.000") + " " + r.arrow() + " " + visibleText(r.text) + r.ending
}

// hex is the row's bytes in hex and as ASCII, e.g. "68 69 0a  hi.", or ""
// for a row that is not a message.
func (r transcriptRow) hex() string {
	if r.wire == "" {
		return ""
	}
	return hexLine([]byte(r.wire))
}

// hexLine is netcore.HexDump of b, or for a long b its start and end:
// "68 65 … 6f 0a  he…o.".
func hexLine(b []byte) string {
	if len(b) <= hexWhole {
		return netcore.HexDump(b, hexWhole)
	}
	headHex, headText, _ := strings.Cut(netcore.HexDump(b[:hexHead], hexHead), "  ")
	tailHex, tailText, _ := strings.Cut(netcore.HexDump(b[len(b)-hexTail:], hexTail), "  ")
	return headHex + " … " + tailHex + "  " + headText + "…" + tailText
}

// color is the row's text colour. Our side is in the primary colour; the
// server's side stays in the normal text colour, which reads well in light
// and dark themes (the theme's success green is too pale for text on white).
func (r transcriptRow) color() fyne.ThemeColorName {
	switch r.kind {
	case rowSent:
		return theme.ColorNamePrimary
	case rowNote:
		return theme.ColorNamePlaceHolder
	case rowProblem:
		return theme.ColorNameError
	}
	return theme.ColorNameForeground
}

// messageRow makes the row for a sent or received message event: netcore
// gives the text without its terminator and the terminator as it was on the
// wire.
func messageRow(kind rowKind, e netcore.Event) transcriptRow {
	if e.Hidden {
		// No wire bytes: the hex view would show the password itself.
		return transcriptRow{at: e.Time, kind: kind, text: hiddenRowText, ending: termMark(e.Term)}
	}
	return transcriptRow{at: e.Time, kind: kind, text: e.Text, ending: termMark(e.Term), wire: string(e.Wire())}
}

// hiddenRowText stands for a password in the transcript: always the same
// six dots, whatever its length.
const hiddenRowText = "•••••• (password hidden)"

// sentRow makes the row for text as it went on the wire, terminator included.
func sentRow(at time.Time, wire string) transcriptRow {
	for _, term := range []string{"\r\n", "\n", "\x00"} {
		if text, ok := strings.CutSuffix(wire, term); ok {
			return transcriptRow{at: at, kind: rowSent, text: text, ending: termMark(term), wire: wire}
		}
	}
	return transcriptRow{at: at, kind: rowSent, text: wire, wire: wire}
}

// termMark shows a terminator: "⏎" for "\n", \0 for a zero byte, and a
// "\r" before either as \r, so "\r\n" from telnet reads \r⏎. No
// terminator shows nothing.
func termMark(term string) string {
	var b strings.Builder
	for _, c := range []byte(term) {
		switch c {
		case '\r':
			b.WriteString(markCR)
		case '\n':
			b.WriteString(markNewline)
		case 0:
			b.WriteString(markNUL)
		default:
			b.WriteString(visibleText(string(rune(c))))
		}
	}
	return b.String()
}

// visibleText shows control characters as C escapes (\t, \r, \x01), so
// what is on the wire is what you see and a stray "\r" cannot garble a row.
func visibleText(s string) string {
	if strings.IndexFunc(s, isControl) < 0 {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '\t':
			b.WriteString(`\t`)
		case r == '\r':
			b.WriteString(markCR)
		case r == '\n':
			b.WriteString(`\n`)
		case r == 0:
			b.WriteString(markNUL)
		case isControl(r):
			fmt.Fprintf(&b, `\x%02x`, r)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

func isControl(r rune) bool { return r < 0x20 || r == 0x7f }

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
	summary  *widget.Label
	content  fyne.CanvasObject
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
		// Rows are for reading, not choosing: a selection highlight would
		// only look like something happened.
		l.OnSelected = func(id widget.ListItemID) { l.Unselect(id) }
		return l
	}
	tr.list = newList(newTranscriptItem, updateTranscriptItem)
	tr.hexList = newList(newHexTranscriptItem, updateHexTranscriptItem)
	tr.hexList.Hide()
	tr.hexCheck = &widget.Check{Text: "Hex", OnChanged: tr.onHexChanged}

	tr.summary = &widget.Label{Text: "nothing yet", TextStyle: fyne.TextStyle{Italic: true}}
	legend := &widget.Label{
		Text:       "→ sent  ← received  " + markNewline + " newline  " + markNUL + " zero byte",
		TextStyle:  fyne.TextStyle{Monospace: true},
		Truncation: fyne.TextTruncateEllipsis,
	}
	tools := container.NewHBox(
		tr.hexCheck,
		&widget.Button{Text: "Copy", Icon: theme.ContentCopyIcon(), OnTapped: tr.onCopyTapped},
		&widget.Button{Text: "Clear", Icon: theme.DeleteIcon(), OnTapped: tr.onClearTapped},
		&widget.Button{Text: "Save…", Icon: theme.DocumentSaveIcon(), OnTapped: tr.onSaveTapped},
	)
	title := &widget.Label{Text: "Transcript", TextStyle: fyne.TextStyle{Bold: true}}
	header := container.NewVBox(
		container.NewBorder(nil, nil, container.NewHBox(title, tr.summary), tools),
		legend)
	lists := container.NewStack(tr.list, tr.hexList)
	tr.content = container.NewBorder(header, nil, nil, nil, container.NewThemeOverride(lists, compactTheme()))
	return tr
}

// A row is the time, in the subdued placeholder colour, and the message in
// its side's colour, all monospaced (see markNewline). They are two rich
// texts because Fyne 2.8 truncates a rich text of several segments badly
// (it overflows and scrolls sideways); one segment truncates with "…".
func newTranscriptItem() fyne.CanvasObject {
	text := func(sample string, color fyne.ThemeColorName, truncate bool) *widget.RichText {
		rt := &widget.RichText{Segments: []widget.RichTextSegment{&widget.TextSegment{Text: sample, Style: widget.RichTextStyle{
			ColorName: color,
			Inline:    true,
			TextStyle: fyne.TextStyle{Monospace: true},
		}}}, Scroll: container.ScrollNone} // a literal's zero Scroll would be ScrollBoth
		if truncate {
			rt.Truncation = fyne.TextTruncateEllipsis
		}
		return rt
	}
	// The sample time sizes the column: every time is as wide in monospace.
	return container.NewBorder(nil, nil,
		text("00:00:00.000", theme.ColorNamePlaceHolder, false), nil,
		text("", theme.ColorNameForeground, true))
}

// A hex row is a normal row with the bytes below it, indented under the
// message, in the subdued colour so the message still reads first.
func newHexTranscriptItem() fyne.CanvasObject {
	hex := &widget.RichText{Segments: []widget.RichTextSegment{&widget.TextSegment{Style: widget.RichTextStyle{
		ColorName: theme.ColorNamePlaceHolder,
		Inline:    true,
		TextStyle: fyne.TextStyle{Monospace: true},
	}}}, Scroll: container.ScrollNone, Truncation: fyne.TextTruncateEllipsis}
	// Twelve monospaced spaces take the time column's width exactly, in
	// whatever theme and size, which a measured spacer would not.
	indent := &widget.RichText{Segments: []widget.RichTextSegment{&widget.TextSegment{
		Text:  strings.Repeat(" ", len("00:00:00.000")),
		Style: widget.RichTextStyle{Inline: true, TextStyle: fyne.TextStyle{Monospace: true}},
	}}, Scroll: container.ScrollNone}
	return container.NewVBox(newTranscriptItem(), container.NewBorder(nil, nil, indent, nil, hex))
}

func updateHexTranscriptItem(o fyne.CanvasObject, r transcriptRow) {
	c := o.(*fyne.Container)
	updateTranscriptItem(c.Objects[0], r)
	hex := c.Objects[1].(*fyne.Container).Objects[0].(*widget.RichText)
	seg := hex.Segments[0].(*widget.TextSegment)
	if h := r.hex(); h != "" {
		seg.Text = "  " + h // under the arrow, not the text
	} else {
		seg.Text = ""
	}
	hex.Refresh()
}

func updateTranscriptItem(o fyne.CanvasObject, r transcriptRow) {
	c := o.(*fyne.Container)
	// Border lists the centre object first, then the left one.
	msg, at := c.Objects[0].(*widget.RichText), c.Objects[1].(*widget.RichText)
	shown := r.text
	if utf8.RuneCountInString(shown) > transcriptShowRunes {
		shown = string([]rune(shown)[:transcriptShowRunes]) + "…"
	}
	seg := at.Segments[0].(*widget.TextSegment)
	seg.Text = r.at.Format("15:04:05.000")
	at.Refresh()
	seg = msg.Segments[0].(*widget.TextSegment)
	seg.Text = r.arrow() + " " + visibleText(shown) + r.ending
	seg.Style.ColorName = r.color()
	msg.Refresh()
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
		tr.summary.SetText("nothing yet")
	case tr.dropped > 0:
		tr.summary.SetText(fmt.Sprintf("last %d rows (%d older ones dropped)", tr.rows.len(), tr.dropped))
	case tr.rows.len() == 1:
		tr.summary.SetText("1 row")
	default:
		tr.summary.SetText(fmt.Sprintf("%d rows", tr.rows.len()))
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
			dialog.ShowError(fmt.Errorf("could not save the transcript: %w", werr), tr.win)
		}
	}, tr.win)
	d.SetFileName("transcript-" + time.Now().Format("2006-01-02-1504") + ".txt")
	d.Show()
}
