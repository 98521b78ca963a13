package netcore

import (
	"net"
	"net/netip"
	"time"

	"golang.org/x/time/rate"
)

// UDP limits. A datagram's source address is whatever the sender wrote in
// it, so a UDP server must not let one datagram start an endless exchange:
// a datagram "from" the server itself, or from another echo server, used to
// bounce forever (5.2 CPU-seconds in 3 s, an endless log).
const (
	// udpRate and udpBurst bound the replies to one source address (any
	// port): a student's loop of a hundred pings is answered in full, a
	// loop between two servers dies after about udpBurst bounces each way
	// (two time servers used to bounce 2,400 times, each reply 27 bytes
	// longer), and a flood gets at most udpRate replies a second.
	udpRate  = 500
	udpBurst = 200
	// udpByteRate and udpByteBurst bound the bytes replied to one source
	// too. A loop slow enough never to run out of replies (each bounce of
	// two time servers takes longer as the text grows 27 bytes a time) runs
	// out of bytes: the text sums up quadratically. A student's 60 KB
	// datagrams still get 16 replies at once and 16 a second.
	udpByteRate  = 1 << 20
	udpByteBurst = 1 << 20
	// maxUDPSources bounds the sources whose rate is tracked.
	maxUDPSources = 1024
	// maxUDPPayload is the largest IPv4 UDP payload (65,535 - 8 - 20);
	// IPv6 allows 20 bytes more.
	maxUDPPayload   = 65507
	maxUDPPayload6  = 65527
	localAddrsFresh = 10 * time.Second
)

// maxPayloadTo is the largest datagram that can be sent to addr.
func maxPayloadTo(addr netip.AddrPort) int {
	if addr.Addr().Unmap().Is4() {
		return maxUDPPayload
	}
	return maxUDPPayload6
}

// udpGuard decides which datagrams a UDP server answers. Only the serving
// loop uses it: no lock.
type udpGuard struct {
	port    uint16 // the server's own port
	bound   netip.Addr
	local   map[netip.Addr]bool // this machine's addresses
	localAt time.Time           // when local was read
	sources map[netip.Addr]*udpSource
	// interfaceAddrs lists this machine's addresses (a test may stub it).
	interfaceAddrs func() ([]net.Addr, error)
}

// udpSource is the reply budget of one source address.
type udpSource struct {
	limit   *rate.Limiter // replies
	bytes   *rate.Limiter // their bytes
	limited bool          // ran out of budget (logged) and has not refilled it since
}

// full reports whether the source's budget is whole again, as if new.
func (src *udpSource) full(now time.Time) bool {
	return src.limit.TokensAt(now) >= udpBurst && src.bytes.TokensAt(now) >= udpByteBurst
}

func newUDPGuard(bound netip.AddrPort) *udpGuard {
	return &udpGuard{
		port:           bound.Port(),
		bound:          bound.Addr().Unmap(),
		sources:        map[netip.Addr]*udpSource{},
		interfaceAddrs: net.InterfaceAddrs,
	}
}

// fromSelf reports whether from is the server's own address and port, or
// this port on another of the machine's addresses (a server bound to every
// interface receives on all of them). Answering it would mean answering
// ourselves, forever.
func (g *udpGuard) fromSelf(from netip.AddrPort, now time.Time) bool {
	if from.Port() != g.port {
		return false // the usual case: no address lookup
	}
	ip := from.Addr().Unmap()
	if ip == g.bound || ip.IsLoopback() || ip.IsUnspecified() {
		return true
	}
	if g.local == nil || now.Sub(g.localAt) > localAddrsFresh {
		g.readLocal(now)
	}
	return g.local[ip]
}

func (g *udpGuard) readLocal(now time.Time) {
	g.local, g.localAt = map[netip.Addr]bool{}, now
	addrs, err := g.interfaceAddrs()
	if err != nil {
		return
	}
	for _, a := range addrs {
		if ipn, ok := a.(*net.IPNet); ok {
			if ip, ok := netip.AddrFromSlice(ipn.IP); ok {
				g.local[ip.Unmap()] = true
			}
		}
	}
}

// allow spends one reply of size bytes from from's budget. started is true
// when the budget has just run out: the one moment worth a log line. The
// episode ends once the source has been quiet long enough to refill its
// whole budget, so a source hovering at the limit is logged once, not at
// every refill.
func (g *udpGuard) allow(from netip.Addr, size int, now time.Time) (ok, started bool) {
	src := g.source(from.Unmap(), now)
	if src.limited && src.full(now) {
		src.limited = false
	}
	if src.bytes.TokensAt(now) >= float64(size) && src.limit.AllowN(now, 1) {
		src.bytes.AllowN(now, size)
		return true, false
	}
	started = !src.limited
	src.limited = true
	return false, started
}

func (g *udpGuard) source(ip netip.Addr, now time.Time) *udpSource {
	if src, ok := g.sources[ip]; ok {
		return src
	}
	if len(g.sources) >= maxUDPSources {
		g.forgetIdle(now)
	}
	src := &udpSource{limit: rate.NewLimiter(udpRate, udpBurst), bytes: rate.NewLimiter(udpByteRate, udpByteBurst)}
	g.sources[ip] = src
	return src
}

// forgetIdle makes room in a full table: sources whose budget is full again
// are as good as new (and their episode is over); if none is, one arbitrary source is forgotten (it can
// only gain a fresh budget by it, and the table stays bounded).
func (g *udpGuard) forgetIdle(now time.Time) {
	for ip, src := range g.sources {
		if src.full(now) {
			delete(g.sources, ip)
		}
	}
	for ip := range g.sources {
		if len(g.sources) < maxUDPSources {
			return
		}
		delete(g.sources, ip)
	}
}
