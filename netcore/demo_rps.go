package netcore

import (
	"fmt"
	"strings"
)

func init() {
	register(DemoInfo{
		Name:        "rps",
		Title:       "Rock, paper, scissors",
		Description: "Send rock, paper or scissors (or r, p, s). The server picks at random and keeps score.",
		ClassicPort: 8002,
	}, func(o Options) Demo { return rpsDemo{o} })
}

var rpsMoves = [3]string{"rock", "paper", "scissors"}

// rpsMove reads a move in any case, whole word or first letter.
func rpsMove(text string) (int, bool) {
	t := strings.ToLower(strings.TrimSpace(text))
	for i, m := range rpsMoves {
		if t == m || t == m[:1] {
			return i, true
		}
	}
	return 0, false
}

// rpsBeats reports whether move a beats move b: each move beats the one
// before it in rock, paper, scissors order.
func rpsBeats(a, b int) bool { return a == (b+1)%3 }

type rpsDemo struct{ o Options }

func (rpsDemo) Info() DemoInfo { info, _ := LookupDemo("rps"); return info }

func (d rpsDemo) Open(p Peer) Session { return &rpsSession{d: d, p: p} }

type rpsSession struct {
	d         rpsDemo
	p         Peer
	you, them int
}

func (s *rpsSession) Handle(text string) {
	mine, ok := rpsMove(text)
	if !ok {
		s.p.Send("please send rock, paper or scissors")
		return
	}
	theirs := s.d.o.intn(3)
	var verdict string
	switch {
	case mine == theirs:
		verdict = "draw: both chose " + rpsMoves[mine]
	case rpsBeats(mine, theirs):
		s.you++
		verdict = "you win: " + rpsMoves[mine] + " beats " + rpsMoves[theirs]
	default:
		s.them++
		verdict = "you lose: " + rpsMoves[theirs] + " beats " + rpsMoves[mine]
	}
	s.p.Send(fmt.Sprintf("%s (you %d, server %d)", verdict, s.you, s.them))
}

func (*rpsSession) Close() {}
