package app

import (
	"image/color"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/socketlab/socketlab/app/i18n"
	"github.com/socketlab/socketlab/netcore/demos"
	"github.com/socketlab/socketlab/netcore/kalah"
)

// The replies of the mancala demo that carry numbers, recognised by the
// fixed parts of their formats in netcore/demos.
var (
	mancalaBoard       = kalah.BoardLine + " "
	mancalaWin         = formatPrefix(demos.MancalaWinFormat)  // "game over: you win "
	mancalaLose        = formatPrefix(demos.MancalaLoseFormat) // "game over: you lose "
	mancalaDraw        = formatPrefix(demos.MancalaDrawFormat) // "game over: draw "
	mancalaEmptyPitEnd = formatSuffix(demos.MancalaEmptyPit)   // " is empty: pick another"
)

const mancalaPits = 6

// mancalaPanel is a Kalah board you click. The server draws the board in
// plain text for people and adds a line for programs — "board" then your
// pits 1–6, your store, their pits 1–6, their store — which is what this
// panel reads; the drawing stays in the transcript.
type mancalaPanel struct {
	send func(string)

	yours      [mancalaPits]*widget.Button // your pits 1–6, left to right
	theirs     [mancalaPits]*widget.Button // their pits 1–6, drawn right to left
	yourStore  *widget.Button
	theirStore *widget.Button
	status     *liveLabel       // whose turn, or why nothing can be played
	outcome    *widget.RichText // how the last game ended, and the games won
	history    *replyList
	content    fyne.CanvasObject

	board     [2 * (mancalaPits + 1)]int // as on the "board" line
	known     bool                       // a board line has come
	myTurn    bool
	again     bool   // the last move earned another turn
	result    string // "Game over: you win 30 to 18 …", or "" before the first game ends
	resultImp widget.Importance
	score     string
	won       int
	lost      int
	drawn     int
	session   int  // the last connection seen
	live      bool // that connection is up and this panel is shown
}

func init() {
	registerPanel("mancala", func(e panelEnv) demoPanel { return newMancalaPanel(e.send) })
}

func newMancalaPanel(send func(string)) *mancalaPanel {
	p := &mancalaPanel{send: send, history: newReplyList(panelHistoryMax, newestOnTop, false)}
	// Pits are buttons even on the opponent's side, always disabled there,
	// so both rows look like one board.
	for i := range mancalaPits {
		pit := i + 1
		p.yours[i] = &widget.Button{OnTapped: func() { p.onPitTapped(pit) }}
		p.theirs[i] = &widget.Button{}
	}
	p.yourStore = &widget.Button{}
	p.theirStore = &widget.Button{}

	// Their row on top, read right to left (pit 6 first) as on a real board
	// where the opponent sits across; stores at the ends, yours on the right.
	var top, bottom, topNums, bottomNums []fyne.CanvasObject
	for i := mancalaPits - 1; i >= 0; i-- {
		top = append(top, tallObject(p.theirs[i], mancalaPitHeight))
		topNums = append(topNums, pitNumber(i+1))
	}
	for i := range mancalaPits {
		bottom = append(bottom, tallObject(p.yours[i], mancalaPitHeight))
		bottomNums = append(bottomNums, pitNumber(i+1))
	}
	store := func(b *widget.Button) fyne.CanvasObject {
		return container.NewStack(newSpacer(mancalaStoreWidth, 0), b)
	}
	caption := func(text string) fyne.CanvasObject {
		return container.NewStack(newSpacer(mancalaStoreWidth, 0), &widget.Label{
			Text: text, Alignment: fyne.TextAlignCenter, SizeName: theme.SizeNameCaptionText,
		})
	}
	pits := container.NewBorder(nil, nil, store(p.theirStore), store(p.yourStore),
		container.NewVBox(container.NewGridWithColumns(mancalaPits, top...), container.NewGridWithColumns(mancalaPits, bottom...)))
	board := container.NewVBox(
		container.NewBorder(nil, nil, caption(i18n.T("panels.mancala.their_store")), caption(""), container.NewGridWithColumns(mancalaPits, topNums...)),
		pits,
		container.NewBorder(nil, nil, caption(""), caption(i18n.T("panels.mancala.your_store")), container.NewGridWithColumns(mancalaPits, bottomNums...)),
	)

	p.status = &liveLabel{Label: newBigLabel(connectToPlay()), offline: connectToPlay()}
	// A size smaller than the other panels' answers: the board is what to
	// look at, and the status should stay on one line beside it.
	p.status.SizeName = theme.SizeNameSubHeadingText
	// The result and the games won share a line (wrapped when narrow), so
	// the panel is no taller after the first game than before it.
	p.outcome = &widget.RichText{Wrapping: fyne.TextWrapWord, Scroll: container.ScrollNone}
	p.updateScore()
	p.showBoard()

	head := container.NewVBox(
		newSteadyTheme(board, mancalaTheme{}),
		p.status.Label,
		p.outcome,
		&widget.Label{Text: i18n.T("panels.mancala.history"), TextStyle: fyne.TextStyle{Bold: true}},
	)
	p.content = container.NewBorder(head, nil, nil, nil, p.history.withRows(panelMinRows))
	return p
}

