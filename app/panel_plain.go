package app

import (
	"strings"

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
		try = "Type a message in the box under the transcript and press Enter: the server sends it straight back.\n\n" +
			"Then tick “No newline” and send again: your message and the reply lose their newline mark, " +
			"because the server answers the way it was spoken to."
	case "time":
		try = "Type a message in the box under the transcript and press Enter: the server puts its clock in front, " +
			"like [Mon Nov 23 06:53:48 2026] hello.\n\nWhose clock is it? Compare it with yours."
	case "rules":
		try = "The server answers by its teacher's rules: the first rule that matches your message replies. " +
			"With the example rules, send hello, time, say something, add 2 3, then anything else.\n\n" +
			"Can you guess the rules from the replies alone? That is what a protocol is."
	case "http":
		try = "Speak HTTP by hand, as a browser does: send GET / HTTP/1.1, then press Enter on an empty box " +
			"(an empty line ends the request). The server answers with a status line, headers, an empty line " +
			"and a web page, then hangs up.\n\nThen open the same address in a browser, as http://HOST:PORT/, " +
			"and compare the request it sent."
	default:
		try = "Type a message in the box under the transcript and press Enter; the replies appear in the transcript."
	}
	// The legend is monospaced like the transcript, whose marks it explains.
	legend := strings.Join([]string{
		"→ hello" + markNewline + "  you sent hello and a newline",
		"← hello" + markNewline + "  the server sent it back",
		"→ hello   no mark: no terminator was sent",
		"← hi" + markNUL + "    a zero byte ended it",
	}, "\n")
	return &plainPanel{content: container.NewVBox(
		&widget.Label{Text: "What to try", TextStyle: fyne.TextStyle{Bold: true}},
		&widget.Label{Text: try, Wrapping: fyne.TextWrapWord},
		&widget.Label{Text: "Reading the transcript", TextStyle: fyne.TextStyle{Bold: true}},
		&widget.Label{Text: legend, TextStyle: fyne.TextStyle{Monospace: true}, Truncation: fyne.TextTruncateEllipsis},
	)}
}

func (p *plainPanel) view() fyne.CanvasObject { return p.content }
func (p *plainPanel) received(string)         {}
func (p *plainPanel) setSession(int)          {}
