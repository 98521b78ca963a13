package app

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"fyne.io/fyne/v2/widget"

	"github.com/socketlab/socketlab/netcore"

	"github.com/socketlab/socketlab/app/i18n"
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
	// logMaxText caps one row's text in bytes. A 64 KiB message is not
	// readable in a log line anyway, and 5000 of them would hold 320 MB.
	logMaxText = 2000
	// logHexBytes is how many bytes of a row the hex view shows; a row
	// keeps one more so the dump can say that more followed.
	logHexBytes = 32
)

// logEntry is a row as kept in the backlog and the ring. A row made from a
// server event is built only when it is first shown, saved or filtered:
// under an echo at loopback speed most rows are forgotten (the ring keeps
// logKeep) before anyone sees them, and building each one (quoting, hex,
// lower-casing) was a quarter of the app's time. The ring is the UI
// goroutine's, so building in place needs no lock.
type logEntry struct {
	ev    netcore.Event // what the row is still to be made from, until built
	row   logRow
	built bool
	lower string // the whole row lower-cased, for the filter; made on first use
}

// oneLine keeps a row one line high: the list's rows all have one height.
var oneLine = strings.NewReplacer("\r\n", " ", "\n", " ", "\r", " ")

func newLogEntry(r logRow) logEntry { return logEntry{row: prepareLogRow(r), built: true} }

// newEventEntry keeps e to make its row later. A long message is made
// into its row at once, so that the entry never holds its whole text.
func newEventEntry(e netcore.Event) logEntry {
	if len(e.Text) > logMaxText {
		return newLogEntry(eventRow(e))
	}
	return logEntry{ev: e}
}

// get is the entry's row, built on first use.
func (en *logEntry) get() *logRow {
	if !en.built {
		en.row = prepareLogRow(eventRow(en.ev))
		en.ev, en.built = netcore.Event{}, true
	}
	return &en.row
}

// filterText is what the filter searches: the whole row, bytes in hex
// included ("0d 0a" finds every \r\n), lower-cased.
func (en *logEntry) filterText() string {
	if en.lower == "" {
		r := en.get()
		line := r.Time.Format(logTimeFormat) + " " + r.Who + " " + r.Kind + " " + r.Text
		if len(r.Raw) > 0 {
			line += " " + netcore.HexDump(r.Raw, logHexBytes)
		}
		en.lower = strings.ToLower(line)
	}
	return en.lower
}

// prepareLogRow makes r fit a log line: one line, a bounded text, a bounded
// copy of its bytes.
func prepareLogRow(r logRow) logRow {
	if strings.ContainsAny(r.Text, "\r\n") {
		r.Text = oneLine.Replace(r.Text)
	}
	if len(r.Text) > logMaxText {
		cut := logMaxText
		for cut > 0 && !utf8.RuneStart(r.Text[cut]) {
			cut--
		}
		r.Text = i18n.T("views.log.cut", map[string]any{"Text": r.Text[:cut], "N": len(r.Text) - cut})
	}
	if len(r.Raw) > logHexBytes+1 {
		// A copy: keeping a slice of a 64 KiB message would keep all of it.
		r.Raw = bytes.Clone(r.Raw[:logHexBytes+1])
	}
	if r.Time.IsZero() {
		r.Time = time.Now()
	}
	return r
}

const (
	logTimeFormat  = "15:04:05.000"
	logSavedFormat = "2006-01-02 15:04:05.000"
)

// kindImportance colours the event column so errors and connections stand
// out in a busy log.
func kindImportance(kind string) widget.Importance {
	switch kind {
	case "error", logKindFailed:
		return widget.DangerImportance
	case "accepted", "connected", "listening", logKindPassed:
		return widget.SuccessImportance
	case "closed", "stopped", "disconnected", "waiting", logKindRemark:
		return widget.WarningImportance
	case "received":
		return widget.HighImportance
	}
	return widget.MediumImportance
}

// eventRow turns a server event into a log row.
func eventRow(e netcore.Event) logRow {
	r := logRow{Time: e.Time, Kind: e.Kind.String(), Text: e.Text}
	if e.Kind == netcore.EventReceived || e.Kind == netcore.EventSent {
		r.Raw = e.Wire()
	}
	switch {
	case e.ConnID != 0:
		r.Who = "#" + strconv.Itoa(e.ConnID) + " " + e.Peer
	case e.Peer != "":
		r.Who = e.Peer
	default:
		r.Who = "server"
	}
	switch {
	case e.Hidden:
		// No byte count and no hex: either would give the length away.
		r.Text, r.Raw = netcore.HiddenText, nil
	case e.Kind == netcore.EventReceived:
		r.Text = i18n.T("views.log.received", map[string]string{"Text": strconv.Quote(e.Text), "Size": formatBytes(int64(e.Bytes)), "Ending": e.Ending.String()})
	case e.Kind == netcore.EventSent:
		r.Text = i18n.T("views.log.sent", map[string]string{"Text": strconv.Quote(e.Text), "Size": formatBytes(int64(e.Bytes))})
	case e.Kind == netcore.EventAccepted:
		r.Text = i18n.T("views.log.connected")
	case e.Kind == netcore.EventClosed:
		if r.Text == "" {
			r.Text = i18n.T("views.log.closed")
		}
	case e.Kind == netcore.EventStopped:
		r.Text = i18n.T("views.log.stopped")
	}
	if e.Err != nil {
		if r.Text != "" {
			r.Text += ": "
		}
		r.Text += e.Err.Error()
	}
	return r
}

func formatBytes(n int64) string {
	switch {
	case n < 1024:
		return strconv.FormatInt(n, 10) + " B"
	case n < 1024*1024:
		return strconv.FormatFloat(float64(n)/1024, 'f', 1, 64) + " KB"
	default:
		return strconv.FormatFloat(float64(n)/(1024*1024), 'f', 1, 64) + " MB"
	}
}

// writeLogRows formats rows as "date time  who  kind  text" lines; it only
// reads its argument, so it may run on any goroutine.
// line is the row as a saved log and the details line write it.
func (r *logRow) line() string {
	who := r.Who
	if who == "" {
		who = "-"
	}
	return fmt.Sprintf("%s  %-24s  %-9s  %s", r.Time.Format(logSavedFormat), who, r.Kind, r.Text)
}

func writeLogRows(w io.Writer, rows []logRow) (int64, error) {
	cw := &countingWriter{w: w}
	bw := bufio.NewWriter(cw)
	for _, r := range rows {
		bw.WriteString(r.line())
		bw.WriteByte('\n')
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

// logLines counts lines for the toolbar: "1 line", "5000 lines".
func logLines(n int) string {
	if n == 1 {
		return i18n.T("views.log.lines.single")
	}
	return i18n.T("views.log.lines", map[string]int{"N": n})
}
