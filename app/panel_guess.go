package app

import (
	"fmt"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/socketlab/socketlab/netcore/demos"
)

// guessPanel plays "guess the secret" with one button per number.
type guessPanel struct {
	send func(string)

	numbers     []*widget.Button
	other       *widget.Entry
	otherButton *widget.Button
	newGame     *widget.Button
	reply       *widget.Label // the server's last reply, exactly as sent
	explain     *widget.Label // what the reply means for the next guess
	counts      *widget.Label
	history     *replyList
	content     fyne.CanvasObject

	pending   []string // guesses waiting for their reply, oldest first
	tries     int      // replies this round
	found     int      // secrets found since New game
	roundOver bool     // the last reply was "found": the next guess starts a round
	session   int
}

func init() {
	registerPanel("guess", func(e panelEnv) demoPanel { return newGuessPanel(e.send) })
}

func newGuessPanel(send func(string)) *guessPanel {
	p := &guessPanel{send: send, history: newReplyList(panelHistoryMax, newestOnTop, true)}
	var keys []fyne.CanvasObject
	for n := 0; n <= 9; n++ {
		text := strconv.Itoa(n)
		b := &widget.Button{Text: text, OnTapped: func() { p.guess(text) }}
		p.numbers = append(p.numbers, b)
		keys = append(keys, tallObject(b, 48))
	}
	p.other = &widget.Entry{PlaceHolder: "or type a number", OnSubmitted: func(string) { p.onOtherSubmitted() }}
	p.otherButton = &widget.Button{Text: "Guess", OnTapped: p.onOtherSubmitted}
	p.newGame = &widget.Button{Text: "New game", Icon: theme.ViewRefreshIcon(), OnTapped: p.onNewGameTapped}
	p.reply = newBigLabel("?")
	p.explain = &widget.Label{Text: "Connect, then press a number.", Alignment: fyne.TextAlignCenter, Wrapping: fyne.TextWrapWord}
	p.counts = &widget.Label{}
	p.updateCounts()

	top := container.NewVBox(
		container.NewGridWithColumns(5, keys...),
		container.NewBorder(nil, nil, nil, p.otherButton, p.other),
		p.reply,
		p.explain,
		container.NewBorder(nil, nil, nil, p.newGame, p.counts),
		&widget.Label{Text: "Your guesses", TextStyle: fyne.TextStyle{Bold: true}},
	)
	p.content = container.NewBorder(top, nil, nil, nil, p.history.list)
	return p
}

func (p *guessPanel) view() fyne.CanvasObject { return p.content }

func (p *guessPanel) guess(text string) {
	if p.roundOver {
		p.tries, p.roundOver = 0, false
		p.updateCounts()
	}
	p.pending = append(p.pending, text)
	p.send(text)
}

func (p *guessPanel) onOtherSubmitted() {
	text := strings.TrimSpace(p.other.Text)
	if text == "" {
		return
	}
	p.other.SetText("")
	p.guess(text)
}

// onNewGameTapped resets the counters. The server keeps its secret until it
// is found, then picks a new one by itself, so nothing is sent.
func (p *guessPanel) onNewGameTapped() {
	p.tries, p.found, p.roundOver = 0, 0, false
	p.history.clear()
	p.reply.Importance = widget.MediumImportance
	p.reply.SetText("?")
	p.explain.SetText("Counters reset. Press a number.")
	p.updateCounts()
}

func (p *guessPanel) received(text string) {
	g := "?"
	if len(p.pending) > 0 {
		g, p.pending = p.pending[0], p.pending[1:]
	}
	imp := widget.MediumImportance
	switch text {
	case demos.TooLow:
		p.tries++
		p.explain.SetText("The secret is bigger than " + g + ".")
	case demos.TooHigh:
		p.tries++
		p.explain.SetText("The secret is smaller than " + g + ".")
	case demos.FoundSecret:
		p.tries++
		p.found++
		p.roundOver = true
		imp = widget.SuccessImportance
		p.explain.SetText(fmt.Sprintf("%s it was, found in %d %s. The server has picked a new secret: keep going!", g, p.tries, plural(p.tries, "try", "tries")))
	default:
		imp = widget.DangerImportance
		p.explain.SetText("The server did not understand " + strconv.Quote(g) + ".")
	}
	p.reply.Importance = imp
	p.reply.SetText(text)
	p.history.add(g+" → "+text, imp)
	p.updateCounts()
}

func (p *guessPanel) updateCounts() {
	p.counts.SetText(fmt.Sprintf("Tries this round: %d    Secrets found: %d", p.tries, p.found))
}

func (p *guessPanel) setSession(id int) {
	on := id != 0
	for _, b := range p.numbers {
		setEnabled(on, b)
	}
	setEnabled(on, p.other, p.otherButton)
	if on && id != p.session {
		// A new connection is a new game on the server.
		p.pending = nil
		p.tries, p.roundOver = 0, false
		p.reply.Importance = widget.MediumImportance
		p.reply.SetText("?")
		p.explain.SetText("The server has picked a secret from 0 to 9. Press a number.")
		p.updateCounts()
	}
	if on {
		p.session = id
	}
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
