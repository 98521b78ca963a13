package netcore

import (
	"net"
	"sync"
	"time"
)

// A wire tap keeps the bytes exactly as they crossed a socket, under any
// TLS layer: what a packet capture would show. The TLS lesson puts them
// next to the messages the demo saw, so a class sees what TLS hides.

// WireDirection says which way recorded bytes went.
type WireDirection int

const (
	WireIn  WireDirection = iota // read from the socket
	WireOut                      // written to the socket
)

func (d WireDirection) String() string {
	if d == WireOut {
		return "out"
	}
	return "in"
}

// WireRecord is one read or write on the socket, in full (unless it alone
// was larger than the tap's bound, then its last bytes).
type WireRecord struct {
	Dir   WireDirection
	Time  time.Time
	Bytes []byte
}

// DefaultWireTap is a tap's usual bound in bytes per connection: a TLS
// handshake (a few KiB) and a good many messages after it.
const DefaultWireTap = 64 << 10

// WireTap holds the most recent records of one connection, at most max
// bytes in all: the oldest go first. Safe for concurrent use.
type WireTap struct {
	max int

	mu      sync.Mutex
	records []WireRecord
	held    int
	dropped int64 // bytes dropped to stay within max
	total   [2]int64
}

// NewWireTap keeps at most maxBytes (DefaultWireTap when <= 0).
func NewWireTap(maxBytes int) *WireTap {
	if maxBytes <= 0 {
		maxBytes = DefaultWireTap
	}
	return &WireTap{max: maxBytes}
}

func (t *WireTap) record(dir WireDirection, b []byte) {
	if len(b) == 0 {
		return
	}
	now := time.Now()
	t.mu.Lock()
	defer t.mu.Unlock()
	t.total[dir] += int64(len(b))
	if len(b) > t.max {
		t.dropped += int64(len(b) - t.max)
		b = b[len(b)-t.max:]
	}
	for t.held+len(b) > t.max && len(t.records) > 0 {
		t.held -= len(t.records[0].Bytes)
		t.dropped += int64(len(t.records[0].Bytes))
		t.records[0] = WireRecord{}
		t.records = t.records[1:]
	}
	t.records = append(t.records, WireRecord{Dir: dir, Time: now, Bytes: append([]byte(nil), b...)})
	t.held += len(b)
}

// Records returns a copy of what is held, oldest first.
func (t *WireTap) Records() []WireRecord {
	t.mu.Lock()
	defer t.mu.Unlock()
	out := make([]WireRecord, len(t.records))
	for i, r := range t.records {
		out[i] = WireRecord{Dir: r.Dir, Time: r.Time, Bytes: append([]byte(nil), r.Bytes...)}
	}
	return out
}

// Dropped is how many bytes were let go to stay within the bound.
func (t *WireTap) Dropped() int64 {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.dropped
}

// Total is how many bytes went each way since the tap began.
func (t *WireTap) Total(dir WireDirection) int64 {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.total[dir]
}

// TapConn returns nc with every byte read and written recorded in t. Put
// it under a TLS layer (tls.Server(TapConn(raw, t), cfg)) to record the
// encrypted records.
func TapConn(nc net.Conn, t *WireTap) net.Conn { return &tappedConn{Conn: nc, tap: t} }

type tappedConn struct {
	net.Conn
	tap *WireTap
}

func (c *tappedConn) Read(b []byte) (int, error) {
	n, err := c.Conn.Read(b)
	c.tap.record(WireIn, b[:n])
	return n, err
}

func (c *tappedConn) Write(b []byte) (int, error) {
	n, err := c.Conn.Write(b)
	c.tap.record(WireOut, b[:n])
	return n, err
}

// CloseWrite passes a half-close through, so a tapped plain connection
// still ends like an untapped one.
func (c *tappedConn) CloseWrite() error {
	if cw, ok := c.Conn.(interface{ CloseWrite() error }); ok {
		return cw.CloseWrite()
	}
	return nil
}
