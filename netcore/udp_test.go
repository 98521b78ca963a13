package netcore_test

import (
	"net"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/socketlab/socketlab/netcore"
	"github.com/socketlab/socketlab/netcore/demos"
	"github.com/socketlab/socketlab/netcore/internal/nettest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func startUDP(t *testing.T, demo string) *nettest.Server {
	t.Helper()
	var v demos.Values
	if demo == "echo" {
		v = demos.Values{"welcome": ""}
	}
	cfg := nettest.Config(t, demo, v)
	cfg.Network = "udp"
	return nettest.StartServer(t, "127.0.0.1", cfg)
}

// udpErrors are the server's logged errors that contain text.
func udpErrors(ts *nettest.Server, text string) int {
	n := 0
	for _, e := range ts.EventLog() {
		if e.Kind == netcore.EventError && e.Err != nil && strings.Contains(e.Err.Error(), text) {
			n++
		}
	}
	return n
}

// peerCounts is what the server counted for one UDP peer.
func peerCounts(ts *nettest.Server, peer string) (in, out int64) {
	for _, c := range ts.Clients() {
		if c.Peer == peer {
			return c.BytesIn, c.BytesOut
		}
	}
	return 0, 0
}

// A datagram whose source is the server's own port on one of this machine's
// addresses is never answered: that is how a spoofed datagram made the echo
// server answer itself forever.
func TestUDPNeverAnswersItsOwnAddress(t *testing.T) {
	ts := startUDP(t, "echo")
	_, port, _ := net.SplitHostPort(ts.HostPort)
	// The server's port on another loopback address: the same machine.
	spoof, err := net.ListenPacket("udp", net.JoinHostPort("127.0.0.2", port))
	require.NoError(t, err)
	defer spoof.Close()
	to, err := net.ResolveUDPAddr("udp", ts.HostPort)
	require.NoError(t, err)
	for range 3 {
		_, err = spoof.WriteTo([]byte("loop\n"), to)
		require.NoError(t, err)
	}
	// Datagrams are read in order: once this one is answered, the spoofed
	// ones have been handled.
	c := nettest.DialRaw(t, "udp", ts.HostPort)
	assert.Equal(t, "after\n", c.Ask("after", "\n"))

	spoof.SetReadDeadline(time.Now().Add(100 * time.Millisecond))
	_, _, err = spoof.ReadFrom(make([]byte, 100))
	assert.Error(t, err, "no answer to the server's own address")
	for _, cl := range ts.Clients() {
		assert.NotEqual(t, spoof.LocalAddr().String(), cl.Peer, "the server itself is not a client")
	}
	nettest.WaitFor(t, "the log line", func() bool { return udpErrors(ts, "own address") > 0 })
	assert.Equal(t, 1, udpErrors(ts, "own address"), "logged once, not once per datagram")
}

// Two echo servers pointed at each other (one datagram from A's socket to
// B) used to bounce forever; the per-source budget ends the exchange.
func TestUDPEchoServersPointedAtEachOtherStop(t *testing.T) {
	b := startUDP(t, "echo")
	cfg := nettest.Config(t, "echo", demos.Values{"welcome": ""})
	cfg.Network = "udp"
	a, err := netcore.NewServer(cfg)
	require.NoError(t, err)
	pcA, err := net.ListenPacket("udp", "127.0.0.1:0")
	require.NoError(t, err)
	served := make(chan error, 1)
	go func() { served <- a.ServePacket(pcA) }()
	var aLimited atomic.Int32
	go func() {
		for e := range a.Events() {
			if e.Kind == netcore.EventError && strings.Contains(e.Err.Error(), "until it slows down") {
				aLimited.Add(1)
			}
		}
	}()
	defer func() {
		a.Close()
		<-served
	}()

	to, err := net.ResolveUDPAddr("udp", b.HostPort)
	require.NoError(t, err)
	_, err = pcA.WriteTo([]byte("ping\n"), to)
	require.NoError(t, err)

	// Wait until B's count of datagrams from A stops moving.
	var last int64 = -1
	deadline := time.Now().Add(10 * time.Second)
	for {
		in, _ := peerCounts(b, pcA.LocalAddr().String())
		if in > 0 && in == last {
			break
		}
		require.True(t, time.Now().Before(deadline), "the exchange never stopped: %d datagrams so far", in/5)
		last = in
		time.Sleep(300 * time.Millisecond)
	}
	bounces := last / int64(len("ping\n"))
	t.Logf("the exchange stopped after %d datagrams from A to B", bounces)
	assert.Less(t, bounces, int64(1000), "a loop lasts about one reply budget each way")
	nettest.WaitFor(t, "the log line of the side that ran out", func() bool {
		return udpErrors(b, "until it slows down")+int(aLimited.Load()) > 0
	})
}

