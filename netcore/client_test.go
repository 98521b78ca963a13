package netcore

import (
	"context"
	"net"
	"net/netip"
	"os"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// nextEvent returns the next event of one of the given kinds.
func nextEvent(t *testing.T, c *Client, kinds ...EventKind) Event {
	t.Helper()
	timeout := time.After(5 * time.Second)
	for {
		select {
		case e, ok := <-c.Events():
			require.True(t, ok, "events ended early")
			for _, k := range kinds {
				if e.Kind == k {
					return e
				}
			}
		case <-timeout:
			t.Fatalf("no %v event", kinds)
		}
	}
}

func TestClientPlaysEveryFraming(t *testing.T) {
	forEachLoopback(t, func(t *testing.T, host string) {
		ts := startServer(t, host, NewConfig("echo"))
		c, err := Dial(context.Background(), "tcp", ts.addr, time.Second)
		require.NoError(t, err)
		defer c.Close()
		assert.Equal(t, EventConnected, nextEvent(t, c, EventConnected).Kind)
		e := nextEvent(t, c, EventReceived)
		assert.Equal(t, "hello from server", e.Text)
		assert.Equal(t, EndNewline, e.Ending)

		for _, fr := range framings {
			require.NoError(t, c.Send("msg "+fr.name+fr.end))
			// The reply may be reported before our own send is.
			var sent, e Event
			for sent.Kind != EventSent || e.Kind != EventReceived {
				switch ev := nextEvent(t, c, EventSent, EventReceived); ev.Kind {
				case EventSent:
					sent = ev
				case EventReceived:
					e = ev
				}
			}
			assert.Equal(t, "msg "+fr.name, sent.Text)
			assert.Equal(t, "msg "+fr.name+fr.end, string(sent.Wire()))
			assert.Equal(t, "msg "+fr.name, e.Text, fr.name)
			assert.Equal(t, SplitDatagram([]byte("x"+fr.replyEnd)).Ending, e.Ending, fr.name)
		}
	})
}

func TestClientSeesServerHangUp(t *testing.T) {
	ts := startServer(t, "127.0.0.1", NewConfig("calc"))
	c, err := Dial(context.Background(), "tcp", ts.addr, time.Second)
	require.NoError(t, err)
	defer c.Close()
	require.NoError(t, c.Send("quit\n"))
	e := nextEvent(t, c, EventClosed)
	assert.Equal(t, "the server closed the connection", e.Text)
	<-c.Done()
	assert.ErrorContains(t, c.Send("1+1\n"), "not connected")
	_, open := <-c.Events()
	assert.False(t, open, "events close after the closed event")
}

func TestClientOverUDP(t *testing.T) {
	forEachLoopback(t, func(t *testing.T, host string) {
		cfg := NewConfig("echo")
		cfg.Network = "udp"
		ts := startServer(t, host, cfg)
		c, err := Dial(context.Background(), "udp", ts.addr, time.Second)
		require.NoError(t, err)
		defer c.Close()
		require.NoError(t, c.Send("over udp\n"))
		e := nextEvent(t, c, EventReceived)
		assert.Equal(t, "over udp", e.Text)
		assert.Equal(t, EndNewline, e.Ending)
	})
}

func TestDialRefusedIsAdvice(t *testing.T) {
	forEachLoopback(t, func(t *testing.T, host string) {
		// A port that was just free: nothing listens there.
		ln, err := net.Listen("tcp", net.JoinHostPort(host, "0"))
		require.NoError(t, err)
		addr := ln.Addr().String()
		ln.Close()
		_, err = Dial(context.Background(), "tcp", addr, time.Second)
		require.Error(t, err)
		assert.Equal(t, "connection refused — is the server started on "+addr+"?", err.Error())
	})
}

func TestDialBadInput(t *testing.T) {
	ctx := context.Background()
	_, err := Dial(ctx, "tcp", "127.0.0.1", time.Second)
	assert.ErrorContains(t, err, "not host:port")
	_, err = Dial(ctx, "tcp", "127.0.0.1:0", time.Second)
	assert.ErrorContains(t, err, "port 0")
	_, err = Dial(ctx, "sctp", "127.0.0.1:80", time.Second)
	assert.ErrorContains(t, err, "unknown transport")
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	_, err = Dial(cancelled, "tcp", "127.0.0.1:9", time.Second)
	assert.Error(t, err)
}

func TestDialErrorsAreAdvice(t *testing.T) {
	timeout := &net.OpError{Op: "dial", Net: "tcp", Err: os.ErrDeadlineExceeded}
	assert.Equal(t, "timed out after 5 s — check the address, that you are on the same network, and the firewall",
		explainDial(timeout, "192.168.0.5:8000", 5*time.Second).Error())
	notFound := &net.OpError{Op: "dial", Net: "tcp", Err: &net.DNSError{Err: "no such host", Name: "labpc", IsNotFound: true}}
	assert.Equal(t, `host not found — check the spelling of "labpc" or type the IP address shown on the server`,
		explainDial(notFound, "labpc:8000", 5*time.Second).Error())
}

func TestInterfacesAndBestGuess(t *testing.T) {
	ifs, err := Interfaces()
	require.NoError(t, err)
	var sawLoopback bool
	for i, it := range ifs {
		assert.NotEmpty(t, it.Name)
		if it.Loopback {
			sawLoopback = true
		} else {
			assert.False(t, sawLoopback, "loopback is listed last (%d)", i)
		}
	}
	assert.True(t, sawLoopback, "every machine has a loopback interface")
	best := BestLANAddress()
	require.NotEmpty(t, best)
	ip := net.ParseIP(best)
	require.NotNil(t, ip)
	assert.NotNil(t, ip.To4(), "the best guess is IPv4")
}

func TestBestLANSkipsDownLoopbackAndLinkLocal(t *testing.T) {
	ifs := []Interface{
		{Name: "lo", Up: true, Loopback: true, Addrs: []netip.Prefix{netip.MustParsePrefix("127.0.0.1/8")}},
		{Name: "wlan9", Up: false, Addrs: []netip.Prefix{netip.MustParsePrefix("10.1.1.5/24")}},
		{Name: "eth7", Up: true, Addrs: []netip.Prefix{netip.MustParsePrefix("fe80::1/64"), netip.MustParsePrefix("169.254.3.3/16"), netip.MustParsePrefix("192.168.0.105/24")}},
	}
	a, ok := bestLAN(ifs)
	require.True(t, ok)
	assert.Equal(t, "192.168.0.105", a.String())
	_, ok = bestLAN(ifs[:2])
	assert.False(t, ok)
}