// Board sizes: pits are big targets; a store is wider than a pit label so
// "their store" fits under it (the translations of it are kept as short).
const (
	mancalaPitHeight  = 52
	mancalaStoreWidth = 80
)

func pitNumber(n int) fyne.CanvasObject {
	return &widget.Label{Text: strconv.Itoa(n), Alignment: fyne.TextAlignCenter, SizeName: theme.SizeNameCaptionText}
}

func (p *mancalaPanel) view() fyne.CanvasObject { return p.content }

func (p *mancalaPanel) onPitTapped(pit int) {
	if !p.playable(pit - 1) {
		return
	}
	// Until the server answers, a second click would only earn "not your
	// turn"; the next turn line enables the pits again.
	p.myTurn = false
	p.showBoard()
	p.status.set(i18n.T("panels.mancala.played", map[string]int{"Pit": pit}), widget.MediumImportance, p.live)
	p.send(strconv.Itoa(pit))
}

func (p *mancalaPanel) received(text string) {
	switch {
	case strings.HasPrefix(text, mancalaBoard):
		p.readBoard(text)
	case isBoardDrawing(text):
		// The plain-text board is for people reading the transcript.
	case text == demos.MancalaYourTurn:
		p.myTurn = true
		if p.again {
			p.again = false
			p.status.set(i18n.T("panels.mancala.again"), widget.SuccessImportance, p.live)
		} else {
			p.status.set(i18n.T("panels.mancala.your_turn"), widget.HighImportance, p.live)
		}
		p.showBoard()
	case text == demos.MancalaTheirTurn:
		p.myTurn, p.again = false, false
		p.status.set(i18n.T("panels.mancala.their_turn"), widget.MediumImportance, p.live)
		p.showBoard()
	case text == demos.MancalaAgain:
		p.again = true
		p.history.add(text, widget.SuccessImportance)
	case strings.HasPrefix(text, mancalaWin), strings.HasPrefix(text, mancalaLose), strings.HasPrefix(text, mancalaDraw):
		p.gameOver(text)
		p.history.add(text, p.resultImp)
	case text == demos.MancalaNewGame:
		p.history.add(text, widget.MediumImportance)
	case strings.HasPrefix(text, demos.Matched):
		p.resetBoard()
		p.status.set(i18n.T("panels.mancala.matched", map[string]string{"Opponent": strings.TrimPrefix(text, demos.Matched)}), widget.HighImportance, p.live)
		p.history.add(text, widget.HighImportance)
	case text == demos.WaitingForOpponent, text == demos.StillWaiting, strings.HasPrefix(text, demos.OpponentLeft):
		// Alone again: the server seats us for the next opponent.
		p.resetBoard()
		switch {
		case strings.HasPrefix(text, demos.OpponentLeft):
			p.status.set(opponentLeftNews(), widget.WarningImportance, p.live)
		case p.status.text != opponentLeftNews():
			// The server says "waiting" right after "your opponent left";
			// the news that they left says more.
			p.status.set(waitingForOpponent(), widget.WarningImportance, p.live)
		}
		p.history.add(text, widget.WarningImportance)
	case text == demos.MancalaNotYours, strings.HasSuffix(text, mancalaEmptyPitEnd):
		p.status.set(text, widget.WarningImportance, p.live)
		p.history.add(text, widget.WarningImportance)
	default:
		p.status.set(text, widget.DangerImportance, p.live) // e.g. "please send a pit number from 1 to 6"
		p.history.add(text, widget.DangerImportance)
	}
}

// isBoardDrawing tells the plain-text board's lines: indented, or a row
// of "[ n]" cells.
func isBoardDrawing(text string) bool {
	return strings.HasPrefix(text, " ") || strings.HasPrefix(text, "[")
}

// readBoard reads "board" then your pits 1–6 and store, then theirs.
func (p *mancalaPanel) readBoard(text string) {
	f := strings.Fields(text)
	if len(f) != 1+len(p.board) {
		return
	}
	var b [2 * (mancalaPits + 1)]int
	for i := range b {
		n, err := strconv.Atoi(f[i+1])
		if err != nil || n < 0 {
			return
		}
		b[i] = n
	}
	p.board, p.known = b, true
	p.showBoard()
}

