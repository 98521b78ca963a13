package app

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// rpsScore finds the running score the server appends to every verdict:
// "you win: rock beats scissors (you 1, server 0)", or "(you 1, them 0)" in
// the two-player duel.
var rpsScore = regexp.MustCompile(`\(you (\d+), (?:server|them) (\d+)\)\s*$`)

// rpsPanel plays rock, paper, scissors with three big buttons, against the
// server (rps) or against a classmate the server pairs us with (duel).
type rpsPanel struct {
	send     func(string)
	opponent string // "Server" or "Opponent", for the score line

	moves   []*widget.Button
	result  *widget.Label // the verdict without the score
	score   *widget.Label
	history *replyList
	content fyne.CanvasObject

	you, server int
	session     int
}

func newRPSPanel(send func(string), duel bool) *rpsPanel {
	p := &rpsPanel{send: send, opponent: "Server", history: newReplyList(panelHistoryMax, newestOnTop, false)}
	if duel {
		p.opponent = "Opponent"
	}
	var cells []fyne.CanvasObject
	for _, move := range []string{"rock", "paper", "scissors"} {
		b := &widget.Button{
			Text:       strings.ToUpper(move[:1]) + move[1:],
			Importance: widget.HighImportance,
			OnTapped:   func() { p.send(move) },
		}
		p.moves = append(p.moves, b)
		cells = append(cells, tallObject(b, 72))
	}
	p.result = newBigLabel("Pick a move")
	p.score = &widget.Label{Alignment: fyne.TextAlignCenter, TextStyle: fyne.TextStyle{Bold: true}, SizeName: theme.SizeNameSubHeadingText}
	p.updateScore()

	top := container.NewVBox(
		container.NewGridWithColumns(3, cells...),
		p.result,
		p.score,
		&widget.Label{Text: "Rounds", TextStyle: fyne.TextStyle{Bold: true}},
	)
	p.content = container.NewBorder(top, nil, nil, nil, p.history.list)
	return p
}

func (p *rpsPanel) view() fyne.CanvasObject { return p.content }

func (p *rpsPanel) received(text string) {
	verdict, imp := text, widget.MediumImportance
	if strings.HasPrefix(text, "please") {
		imp = widget.DangerImportance // the server did not understand the move
	}
	if m := rpsScore.FindStringSubmatchIndex(text); m != nil {
		p.you, _ = strconv.Atoi(text[m[2]:m[3]])
		p.server, _ = strconv.Atoi(text[m[4]:m[5]])
		verdict = strings.TrimSpace(text[:m[0]])
		switch {
		case strings.HasPrefix(verdict, "you win"):
			imp = widget.SuccessImportance
		case strings.HasPrefix(verdict, "you lose"):
			imp = widget.DangerImportance
		default:
			imp = widget.MediumImportance
		}
	}
	p.result.Importance = imp
	p.result.SetText(verdict)
	p.history.add(text, imp)
	p.updateScore()
}

func (p *rpsPanel) updateScore() {
	p.score.SetText(fmt.Sprintf("You %d : %d %s", p.you, p.server, p.opponent))
}

func (p *rpsPanel) setSession(id int) {
	if id != 0 && id != p.session {
		// The server keeps score per connection.
		p.you, p.server = 0, 0
		p.result.Importance = widget.MediumImportance
		p.result.SetText("Pick a move")
		p.updateScore()
	}
	if id != 0 {
		p.session = id
	}
	for _, b := range p.moves {
		setEnabled(id != 0, b)
	}
}
