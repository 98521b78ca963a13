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
			// Our send is reported before the reply it caused, always: a
			// transcript shows the events in the order they come.
			sent := nettest.NextEvent(t, c, netcore.EventSent, netcore.EventReceived)
			require.Equal(t, netcore.EventSent, sent.Kind, "the send comes before its reply")
			e := nettest.NextEvent(t, c, netcore.EventSent, netcore.EventReceived)
			require.Equal(t, netcore.EventReceived, e.Kind)
			assert.Equal(t, "msg "+fr.Name, sent.Text)
			assert.Equal(t, len("msg "+fr.Name+fr.End), sent.Bytes)
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
	assert.ErrorIs(t, c.SendHidden("1+1\n"), netcore.ErrNotConnected)
	_, open := <-c.Events()
	assert.False(t, open, "events close after the closed event")
}

// SendHidden sends the text but reports only that a message went: no
// text, no size, no bytes for a hex view; its String says it is hidden.
func TestClientSendHiddenIsHidden(t *testing.T) {
	ts := nettest.StartServer(t, "127.0.0.1", nettest.Config(t, "echo", nil))
	c, err := netcore.Dial(context.Background(), "tcp", ts.HostPort, time.Second)
	require.NoError(t, err)
	defer c.Close()
	nettest.NextEvent(t, c, netcore.EventReceived) // welcome
	require.NoError(t, c.SendHidden("hunter2\n"))
	sent := nettest.NextEvent(t, c, netcore.EventSent, netcore.EventReceived)
	require.Equal(t, netcore.EventSent, sent.Kind, "the send comes before its reply")
	assert.True(t, sent.Hidden)
	assert.Equal(t, netcore.HiddenText, sent.Text)
	assert.Zero(t, sent.Bytes, "not even the length")
	assert.Nil(t, sent.Wire())
	assert.Equal(t, "\n", sent.Term, "the terminator is no secret")
	assert.NotContains(t, sent.String(), "hunter2")
	assert.Contains(t, sent.String(), "sent (hidden)")
	// The server did get it: echo says it back.
	assert.Equal(t, "hunter2", nettest.NextEvent(t, c, netcore.EventReceived).Text)
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
