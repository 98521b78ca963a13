package app

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/socketlab/socketlab/app/i18n"
	"github.com/socketlab/socketlab/netcore/demos"
)

// rpsPanel plays rock, paper, scissors with three big buttons, against the
// server (rps) or against a classmate the server pairs us with (duel).
type rpsPanel struct {
	send func(string)
	duel bool
	who  *liveLabel // duel: who we play against, or that we wait
	live bool

	moves  []*widget.Button
	result *liveLabel // the verdict without the score; "Connect to play" offline
	score  *widget.Label
	// scoreFormat is the running score the server appends to every
	// verdict: demos.RPSScoreFormat, or DuelScoreFormat in the duel.
	scoreFormat string
	history     *replyList
	content     fyne.CanvasObject

	you, server int
	session     int
}

func init() {
	registerPanel("rps", func(e panelEnv) demoPanel { return newRPSPanel(e.send, false) })
	registerPanel("duel", func(e panelEnv) demoPanel { return newRPSPanel(e.send, true) })
}

func newRPSPanel(send func(string), duel bool) *rpsPanel {
	p := &rpsPanel{send: send, duel: duel, scoreFormat: demos.RPSScoreFormat, history: newReplyList(panelHistoryMax, newestOnTop, false)}
	p.who = &liveLabel{
		Label:   &widget.Label{Alignment: fyne.TextAlignCenter, Wrapping: fyne.TextWrapWord, TextStyle: fyne.TextStyle{Bold: true}},
		offline: i18n.T("panels.duel.offline"),
	}
	p.who.Hide()
	if duel {
		p.scoreFormat = demos.DuelScoreFormat
		p.who.show(p.live)
		p.who.Show()
	}
	var cells []fyne.CanvasObject
	// The buttons are worded in the student's language; what they send is
	// the wire's word (the transcript shows it).
	moves := []struct{ wire, label string }{
		{demos.Rock, i18n.T("panels.rps.rock")},
		{demos.Paper, i18n.T("panels.rps.paper")},
		{demos.Scissors, i18n.T("panels.rps.scissors")},
	}
	for _, move := range moves {
		b := &widget.Button{
			Text:       move.label,
			Importance: widget.HighImportance,
			OnTapped:   func() { p.send(move.wire) },
		}
		p.moves = append(p.moves, b)
		cells = append(cells, tallObject(b, 72))
	}
	p.result = &liveLabel{Label: newBigLabel(connectToPlay()), offline: connectToPlay(), text: i18n.T("panels.rps.pick")}
	p.score = &widget.Label{Alignment: fyne.TextAlignCenter, TextStyle: fyne.TextStyle{Bold: true}, SizeName: theme.SizeNameSubHeadingText}
	p.updateScore()

	top := container.NewVBox(
		p.who.Label,
		container.NewGridWithColumns(3, cells...),
		p.result.Label,
		p.score,
		&widget.Label{Text: i18n.T("panels.rps.history"), TextStyle: fyne.TextStyle{Bold: true}},
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
	if text == demos.PleaseSendMove {
		imp = widget.DangerImportance // the server did not understand the move
	}
	if v, you, them, ok := splitScore(text, p.scoreFormat); ok {
		p.you, p.server, verdict = you, them, v
		switch {
		case strings.HasPrefix(verdict, demos.YouWin):
			imp = widget.SuccessImportance
		case strings.HasPrefix(verdict, demos.YouLose):
			imp = widget.DangerImportance
		default:
			imp = widget.MediumImportance
		}
	}
	p.setResult(verdict, imp)
	p.history.add(text, imp)
	p.updateScore()
}

// splitScore splits "you win: rock beats scissors (you 1, server 0)" into
// the verdict and the score, read with the format the server wrote it with.
func splitScore(text, format string) (verdict string, you, them int, ok bool) {
	i := strings.LastIndex(text, formatPrefix(format))
	if i < 0 {
		return "", 0, 0, false
	}
	if _, err := fmt.Sscanf(text[i:], format, &you, &them); err != nil {
		return "", 0, 0, false
	}
	return text[:i], you, them, true
}

// pairing handles the duel's news about opponents and reports whether text
// was such news. Those lines are not rounds, so they stay out of the
// history.
func (p *rpsPanel) pairing(text string) bool {
	switch {
	case text == demos.WaitingForOpponent, text == demos.StillWaiting:
		// The server says "waiting" right after "your opponent left";
		// the news that they left says more.
		if p.who.text != opponentLeftNews() {
			p.who.set(waitingForOpponent(), widget.WarningImportance, p.live)
		}
		p.setResult(i18n.T("panels.duel.waiting"), widget.MediumImportance)
	case strings.HasPrefix(text, demos.OpponentLeft):
		p.who.set(opponentLeftNews(), widget.WarningImportance, p.live)
		p.setResult(i18n.T("panels.duel.waiting"), widget.MediumImportance)
	case strings.HasPrefix(text, demos.Matched):
		// A new match keeps its own score on the server.
		opp, _, _ := strings.Cut(strings.TrimPrefix(text, demos.Matched), demos.DuelMatchedPrompt)
		p.you, p.server = 0, 0
		p.updateScore()
		p.who.set(i18n.T("panels.duel.playing", map[string]string{"Opponent": opp}), widget.SuccessImportance, p.live)
		p.setResult(i18n.T("panels.duel.matched"), widget.HighImportance)
	case strings.HasPrefix(text, demos.DuelChose):
		// "you chose rock: waiting for your opponent"
		p.setResult(strings.ToUpper(text[:1])+text[1:], widget.MediumImportance)
	default:
		return false
	}
	return true
}

func (p *rpsPanel) setResult(text string, imp widget.Importance) {
	p.result.set(text, imp, p.live)
}

// catchUp reads what came while another panel was shown, so a duel chosen
// after connecting still knows its opponent and score.
func (p *rpsPanel) catchUp(texts []string) {
	for _, t := range texts {
		p.received(t)
	}
}

// updateScore shows the connection's score; offline it shows where the
// next connection starts (0 : 0), not the score of one that is over.
func (p *rpsPanel) updateScore() {
	you, them := p.you, p.server
	if !p.live {
		you, them = 0, 0
	}
	score := map[string]int{"You": you, "Them": them}
	if p.duel {
		p.score.SetText(i18n.T("panels.duel.score", score))
		return
	}
	p.score.SetText(i18n.T("panels.rps.score", score))
}

func (p *rpsPanel) setSession(id int) {
	if id != 0 && id != p.session {
		// The server keeps score per connection.
		p.you, p.server = 0, 0
		p.result.set(i18n.T("panels.rps.pick"), widget.MediumImportance, false)
		if p.duel {
			p.history.clear()
			p.who.set(i18n.T("panels.duel.waiting_server"), widget.MediumImportance, p.live)
		}
	}
	p.live = id != 0
	if p.live {
		p.session = id
	}
	if p.duel {
		p.who.show(p.live)
	}
	// A verdict or a score of a connection that ended is not shown as if
	// it still stood (issue 13: they stayed after a disconnect); the same
	// connection shown again gets them back.
	p.result.show(p.live)
	p.updateScore()
	for _, b := range p.moves {
		setEnabled(id != 0, b)
	}
}
