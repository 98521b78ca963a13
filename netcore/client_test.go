package netcore_test

import (
	"context"
	"net"
	"testing"
	"time"

	"github.com/socketlab/socketlab/netcore"
	"github.com/socketlab/socketlab/netcore/internal/nettest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestClientPlaysEveryFraming(t *testing.T) {
	nettest.ForEachLoopback(t, func(t *testing.T, host string) {
		ts := nettest.StartServer(t, host, nettest.Config(t, "echo", nil))
		c, err := netcore.Dial(context.Background(), "tcp", ts.HostPort, time.Second)
		require.NoError(t, err)
		defer c.Close()
		assert.Equal(t, netcore.EventConnected, nettest.NextEvent(t, c, netcore.EventConnected).Kind)
		e := nettest.NextEvent(t, c, netcore.EventReceived)
		assert.Equal(t, "hello from server", e.Text)
		assert.Equal(t, netcore.EndNewline, e.Ending)

		for _, fr := range nettest.Framings {
			require.NoError(t, c.Send("msg "+fr.Name+fr.End))
			// The reply may be reported before our own send is.
			var sent, e netcore.Event
			for sent.Kind != netcore.EventSent || e.Kind != netcore.EventReceived {
				switch ev := nettest.NextEvent(t, c, netcore.EventSent, netcore.EventReceived); ev.Kind {
				case netcore.EventSent:
					sent = ev
				case netcore.EventReceived:
					e = ev
				}
			}
			assert.Equal(t, "msg "+fr.Name, sent.Text)
			assert.Equal(t, "msg "+fr.Name+fr.End, string(sent.Wire()))
			assert.Equal(t, "msg "+fr.Name, e.Text, fr.Name)
			assert.Equal(t, netcore.SplitDatagram([]byte("x"+fr.ReplyEnd)).Ending, e.Ending, fr.Name)
		}
	})
}

func TestClientSeesServerHangUp(t *testing.T) {
	ts := nettest.StartServer(t, "127.0.0.1", nettest.Config(t, "calc", nil))
	c, err := netcore.Dial(context.Background(), "tcp", ts.HostPort, time.Second)
	require.NoError(t, err)
	defer c.Close()
	require.NoError(t, c.Send("quit\n"))
	e := nettest.NextEvent(t, c, netcore.EventClosed)
	assert.Equal(t, "the server closed the connection", e.Text)
	<-c.Done()
	assert.ErrorContains(t, c.Send("1+1\n"), "not connected")
	_, open := <-c.Events()
	assert.False(t, open, "events close after the closed event")
}

func TestClientOverUDP(t *testing.T) {
	nettest.ForEachLoopback(t, func(t *testing.T, host string) {
		cfg := nettest.Config(t, "echo", nil)
		cfg.Network = "udp"
		ts := nettest.StartServer(t, host, cfg)
		c, err := netcore.Dial(context.Background(), "udp", ts.HostPort, time.Second)
		require.NoError(t, err)
		defer c.Close()
		require.NoError(t, c.Send("over udp\n"))
		e := nettest.NextEvent(t, c, netcore.EventReceived)
		assert.Equal(t, "over udp", e.Text)
		assert.Equal(t, netcore.EndNewline, e.Ending)
	})
}

func TestDialRefusedIsAdvice(t *testing.T) {
	nettest.ForEachLoopback(t, func(t *testing.T, host string) {
		// A port that was just free: nothing listens there.
		ln, err := net.Listen("tcp", net.JoinHostPort(host, "0"))
		require.NoError(t, err)
		addr := ln.Addr().String()
		ln.Close()
		_, err = netcore.Dial(context.Background(), "tcp", addr, time.Second)
		require.Error(t, err)
		assert.Equal(t, "connection refused — is the server started on "+addr+"?", err.Error())
	})
}

func TestDialBadInput(t *testing.T) {
	ctx := context.Background()
	_, err := netcore.Dial(ctx, "tcp", "127.0.0.1", time.Second)
	assert.ErrorContains(t, err, "not host:port")
	_, err = netcore.Dial(ctx, "tcp", "127.0.0.1:0", time.Second)
	assert.ErrorContains(t, err, "port 0")
	_, err = netcore.Dial(ctx, "sctp", "127.0.0.1:80", time.Second)
	assert.ErrorContains(t, err, "unknown transport")
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	_, err = netcore.Dial(cancelled, "tcp", "127.0.0.1:9", time.Second)
	assert.Error(t, err)
}
