package netcore

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
)

func init() {
	register(DemoInfo{
		Name:        "mancala",
		Title:       "Mancala (Kalah) — two players",
		Description: "The server pairs two clients for Kalah: 6 pits with 4 stones each. On your turn send a pit number 1–6; the board is drawn in plain text.",
		ClassicPort: 8004,
	}, func(Options) Demo {
		d := &mancalaDemo{}
		d.lobby.start = d.startMatch
		d.lobby.tableOf = func(m *mancalaMatch) *table[mancalaMatch] { return &m.table }
		return d
	})
}

type mancalaDemo struct {
	lobby pairing[mancalaMatch]
}

type mancalaMatch struct {
	table[mancalaMatch]
	game  *Kalah
	games int
}

func (*mancalaDemo) Info() DemoInfo { info, _ := LookupDemo("mancala"); return info }

func (d *mancalaDemo) Open(p Peer) Session {
	s := &mancalaSession{d: d, seat: &seat[mancalaMatch]{p: p}}
	d.lobby.seat(s.seat)
	return s
}

func (d *mancalaDemo) startMatch(a, b *seat[mancalaMatch]) *mancalaMatch {
	m := &mancalaMatch{table: table[mancalaMatch]{seats: [2]*seat[mancalaMatch]{a, b}}, game: NewKalah(0)}
	a.p.Send("matched with " + b.p.Addr() + ": you move first")
	b.p.Send("matched with " + a.p.Addr() + ": they move first")
	m.show()
	return m
}

// show sends both players the board and whose turn it is. Called with mu
// held (or before the match is shared).
func (m *mancalaMatch) show() {
	for i, st := range m.seats {
		for _, line := range m.game.Lines(i) {
			st.p.Send(line)
		}
		switch {
		case m.game.Over():
		case m.game.Turn() == i:
			st.p.Send("your turn: send a pit number from 1 to 6")
		default:
			st.p.Send("their turn: waiting for your opponent")
		}
	}
}

type mancalaSession struct {
	d    *mancalaDemo
	seat *seat[mancalaMatch]
}

func (s *mancalaSession) Handle(text string) {
	m := s.d.lobby.matchOf(s.seat)
	if m == nil {
		s.seat.p.Send("still waiting for an opponent")
		return
	}
	pit, err := strconv.Atoi(strings.TrimSpace(text))
	if err != nil {
		s.seat.p.Send(ErrBadPit.Error())
		return
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.over {
		s.seat.p.Send("your opponent left: waiting for an opponent")
		return
	}
	me := s.seat.index
	again, err := m.game.Move(me, pit)
	switch {
	case errors.Is(err, ErrNotYourTurn):
		s.seat.p.Send("not your turn: waiting for your opponent")
		return
	case errors.Is(err, ErrEmptyPit):
		s.seat.p.Send(fmt.Sprintf("pit %d is empty: pick another", pit))
		return
	case err != nil:
		s.seat.p.Send(err.Error())
		return
	}
	if again {
		s.seat.p.Send("last stone in your store: you move again")
	}
	m.show()
	if !m.game.Over() {
		return
	}
	for i, st := range m.seats {
		mine, theirs := m.game.Store(i), m.game.Store(1-i)
		switch {
		case mine > theirs:
			st.p.Send(fmt.Sprintf("game over: you win %d to %d", mine, theirs))
		case mine < theirs:
			st.p.Send(fmt.Sprintf("game over: you lose %d to %d", mine, theirs))
		default:
			st.p.Send(fmt.Sprintf("game over: draw %d to %d", mine, theirs))
		}
	}
	// A new game at once; players take turns to start.
	m.games++
	m.game = NewKalah(m.games % 2)
	for _, st := range m.seats {
		st.p.Send("new game")
	}
	m.show()
}

func (s *mancalaSession) Close() { s.d.lobby.drop(s.seat) }
