package demos

import (
	"fmt"

	"github.com/socketlab/socketlab/netcore"
)

// Replies of duel besides the pairing ones (pairing.go) and the verdicts
// (rps.go).
const (
	DuelMatchedPrompt = ": send rock, paper or scissors" // after Matched and the opponent's address
	DuelChose         = "you chose "                     // then the move and DuelWaiting
	DuelWaiting       = ": waiting for your opponent"
	DuelScoreFormat   = " (you %d, them %d)" // after the verdict: your wins, then theirs
)

var duelInfo = netcore.DemoInfo{
	Name:        "duel",
	Order:       7,
	Title:       "Rock, paper, scissors — two players",
	Description: "The server pairs two clients and referees: both send rock, paper or scissors (r, p, s); each then gets the result and the score.",
	ClassicPort: 8003,
}

func init() {
	register(duelInfo, func(settings) (netcore.Demo, error) {
		d := &duelDemo{}
		d.lobby.start = d.startMatch
		d.lobby.tableOf = func(m *duelMatch) *table[duelMatch] { return &m.table }
		return d, nil
	})
}

// duelDemo is rock-paper-scissors between two connected clients.
type duelDemo struct {
	lobby pairing[duelMatch]
}

type duelMatch struct {
	table[duelMatch]
	moves  [2]int // -1: not chosen yet
	scores [2]int
}

func (*duelDemo) Info() netcore.DemoInfo { return duelInfo }

func (d *duelDemo) Open(p netcore.Peer) netcore.Session {
	s := &duelSession{d: d, seat: &seat[duelMatch]{p: p}}
	d.lobby.arrive(s.seat)
	return s
}

func (d *duelDemo) startMatch(a, b *seat[duelMatch]) *duelMatch {
	m := &duelMatch{table: table[duelMatch]{seats: [2]*seat[duelMatch]{a, b}}, moves: [2]int{-1, -1}}
	a.p.Send(Matched + b.p.Addr() + DuelMatchedPrompt)
	b.p.Send(Matched + a.p.Addr() + DuelMatchedPrompt)
	return m
}

type duelSession struct {
	d    *duelDemo
	seat *seat[duelMatch]
}

func (s *duelSession) Handle(text string) {
	s.d.lobby.spoke(s.seat)
	m := s.d.lobby.matchOf(s.seat)
	if m == nil {
		s.seat.p.Send(StillWaiting)
		return
	}
	move, ok := rpsMove(text)
	if !ok {
		s.seat.p.Send(PleaseSendMove)
		return
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.over {
		s.seat.p.Send(OpponentLeftLate)
		return
	}
	me, them := s.seat.index, 1-s.seat.index
	m.moves[me] = move
	if m.moves[them] < 0 {
		s.seat.p.Send(DuelChose + rpsMoves[move] + DuelWaiting)
		return
	}
	a, b := m.moves[me], m.moves[them]
	switch {
	case a == b:
	case rpsBeats(a, b):
		m.scores[me]++
	default:
		m.scores[them]++
	}
	for i, st := range m.seats {
		verdict := rpsVerdict(m.moves[i], m.moves[1-i])
		st.p.Send(fmt.Sprintf("%s"+DuelScoreFormat, verdict, m.scores[i], m.scores[1-i]))
	}
	m.moves = [2]int{-1, -1}
}

func (s *duelSession) Close() { s.d.lobby.drop(s.seat) }
