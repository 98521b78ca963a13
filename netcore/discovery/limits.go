package discovery

import (
	"net/netip"
	"time"
)

// limits bound what beacons can cost a listener. A genuine server sends one
// beacon a second per address, so a computer running a few servers stays
// far below them; a flood from one computer is dropped before it is even
// parsed, and however many computers flood, the list and the limiter's own
// memory stay capped.
type limits struct {
	perSource int           // entries one source address may have listed
	entries   int           // entries listed in all
	rate      float64       // beacons a second heard from one source address…
	burst     float64       // …after a burst of this many
	sources   int           // source addresses the rate is tracked for
	prune     time.Duration // how often a full source table is swept
}

var defaultLimits = limits{
	perSource: 8,
	entries:   256,
	rate:      10,
	burst:     20,
	sources:   1024,
	prune:     100 * time.Millisecond,
}

// bucket is one source's token bucket. Hand-written rather than
// golang.org/x/time/rate: the table also needs when each source was last
// heard to forget idle ones, which is the same two numbers.
type bucket struct {
	tokens float64
	last   time.Time
}

// sourceLimiter rate-limits beacons per source address in a table of at
// most limits.sources addresses. A source that has been quiet long enough
// to refill its bucket is the same as a new one, so it can be forgotten;
// when the table is full of sources that are not, a new source is refused
// until some go quiet. The table is swept at most every limits.prune, so a
// flood from many addresses cannot make each datagram scan it.
type sourceLimiter struct {
	lim       limits
	buckets   map[netip.Addr]*bucket
	lastPrune time.Time
}

func newSourceLimiter(lim limits) *sourceLimiter {
	return &sourceLimiter{lim: lim, buckets: make(map[netip.Addr]*bucket)}
}

// allow takes one token from src's bucket, if it has one.
func (l *sourceLimiter) allow(src netip.Addr, now time.Time) bool {
	b, ok := l.buckets[src]
	if !ok {
		if len(l.buckets) >= l.lim.sources && !l.pruneIdle(now) {
			return false
		}
		b = &bucket{tokens: l.lim.burst, last: now}
		l.buckets[src] = b
	}
	b.tokens = min(l.lim.burst, b.tokens+now.Sub(b.last).Seconds()*l.lim.rate)
	b.last = now
	if b.tokens < 1 {
		return false
	}
	b.tokens--
	return true
}

// pruneIdle forgets sources whose bucket would be full again, and reports
// whether there is now room for another.
func (l *sourceLimiter) pruneIdle(now time.Time) bool {
	if now.Sub(l.lastPrune) < l.lim.prune {
		return false
	}
	l.lastPrune = now
	refill := time.Duration(l.lim.burst / l.lim.rate * float64(time.Second))
	for src, b := range l.buckets {
		if now.Sub(b.last) >= refill {
			delete(l.buckets, src)
		}
	}
	return len(l.buckets) < l.lim.sources
}