// gameOver counts the game the reply ends ("game over: you win 30 to 18").
func (p *mancalaPanel) gameOver(text string) {
	imp := widget.WarningImportance
	switch {
	case strings.HasPrefix(text, mancalaWin):
		p.won++
		imp = widget.SuccessImportance
	case strings.HasPrefix(text, mancalaLose):
		p.lost++
		imp = widget.DangerImportance
	default:
		p.drawn++
	}
	p.myTurn, p.again = false, false
	p.result, p.resultImp = strings.ToUpper(text[:1])+text[1:], imp
	p.updateScore()
}

func (p *mancalaPanel) updateScore() {
	p.score = i18n.T("panels.mancala.score", map[string]int{"Won": p.won, "Lost": p.lost, "Drawn": p.drawn})
	var segs []widget.RichTextSegment
	if p.result != "" && p.live { // a game over of a connection that ended is not news
		segs = append(segs, &widget.TextSegment{Text: p.result + "    ", Style: widget.RichTextStyle{
			Alignment: fyne.TextAlignCenter,
			ColorName: importanceColor(p.resultImp),
			Inline:    true,
			TextStyle: fyne.TextStyle{Bold: true},
		}})
	}
	segs = append(segs, &widget.TextSegment{Text: p.score, Style: widget.RichTextStyle{Alignment: fyne.TextAlignCenter, Inline: true}})
	p.outcome.Segments = segs
	p.outcome.Refresh()
}

// importanceColor is the text colour a label of that importance has.
func importanceColor(imp widget.Importance) fyne.ThemeColorName {
	switch imp {
	case widget.SuccessImportance:
		return theme.ColorNameSuccess
	case widget.DangerImportance:
		return theme.ColorNameError
	case widget.WarningImportance:
		return theme.ColorNameWarning
	}
	return theme.ColorNameForeground
}

// resetBoard forgets the board until the server sends the next one.
func (p *mancalaPanel) resetBoard() {
	p.known, p.myTurn, p.again = false, false, false
	p.showBoard()
}

// playable reports whether your pit i (0–5) may be clicked now.
func (p *mancalaPanel) playable(i int) bool {
	return p.live && p.known && p.myTurn && p.board[i] > 0
}

// showBoard puts the counts on the pits and enables the ones you may play.
func (p *mancalaPanel) showBoard() {
	count := func(n int) string {
		if !p.known {
			return "–"
		}
		return strconv.Itoa(n)
	}
	for i := range mancalaPits {
		b := p.yours[i]
		b.Text = count(p.board[i])
		on := p.playable(i)
		b.Importance = widget.MediumImportance
		if on {
			b.Importance = widget.HighImportance
		}
		setEnabled(on, b)
		b.Refresh()
		t := p.theirs[i]
		t.Text = count(p.board[mancalaPits+1+i])
		t.Disable()
		t.Refresh()
	}
	p.yourStore.Text = count(p.board[mancalaPits])
	p.theirStore.Text = count(p.board[2*mancalaPits+1])
	for _, s := range []*widget.Button{p.yourStore, p.theirStore} {
		s.Disable()
		s.Refresh()
	}
}

func (p *mancalaPanel) setSession(id int) {
	if id != 0 && id != p.session {
		// A new connection is a new seat in the lobby: new opponent, new
		// games.
		p.won, p.lost, p.drawn = 0, 0, 0
		p.result = ""
		p.updateScore()
		p.history.clear()
		p.resetBoard()
		p.status.set(i18n.T("panels.mancala.waiting_server"), widget.MediumImportance, p.live)
	}
	p.live = id != 0
	if p.live {
		p.session = id
	}
	p.status.show(p.live)
	p.updateScore()
	p.showBoard()
}

// catchUp reads what came while another panel was shown: the last board
// and turn are all it needs.
func (p *mancalaPanel) catchUp(texts []string) {
	for _, t := range texts {
		p.received(t)
	}
}

// mancalaTheme makes the board's numbers big, and the numbers on disabled
// pits dark enough to read: the default disabled text is too faint for
// counts a player has to read on every turn.
type mancalaTheme struct{}

var (
	boardTextLight = color.NRGBA{R: 0x33, G: 0x33, B: 0x33, A: 0xff}
	boardTextDark  = color.NRGBA{R: 0xdd, G: 0xdd, B: 0xdd, A: 0xff}
)

func (mancalaTheme) base() fyne.Theme { return fyne.CurrentApp().Settings().Theme() }

func (t mancalaTheme) Color(n fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	if n == theme.ColorNameDisabled {
		if v == theme.VariantLight {
			return boardTextLight
		}
		return boardTextDark
	}
	return t.base().Color(n, v)
}

func (t mancalaTheme) Font(s fyne.TextStyle) fyne.Resource     { return t.base().Font(s) }
func (t mancalaTheme) Icon(n fyne.ThemeIconName) fyne.Resource { return t.base().Icon(n) }
func (t mancalaTheme) Size(n fyne.ThemeSizeName) float32 {
	if n == theme.SizeNameText {
		return t.base().Size(theme.SizeNameSubHeadingText)
	}
	return t.base().Size(n)
}
