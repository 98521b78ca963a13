package app

import (
	"math"
	"sync"
	"sync/atomic"
	"time"
)

// The UI pump is the only way work reaches the UI goroutine, and it owns
// the package's only ticker and its only call of fyne.Do.
//
// A view registers a flush (pump.register) and gets a slot. Network and
// event goroutines never touch widgets: they append to the view's buffer
// (a backlog) and call slot.markDirty, which only sets a flag. Every
// pumpEvery the pump hands the UI goroutine ONE function that runs the
// flush of every dirty slot and the one-off work posted since (pump.post),
// in the order they were asked for: a post made after a view was marked
// finds the view flushed, and a view marked after a post (a reply that
// came after the "connected" news) is flushed after it. A slot may also ask to be flushed every so often although
// nobody marked it (the clients list's byte counters, the discovery list's
// expiry). post wakes the pump at once, so a button's result is not held
// back a tick.
//
// The path of a message received by the Client tab, from the socket to the
// screen:
//
//	netcore's reader goroutine
//	  → Client.Events() channel
//	  → the tab's session goroutine (readEvents): transcript.add + markDirty
//	  → the pump goroutine, on its tick: fyne.Do(runBatch)
//	  → the UI goroutine: transcript.flush, the panel's received()
//
// The Server tab's log and the Lessons tab take the same path from the
// server's event goroutine. Before the pump every view had a flusher
// goroutine and a ticker of its own between the event goroutine and
// fyne.Do.
//
// Never fyne.DoAndWait: at shutdown the UI goroutine waits for network
// goroutines, which must therefore never wait for it.
//
// Tests replace runOnUI with a queue they drain on their own goroutine
// (testPump in uipump_test.go): the one fake UI of the package.

// pumpEvery is how often dirty views reach the screen: often enough to feel
// live, rarely enough that thousands of events a second cost a dozen
// refreshes, not thousands.
const pumpEvery = 80 * time.Millisecond

// uiPump batches the package's UI work; see above.
type uiPump struct {
	// runOnUI runs a function on the UI goroutine later, without waiting:
	// fyne.Do in the app.
	runOnUI func(func())

	// seq orders marks and posts, so a batch runs them in the order they
	// came, whichever goroutines they came from.
	seq atomic.Uint64

	mu     sync.Mutex
	slots  []*uiSlot // replaced, never changed in place, so a batch can keep it
	posts  []posted
	queued bool // a batch is handed to runOnUI and has not started yet

	wake     chan struct{}
	stopping chan struct{}
	done     chan struct{}
	stopOnce sync.Once
}

// posted is one-off work and when it was asked for.
type posted struct {
	seq uint64
	f   func()
}

// uiSlot is one registered flush.
type uiSlot struct {
	pump  *uiPump
	flush func()
	every time.Duration // > 0: also flushed this often
	next  time.Time     // pump goroutine only
	// marked is the seq of the first mark since the last flush; 0: clean.
	marked atomic.Uint64
}

// newUIPump starts a pump that runs batches with runOnUI. Call stop when
// the window closes.
func newUIPump(runOnUI func(func())) *uiPump {
	p := &uiPump{
		runOnUI:  runOnUI,
		wake:     make(chan struct{}, 1),
		stopping: make(chan struct{}),
		done:     make(chan struct{}),
	}
	go p.loop()
	return p
}

// register adds flush, run on the UI goroutine when the slot is marked
// dirty and, if every > 0, at least that often. Slots flush in the order
// they were registered.
func (p *uiPump) register(flush func(), every time.Duration) *uiSlot {
	s := &uiSlot{pump: p, flush: flush, every: every}
	p.mu.Lock()
	slots := make([]*uiSlot, len(p.slots), len(p.slots)+1)
	copy(slots, p.slots)
	p.slots = append(slots, s)
	p.mu.Unlock()
	return s
}

// markDirty asks for the slot's flush at the next tick. It is safe from any
// goroutine, never blocks, and many calls before a tick cost one flush.
func (s *uiSlot) markDirty() {
	if s.marked.Load() == 0 {
		s.marked.CompareAndSwap(0, s.pump.seq.Add(1))
	}
}

// post runs f on the UI goroutine soon, after the dirty flushes. It is
// safe from any goroutine and never blocks. After stop, f never runs.
func (p *uiPump) post(f func()) {
	p.mu.Lock()
	p.posts = append(p.posts, posted{seq: p.seq.Add(1), f: f})
	p.mu.Unlock()
	select {
	case p.wake <- struct{}{}:
	default:
	}
}

// stop ends the pump's goroutine and waits for it; work not yet handed to
// the UI is dropped. Calling it again does nothing.
func (p *uiPump) stop() {
	p.stopOnce.Do(func() { close(p.stopping) })
	<-p.done
}

func (p *uiPump) loop() {
	defer close(p.done)
	tick := time.NewTicker(pumpEvery)
	defer tick.Stop()
	for {
		select {
		case <-p.stopping:
			return
		case now := <-tick.C:
			p.markDue(now)
		case <-p.wake:
		}
		p.schedule()
	}
}

// markDue marks the slots whose interval has passed. Pump goroutine only.
func (p *uiPump) markDue(now time.Time) {
	p.mu.Lock()
	slots := p.slots
	p.mu.Unlock()
	for _, s := range slots {
		if s.every > 0 && !now.Before(s.next) {
			s.next = now.Add(s.every)
			s.markDirty()
		}
	}
}

// schedule hands a batch to the UI unless one is waiting already: if the UI
// is slow, work waits in the buffers rather than batches piling up.
func (p *uiPump) schedule() {
	p.mu.Lock()
	due := !p.queued && p.pendingLocked()
	if due {
		p.queued = true
	}
	p.mu.Unlock()
	if due {
		p.runOnUI(p.runBatch)
	}
}

// pending reports whether a batch would do anything.
func (p *uiPump) pending() bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.pendingLocked()
}

func (p *uiPump) pendingLocked() bool {
	if len(p.posts) > 0 {
		return true
	}
	for _, s := range p.slots {
		if s.marked.Load() != 0 {
			return true
		}
	}
	return false
}

// runBatch runs what was posted and every dirty flush, in the order they
// were asked for. UI goroutine only.
func (p *uiPump) runBatch() {
	p.mu.Lock()
	p.queued = false
	slots, posts := p.slots, p.posts
	p.posts = nil
	p.mu.Unlock()
	// flushMarkedBefore flushes the slots marked before seq. Only this
	// goroutine clears a mark, so the swap cannot lose a newer one.
	flushMarkedBefore := func(seq uint64) {
		for _, s := range slots {
			if m := s.marked.Load(); m != 0 && m < seq && s.marked.CompareAndSwap(m, 0) {
				s.flush()
			}
		}
	}
	for _, w := range posts {
		flushMarkedBefore(w.seq)
		w.f()
	}
	flushMarkedBefore(math.MaxUint64)
}
