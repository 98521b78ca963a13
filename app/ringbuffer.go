package app

import "sync"

// Every view that shows a stream (the server log, the Lessons tab's two
// columns, the client transcript) keeps it in two buffers: a backlog that
// network goroutines append to, and a ring the UI goroutine moves the
// backlog into when the pump flushes the view. Both are bounded, so a
// flood of messages costs bounded memory and a bounded list.

// ring keeps the newest max values, oldest first. It is not safe for
// concurrent use: views keep it on the UI goroutine.
type ring[T any] struct {
	buf   []T // grows to max, then wraps
	start int // index of the oldest value once full
	max   int
}

func newRing[T any](max int) ring[T] { return ring[T]{max: max} }

// push adds v and reports whether the oldest value was forgotten for it.
func (r *ring[T]) push(v T) bool {
	if len(r.buf) < r.max {
		r.buf = append(r.buf, v)
		return false
	}
	r.buf[r.start] = v
	r.start = (r.start + 1) % len(r.buf)
	return true
}

// at is the i-th value, oldest first.
func (r *ring[T]) at(i int) *T { return &r.buf[(r.start+i)%len(r.buf)] }

func (r *ring[T]) len() int { return len(r.buf) }

// clear forgets every value (and the memory holding them).
func (r *ring[T]) clear() { r.buf, r.start = nil, 0 }

// backlog is what goroutines hand a view between two flushes. It is safe
// for concurrent use. Only the newest keep values can survive the next
// flush, so it holds at most twice that (trimming at twice the size keeps
// the copying amortised) and counts what it forgot.
type backlog[T any] struct {
	mu    sync.Mutex
	items []T
	spare []T // a taken slice given back (reuse), for the next adds
	lost  int
	keep  int
}

func newBacklog[T any](keep int) *backlog[T] { return &backlog[T]{keep: keep} }

// add appends vs, forgetting the oldest when over the bound.
func (b *backlog[T]) add(vs ...T) {
	b.mu.Lock()
	b.items = append(b.items, vs...)
	if len(b.items) >= 2*b.keep {
		cut := len(b.items) - b.keep
		n := copy(b.items, b.items[cut:])
		clear(b.items[n:]) // let the forgotten values go
		b.items = b.items[:n]
		b.lost += cut
	}
	b.mu.Unlock()
}

// take empties the backlog: what it held, oldest first, and how many
// values it forgot since the last take.
func (b *backlog[T]) take() (items []T, lost int) {
	b.mu.Lock()
	items, lost = b.items, b.lost
	b.items, b.lost, b.spare = b.spare, 0, nil
	b.mu.Unlock()
	return items, lost
}

// reuse gives back a slice take returned, once the caller is done with it:
// the next adds fill it instead of growing a new one from nothing, which
// under an echo at loopback speed was most of what the log cost the event
// goroutine (and megabytes of garbage a flush).
func (b *backlog[T]) reuse(items []T) {
	clear(items[:cap(items)]) // let the values go
	b.mu.Lock()
	// add trims at 2*keep, but append may have grown the slice past that
	// (to at most twice what it held): such a slice is kept too, or a
	// backlog that fills between two flushes grows a new one every flush.
	// Only a slice grown by one huge add(vs...) is let go.
	if cap(items) <= 4*b.keep {
		b.spare = items[:0]
	}
	b.mu.Unlock()
}

// reset forgets everything waiting.
func (b *backlog[T]) reset() { b.take() }

// len is how many values wait.
func (b *backlog[T]) len() int {
	b.mu.Lock()
	defer b.mu.Unlock()
	return len(b.items)
}
