package netcore

import (
	"fmt"
	"strconv"
	"strings"
)

func init() {
	register(DemoInfo{
		Name:        "guess",
		Title:       "Guess the secret",
		Description: "The server thinks of a number from 0 to 9. Send a guess; it answers too low, too high or found the secret, then starts a new round.",
		ClassicPort: 11267,
	}, func(o Options) Demo {
		lo, hi := o.GuessMin, o.GuessMax
		if hi < lo {
			lo, hi = hi, lo
		}
		return guessDemo{o: o, lo: lo, hi: hi}
	})
}

type guessDemo struct {
	o      Options
	lo, hi int
}

func (guessDemo) Info() DemoInfo { info, _ := LookupDemo("guess"); return info }

func (d guessDemo) Open(p Peer) Session {
	s := &guessSession{d: d, p: p}
	s.newSecret()
	return s
}

// guessSession keeps one secret per connection, so classmates sharing a
// server each play their own game.
type guessSession struct {
	d      guessDemo
	p      Peer
	secret int
}

func (s *guessSession) newSecret() { s.secret = s.d.lo + s.d.o.intn(s.d.hi-s.d.lo+1) }

func (s *guessSession) Handle(text string) {
	n, err := strconv.Atoi(strings.TrimSpace(text))
	switch {
	case err != nil:
		s.p.Send(fmt.Sprintf("please send a whole number from %d to %d", s.d.lo, s.d.hi))
	case n < s.secret:
		s.p.Send("too low")
	case n > s.secret:
		s.p.Send("too high")
	default:
		s.p.Send("found the secret")
		s.newSecret()
	}
}

func (*guessSession) Close() {}
