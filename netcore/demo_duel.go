package netcore

import (
	"fmt"
)

func init() {
	register(DemoInfo{
		Name:        "duel",
		Title:       "Rock, paper, scissors — two players",
		Description: "The server pairs two clients and referees: both send rock, paper or scissors (r, p, s); each then gets the result and the score.",
		ClassicPort: 8003,
	}, func(Options) Demo {
		d := &duelDemo{}
		d.lobby.start = d.startMatch
		d.lobby.tableOf = func(m *duelMatch) *table[duelMatch] { return &m.table }
		return d
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

func (*duelDemo) Info() DemoInfo { info, _ := LookupDemo("duel"); return info }

func (d *duelDemo) Open(p Peer) Session {
	s := &duelSession{d: d, seat: &seat[duelMatch]{p: p}}
	d.lobby.seat(s.seat)
	return s
}

func (d *duelDemo) startMatch(a, b *seat[duelMatch]) *duelMatch {
	m := &duelMatch{table: table[duelMatch]{seats: [2]*seat[duelMatch]{a, b}}, moves: [2]int{-1, -1}}
	a.p.Send("matched with " + b.p.Addr() + ": send rock, paper or scissors")
	b.p.Send("matched with " + a.p.Addr() + ": send rock, paper or scissors")
	return m
}

type duelSession struct {
	d    *duelDemo
	seat *seat[duelMatch]
}

func (s *duelSession) Handle(text string) {
	m := s.d.lobby.matchOf(s.seat)
	if m == nil {
		s.seat.p.Send("still waiting for an opponent")
		return
	}
	move, ok := rpsMove(text)
	if !ok {
		s.seat.p.Send("please send rock, paper or scissors")
		return
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.over {
		s.seat.p.Send("your opponent left: waiting for an opponent")
		return
	}
	me, them := s.seat.index, 1-s.seat.index
	m.moves[me] = move
	if m.moves[them] < 0 {
		s.seat.p.Send("you chose " + rpsMoves[move] + ": waiting for your opponent")
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
		mine, theirs := m.moves[i], m.moves[1-i]
		var verdict string
		switch {
		case mine == theirs:
			verdict = "draw: both chose " + rpsMoves[mine]
		case rpsBeats(mine, theirs):
			verdict = "you win: " + rpsMoves[mine] + " beats " + rpsMoves[theirs]
		default:
			verdict = "you lose: " + rpsMoves[theirs] + " beats " + rpsMoves[mine]
		}
		st.p.Send(fmt.Sprintf("%s (you %d, them %d)", verdict, m.scores[i], m.scores[1-i]))
	}
	m.moves = [2]int{-1, -1}
}

func (s *duelSession) Close() { s.d.lobby.drop(s.seat) }
