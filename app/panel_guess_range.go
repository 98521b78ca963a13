package app

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/socketlab/socketlab/app/i18n"
	"github.com/socketlab/socketlab/netcore"
	"github.com/socketlab/socketlab/netcore/demos"
)

// The guess panel's range: which numbers the student believes the server
// picks from. Nothing on the wire says it, so the student sets it (it is
// remembered), or it comes from a discovered server's announcement.

// Where the range is remembered.
const (
	prefGuessMin = "client.guess.min"
	prefGuessMax = "client.guess.max"
)

// guessButtonsMax is the widest range that gets a button per number. Up to
// 20 (1–20 is a common classroom range) the buttons fit in two rows of ten
// and a student can still see every number; beyond that they would take
// the screen and the game is about halving, which a student does by typing
// the middle number, as the lesson's Python player does with input(). A
// subset of buttons (every tenth) would hide most answers behind numbers
// that cannot be pressed, so a wide range gets the typed guess alone, with
// the hint saying what is left.
const guessButtonsMax = 20

// guessSetting is the guess demo's setting key, with its allowed range: the
// panel accepts what a guess server accepts, from the one description.
func guessSetting(key string) netcore.Setting {
	info, _ := demos.Lookup("guess")
	for _, s := range info.Settings {
		if s.Key == key {
			return s
		}
	}
	panic("app: the guess demo has no setting " + key)
}

// guessRange is the numbers a secret may be: lo to hi, both included.
type guessRange struct{ lo, hi int }

func (r guessRange) size() int { return r.hi - r.lo + 1 }

// words is r as a text's data: {{.Lo}} and {{.Hi}} (a caller may add more).
func (r guessRange) words() map[string]any { return map[string]any{"Lo": r.lo, "Hi": r.hi} }

// defaultGuessRange is the demo's own default (0 to 9).
func defaultGuessRange() guessRange {
	r, _ := parseGuessRange(guessSetting("min").Default, guessSetting("max").Default)
	return r
}

// parseGuessRange reads a typed range with the demo's own checks, so the
// errors say what the Server tab's form says, in the user's language.
func parseGuessRange(low, high string) (guessRange, error) {
	lo, err := guessSetting("min").Check(low)
	if err != nil {
		return guessRange{}, settingCheckError("guess", err)
	}
	hi, err := guessSetting("max").Check(high)
	if err != nil {
		return guessRange{}, settingCheckError("guess", err)
	}
	r := guessRange{}
	r.lo, _ = strconv.Atoi(lo)
	r.hi, _ = strconv.Atoi(hi)
	if r.lo > r.hi {
		return guessRange{}, errors.New(i18n.T("panels.guess.range.order"))
	}
	return r, nil
}

// buildRangeRow makes the "Numbers from [lo] to [hi]" row.
func (p *guessPanel) buildRangeRow() fyne.CanvasObject {
	check := func(which string) func(string) error {
		return func(text string) error {
			_, err := guessSetting(which).Check(text)
			return settingCheckError("guess", err)
		}
	}
	p.low = &widget.Entry{Validator: check("min"), OnChanged: func(string) { p.onRangeTyped() }}
	p.high = &widget.Entry{Validator: check("max"), OnChanged: func(string) { p.onRangeTyped() }}
	p.rangeNote = &widget.Label{Importance: widget.DangerImportance, Wrapping: fyne.TextWrapWord}
	p.rangeNote.Hide()
	to := &widget.Label{Text: i18n.T("panels.guess.range.to")}
	return container.NewVBox(
		container.NewBorder(nil, nil, &widget.Label{Text: i18n.T("panels.guess.range.from")}, nil,
			container.NewGridWithColumns(2, container.NewBorder(nil, nil, nil, to, p.low), p.high)),
		p.rangeNote,
	)
}

// onRangeTyped applies a typed range as soon as it is a valid one; until
// then the note says what is wrong and the panel keeps the last good range.
func (p *guessPanel) onRangeTyped() {
	if p.settingRange {
		return
	}
	r, err := parseGuessRange(p.low.Text, p.high.Text)
	if err != nil {
		p.rangeNote.SetText(err.Error())
		p.rangeNote.Show()
		return
	}
	p.rangeNote.Hide()
	p.applyRange(r)
}

// setRange shows r in the entries and applies it: a remembered range, or a
// discovered server's.
func (p *guessPanel) setRange(r guessRange) {
	p.settingRange = true
	p.low.SetText(strconv.Itoa(r.lo))
	p.high.SetText(strconv.Itoa(r.hi))
	p.settingRange = false
	p.rangeNote.Hide()
	p.applyRange(r)
}

