package discovery

import (
	"encoding/json"
	"net"
	"net/netip"
	"strconv"
	"testing"
	"time"

	"github.com/socketlab/socketlab/netcore/internal/nettest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Tests listen on a free loopback port and send to it directly: never the
// classroom's port, never a broadcast address. Other 127.x.y.z addresses
// stand in for classmates' computers.

// browse starts a browser on a free loopback port, closed when the test ends.
func browse(t *testing.T, ttl time.Duration, lim limits) *Browser {
	t.Helper()
	b, err := browseWith("127.0.0.1:0", ttl, lim)
	require.NoError(t, err)
	t.Cleanup(b.Close)
	return b
}

// toBrowser is a route from a socket bound to from, straight to b.
func toBrowser(b *Browser, from string) Route {
	return Route{From: netip.MustParseAddr(from), To: b.Addr().(*net.UDPAddr).AddrPort()}
}

// forger sends raw datagrams to a browser from a socket bound to one
// loopback address, as a student's program would.
type forger struct {
	t    *testing.T
	conn *net.UDPConn
	to   *net.UDPAddr
}

func newForger(t *testing.T, b *Browser, from string) *forger {
	t.Helper()
	c, err := net.ListenUDP("udp4", &net.UDPAddr{IP: net.ParseIP(from)})
	require.NoError(t, err)
	t.Cleanup(func() { c.Close() })
	return &forger{t: t, conn: c, to: b.Addr().(*net.UDPAddr)}
}

func (f *forger) send(datagram string) {
	f.t.Helper()
	_, err := f.conn.WriteToUDP([]byte(datagram), f.to)
	require.NoError(f.t, err)
}

// beacon is a datagram announcing a exactly as given: unlike
// encodeBeacon, nothing is cleaned, as a forger would not.
func beacon(a Announcement) string {
	msg, _ := json.Marshal(a)
	return beaconPrefix + string(msg)
}

// marker sends a valid beacon naming the forger's own address and port,
// and waits until it is listed: everything the forger sent before it has
// been handled by then (loopback keeps one socket's datagrams in order).
func (f *forger) marker(b *Browser, port int) {
	f.t.Helper()
	host := f.conn.LocalAddr().(*net.UDPAddr).IP.String()
	addr := net.JoinHostPort(host, strconv.Itoa(port))
	f.send(beacon(Announcement{Demo: "marker", Addr: addr, Transport: "tcp"}))
	nettest.WaitFor(f.t, "the marker beacon to be listed", func() bool { return listed(b, addr) != nil })
}

// listed is b's entry for addr, or nil.
func listed(b *Browser, addr string) *Found {
	for _, f := range b.Found() {
		if f.Addr == addr {
			return &f
		}
	}
	return nil
}

func TestDiscoveryOnLoopback(t *testing.T) {
	b := browse(t, 2*time.Second, defaultLimits)

	// Junk on the discovery port is ignored.
	junk := newForger(t, b, "127.0.0.1")
	junk.send("hello?")
	junk.send(beaconPrefix + "{not json")
	junk.send(beaconPrefix + `{"demo":"echo","addr":"no port"}`)

	ts := nettest.StartServer(t, "127.0.0.1", nettest.Config(t, "guess", nil))
	_, port, _ := net.SplitHostPort(ts.HostPort)
	p, _ := strconv.Atoi(port)
	an, err := Announce(Service{Demo: "guess", Port: p, Transport: "tcp", Name: "lab-pc-3"},
		[]Route{toBrowser(b, "127.0.0.1")}, 50*time.Millisecond)
	require.NoError(t, err)

	select {
	case <-b.Changed():
	case <-time.After(5 * time.Second):
		t.Fatal("no announcement heard")
	}
	found := b.Found()
	require.Len(t, found, 1)
	assert.Equal(t, Announcement{Demo: "guess", Addr: ts.HostPort, Transport: "tcp", Name: "lab-pc-3"}, found[0].Announcement)
	assert.Equal(t, uint64(3), b.Stats().Ignored)

	// One click: what was found connects.
	c := nettest.DialRaw(t, "tcp", found[0].Addr)
	assert.Regexp(t, `^(too low|too high|found the secret)\n$`, c.Ask("4", "\n"))

	an.Stop()
	an.Stop() // twice is fine
	nettest.WaitFor(t, "the stopped server to be forgotten", func() bool { return len(b.Found()) == 0 })
}

func TestBeaconNamingAnotherAddressIsIgnored(t *testing.T) {
	b := browse(t, time.Minute, defaultLimits)
	f := newForger(t, b, "127.0.0.2")
	// A replayed or forged beacon naming somebody else, or a name to be
	// looked up, or an address in another form than the source's.
	for _, addr := range []string{"127.0.0.1:8000", "127.0.0.3:8000", "192.0.2.9:8000", "localhost:8000", "[::1]:8000", "[::ffff:127.0.0.3]:8000"} {
		f.send(beacon(Announcement{Demo: "echo", Addr: addr, Transport: "tcp", Name: "pc"}))
	}
	f.marker(b, 9)
	found := b.Found()
	require.Len(t, found, 1, "only the beacon naming its own address: %v", found)
	assert.Equal(t, "127.0.0.2:9", found[0].Addr)
	assert.Equal(t, uint64(6), b.Stats().Ignored)

	// Its own address in the mapped form is its own address.
	f.send(beacon(Announcement{Demo: "echo", Addr: "[::ffff:127.0.0.2]:8000", Transport: "tcp"}))
	nettest.WaitFor(t, "the mapped form to be listed as 127.0.0.2", func() bool { return listed(b, "127.0.0.2:8000") != nil })
}

func TestForgedBeaconCannotReplaceAnotherSourcesEntry(t *testing.T) {
	b := browse(t, time.Minute, defaultLimits)
	teacher := Service{Demo: "chat", Port: 8001, Transport: "tcp", Name: "teacher-pc"}
	an, err := Announce(teacher, []Route{toBrowser(b, "127.0.0.1")}, 20*time.Millisecond)
	require.NoError(t, err)
	defer an.Stop()
	nettest.WaitFor(t, "the teacher to be listed", func() bool { return listed(b, "127.0.0.1:8001") != nil })
	want := Announcement{Demo: "chat", Addr: "127.0.0.1:8001", Transport: "tcp", Name: "teacher-pc"}

	// A classmate replays the teacher's beacon with another demo and name,
	// as fast as the rate limit lets it through, and announces its own
	// server on the same port.
	f := newForger(t, b, "127.0.0.3")
	for range 8 { // with the marker, within the rate limit's burst
		f.send(beacon(Announcement{Demo: "password", Addr: "127.0.0.1:8001", Transport: "tcp", Name: "teacher-pc (new)"}))
		f.send(beacon(Announcement{Demo: "password", Addr: "127.0.0.3:8001", Transport: "tcp", Name: "teacher-pc"}))
	}
	f.marker(b, 9)
	assert.Equal(t, want, listed(b, "127.0.0.1:8001").Announcement, "the teacher's entry is the teacher's")
	assert.Equal(t, "password", listed(b, "127.0.0.3:8001").Demo, "the classmate is listed at its own address")
	assert.Equal(t, uint64(8), b.Stats().Ignored)
}

func TestBeaconTextIsCleanedAndCut(t *testing.T) {
	b := browse(t, time.Minute, defaultLimits)
	f := newForger(t, b, "127.0.0.2")
	long := ""
	for len(long) < 1950 {
		long += "abcdefghij"
	}
	f.send(beacon(Announcement{Demo: "echo\x1b[2J", Addr: "127.0.0.2:8000", Transport: "TCP", Name: "pc\x1b]0;owned\x07\r\nserver: \u202eolleh\u2066 zero\u200bwidth\ufeff"}))
	f.send(beacon(Announcement{Demo: "echo", Addr: "127.0.0.2:8001", Transport: "udp", Name: long}))
	f.send(beacon(Announcement{Demo: "guess" + long[:200], Addr: "127.0.0.2:8002", Transport: "tcp"}))
	f.marker(b, 9)

	got := listed(b, "127.0.0.2:8000")
	require.NotNil(t, got)
	assert.Equal(t, "echo[2J", got.Demo)
	assert.Equal(t, "pc]0;owned server: olleh zerowidth", got.Name)
	assert.Equal(t, "tcp", got.Transport)

	got = listed(b, "127.0.0.2:8001")
	require.NotNil(t, got)
	assert.Equal(t, long[:MaxNameChars], got.Name, "a 1,950-byte name")
	assert.Equal(t, "udp", got.Transport)
	got = listed(b, "127.0.0.2:8002")
	require.NotNil(t, got)
	assert.Equal(t, ("guess" + long)[:MaxDemoChars], got.Demo)
	assert.Zero(t, b.Stats().Ignored, "long texts are cut, not a reason to ignore the beacon")
}

func TestCleanText(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"lab-pc-3", "lab-pc-3"},
		{"  two\t\twords \n", "two words"},
		{"bell\x07 esc\x1b del\x7f nel\u0085", "bell esc del nel"},
		{"\u202eright-to-left\u202c \u2067isolate\u2069 \u200emark", "right-to-left isolate mark"},
		{"zero\u200b\u200c\u200dwidth\u2060\ufeff", "zerowidth"},
		{"filler\u3164\u115f x\ufe0f", "filler x"},
		{"Ωμέγα-πc", "Ωμέγα-πc"},
		{"line\u2028para\u2029end", "line para end"},
	} {
		assert.Equal(t, c.want, cleanText(c.in, 64), "%q", c.in)
	}
	assert.Equal(t, "ΩΩΩ", cleanText("ΩΩΩΩ", 3), "cut by characters, not bytes")
	assert.Equal(t, "ab", cleanText("ab cd", 3), "no trailing space at the cut")
}

