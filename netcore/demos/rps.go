package demos

import (
	"fmt"
	"strings"

	"github.com/socketlab/socketlab/netcore"
)

// Moves and replies of rps, shared by duel. A verdict is
// "you win: rock beats scissors (you 1, server 0)"; duel writes "them"
// instead of "server".
const (
	Rock     = "rock"
	Paper    = "paper"
	Scissors = "scissors"

	PleaseSendMove = "please send rock, paper or scissors"
	YouWin         = "you win: "         // then "MINE beats THEIRS"
	YouLose        = "you lose: "        // then "THEIRS beats MINE"
	Draw           = "draw: both chose " // then the move
	Beats          = " beats "
	// RPSScoreFormat follows every verdict: your wins, then the server's.
	RPSScoreFormat = " (you %d, server %d)"
)

var rpsInfo = netcore.DemoInfo{
	Name:        "rps",
	Order:       6,
	Title:       "Rock, paper, scissors",
	Description: "Send rock, paper or scissors (or r, p, s). The server picks at random and keeps score.",
	ClassicPort: 8002,
}

func init() {
	register(rpsInfo, func(s settings) (netcore.Demo, error) { return rpsDemo{rnd: s.random()}, nil })
}

var rpsMoves = [3]string{Rock, Paper, Scissors}

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

// rpsVerdict is what the player of mine is told when the other chose
// theirs.
func rpsVerdict(mine, theirs int) string {
	switch {
	case mine == theirs:
		return Draw + rpsMoves[mine]
	case rpsBeats(mine, theirs):
		return YouWin + rpsMoves[mine] + Beats + rpsMoves[theirs]
	default:
		return YouLose + rpsMoves[theirs] + Beats + rpsMoves[mine]
	}
}

type rpsDemo struct{ rnd *randomness }

func (rpsDemo) Info() netcore.DemoInfo { return rpsInfo }

func (d rpsDemo) Open(p netcore.Peer) netcore.Session { return &rpsSession{d: d, p: p} }

type rpsSession struct {
	d         rpsDemo
	p         netcore.Peer
	you, them int
}

func (s *rpsSession) Handle(text string) {
	mine, ok := rpsMove(text)
	if !ok {
		s.p.Send(PleaseSendMove)
		return
	}
	theirs := s.d.rnd.intn(3)
	switch {
	case mine == theirs:
	case rpsBeats(mine, theirs):
		s.you++
	default:
		s.them++
	}
	s.p.Send(fmt.Sprintf("%s"+RPSScoreFormat, rpsVerdict(mine, theirs), s.you, s.them))
}

func (*rpsSession) Close() {}
