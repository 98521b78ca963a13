package app

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/socketlab/socketlab/app/i18n"
	"github.com/socketlab/socketlab/netcore/demos"
)

// Keypad labels that edit the expression rather than add to it.
const (
	calcClear     = "C"
	calcBackspace = "⌫"
	calcEquals    = "="
)

// calcKeypad is the keypad, row by row; the last row is laid out apart so
// that "=" can be twice as wide.
var calcKeypad = [][]string{
	{calcClear, calcBackspace, "(", ")"},
	{"**", "//", "%", "/"},
	{"7", "8", "9", "*"},
	{"4", "5", "6", "-"},
	{"1", "2", "3", "+"},
	{"0", ".", calcEquals},
}

// calcPanel sends arithmetic to the calculator server and lists results.
type calcPanel struct {
	send func(string)

	expr    *widget.Entry
	keys    map[string]*widget.Button
	last    *widget.Label
	results *replyList
	content fyne.CanvasObject

	pending []string // expressions waiting for their result, oldest first
	session int      // the last connection seen
	live    bool     // a connection is up
}

func init() {
	registerPanel("calc", func(e panelEnv) demoPanel { return newCalcPanel(e.send) })
}

func newCalcPanel(send func(string)) *calcPanel {
	p := &calcPanel{send: send, keys: map[string]*widget.Button{}, results: newReplyList(panelHistoryMax, newestOnTop, true)}
	p.expr = &widget.Entry{PlaceHolder: "2+3*4", OnSubmitted: func(string) { p.onEqualsTapped() }}
	p.last = newBigLabel(" ")

	var rows []fyne.CanvasObject
	for i, row := range calcKeypad {
		var cells []fyne.CanvasObject
		for _, key := range row {
			b := &widget.Button{Text: key, OnTapped: func() { p.onKeyTapped(key) }}
			switch key {
			case calcEquals:
				b.Importance = widget.HighImportance
			case calcClear, calcBackspace:
				b.Importance = widget.LowImportance
			}
			p.keys[key] = b
			cells = append(cells, b)
		}
		if i == len(calcKeypad)-1 {
			// "0" and "." share the left half, "=" takes the right half.
			rows = append(rows, container.NewGridWithColumns(2, container.NewGridWithColumns(2, cells[0], cells[1]), cells[2]))
			continue
		}
		rows = append(rows, container.NewGridWithColumns(4, cells...))
	}

	top := container.NewVBox(
		p.expr,
		container.NewVBox(rows...),
		p.last,
		&widget.Label{Text: i18n.T("panels.calc.results"), TextStyle: fyne.TextStyle{Bold: true}},
	)
	p.content = container.NewBorder(top, nil, nil, nil, p.results.withRows(panelMinRows))
	return p
}

func (p *calcPanel) view() fyne.CanvasObject { return p.content }

func (p *calcPanel) onKeyTapped(key string) {
	switch key {
	case calcClear:
		p.expr.SetText("")
	case calcBackspace:
		r := []rune(p.expr.Text)
		if len(r) > 0 {
			p.expr.SetText(string(r[:len(r)-1]))
		}
	case calcEquals:
		p.onEqualsTapped()
	default:
		p.expr.Append(key)
	}
}

func (p *calcPanel) onEqualsTapped() {
	text := strings.TrimSpace(p.expr.Text)
	if text == "" || !p.live {
		return
	}
	p.pending = append(p.pending, text)
	p.send(text)
	p.expr.SetText("")
}

// received lists a result as "2+3*4 = 14", or an error as
// "1/0 → error: division by zero".
func (p *calcPanel) received(text string) {
	expr := "?"
	if len(p.pending) > 0 {
		expr, p.pending = p.pending[0], p.pending[1:]
	}
	if strings.HasPrefix(text, demos.CalcErrorPrefix) {
		p.last.Importance = widget.DangerImportance
		p.last.SetText(text)
		p.results.add(expr+" → "+text, widget.DangerImportance)
		return
	}
	p.last.Importance = widget.MediumImportance
	p.last.SetText("= " + text)
	p.results.add(expr+" = "+text, widget.MediumImportance)
}

func (p *calcPanel) setSession(id int) {
	p.live = id != 0
	if p.live && id != p.session {
		p.session = id
		p.pending = nil
	}
	for _, b := range p.keys {
		setEnabled(p.live, b)
	}
}
