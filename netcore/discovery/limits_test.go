package discovery

import (
	"fmt"
	"net"
	"net/netip"
	"os"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/socketlab/socketlab/netcore/internal/nettest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// floodScale is 1 in `make test` and SOCKETLAB_STRESS in `make stress`.
func floodScale() int {
	if n, err := strconv.Atoi(os.Getenv("SOCKETLAB_STRESS")); err == nil && n > 1 {
		return n
	}
	return 1
}

func TestSourceLimiter(t *testing.T) {
	lim := limits{rate: 10, burst: 20, sources: 2, prune: 100 * time.Millisecond}
	l := newSourceLimiter(lim)
	a, b, c := netip.MustParseAddr("127.0.0.2"), netip.MustParseAddr("127.0.0.3"), netip.MustParseAddr("127.0.0.4")
	t0 := time.Unix(1000, 0)
	for i := range 20 {
		require.True(t, l.allow(a, t0), "beacon %d of the burst", i)
	}
	assert.False(t, l.allow(a, t0), "over the burst")
	assert.True(t, l.allow(a, t0.Add(100*time.Millisecond)), "a tenth of a second later: one more")
	assert.False(t, l.allow(a, t0.Add(100*time.Millisecond)))
	assert.True(t, l.allow(b, t0), "another source has its own bucket")
	assert.False(t, l.allow(c, t0.Add(time.Second)), "the table is full of sources heard lately")
	assert.True(t, l.allow(a, t0.Add(time.Second)), "known sources go on")
	assert.True(t, l.allow(c, t0.Add(5*time.Second)), "quiet sources are forgotten to make room")
	assert.Len(t, l.buckets, 1)
}

// heapInUse is the live heap after a collection.
func heapInUse() uint64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}

// entriesOf counts b's entries heard from host.
func entriesOf(b *Browser, host string) int {
	n := 0
	for _, f := range b.Found() {
		if strings.HasPrefix(f.Addr, host+":") {
			n++
		}
	}
	return n
}

// TestFloodFromOneSourceIsCapped sends what held 44,000 entries and 145 MB
// in 0.1.0 (131,000 forged beacons, here 10,000 in `make test`): every one
// from one source, each naming a new port with a 1,900-byte name.
func TestFloodFromOneSourceIsCapped(t *testing.T) {
	n := 10_000 * floodScale()
	for _, c := range []struct {
		name string
		lim  limits
	}{
		{"as shipped", defaultLimits},
		{"without the rate limit, the per-source cap holds", func() limits { l := defaultLimits; l.rate, l.burst = 1e9, 1e9; return l }()},
	} {
		t.Run(c.name, func(t *testing.T) {
			before := heapInUse()
			b := browse(t, time.Minute, c.lim)
			f := newForger(t, b, "127.0.0.2")
			name := strings.Repeat("x", 1900)
			start := time.Now()
			for i := range n {
				f.send(beacon(Announcement{Demo: "echo", Addr: fmt.Sprintf("127.0.0.2:%d", 1+i%65535), Transport: "tcp", Name: name}))
			}
			elapsed := time.Since(start)
			newForger(t, b, "127.0.0.4").marker(b, 9)

			s := b.Stats()
			assert.LessOrEqual(t, entriesOf(b, "127.0.0.2"), c.lim.perSource, "%+v", s)
			assert.LessOrEqual(t, s.Entries, c.lim.perSource+1)
			if c.lim.rate < 1e9 {
				assert.Positive(t, s.RateLimited, "%+v", s)
				assert.LessOrEqual(t, float64(s.Listed), c.lim.burst+1+c.lim.rate*(time.Since(start)+elapsed).Seconds(), "%+v", s)
			} else {
				assert.Positive(t, s.Evicted, "%+v", s)
			}
			grew := int64(heapInUse()) - int64(before)
			t.Logf("%d beacons in %v: %+v, heap %+d KB", n, elapsed, s, grew/1024)
			assert.Less(t, grew, int64(4<<20), "memory stays bounded")
		})
	}
}

