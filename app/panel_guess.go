package app

import (
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/socketlab/socketlab/app/i18n"
	"github.com/socketlab/socketlab/netcore/demos"
)

// guessPanel plays "guess the secret": a button per number of its range
// (a typed guess for a wide one, see guessButtonsMax).
type guessPanel struct {
	send  func(string)
	prefs fyne.Preferences // where the range is remembered; nil: nowhere
	// rangeChanged is called after the range changed, so the tab can
	// describe the demo with it.
	rangeChanged func()

	low, high    *widget.Entry // the range, as typed
	rangeNote    *widget.Label // why a typed range is not used
	settingRange bool          // the entries are being set, not typed in
	rng          guessRange    // the range in use
	left         guessRange    // what the verdicts of this round leave of rng
	built        bool          // the number buttons were made for rng

	keys        *fyne.Container // the number buttons, when the range is narrow
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
	online    bool // a connection is live: the buttons are enabled
}

func init() {
	registerPanel("guess", func(e panelEnv) demoPanel {
		p := newGuessPanel(e.send, e.prefs)
		p.rangeChanged = e.settingsChanged
		return p
	})
}

func newGuessPanel(send func(string), prefs fyne.Preferences) *guessPanel {
	p := &guessPanel{send: send, prefs: prefs, history: newReplyList(panelHistoryMax, newestOnTop, true)}
	p.keys = container.NewStack()
	p.other = &widget.Entry{OnSubmitted: func(string) { p.onOtherSubmitted() }}
	p.otherButton = &widget.Button{Text: i18n.T("panels.guess.guess"), OnTapped: p.onOtherSubmitted}
	p.newGame = &widget.Button{Text: i18n.T("panels.guess.new_game"), Icon: theme.ViewRefreshIcon(), OnTapped: p.onNewGameTapped}
	p.reply = newBigLabel("?")
	p.explain = &widget.Label{Text: i18n.T("panels.guess.offline"), Alignment: fyne.TextAlignCenter, Wrapping: fyne.TextWrapWord}
	p.counts = &widget.Label{}
	p.updateCounts()
	rangeRow := p.buildRangeRow()
	p.restoreRange()
	setEnabled(false, p.other, p.otherButton)

	top := container.NewVBox(
		rangeRow,
		p.keys,
		container.NewBorder(nil, nil, nil, p.otherButton, p.other),
		p.reply,
		p.explain,
		container.NewBorder(nil, nil, nil, p.newGame, p.counts),
		&widget.Label{Text: i18n.T("panels.guess.history"), TextStyle: fyne.TextStyle{Bold: true}},
	)
	p.content = container.NewBorder(top, nil, nil, nil, p.history.list)
	return p
}

func (p *guessPanel) view() fyne.CanvasObject { return p.content }

func (p *guessPanel) guess(text string) {
	if p.roundOver {
		p.tries, p.roundOver = 0, false
		p.left = p.rng
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
	p.left = p.rng
	p.history.clear()
	p.reply.Importance = widget.MediumImportance
	p.reply.SetText("?")
	p.explain.SetText(sentences(i18n.T("panels.guess.reset"), p.how()))
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
		p.explain.SetText(p.narrow(g, true))
	case demos.TooHigh:
		p.tries++
		p.explain.SetText(p.narrow(g, false))
	case demos.FoundSecret:
		p.tries++
		p.found++
		p.roundOver = true
		imp = widget.SuccessImportance
		found := map[string]any{"Guess": g, "N": p.tries}
		// Two keys rather than go-i18n's plural forms: for a count of one
		// or more, every language the app has needs only these two.
		if p.tries == 1 {
			p.explain.SetText(i18n.T("panels.guess.found.single", found))
		} else {
			p.explain.SetText(i18n.T("panels.guess.found.many", found))
		}
	default:
		imp = widget.DangerImportance
		// Quoted and escaped: the student sees exactly what was sent.
		p.explain.SetText(i18n.T("panels.guess.not_understood", map[string]string{"Guess": strconv.Quote(g)}))
		if r, ok := serverGuessRange(text); ok && r != p.rng {
			// Its answer names its range: the panel follows the server.
			p.setRange(r)
			data := r.words()
			data["Guess"] = strconv.Quote(g)
			p.explain.SetText(i18n.T("panels.guess.not_understood.range", data))
		}
	}
	p.reply.Importance = imp
	p.reply.SetText(text)
	p.history.add(g+" → "+text, imp)
	p.updateCounts()
}

func (p *guessPanel) updateCounts() {
	p.counts.SetText(i18n.T("panels.guess.counts", map[string]int{"Tries": p.tries, "Found": p.found}))
}

func (p *guessPanel) setSession(id int) {
	on := id != 0
	p.online = on
	for _, b := range p.numbers {
		setEnabled(on, b)
	}
	setEnabled(on, p.other, p.otherButton)
	if on && id != p.session {
		// A new connection is a new game on the server.
		p.pending = nil
		p.tries, p.roundOver = 0, false
		p.left = p.rng
		p.reply.Importance = widget.MediumImportance
		p.reply.SetText("?")
		p.explain.SetText(p.startHint())
		p.updateCounts()
	}
	if on {
		p.session = id
	}
}

// sentences puts two sentences one after the other as the language does
// (a space in most, none in Chinese).
func sentences(first, then string) string {
	return i18n.T("panels.guess.sentences", map[string]string{"First": first, "Then": then})
}
