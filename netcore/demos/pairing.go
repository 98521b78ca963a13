package demos

import (
	"sync"
	"time"

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
//
// A connection is seated only once it has stayed SeatAfter or has sent
// something. A reachability check ("Can my partner reach me?", "Can I reach
// it?") connects and hangs up at once; seated at once, it was matched with
// the player waiting, who then read "matched with 127.0.0.1:35436" and
// "your opponent left" from a player who never was.

// SeatAfter is how long a silent connection waits before it is seated: far
// longer than a probe stays, too short for a person to notice.
const SeatAfter = 500 * time.Millisecond

// seat is one player's place in a two-player demo. Its fields are guarded
// by the pairing's mutex.
type seat[M any] struct {
	p       netcore.Peer
	match   *M          // nil while waiting
	index   int         // 0 or 1 within the match
	arrived bool        // connected, not seated yet
	timer   *time.Timer // seats an arrived seat after SeatAfter
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

// arrive takes a new connection, to be seated after SeatAfter unless it
// speaks (spoke) or leaves (drop) first.
func (pr *pairing[M]) arrive(s *seat[M]) {
	pr.mu.Lock()
	defer pr.mu.Unlock()
	s.arrived = true
	s.timer = time.AfterFunc(SeatAfter, func() { pr.seatArrived(s) })
}

// spoke seats s now if it was still arriving: a client that sends
// something is a player, not a probe. Called before each message is handled.
func (pr *pairing[M]) spoke(s *seat[M]) { pr.seatArrived(s) }

// seatArrived seats s if it is still arriving; it does nothing once s is
// seated or gone, so the timer and spoke may race.
func (pr *pairing[M]) seatArrived(s *seat[M]) {
	pr.mu.Lock()
	defer pr.mu.Unlock()
	if !s.arrived {
		return
	}
	s.arrived = false
	s.timer.Stop()
	pr.seatLocked(s)
}

// seat seats s, telling them when they must wait for an opponent.
func (pr *pairing[M]) seat(s *seat[M]) {
	pr.mu.Lock()
	defer pr.mu.Unlock()
	pr.seatLocked(s)
}

// seatLocked is seat with pr.mu held. The reply is sent under the lock
// (Send never blocks), so that "waiting" can never overtake a "matched"
// sent to s by a player joining at the same moment.
func (pr *pairing[M]) seatLocked(s *seat[M]) {
	if !pr.joinLocked(s) {
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

// joinLocked seats s: with the waiting player if there is one, else s
// waits. It reports whether s now plays. pr.mu is held.
func (pr *pairing[M]) joinLocked(s *seat[M]) bool {
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
	if s.arrived {
		// Gone before it was seated: a probe, or someone quick. No one
		// ever saw it.
		s.arrived = false
		s.timer.Stop()
		return nil, nil
	}
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