// TestFloodFromManySourcesIsCapped: however many addresses flood (a
// program may bind any 127.x.y.z, or spoof sources on a real network),
// the list and the rate limiter's table stay at their caps.
func TestFloodFromManySourcesIsCapped(t *testing.T) {
	sources := 300 * floodScale()
	before := heapInUse()
	b := browse(t, time.Minute, defaultLimits)
	for i := range sources {
		host := fmt.Sprintf("127.0.%d.%d", 10+i/250, 1+i%250)
		c, err := net.ListenUDP("udp4", &net.UDPAddr{IP: net.ParseIP(host)})
		require.NoError(t, err)
		for port := range 4 {
			_, err := c.WriteToUDP([]byte(beacon(Announcement{Demo: "echo", Addr: fmt.Sprintf("%s:%d", host, 8000+port), Name: strings.Repeat("y", 1900)})), b.Addr().(*net.UDPAddr))
			require.NoError(t, err)
		}
		c.Close()
	}
	newForger(t, b, "127.0.0.4").marker(b, 9)
	s := b.Stats()
	t.Logf("%d sources: %+v", sources, s)
	assert.LessOrEqual(t, s.Entries, defaultLimits.entries)
	assert.LessOrEqual(t, s.Sources, defaultLimits.sources)
	assert.Positive(t, s.Evicted, "more servers than the list holds: the oldest went")
	assert.Less(t, int64(heapInUse())-int64(before), int64(4<<20), "memory stays bounded")
}

// When the list is full, the source with the most entries loses its
// oldest, not a teacher who has one (and was heard before them all).
func TestFullListEvictsFromTheBiggestHolder(t *testing.T) {
	lim := defaultLimits
	lim.entries, lim.perSource = 4, 3
	b := browse(t, time.Minute, lim)
	teacher := newForger(t, b, "127.0.0.1")
	teacher.marker(b, 8001)
	flooder := newForger(t, b, "127.0.0.2")
	for port := range 3 {
		flooder.marker(b, 9000+port)
	}
	newForger(t, b, "127.0.0.3").marker(b, 9)
	assert.NotNil(t, listed(b, "127.0.0.1:8001"), "the teacher stays")
	assert.Equal(t, 2, entriesOf(b, "127.0.0.2"), "the biggest holder lost one")
	assert.Equal(t, 4, len(b.Found()))
}

// Many addresses with one entry each: newcomers displace the newest, and
// the teacher, heard before them, stays; an entry past the ttl goes first.
func TestFullListKeepsWhoWasThereFirst(t *testing.T) {
	lim := defaultLimits
	lim.entries = 3
	b := browse(t, time.Minute, lim)
	newForger(t, b, "127.0.0.1").marker(b, 8001)
	for i := range 10 {
		newForger(t, b, fmt.Sprintf("127.0.1.%d", i+1)).marker(b, 9)
	}
	assert.NotNil(t, listed(b, "127.0.0.1:8001"), "the teacher stays")
	assert.NotNil(t, listed(b, "127.0.1.1:9"), "so do the first others")
	assert.NotNil(t, listed(b, "127.0.1.10:9"), "the newest replaced the newest")
	assert.Len(t, b.Found(), 3)

	short := browse(t, 300*time.Millisecond, lim)
	gone := newForger(t, short, "127.0.0.5")
	gone.marker(short, 1)
	time.Sleep(400 * time.Millisecond) // past the ttl
	// Sent without a look at the list, which would sweep what is past the
	// ttl: the browser's own eviction must pick it.
	for _, host := range []string{"127.0.0.6", "127.0.0.7", "127.0.0.8"} {
		newForger(t, short, host).send(beacon(Announcement{Demo: "echo", Addr: host + ":1"}))
	}
	nettest.WaitFor(t, "three more beacons", func() bool { return short.Stats().Listed == 4 })
	s := short.Stats()
	assert.Equal(t, uint64(1), s.Evicted, "%+v", s)
	assert.Len(t, short.Found(), 3)
	assert.Nil(t, listed(short, "127.0.0.5:1"), "the one not heard for longer than the ttl went")
	assert.NotNil(t, listed(short, "127.0.0.7:1"), "rather than a newcomer")
}
