package demos

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/socketlab/socketlab/netcore"
)

// Replies of the guess demo.
const (
	TooLow      = "too low"
	TooHigh     = "too high"
	FoundSecret = "found the secret"
	// GuessPleaseFormat is the reply to anything but a whole number, with
	// the range: "please send a whole number from 0 to 9".
	GuessPleaseFormat = "please send a whole number from %d to %d"
)

// The range a teacher may give the secret.
const guessLimit = 1_000_000

var guessInfo = netcore.DemoInfo{
	Name:        "guess",
	Order:       3,
	Title:       "Guess the secret",
	Description: "The server thinks of a number from {{.min}} to {{.max}}. Send a guess; it answers too low, too high or found the secret, then starts a new round.",
	ClassicPort: 11267,
	Settings: []netcore.Setting{
		{Key: "min", Label: "Smallest", Kind: netcore.SettingInt, Default: "0", Min: -guessLimit, Max: guessLimit, Help: "the smallest number the server may pick"},
		{Key: "max", Label: "Largest", Kind: netcore.SettingInt, Default: "9", Min: -guessLimit, Max: guessLimit, Help: "the largest number the server may pick"},
	},
}

func init() {
	register(guessInfo, func(s settings) (netcore.Demo, error) {
		lo, hi := s.number("min"), s.number("max")
		if lo > hi {
			return nil, errors.New("the smallest secret must not be larger than the largest")
		}
		return guessDemo{info: s.info(guessInfo), rnd: s.random(), lo: lo, hi: hi}, nil
	})
}

type guessDemo struct {
	info   netcore.DemoInfo
	rnd    *randomness
	lo, hi int
}

func (d guessDemo) Info() netcore.DemoInfo { return d.info }

func (d guessDemo) Open(p netcore.Peer) netcore.Session {
	s := &guessSession{d: d, p: p}
	s.newSecret()
	return s
}

// guessSession keeps one secret per connection, so classmates sharing a
// server each play their own game.
type guessSession struct {
	d      guessDemo
	p      netcore.Peer
	secret int
}

func (s *guessSession) newSecret() { s.secret = s.d.lo + s.d.rnd.intn(s.d.hi-s.d.lo+1) }

func (s *guessSession) Handle(text string) {
	n, err := strconv.Atoi(strings.TrimSpace(text))
	switch {
	case err != nil:
		s.p.Send(fmt.Sprintf(GuessPleaseFormat, s.d.lo, s.d.hi))
	case n < s.secret:
		s.p.Send(TooLow)
	case n > s.secret:
		s.p.Send(TooHigh)
	default:
		s.p.Send(FoundSecret)
		s.newSecret()
	}
}

func (*guessSession) Close() {}
