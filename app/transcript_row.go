package app

// One transcript row: what it holds, and how it reads as text (with its
// terminator marked) and as hex. transcript.go keeps the rows,
// transcript_item.go draws them.

import (
	"strings"
	"time"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"github.com/socketlab/socketlab/netcore"

	"github.com/socketlab/socketlab/app/i18n"
)

// The hex view shows a message of up to hexWhole bytes whole; a longer one
// as its first hexHead and last hexTail bytes, because the terminator at the
// end is what the view is for and a row cut at the window's edge would hide
// it. hexWhole bytes fit the transcript at the window's default size.
const (
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

// hiddenText stands for a hidden message (a password, netcore's Hidden
// events, received or sent with SendHidden): always the same dots, so not
// even its length shows.
func hiddenText() string { return i18n.T("views.transcript.hidden") }

// messageRow makes the row for a sent or received message event: netcore
// gives the text without its terminator and the terminator as it was on the
// wire. A hidden event has neither text nor bytes for the hex view.
func messageRow(kind rowKind, e netcore.Event) transcriptRow {
	r := transcriptRow{at: e.Time, kind: kind, text: e.Text, ending: termMark(e.Term), wire: string(e.Wire())}
	if e.Hidden {
		r.text, r.wire = hiddenText(), ""
	}
	return r
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

// visibleText shows control characters as C escapes (\t, \r, \x01), and
// bidi overrides, zero-width characters and invalid UTF-8 as netcore.Escape
// does (\u202e, \xff), so what is on the wire is what you see and a stray
// "\r" or a reversed run cannot garble a row.
func visibleText(s string) string {
	if !netcore.HasHidden(s) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch r {
		case '\t':
			b.WriteString(`\t`)
		case '\r':
			b.WriteString(markCR)
		case '\n':
			b.WriteString(`\n`)
		case 0:
			b.WriteString(markNUL)
		default:
			b.WriteString(netcore.Escape(s[i : i+size]))
		}
		i += size
	}
	return b.String()
}
