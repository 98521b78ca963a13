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

// Replies of the duel demo about pairing, exactly as sent
// (netcore/demo_duel.go); the verdicts are as in rps.
const (
	duelWaiting      = "waiting for an opponent"
	duelStillWaiting = "still waiting for an opponent"
	duelMatched      = "matched with "
	duelChose        = "you chose "
	duelLeft         = "your opponent left"
	duelLeftNews     = "Your opponent left: waiting for a new one"
)

// rpsPanel plays rock, paper, scissors with three big buttons, against the
// server (rps) or against a classmate the server pairs us with (duel).
type rpsPanel struct {
	send     func(string)
	duel     bool
	opponent string     // "Server" or "Opponent", for the score line
	who      *liveLabel // duel: who we play against, or that we wait
	live     bool

	moves   []*widget.Button
	result  *widget.Label // the verdict without the score
	score   *widget.Label
	history *replyList
	content fyne.CanvasObject

	you, server int
	session     int
}

func init() {
	registerPanel("rps", func(e panelEnv) demoPanel { return newRPSPanel(e.send, false) })
	registerPanel("duel", func(e panelEnv) demoPanel { return newRPSPanel(e.send, true) })
}

func newRPSPanel(send func(string), duel bool) *rpsPanel {
	p := &rpsPanel{send: send, duel: duel, opponent: "Server", history: newReplyList(panelHistoryMax, newestOnTop, false)}
	p.who = &liveLabel{
		Label:   &widget.Label{Alignment: fyne.TextAlignCenter, Wrapping: fyne.TextWrapWord, TextStyle: fyne.TextStyle{Bold: true}},
		offline: "Connect, and the server pairs you with a classmate",
	}
	p.who.Hide()
	if duel {
		p.opponent = "Opponent"
		p.who.show(p.live)
		p.who.Show()
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
		p.who.Label,
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
	if p.duel && p.pairing(text) {
		return
	}
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

// pairing handles the duel's news about opponents and reports whether text
// was such news. Those lines are not rounds, so they stay out of the
// history.
func (p *rpsPanel) pairing(text string) bool {
	switch {
	case text == duelWaiting, text == duelStillWaiting:
		// The server says "waiting" right after "your opponent left";
		// the news that they left says more.
		if p.who.text != duelLeftNews {
			p.who.set("Waiting for an opponent to connect…", widget.WarningImportance, p.live)
		}
		p.setResult("Waiting for an opponent", widget.MediumImportance)
	case strings.HasPrefix(text, duelLeft):
		p.who.set(duelLeftNews, widget.WarningImportance, p.live)
		p.setResult("Waiting for an opponent", widget.MediumImportance)
	case strings.HasPrefix(text, duelMatched):
		// A new match keeps its own score on the server.
		opp, _, _ := strings.Cut(strings.TrimPrefix(text, duelMatched), ": ")
		p.you, p.server = 0, 0
		p.updateScore()
		p.who.set("Playing against "+opp, widget.SuccessImportance, p.live)
		p.setResult("Matched: pick a move", widget.HighImportance)
	case strings.HasPrefix(text, duelChose):
		// "you chose rock: waiting for your opponent"
		p.setResult(strings.ToUpper(text[:1])+text[1:], widget.MediumImportance)
	default:
		return false
	}
	return true
}

func (p *rpsPanel) setResult(text string, imp widget.Importance) {
	p.result.Importance = imp
	p.result.SetText(text)
}

// catchUp reads what came while another panel was shown, so a duel chosen
// after connecting still knows its opponent and score.
func (p *rpsPanel) catchUp(texts []string) {
	for _, t := range texts {
		p.received(t)
	}
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
		if p.duel {
			p.history.clear()
			p.who.set("Waiting for the server to pair you…", widget.MediumImportance, p.live)
		}
	}
	p.live = id != 0
	if p.live {
		p.session = id
	}
	if p.duel {
		p.who.show(p.live)
	}
	for _, b := range p.moves {
		setEnabled(id != 0, b)
	}
}
