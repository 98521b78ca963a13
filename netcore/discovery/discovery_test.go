package discovery

import (
	"net"
	"net/netip"
	"strconv"
	"testing"
	"time"

	"github.com/socketlab/socketlab/netcore"
	"github.com/socketlab/socketlab/netcore/internal/nettest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestDiscoveryOnLoopback(t *testing.T) {
	b, err := Browse("127.0.0.1:0", 2*time.Second)
	require.NoError(t, err)
	defer b.Close()
	_, port, _ := net.SplitHostPort(b.Addr().String())

	// Junk on the discovery port is ignored.
	junk, err := net.Dial("udp", b.Addr().String())
	require.NoError(t, err)
	junk.Write([]byte("hello?"))
	junk.Write([]byte(beaconPrefix + "{not json"))
	junk.Write([]byte(beaconPrefix + `{"demo":"echo","addr":"no port"}`))
	junk.Close()

	ts := nettest.StartServer(t, "127.0.0.1", nettest.Config(t, "guess", nil))
	an, err := Announce(Announcement{Demo: "guess", Addr: ts.HostPort, Transport: "tcp", Name: "lab-pc-3"},
		[]string{"127.0.0.1:" + port}, 50*time.Millisecond)
	require.NoError(t, err)

	select {
	case <-b.Changed():
	case <-time.After(5 * time.Second):
		t.Fatal("no announcement heard")
	}
	found := b.Found()
	require.Len(t, found, 1)
	assert.Equal(t, Announcement{Demo: "guess", Addr: ts.HostPort, Transport: "tcp", Name: "lab-pc-3"}, found[0].Announcement)

	// One click: what was found connects.
	c := nettest.DialRaw(t, "tcp", found[0].Addr)
	assert.Regexp(t, `^(too low|too high|found the secret)\n$`, c.Ask("4", "\n"))

	an.Stop()
	an.Stop() // twice is fine
	nettest.WaitFor(t, "the stopped server to be forgotten", func() bool { return len(b.Found()) == 0 })
}

func TestBeaconTargets(t *testing.T) {
	assert.Equal(t, []string{"127.0.0.1:48690"}, BeaconTargets("127.0.0.1", Port), "loopback servers announce on loopback only")
	assert.Equal(t, []string{"127.0.0.1:48690"}, BeaconTargets("::1", Port))
	all := BeaconTargets("", Port)
	assert.Equal(t, "127.0.0.1:48690", all[0])
	ifs, err := netcore.Interfaces()
	require.NoError(t, err)
	for _, it := range ifs {
		for _, p := range it.Addrs {
			if it.Up && !it.Loopback && p.Addr().Is4() && p.Bits() < 31 {
				assert.Contains(t, all, net.JoinHostPort(broadcastOf(p).String(), strconv.Itoa(Port)))
			}
		}
	}
}

func TestBroadcastOf(t *testing.T) {
	assert.Equal(t, "192.168.0.255", broadcastOf(netip.MustParsePrefix("192.168.0.105/24")).String())
	assert.Equal(t, "10.1.255.255", broadcastOf(netip.MustParsePrefix("10.1.2.3/16")).String())
	assert.Equal(t, "172.16.5.127", broadcastOf(netip.MustParsePrefix("172.16.5.100/25")).String())
}
