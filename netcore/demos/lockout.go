package demos

import (
	"net/netip"
	"sync"
	"time"
)

// The password demo's defence against guessing by reconnecting: wrong
// passwords are counted per address, not per connection, and an address
// that runs out of attempts must wait before it may try again, longer after
// each lockout. Without it one laptop tried about 9,000 passwords a second
// by hanging up after each denial.

// Lockout timing and bounds.
const (
	// FirstLockout is the wait after an address first runs out of
	// attempts; each further lockout doubles it, up to MaxLockout.
	FirstLockout = 5 * time.Second
	MaxLockout   = 5 * time.Minute
	// lockoutForget is how long an address must stay quiet after its
	// last attempt or lockout to start afresh (full attempts, first wait).
	lockoutForget = 15 * time.Minute
	// lockoutEntries bounds the addresses remembered, so that a flood of
	// source addresses costs bounded memory.
	lockoutEntries = 4096
)

// verdict is what one attempt comes to.
type verdict int

const (
	granted verdict = iota
	denied
	lockedNow // this attempt used up the address's attempts
	lockedOut // the address was already waiting; the attempt was not tried
)

// lockouts is one server's record of wrong passwords by address (it lives
// in the demo value, so it lasts exactly as long as the server).
type lockouts struct {
	now func() time.Time // time.Now; tests step a clock instead of sleeping

	mu        sync.Mutex
	byAddr    map[netip.Addr]*lockEntry
	lastSweep time.Time
}

type lockEntry struct {
	failures int       // wrong passwords since the last lockout or grant
	lockouts int       // lockouts so far; sets the next wait
	until    time.Time // the end of the wait in force, if any
	seen     time.Time // the last attempt or lockout
}

func newLockouts() *lockouts {
	return &lockouts{now: time.Now, byAddr: map[netip.Addr]*lockEntry{}}
}

// wait reports how long addr must still wait; 0 when it may try.
func (l *lockouts) wait(addr netip.Addr) time.Duration {
	l.mu.Lock()
	defer l.mu.Unlock()
	if e := l.byAddr[addr]; e != nil {
		return max(e.until.Sub(l.now()), 0)
	}
	return 0
}

// attempt records one password check from addr, right says whether it
// matched, and max is the attempts an address has. It decides under one
// lock, so many connections from one address guessing at once still get
// max tries between lockouts, no more. The wait is set for lockedOut.
func (l *lockouts) attempt(addr netip.Addr, right bool, max int) (verdict, time.Duration) {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.now()
	e := l.byAddr[addr]
	if e != nil && now.Before(e.until) {
		return lockedOut, e.until.Sub(now)
	}
	if right {
		delete(l.byAddr, addr) // whoever knows the password starts afresh
		return granted, 0
	}
	if e == nil {
		e = l.add(addr, now)
	}
	e.seen = now
	e.failures++
	if e.failures < max {
		return denied, 0
	}
	e.failures = 0
	e.lockouts++
	e.until = now.Add(lockoutWait(e.lockouts))
	return lockedNow, 0
}

// lockoutWait is the wait after the nth lockout: 5 s, 10 s, 20 s, … 5 min.
func lockoutWait(n int) time.Duration {
	if n > 16 {
		return MaxLockout
	}
	return min(FirstLockout<<(n-1), MaxLockout)
}

// add makes room and remembers a new address; l.mu is held.
func (l *lockouts) add(addr netip.Addr, now time.Time) *lockEntry {
	if len(l.byAddr) >= lockoutEntries || now.Sub(l.lastSweep) > time.Minute {
		l.sweep(now)
	}
	if len(l.byAddr) >= lockoutEntries {
		l.evict()
	}
	e := &lockEntry{}
	l.byAddr[addr] = e
	return e
}

// sweep forgets addresses quiet for lockoutForget; l.mu is held.
func (l *lockouts) sweep(now time.Time) {
	l.lastSweep = now
	for a, e := range l.byAddr {
		if now.Sub(e.last()) > lockoutForget {
			delete(l.byAddr, a)
		}
	}
}

// evict forgets the address whose record matters least: the one that
// acted or stopped waiting longest ago. l.mu is held.
func (l *lockouts) evict() {
	var oldest netip.Addr
	var at time.Time
	found := false
	for a, e := range l.byAddr {
		if !found || e.last().Before(at) {
			oldest, at, found = a, e.last(), true
		}
	}
	delete(l.byAddr, oldest)
}

// last is when the entry last mattered: its last attempt or the end of its
// wait, whichever is later.
func (e *lockEntry) last() time.Time {
	if e.until.After(e.seen) {
		return e.until
	}
	return e.seen
}
