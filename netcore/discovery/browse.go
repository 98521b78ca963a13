package discovery

import (
	"errors"
	"net"
	"net/netip"
	"sort"
	"sync"
	"time"

	"github.com/socketlab/socketlab/netcore"
)

// entryKey names one listed server: the address it was heard from, the
// port it serves on and how. A beacon can only ever touch the entries of
// its own source address.
type entryKey struct {
	server    netip.AddrPort
	transport string
}

// entry is a listed server and when it was first heard, which decides who
// makes room when the list is full.
type entry struct {
	Found
	firstSeen time.Time
}

// Stats counts what a browser did with the datagrams it heard.
type Stats struct {
	Listed      uint64 // beacons that added or refreshed an entry
	RateLimited uint64 // datagrams dropped because their source sent too many
	Ignored     uint64 // datagrams that were no beacon, or named another address
	Evicted     uint64 // entries dropped to make room under a cap
	Entries     int    // entries held now (including ones past the ttl not yet swept)
	Sources     int    // source addresses the rate limiter tracks now
}

// Browser listens for announcements.
type Browser struct {
	conn    *net.UDPConn
	ttl     time.Duration
	lim     limits
	mu      sync.Mutex
	found   map[entryKey]*entry
	rate    *sourceLimiter
	stats   Stats
	changed chan struct{}
	done    chan struct{}
}

// Browse listens on addr (":48690" for the classroom; tests use loopback) and
// forgets servers not heard for ttl.
func Browse(addr string, ttl time.Duration) (*Browser, error) {
	return browseWith(addr, ttl, defaultLimits)
}

func browseWith(addr string, ttl time.Duration, lim limits) (*Browser, error) {
	conn, err := listenBroadcastUDP(addr)
	if err != nil {
		return nil, netcore.ListenError(err, addr)
	}
	b := &Browser{
		conn: conn, ttl: ttl, lim: lim,
		found:   map[entryKey]*entry{},
		rate:    newSourceLimiter(lim),
		changed: make(chan struct{}, 1),
		done:    make(chan struct{}),
	}
	go b.listen()
	return b, nil
}

// Addr is where the browser listens.
func (b *Browser) Addr() net.Addr { return b.conn.LocalAddr() }

// Changed signals (without blocking the browser) that the list may differ.
func (b *Browser) Changed() <-chan struct{} { return b.changed }

func (b *Browser) listen() {
	defer close(b.done)
	// One byte more than a beacon may have, to tell a beacon that just fits
	// from a longer datagram cut to fit.
	buf := make([]byte, MaxBeaconBytes+1)
	for {
		n, src, err := b.conn.ReadFromUDPAddrPort(buf)
		if err != nil {
			if errors.Is(err, net.ErrClosed) {
				return
			}
			continue
		}
		if b.heard(buf[:n], src.Addr().Unmap(), time.Now()) {
			b.signal()
		}
	}
}

// heard handles one datagram from src and reports whether the list changed.
func (b *Browser) heard(datagram []byte, src netip.Addr, now time.Time) bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	if !b.rate.allow(src, now) {
		b.stats.RateLimited++
		return false
	}
	a, server, ok := parseBeacon(datagram, src)
	if !ok {
		b.stats.Ignored++
		return false
	}
	b.stats.Listed++
	key := entryKey{server: server, transport: a.Transport}
	if f, known := b.found[key]; known {
		changed := !f.Announcement.Equal(a)
		f.Announcement, f.LastSeen = a, now
		return changed
	}
	b.makeRoom(src, now)
	b.found[key] = &entry{Found: Found{Announcement: a, LastSeen: now}, firstSeen: now}
	return true
}

// makeRoom evicts an entry, if need be, before one from src is added:
//   - src at its cap: its own entry heard longest ago;
//   - the list full: an entry past the ttl, if there is one; else, from the
//     sources that hold the most entries, the one first heard last.
//
// So a flooder loses its own entries first, and when many addresses flood
// with one entry each, newcomers displace newcomers while a teacher heard
// since the start of the lesson stays listed.
func (b *Browser) makeRoom(src netip.Addr, now time.Time) {
	count := map[netip.Addr]int{}
	var stalest *entryKey
	for k, e := range b.found {
		count[k.server.Addr()]++
		if stalest == nil || e.LastSeen.Before(b.found[*stalest].LastSeen) {
			stalest = &k
		}
	}
	var victim *entryKey
	switch {
	case count[src] >= b.lim.perSource:
		victim = b.pick(func(k entryKey, e, v *entry) bool {
			return k.server.Addr() == src && (v == nil || e.LastSeen.Before(v.LastSeen))
		})
	case len(b.found) < b.lim.entries:
		return
	case now.Sub(b.found[*stalest].LastSeen) > b.ttl:
		victim = stalest
	default:
		most := 0
		for _, n := range count {
			most = max(most, n)
		}
		victim = b.pick(func(k entryKey, e, v *entry) bool {
			return count[k.server.Addr()] == most && (v == nil || e.firstSeen.After(v.firstSeen))
		})
	}
	delete(b.found, *victim)
	b.stats.Evicted++
}

// pick is the key of the entry better prefers: better compares each entry
// with the one picked so far (nil at first).
func (b *Browser) pick(better func(k entryKey, e, picked *entry) bool) *entryKey {
	var picked *entryKey
	for k, e := range b.found {
		var v *entry
		if picked != nil {
			v = b.found[*picked]
		}
		if better(k, e, v) {
			picked = &k
		}
	}
	return picked
}

func (b *Browser) signal() {
	select {
	case b.changed <- struct{}{}:
	default:
	}
}

// Stats says what the browser has done so far.
func (b *Browser) Stats() Stats {
	b.mu.Lock()
	defer b.mu.Unlock()
	s := b.stats
	s.Entries, s.Sources = len(b.found), len(b.rate.buckets)
	return s
}

// Found lists the servers heard within the ttl, by demo then address.
func (b *Browser) Found() []Found {
	b.mu.Lock()
	defer b.mu.Unlock()
	out := make([]Found, 0, len(b.found))
	for k, f := range b.found {
		if time.Since(f.LastSeen) > b.ttl {
			delete(b.found, k)
			continue
		}
		out = append(out, f.Found)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Demo != out[j].Demo {
			return out[i].Demo < out[j].Demo
		}
		if out[i].Addr != out[j].Addr {
			return out[i].Addr < out[j].Addr
		}
		return out[i].Transport < out[j].Transport
	})
	return out
}

// Close stops listening and waits for the listener to end.
func (b *Browser) Close() {
	b.conn.Close()
	<-b.done
}
