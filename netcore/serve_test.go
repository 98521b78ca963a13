package netcore_test

import (
	"context"
	"errors"
	"io"
	"net"
	"syscall"
	"testing"
	"time"

	"github.com/socketlab/socketlab/netcore"
	"github.com/socketlab/socketlab/netcore/demos"
	"github.com/socketlab/socketlab/netcore/internal/nettest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.uber.org/goleak"
)

// drain reads a server's events until Events is closed and returns the last.
func drain(srv *netcore.Server) <-chan netcore.Event {
	last := make(chan netcore.Event, 1)
	go func() {
		var e netcore.Event
		for e = range srv.Events() {
		}
		last <- e
	}()
	return last
}

func TestServeAndShutdownLikeNetHTTP(t *testing.T) {
	defer goleak.VerifyNone(t)
	ln, err := netcore.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	srv, err := netcore.NewServer(nettest.Config(t, "echo", nil))
	require.NoError(t, err)
	last := drain(srv)
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()

	c := nettest.DialRaw(t, "tcp", ln.Addr().String())
	assert.Equal(t, "hello from server\n", c.Line())
	assert.Equal(t, "hi\n", c.Ask("hi", "\n"))
	assert.Equal(t, ln.Addr().String(), srv.Addr().String())

	require.NoError(t, srv.Shutdown(context.Background()))
	assert.ErrorIs(t, <-served, netcore.ErrServerClosed)
	assert.Equal(t, netcore.EventStopped, (<-last).Kind)
	assert.ErrorIs(t, srv.Serve(ln), netcore.ErrServerClosed, "a stopped server serves no more")
	c.Conn.Close()
}

func TestServePacket(t *testing.T) {
	defer goleak.VerifyNone(t)
	pc, err := netcore.ListenPacket("udp", "127.0.0.1:0")
	require.NoError(t, err)
	cfg := nettest.Config(t, "echo", nil)
	cfg.Network = "udp"
	srv, err := netcore.NewServer(cfg)
	require.NoError(t, err)
	last := drain(srv)
	served := make(chan error, 1)
	go func() { served <- srv.ServePacket(pc) }()

	c := nettest.DialRaw(t, "udp", pc.LocalAddr().String())
	assert.Equal(t, "ping\n", c.Ask("ping", "\n"))
	require.NoError(t, srv.Close())
	assert.ErrorIs(t, <-served, netcore.ErrServerClosed)
	assert.Equal(t, netcore.EventStopped, (<-last).Kind)
	c.Conn.Close()
}

func TestServeRefusesTheWrongTransport(t *testing.T) {
	srv, err := netcore.NewServer(nettest.Config(t, "echo", nil))
	require.NoError(t, err)
	pc, err := net.ListenPacket("udp", "127.0.0.1:0")
	require.NoError(t, err)
	assert.ErrorContains(t, srv.ServePacket(pc), "use Serve")
	require.NoError(t, srv.Close())
}

// TestShutdownPastItsDeadlineLeavesNoGoroutine: a Shutdown whose context has
// already ended returns at once with ctx.Err(), yet the connections are
// closed and every goroutine still ends: the event stream closes, and
// nothing is left behind.
func TestShutdownPastItsDeadlineLeavesNoGoroutine(t *testing.T) {
	defer goleak.VerifyNone(t)
	srv, err := netcore.NewServer(nettest.Config(t, "chat", nil))
	require.NoError(t, err)
	ln, err := netcore.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	last := drain(srv)
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	var conns []net.Conn
	for range 5 {
		nc, err := net.Dial("tcp", ln.Addr().String())
		require.NoError(t, err)
		nc.Write([]byte("half a line"))
		conns = append(conns, nc)
	}
	nettest.WaitFor(t, "5 clients", func() bool { return len(srv.Clients()) == 5 })

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	assert.ErrorIs(t, srv.Shutdown(ctx), context.Canceled)
	assert.ErrorIs(t, <-served, netcore.ErrServerClosed)
	select {
	case e := <-last:
		assert.Equal(t, netcore.EventStopped, e.Kind, "the stream still ends with stopped")
	case <-time.After(5 * time.Second):
		t.Fatal("the server never finished after a Shutdown past its deadline")
	}
	require.NoError(t, srv.Shutdown(context.Background()), "a later Shutdown sees it finished")
	for _, nc := range conns {
		nc.SetReadDeadline(time.Now().Add(5 * time.Second))
		_, err := io.ReadAll(nc)
		if err != nil {
			assert.ErrorIs(t, err, syscall.ECONNRESET)
		}
		nc.Close()
	}
}

func TestListenErrorsAreForPeople(t *testing.T) {
	ln, err := netcore.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	defer ln.Close()
	_, port, _ := net.SplitHostPort(ln.Addr().String())
	_, err = netcore.Listen("tcp", ln.Addr().String())
	assert.EqualError(t, err, "port "+port+" on 127.0.0.1 is already in use — pick another or stop the other server")
	var fe *netcore.FriendlyError
	assert.True(t, errors.As(err, &fe))
	_, err = netcore.Listen("tcp", "127.0.0.1")
	assert.ErrorContains(t, err, "not host:port")
}

// rawDemo answers like a tiny web server: bytes exactly as given, no
// terminator mirrored from the request.
type rawDemo struct{}

func (rawDemo) Info() netcore.DemoInfo { return netcore.DemoInfo{Name: "raw"} }
func (rawDemo) Open(p netcore.Peer) netcore.Session {
	return rawSession{p}
}

type rawSession struct{ p netcore.Peer }

func (s rawSession) Handle(text string) {
	s.p.Send("line")
	s.p.SendRaw([]byte("HTTP/1.0 200 OK\r\nContent-Length: 2\r\n\r\nhi"))
	s.p.Send("after")
}
func (rawSession) Close() {}

func TestSendRawSendsExactlyTheBytes(t *testing.T) {
	cfg := netcore.NewConfig(rawDemo{})
	ts := nettest.StartServer(t, "127.0.0.1", cfg)
	c := nettest.DialRaw(t, "tcp", ts.HostPort)
	c.Send("GET / HTTP/1.0\r\n")
	want := "line\nHTTP/1.0 200 OK\r\nContent-Length: 2\r\n\r\nhiafter\n"
	got := make([]byte, len(want))
	c.Conn.SetReadDeadline(time.Now().Add(5 * time.Second))
	_, err := io.ReadFull(c.R, got)
	require.NoError(t, err)
	assert.Equal(t, want, string(got), "raw bytes keep their place among replies and get no terminator")
	nettest.WaitFor(t, "the raw send to be logged", func() bool { return ts.CountEvents(netcore.EventSent) == 3 })
}

func TestDemoSettingsReachTheServer(t *testing.T) {
	d, err := demos.New("echo", demos.Values{"welcome": "bonjour"}, nil)
	require.NoError(t, err)
	ts := nettest.StartServer(t, "127.0.0.1", netcore.NewConfig(d))
	nettest.WaitFor(t, "the listening event", func() bool { return ts.CountEvents(netcore.EventListening) == 1 })
	assert.Contains(t, ts.EventLog()[0].Text, "(echo)", "the server names the demo from its Info")
	assert.Equal(t, "bonjour\n", nettest.DialRaw(t, "tcp", ts.HostPort).Line())
}