// A flood from one address gets at most the budget answered, is logged
// once, and the address is answered again once it slows down; other
// addresses are answered throughout.
func TestUDPRateLimitKicksInAndRecovers(t *testing.T) {
	ts := startUDP(t, "echo")
	flood := nettest.DialRaw(t, "udp", ts.HostPort)
	peer := flood.Conn.LocalAddr().String()
	const sent, batch = 2000, 100
	msg := []byte("f\n")
	for i := 0; i < sent; i += batch {
		for range batch {
			flood.Conn.Write(msg)
		}
		// Keep pace with the server, so no datagram is lost to a full
		// socket buffer and every one counts.
		nettest.WaitFor(t, "the server to read the batch", func() bool {
			in, _ := peerCounts(ts, peer)
			return in >= int64((i+batch)*len(msg))
		})
	}
	_, out := peerCounts(ts, peer)
	answered := out / int64(len(msg))
	t.Logf("%d of %d datagrams answered", answered, sent)
	assert.Less(t, answered, int64(sent), "the flood was not answered in full")
	nettest.WaitFor(t, "the log line", func() bool { return udpErrors(ts, "until it slows down") > 0 })
	assert.Equal(t, 1, udpErrors(ts, "until it slows down"), "logged once when it starts")

	// A different source address has its own budget.
	d := net.Dialer{LocalAddr: &net.UDPAddr{IP: net.ParseIP("127.0.0.2")}}
	other, err := d.Dial("udp", ts.HostPort)
	require.NoError(t, err)
	defer other.Close()
	_, err = other.Write([]byte("other\n"))
	require.NoError(t, err)
	other.SetReadDeadline(time.Now().Add(5 * time.Second))
	buf := make([]byte, 16)
	n, err := other.Read(buf)
	require.NoError(t, err)
	assert.Equal(t, "other\n", string(buf[:n]))

	// The flooding address (another port of it, too) is answered again.
	again := nettest.DialRaw(t, "udp", ts.HostPort)
	nettest.WaitFor(t, "an answer after the flood", func() bool {
		again.Send("again\n")
		again.Conn.SetReadDeadline(time.Now().Add(50 * time.Millisecond))
		buf := make([]byte, 16)
		n, _ := again.Conn.Read(buf)
		return string(buf[:n]) == "again\n"
	})
}

// A time request whose reply would not fit in one datagram gets an error
// reply instead of silence; one byte less still gets the time.
func TestUDPTimeReplyTooBigForADatagram(t *testing.T) {
	ts := startUDP(t, "time")
	c := nettest.DialRaw(t, "udp", ts.HostPort)
	stamp := len("[Mon Nov 23 06:53:48 2026] ")
	fits := 65507 - stamp
	buf := make([]byte, 70000)

	c.Send(strings.Repeat("x", fits))
	c.Conn.SetReadDeadline(time.Now().Add(5 * time.Second))
	n, err := c.Conn.Read(buf)
	require.NoError(t, err)
	assert.Equal(t, 65507, n, "the biggest reply that fits")

	c.Send(strings.Repeat("x", fits+1))
	n, err = c.Conn.Read(buf)
	require.NoError(t, err)
	assert.Equal(t, netcore.TooLongReply+"\n", string(buf[:n]))
}
