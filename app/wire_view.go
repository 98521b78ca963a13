package app

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/socketlab/socketlab/netcore"
	"github.com/socketlab/socketlab/netcore/tlslab"

	"github.com/socketlab/socketlab/app/i18n"
)

// The "TLS records" toggle of the hex views (issue #17): beside the
// messages the demo saw, the bytes as they crossed the socket, read from a
// netcore wire tap under the TLS layer. Over TLS the class sees a
// handshake and then "application data (encrypted)" records whose bytes
// say nothing; over a plain connection, the messages themselves.

const (
	// wireRefreshEvery is how often an open view asks its tap for news.
	wireRefreshEvery = 500 * time.Millisecond
	// wireRowsShown bounds the rows: the latest reads and writes, enough
	// for a handshake and a good many messages after it.
	wireRowsShown = 400
	// wireHexBytes is how many bytes of each read or write are dumped.
	wireHexBytes = 24
)

// wireSource is where a view reads the bytes: the records, and whose they
// are ("client #3", "this connection"). No records and a note: nothing to
// show, and why.
type wireSource func() (records []netcore.WireRecord, whose, note string)

// wireRow is one read or write as the view shows it.
type wireRow struct {
	head string // time, direction, size, the records in it
	hex  string
}

// wireView is the toggle and the panel it shows. UI goroutine only.
type wireView struct {
	check   *widget.Check
	title   *widget.Label
	note    *widget.Label
	list    *widget.List
	content fyne.CanvasObject

	source wireSource
	rows   []wireRow
	last   int // how many records the rows were made from, to skip a refresh that brings nothing
}

// newWireView makes the toggle and its (hidden) panel, refreshed by pump
// while shown.
func newWireView(pump *uiPump) *wireView {
	v := &wireView{}
	v.check = &widget.Check{Text: i18n.T("views.wire.toggle"), OnChanged: v.setShown}
	v.title = &widget.Label{Text: i18n.T("views.wire.title"), TextStyle: fyne.TextStyle{Bold: true}, Truncation: fyne.TextTruncateEllipsis}
	v.note = &widget.Label{Wrapping: fyne.TextWrapWord, TextStyle: fyne.TextStyle{Italic: true}}
	v.list = &widget.List{
		Length: func() int { return len(v.rows) },
		CreateItem: func() fyne.CanvasObject {
			return container.NewVBox(
				&widget.Label{Truncation: fyne.TextTruncateEllipsis},
				&widget.Label{TextStyle: fyne.TextStyle{Monospace: true}, Truncation: fyne.TextTruncateEllipsis})
		},
		UpdateItem: func(id widget.ListItemID, o fyne.CanvasObject) {
			if id >= len(v.rows) {
				return
			}
			labels := o.(*fyne.Container).Objects
			labels[0].(*widget.Label).SetText(v.rows[id].head)
			labels[1].(*widget.Label).SetText(v.rows[id].hex)
		},
	}
	v.content = container.NewBorder(container.NewVBox(v.title, v.note), nil, nil, nil, v.list)
	v.content.Hide()
	pump.register(v.refresh, wireRefreshEvery)
	return v
}

// setSource points the view at other bytes (a new connection, another
// client) and shows them at once when open.
func (v *wireView) setSource(s wireSource) {
	v.source = s
	v.last = -1
	v.refresh()
}

func (v *wireView) setShown(on bool) {
	if on {
		v.content.Show()
		v.last = -1
		v.refresh()
	} else {
		v.content.Hide()
	}
}

// refresh reads the tap again while the view is shown.
func (v *wireView) refresh() {
	if !v.content.Visible() {
		return
	}
	var recs []netcore.WireRecord
	whose, note := "", i18n.T("views.wire.nothing")
	if v.source != nil {
		recs, whose, note = v.source()
	}
	v.title.SetText(wireTitle(whose))
	if note != "" {
		v.note.SetText(note)
		v.note.Show()
	} else {
		v.note.Hide()
	}
	if len(recs) == v.last {
		return
	}
	v.last = len(recs)
	v.rows = wireRows(recs)
	v.list.Refresh()
	if len(v.rows) > 0 {
		v.list.ScrollToBottom()
	}
}

func wireTitle(whose string) string {
	if whose == "" {
		return i18n.T("views.wire.title")
	}
	return i18n.T("views.wire.title.whose", map[string]string{"Whose": whose})
}

// wireRows describes records, each direction read as a stream of TLS
// records, keeping the latest wireRowsShown.
func wireRows(recs []netcore.WireRecord) []wireRow {
	var readers [2]tlslab.RecordReader
	rows := make([]wireRow, 0, min(len(recs), wireRowsShown))
	for _, r := range recs {
		// Words, not arrows: the proportional font has no arrows of its
		// own (see markNewline).
		data := map[string]any{"Time": r.Time.Format("15:04:05.000"), "N": len(r.Bytes), "What": readers[r.Dir].Describe(r.Bytes)}
		head := i18n.T("views.wire.row.in", data)
		if r.Dir == netcore.WireOut {
			head = i18n.T("views.wire.row.out", data)
		}
		rows = append(rows, wireRow{
			head: head,
			hex:  netcore.HexDump(r.Bytes, wireHexBytes),
		})
	}
	if len(rows) > wireRowsShown {
		rows = rows[len(rows)-wireRowsShown:]
	}
	return rows
}