func TestParseBeaconRules(t *testing.T) {
	src := netip.MustParseAddr("127.0.0.2")
	ok := func(s string) bool {
		_, _, good := parseBeacon([]byte(s), src)
		return good
	}
	assert.True(t, ok(beaconPrefix+`{"demo":"echo","addr":"127.0.0.2:8000"}`), "transport defaults to tcp")
	assert.False(t, ok(`{"demo":"echo","addr":"127.0.0.2:8000"}`), "no prefix")
	a, _, _ := parseBeacon([]byte(beaconPrefix+`{"demo":"echo","addr":"127.0.0.2:8000","tls":true}`), src)
	assert.True(t, a.TLS, "the tls flag is carried")
	a, _, _ = parseBeacon([]byte(beaconPrefix+`{"demo":"echo","addr":"127.0.0.2:8000","transport":"udp","tls":true}`), src)
	assert.False(t, a.TLS, "no TLS over UDP")
	plain, err := encodeBeacon(Announcement{Demo: "echo", Addr: "127.0.0.2:8000", Transport: "tcp"})
	require.NoError(t, err)
	assert.NotContains(t, string(plain), "tls", "a plain server's beacon is as before")
	withTLS, err := encodeBeacon(Announcement{Demo: "echo", Addr: "127.0.0.2:8000", Transport: "tcp", TLS: true})
	require.NoError(t, err)
	a, _, good := parseBeacon(withTLS, src)
	assert.True(t, good && a.TLS, "a TLS server's beacon round-trips")
	assert.False(t, ok("SOCKETLAB/2 "+`{"demo":"echo","addr":"127.0.0.2:8000"}`), "another version")
	assert.False(t, ok(beaconPrefix+`{"demo":"echo","addr":"127.0.0.2:0"}`), "port 0")
	assert.False(t, ok(beaconPrefix+`{"demo":"echo","addr":"127.0.0.2:8000","transport":"sctp"}`), "unknown transport")
	assert.False(t, ok(beaconPrefix+`{"demo":"\u001b\u200b","addr":"127.0.0.2:8000"}`), "no demo left after cleaning")
	pad := make([]byte, MaxBeaconBytes)
	for i := range pad {
		pad[i] = 'x'
	}
	assert.False(t, ok(beaconPrefix+`{"demo":"echo","addr":"127.0.0.2:8000","name":"`+string(pad)+`"}`), "over MaxBeaconBytes")
	fits := beaconPrefix + `{"demo":"echo","addr":"127.0.0.2:8000","name":""}`
	fits = fits[:len(fits)-2] + string(pad[:MaxBeaconBytes-len(fits)]) + `"}`
	require.Len(t, fits, MaxBeaconBytes)
	assert.True(t, ok(fits), "exactly MaxBeaconBytes")
}
