package app

// How the transcript's lists draw a row: the plain list's one line and the
// hex list's two.

import (
	"strings"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// transcriptShowRunes caps what one row renders: a 64 KiB message would
// otherwise be shaped in full just to be cut off by the ellipsis. Copy and
// Save still give the whole text.
const transcriptShowRunes = 400

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
