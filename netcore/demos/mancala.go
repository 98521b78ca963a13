package demos

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/socketlab/socketlab/netcore"
	"github.com/socketlab/socketlab/netcore/kalah"
)

// Replies of mancala besides the pairing ones (pairing.go); the board lines
// are kalah.Game.Lines.
const (
	MancalaYouFirst   = ": you move first"  // after Matched and the opponent's address
	MancalaTheyFirst  = ": they move first" // after Matched and the opponent's address
	MancalaYourTurn   = "your turn: send a pit number from 1 to 6"
	MancalaTheirTurn  = "their turn: waiting for your opponent"
	MancalaNotYours   = "not your turn: waiting for your opponent"
	MancalaEmptyPit   = "pit %d is empty: pick another" // with the pit number
	MancalaAgain      = "last stone in your store: you move again"
	MancalaWinFormat  = "game over: you win %d to %d"  // your store, theirs
	MancalaLoseFormat = "game over: you lose %d to %d" // your store, theirs
	MancalaDrawFormat = "game over: draw %d to %d"
	MancalaNewGame    = "new game"
)

var mancalaInfo = netcore.DemoInfo{
	Name:        "mancala",
	Order:       8,
	Title:       "Mancala (Kalah) — two players",
	Description: "The server pairs two clients for Kalah: 6 pits with 4 stones each. On your turn send a pit number 1–6; the board is drawn in plain text.",
	ClassicPort: 8004,
}

func init() {
	register(mancalaInfo, func(settings) (netcore.Demo, error) {
		d := &mancalaDemo{}
		d.lobby.start = d.startMatch
		d.lobby.tableOf = func(m *mancalaMatch) *table[mancalaMatch] { return &m.table }
		return d, nil
	})
}

type mancalaDemo struct {
	lobby pairing[mancalaMatch]
}

type mancalaMatch struct {
	table[mancalaMatch]
	game  *kalah.Game
	games int
}

func (*mancalaDemo) Info() netcore.DemoInfo { return mancalaInfo }

func (d *mancalaDemo) Open(p netcore.Peer) netcore.Session {
	s := &mancalaSession{d: d, seat: &seat[mancalaMatch]{p: p}}
	d.lobby.arrive(s.seat)
	return s
}

func (d *mancalaDemo) startMatch(a, b *seat[mancalaMatch]) *mancalaMatch {
	m := &mancalaMatch{table: table[mancalaMatch]{seats: [2]*seat[mancalaMatch]{a, b}}, game: kalah.New(0)}
	a.p.Send(Matched + b.p.Addr() + MancalaYouFirst)
	b.p.Send(Matched + a.p.Addr() + MancalaTheyFirst)
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
			st.p.Send(MancalaYourTurn)
		default:
			st.p.Send(MancalaTheirTurn)
		}
	}
}

type mancalaSession struct {
	d    *mancalaDemo
	seat *seat[mancalaMatch]
}

func (s *mancalaSession) Handle(text string) {
	s.d.lobby.spoke(s.seat)
	m := s.d.lobby.matchOf(s.seat)
	if m == nil {
		s.seat.p.Send(StillWaiting)
		return
	}
	pit, err := strconv.Atoi(strings.TrimSpace(text))
	if err != nil {
		s.seat.p.Send(kalah.ErrBadPit.Error())
		return
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.over {
		s.seat.p.Send(OpponentLeftLate)
		return
	}
	me := s.seat.index
	again, err := m.game.Move(me, pit)
	switch {
	case errors.Is(err, kalah.ErrNotYourTurn):
		s.seat.p.Send(MancalaNotYours)
		return
	case errors.Is(err, kalah.ErrEmptyPit):
		s.seat.p.Send(fmt.Sprintf(MancalaEmptyPit, pit))
		return
	case err != nil:
		s.seat.p.Send(err.Error())
		return
	}
	if again {
		s.seat.p.Send(MancalaAgain)
	}
	m.show()
	if !m.game.Over() {
		return
	}
	for i, st := range m.seats {
		mine, theirs := m.game.Store(i), m.game.Store(1-i)
		switch {
		case mine > theirs:
			st.p.Send(fmt.Sprintf(MancalaWinFormat, mine, theirs))
		case mine < theirs:
			st.p.Send(fmt.Sprintf(MancalaLoseFormat, mine, theirs))
		default:
			st.p.Send(fmt.Sprintf(MancalaDrawFormat, mine, theirs))
		}
	}
	// A new game at once; players take turns to start.
	m.games++
	m.game = kalah.New(m.games % 2)
	for _, st := range m.seats {
		st.p.Send(MancalaNewGame)
	}
	m.show()
}

func (s *mancalaSession) Close() { s.d.lobby.drop(s.seat) }