// applyRange makes the buttons, the typed guess's hint and the texts follow
// r, and remembers it.
func (p *guessPanel) applyRange(r guessRange) {
	if p.prefs != nil {
		p.prefs.SetString(prefGuessMin, strconv.Itoa(r.lo))
		p.prefs.SetString(prefGuessMax, strconv.Itoa(r.hi))
	}
	p.other.SetPlaceHolder(i18n.T("panels.guess.other.placeholder", r.words()))
	if r == p.rng && p.built {
		return
	}
	p.rng, p.left, p.built = r, r, true
	p.numbers = nil
	if r.size() > guessButtonsMax {
		p.other.SetPlaceHolder(i18n.T("panels.guess.other.placeholder.only", r.words()))
		p.keys.Objects = nil
		p.keys.Hide()
	} else {
		cols := 5
		if r.size() > 10 {
			cols = 10 // 1–20 in two rows, not four: the history keeps its room
		}
		var keys []fyne.CanvasObject
		for n := r.lo; n <= r.hi; n++ {
			text := strconv.Itoa(n)
			b := &widget.Button{Text: text, OnTapped: func() { p.guess(text) }}
			setEnabled(p.online, b)
			p.numbers = append(p.numbers, b)
			// 40 rather than the old 48: the range row above takes room,
			// and the history below should still show a few guesses.
			keys = append(keys, tallObject(b, 40))
		}
		p.keys.Objects = []fyne.CanvasObject{container.NewGridWithColumns(cols, keys...)}
		p.keys.Show()
	}
	p.keys.Refresh()
	if p.online {
		p.explain.SetText(p.startHint())
	}
	if p.rangeChanged != nil {
		p.rangeChanged()
	}
}

// startHint is what the panel says when a game starts.
func (p *guessPanel) startHint() string {
	return sentences(i18n.T("panels.guess.start", p.rng.words()), p.how())
}

// how says how to guess with the panel as it is.
func (p *guessPanel) how() string {
	if len(p.numbers) == 0 {
		return i18n.T("panels.guess.how.type")
	}
	return i18n.T("panels.guess.how.press")
}

// settings are the guess demo's settings as the panel plays them: the
// Client tab describes the demo with them.
func (p *guessPanel) settings() map[string]string {
	return map[string]string{"min": strconv.Itoa(p.rng.lo), "max": strconv.Itoa(p.rng.hi)}
}

// takeSettings uses an announced server's range. A beacon is anyone's
// text: a range that is not a valid one is ignored and the panel keeps its
// own.
func (p *guessPanel) takeSettings(s map[string]string) {
	low, okLow := s["min"]
	high, okHigh := s["max"]
	if !okLow || !okHigh {
		return
	}
	if r, err := parseGuessRange(low, high); err == nil {
		p.setRange(r)
	}
}

// serverGuessRange reads the range out of the guess server's answer to a
// guess that is not a number ("please send a whole number from 1 to 20").
func serverGuessRange(reply string) (guessRange, bool) {
	var lo, hi int
	if n, err := fmt.Sscanf(reply, demos.GuessPleaseFormat, &lo, &hi); err != nil || n != 2 ||
		fmt.Sprintf(demos.GuessPleaseFormat, lo, hi) != reply {
		return guessRange{}, false
	}
	r, err := parseGuessRange(strconv.Itoa(lo), strconv.Itoa(hi))
	return r, err == nil
}

// restoreRange shows the remembered range, or the demo's default.
func (p *guessPanel) restoreRange() {
	r := defaultGuessRange()
	if p.prefs != nil {
		low := p.prefs.StringWithFallback(prefGuessMin, strconv.Itoa(r.lo))
		high := p.prefs.StringWithFallback(prefGuessMax, strconv.Itoa(r.hi))
		if saved, err := parseGuessRange(low, high); err == nil {
			r = saved
		}
	}
	p.setRange(r)
}

// narrow notes what a verdict on guess g tells about the secret, and says
// what is left: "The secret is bigger than 50: from 51 to 100."
func (p *guessPanel) narrow(g string, bigger bool) string {
	verdict := map[string]string{"Guess": g}
	text := i18n.T("panels.guess.smaller", verdict)
	if bigger {
		text = i18n.T("panels.guess.bigger", verdict)
	}
	n, err := strconv.Atoi(strings.TrimSpace(g))
	if err != nil {
		return text
	}
	if bigger && n+1 > p.left.lo {
		p.left.lo = n + 1
	}
	if !bigger && n-1 < p.left.hi {
		p.left.hi = n - 1
	}
	switch {
	case p.left.lo > p.left.hi:
		return sentences(text, i18n.T("panels.guess.left.none", p.rng.words()))
	case p.left.lo == p.left.hi:
		return sentences(text, i18n.T("panels.guess.left.one", map[string]int{"N": p.left.lo}))
	}
	return sentences(text, i18n.T("panels.guess.left.range", p.left.words()))
}
