package netcore

import (
	"net"
	"net/netip"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

func TestUDPGuardKnowsItsOwnAddresses(t *testing.T) {
	lan := netip.MustParseAddr("10.1.2.3") // only data: no packet goes there
	stub := func() ([]net.Addr, error) {
		return []net.Addr{&net.IPNet{IP: lan.AsSlice(), Mask: net.CIDRMask(24, 32)}}, nil
	}
	now := time.Now()
	for _, bound := range []string{"0.0.0.0:9000", "[::]:9000", "127.0.0.1:9000"} {
		g := newUDPGuard(netip.MustParseAddrPort(bound))
		g.interfaceAddrs = stub
		for _, from := range []string{"127.0.0.1:9000", "127.0.0.2:9000", "[::1]:9000", "10.1.2.3:9000", "[::ffff:10.1.2.3]:9000"} {
			assert.True(t, g.fromSelf(netip.MustParseAddrPort(from), now), "bound %s, from %s", bound, from)
		}
		for _, from := range []string{"127.0.0.1:9001", "10.1.2.4:9000", "10.1.2.3:51000"} {
			assert.False(t, g.fromSelf(netip.MustParseAddrPort(from), now), "bound %s, from %s", bound, from)
		}
	}
}

func TestUDPGuardRateLimitsEachSourceAndLogsOnce(t *testing.T) {
	g := newUDPGuard(netip.MustParseAddrPort("127.0.0.1:9000"))
	flooder, other := netip.MustParseAddr("127.0.0.2"), netip.MustParseAddr("127.0.0.3")
	t0 := time.Now()
	for i := 0; i < udpBurst; i++ {
		ok, _ := g.allow(flooder, 1, t0)
		assert.True(t, ok)
	}
	ok, started := g.allow(flooder, 1, t0)
	assert.False(t, ok)
	assert.True(t, started, "the first refusal starts the episode: one log line")
	ok, started = g.allow(flooder, 1, t0)
	assert.False(t, ok)
	assert.False(t, started, "no line per dropped datagram")

	ok, _ = g.allow(other, 1, t0)
	assert.True(t, ok, "another address has its own budget")

	// 10 ms later: 10 more replies, and still no second log line.
	t1 := t0.Add(10 * time.Millisecond)
	answered := 0
	for i := 0; i < 50; i++ {
		ok, started := g.allow(flooder, 1, t1)
		assert.False(t, started)
		if ok {
			answered++
		}
	}
	assert.Equal(t, udpRate/100, answered)

	// After a quiet second the budget is whole again: a new episode is
	// logged again.
	t2 := t1.Add(2 * time.Second)
	for i := 0; i < udpBurst; i++ {
		ok, _ := g.allow(flooder, 1, t2)
		assert.True(t, ok)
	}
	_, started = g.allow(flooder, 1, t2)
	assert.True(t, started)
}

func TestUDPGuardRemembersBoundedSources(t *testing.T) {
	g := newUDPGuard(netip.MustParseAddrPort("127.0.0.1:9000"))
	now := time.Now()
	for i := 0; i < 3*maxUDPSources; i++ {
		ip := netip.AddrFrom4([4]byte{127, 1, byte(i >> 8), byte(i)})
		g.source(ip, now).limit.AllowN(now, udpBurst) // spent: not idle
		_, started := g.allow(ip, 1, now)
		assert.True(t, started)
		assert.LessOrEqual(t, len(g.sources), maxUDPSources)
	}
}

func TestMaxPayloadTo(t *testing.T) {
	assert.Equal(t, 65507, maxPayloadTo(netip.MustParseAddrPort("127.0.0.1:1")))
	assert.Equal(t, 65507, maxPayloadTo(netip.MustParseAddrPort("[::ffff:127.0.0.1]:1")))
	assert.Equal(t, 65527, maxPayloadTo(netip.MustParseAddrPort("[::1]:1")))
}

// Big replies run out of the byte budget first: a loop of time servers,
// whose replies grow with every bounce, ends even if it is slow.
func TestUDPGuardBoundsRepliedBytes(t *testing.T) {
	g := newUDPGuard(netip.MustParseAddrPort("127.0.0.1:9000"))
	src := netip.MustParseAddr("127.0.0.2")
	now := time.Now()
	answered := 0
	for i := 0; i < 100; i++ {
		if ok, _ := g.allow(src, 60<<10, now); ok {
			answered++
		}
	}
	assert.Equal(t, udpByteBurst/(60<<10), answered)
	ok, _ := g.allow(src, 10, now)
	assert.True(t, ok, "a small reply still fits what is left")
	ok, _ = g.allow(src, 60<<10, now.Add(100*time.Millisecond))
	assert.True(t, ok, "the byte budget refills")
}
