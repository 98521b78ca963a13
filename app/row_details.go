package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/socketlab/socketlab/app/i18n"
)

// rowDetailsMaxHeight caps the details line: a 2000-character message
// scrolls in it rather than pushing the list off the window.
const rowDetailsMaxHeight = 90

// rowDetails shows one row of a live list (the server log, the
// transcript) whole, under the list, with a button to copy it: the list
// cuts long rows with "…". It holds a copy of the row's text, so rows that
// arrive or go meanwhile do not change what it shows. UI goroutine only.
type rowDetails struct {
	content fyne.CanvasObject
	text    *widget.Label
	copy    *widget.Button
}

func newRowDetails() *rowDetails {
	d := &rowDetails{text: &widget.Label{Wrapping: fyne.TextWrapBreak, TextStyle: fyne.TextStyle{Monospace: true}, Selectable: true}}
	d.copy = &widget.Button{Text: i18n.T("views.details.copy"), Icon: theme.ContentCopyIcon(), OnTapped: func() {
		fyne.CurrentApp().Clipboard().SetContent(d.text.Text)
	}}
	closer := &widget.Button{Icon: theme.CancelIcon(), Importance: widget.LowImportance, OnTapped: d.hide}
	d.content = container.NewBorder(widget.NewSeparator(), nil, nil,
		container.NewVBox(container.NewHBox(d.copy, closer)),
		cappedHeight(d.text, rowDetailsMaxHeight))
	d.content.Hide()
	return d
}

// show puts text in the details line and shows it.
func (d *rowDetails) show(text string) {
	d.text.SetText(text)
	d.content.Show()
}

func (d *rowDetails) hide() { d.content.Hide() }
