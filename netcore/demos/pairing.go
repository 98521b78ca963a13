package demos

import (
	"sync"

	"github.com/socketlab/socketlab/netcore"
)

// Replies about pairing, the same in duel and mancala.
const (
	WaitingForOpponent = "waiting for an opponent"
	StillWaiting       = "still waiting for an opponent" // a move sent before a match
	Matched            = "matched with "                 // then the opponent's address
	OpponentLeft       = "your opponent left"            // then WaitingForOpponent
	// OpponentLeftLate answers a move that arrives after the opponent left.
	OpponentLeftLate = "your opponent left: waiting for an opponent"
)

// Two-player demos (duel, mancala) seat connections in pairs: the server
// matches two clients and referees. pairing holds the one client waiting for
// an opponent; the game itself lives in the demo's match type.

// seat is one player's place in a two-player demo.
type seat[M any] struct {
	p     netcore.Peer
	match *M  // nil while waiting; guarded by the pairing's mutex
	index int // 0 or 1 within the match
}

// table is what every two-player match has: its two seats, a lock for the
// game, and whether a player left (late moves in it are then refused).
type table[M any] struct {
	mu    sync.Mutex
	seats [2]*seat[M]
	over  bool
}

// pairing matches waiting players two by two.
type pairing[M any] struct {
	mu      sync.Mutex
	waiting *seat[M]
	// start makes a match for two seats; it runs with mu held and must not
	// block (it may Send, which never blocks).
	start func(a, b *seat[M]) *M
	// tableOf finds the table inside a match.
	tableOf func(*M) *table[M]
}

// seat seats s, telling them when they must wait for an opponent.
func (pr *pairing[M]) seat(s *seat[M]) {
	if !pr.join(s) {
		s.p.Send(WaitingForOpponent)
	}
}

// drop removes a player who left: their match ends, and the opponent is
// told and seated again.
func (pr *pairing[M]) drop(s *seat[M]) {
	m, opp := pr.leave(s)
	if m == nil {
		return
	}
	t := pr.tableOf(m)
	t.mu.Lock()
	t.over = true
	t.mu.Unlock()
	opp.p.Send(OpponentLeft)
	pr.seat(opp)
}

// join seats s: with the waiting player if there is one, else s waits.
// It reports whether s now plays.
func (pr *pairing[M]) join(s *seat[M]) bool {
	pr.mu.Lock()
	defer pr.mu.Unlock()
	if pr.waiting == nil || pr.waiting == s {
		pr.waiting = s
		s.match = nil
		return false
	}
	a := pr.waiting
	pr.waiting = nil
	a.index, s.index = 0, 1
	m := pr.start(a, s)
	a.match, s.match = m, m
	return true
}

// leave removes s; it returns the match s was in and the opponent left
// behind, if any, so the demo can end the match, tell them and seat them
// again.
func (pr *pairing[M]) leave(s *seat[M]) (*M, *seat[M]) {
	pr.mu.Lock()
	defer pr.mu.Unlock()
	if pr.waiting == s {
		pr.waiting = nil
		return nil, nil
	}
	m := s.match
	if m == nil {
		return nil, nil
	}
	opp := pr.tableOf(m).seats[1-s.index]
	s.match, opp.match = nil, nil
	return m, opp
}

// matchOf reads s's match under the pairing's lock.
func (pr *pairing[M]) matchOf(s *seat[M]) *M {
	pr.mu.Lock()
	defer pr.mu.Unlock()
	return s.match
}
