package app

import (
	"strings"

	"github.com/socketlab/socketlab/app/i18n"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
)

// plainPanel is for demos where the transcript is the whole story (echo,
// time): it says what to try with the message box.
type plainPanel struct {
	content fyne.CanvasObject
}

func newPlainPanel(name string) *plainPanel {
	var try string
	switch name {
	case "echo":
		try = i18n.T("client.plain.echo")
	case "time":
		try = i18n.T("client.plain.time")
	case "rules":
		try = i18n.T("client.plain.rules")
	case "http":
		try = i18n.T("client.plain.http")
	default:
		try = i18n.T("client.plain.other")
	}
	// The legend is monospaced like the transcript, whose marks it explains.
	legend := strings.Join([]string{
		"→ hello" + markNewline + "  " + i18n.T("client.plain.legend.sent"),
		"← hello" + markNewline + "  " + i18n.T("client.plain.legend.echoed"),
		"→ hello   " + i18n.T("client.plain.legend.noterm"),
		"← hi" + markNUL + "    " + i18n.T("client.plain.legend.nul"),
	}, "\n")
	return &plainPanel{content: container.NewVBox(
		&widget.Label{Text: i18n.T("client.plain.try"), TextStyle: fyne.TextStyle{Bold: true}},
		&widget.Label{Text: try, Wrapping: fyne.TextWrapWord},
		&widget.Label{Text: i18n.T("client.plain.reading"), TextStyle: fyne.TextStyle{Bold: true}},
		&widget.Label{Text: legend, TextStyle: fyne.TextStyle{Monospace: true}, Truncation: fyne.TextTruncateEllipsis},
	)}
}

func (p *plainPanel) view() fyne.CanvasObject { return p.content }
func (p *plainPanel) received(string)         {}
func (p *plainPanel) setSession(int)          {}
