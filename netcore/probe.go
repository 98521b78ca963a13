package netcore

import (
	"net"
	"net/netip"
	"sync"
	"time"
)

// The app's own reachability check ("Can my partner reach me?") connects to
// its server to see that it answers. Served like anyone, that check showed
// up in the log and the clients list as a client the teacher did not know.
// So the check tells the server, before it connects, the exact address and
// port it connects from, and the server closes that one connection at once
// without a log row, a clients-list row or a demo session.
//
// Nobody else can hide this way: only code in the server's own process can
// call ExpectProbe, only for an address of this computer, and a mark is used
// once and only while the check runs. A check from another computer (a
// partner's "Can I reach it?") is an ordinary client and is listed.

// ownProbes are the source addresses of the server's own checks under way,
// each with the time its mark ends (zero while its check runs).
type ownProbes struct {
	mu   sync.Mutex
	from map[netip.AddrPort]time.Time
}

// probeGrace is how long a mark outlives its check: the check's dial
// returns once the handshake is done, which can be before the server has
// accepted the connection and looked for the mark.
const probeGrace = 2 * time.Second

// ExpectProbe marks one connection, from the address and port from, as the
// server's own reachability check: it is closed at once, unlisted and
// unlogged. Call done when the check has finished, whether or not it
// connected; the mark then lasts probeGrace more, or until used. from must be an address of this computer (loopback or an
// interface's); any other is refused with ok false.
func (s *Server) ExpectProbe(from netip.AddrPort) (done func(), ok bool) {
	from = netip.AddrPortFrom(from.Addr().Unmap(), from.Port())
	if from.Port() == 0 || !isOwnAddress(from.Addr()) {
		return func() {}, false
	}
	p := &s.probes
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.from == nil {
		p.from = map[netip.AddrPort]time.Time{}
	}
	now := time.Now()
	for a, end := range p.from {
		if !end.IsZero() && now.After(end) {
			delete(p.from, a)
		}
	}
	p.from[from] = time.Time{}
	return func() {
		p.mu.Lock()
		defer p.mu.Unlock()
		if _, ok := p.from[from]; ok {
			p.from[from] = time.Now().Add(probeGrace)
		}
	}, true
}

// takeProbe reports whether nc comes from a mark of ExpectProbe, and uses
// the mark up.
func (s *Server) takeProbe(nc net.Conn) bool {
	ta, ok := nc.RemoteAddr().(*net.TCPAddr)
	if !ok {
		return false
	}
	ap := ta.AddrPort()
	ap = netip.AddrPortFrom(ap.Addr().Unmap(), ap.Port())
	p := &s.probes
	p.mu.Lock()
	defer p.mu.Unlock()
	end, ok := p.from[ap]
	if !ok {
		return false
	}
	delete(p.from, ap)
	return end.IsZero() || time.Now().Before(end)
}

// isOwnAddress reports whether a belongs to this computer.
func isOwnAddress(a netip.Addr) bool {
	if a.IsLoopback() {
		return true
	}
	ifs, err := Interfaces()
	if err != nil {
		return false
	}
	for _, it := range ifs {
		for _, p := range it.Addrs {
			if p.Addr() == a.WithZone("") {
				return true
			}
		}
	}
	return false
}
