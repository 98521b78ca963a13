package netcore_test

import (
	"bytes"
	"fmt"
	"io"
	"net"
	"os/exec"
	"strings"
	"sync"
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

func TestStopWithClientsConnectedLeavesNoGoroutine(t *testing.T) {
	defer goleak.VerifyNone(t)
	for _, demo := range []string{"echo", "chat", "guess", "calc"} {
		cfg := nettest.Config(t, demo, nil)
		cfg.Addr = "127.0.0.1:0"
		srv, err := netcore.NewServer(cfg)
		require.NoError(t, err)
		require.NoError(t, srv.Start())
		var conns []net.Conn
		for i := 0; i < 10; i++ {
			nc, err := net.Dial("tcp", srv.Addr().String())
			require.NoError(t, err)
			conns = append(conns, nc)
			// Half-typed messages and queued replies must not hold Close up.
			nc.Write([]byte("2+2\nhalf a line"))
		}
		nettest.WaitFor(t, "10 clients", func() bool { return len(srv.Clients()) == 10 })
		srv.Close()
		assert.Empty(t, srv.Clients())
		var last netcore.Event
		for e := range srv.Events() { // closed by Close
			last = e
		}
		assert.Equal(t, netcore.EventStopped, last.Kind)
		for _, nc := range conns {
			nc.SetReadDeadline(time.Now().Add(5 * time.Second))
			_, err := io.ReadAll(nc)
			if err != nil {
				assert.ErrorIs(t, err, syscall.ECONNRESET, "clients see the connection end: %v", err)
			}
			nc.Close()
		}
		srv.Close() // a second Close is harmless
	}
}

func TestStopBeforeStartAndStartTwice(t *testing.T) {
	cfg := nettest.Config(t, "echo", nil)
	cfg.Addr = "127.0.0.1:0"
	srv, err := netcore.NewServer(cfg)
	require.NoError(t, err)
	require.NoError(t, srv.Start())
	assert.Error(t, srv.Start())
	srv.Close()

	srv, err = netcore.NewServer(cfg)
	require.NoError(t, err)
	srv.Close()
}

func TestServerEventsDescribeAConversation(t *testing.T) {
	ts := nettest.StartServer(t, "127.0.0.1", nettest.Config(t, "echo", nil))
	c := nettest.DialRaw(t, "tcp", ts.HostPort)
	c.Line()
	c.Ask("hey", "\n")
	c.Conn.Close()
	nettest.WaitFor(t, "the closed event", func() bool {
		evs := ts.EventLog()
		return len(evs) > 0 && evs[len(evs)-1].Kind == netcore.EventClosed
	})
	var kinds []netcore.EventKind
	for _, e := range ts.EventLog() {
		kinds = append(kinds, e.Kind)
		assert.False(t, e.Time.IsZero())
	}
	assert.Equal(t, []netcore.EventKind{netcore.EventListening, netcore.EventAccepted, netcore.EventSent, netcore.EventReceived, netcore.EventSent, netcore.EventClosed}, kinds)
	evs := ts.EventLog()
	assert.Equal(t, c.Conn.LocalAddr().String(), evs[1].Peer)
	assert.Equal(t, "hey", evs[3].Text)
	assert.Equal(t, 4, evs[3].Bytes)
	assert.Equal(t, netcore.EndNewline, evs[3].Ending)
	assert.Equal(t, "client disconnected", evs[5].Text)
	assert.Contains(t, evs[3].String(), `received 4 B: "hey"`)
}

func TestSlowEventConsumerNeverStallsTheNetwork(t *testing.T) {
	cfg := nettest.Config(t, "echo", demos.Values{"welcome": ""})
	cfg.Addr = "127.0.0.1:0"
	cfg.EventBuffer = 4
	srv, err := netcore.NewServer(cfg)
	require.NoError(t, err)
	require.NoError(t, srv.Start())
	defer srv.Close() // nobody reads Events at all
	c := nettest.DialRaw(t, "tcp", srv.Addr().String())
	for i := 0; i < 200; i++ {
		assert.Equal(t, fmt.Sprintf("%d\n", i), c.Ask(fmt.Sprint(i), "\n"))
	}
	assert.Greater(t, srv.Dropped(), int64(300), "events beyond the buffer are counted as dropped")
}

func TestMaxClientsTurnsExtrasAway(t *testing.T) {
	cfg := nettest.Config(t, "echo", nil)
	cfg.MaxClients = 2
	ts := nettest.StartServer(t, "127.0.0.1", cfg)
	a := nettest.DialRaw(t, "tcp", ts.HostPort)
	b := nettest.DialRaw(t, "tcp", ts.HostPort)
	a.Line()
	b.Line()
	extra := nettest.DialRaw(t, "tcp", ts.HostPort)
	assert.Equal(t, "server busy\n", extra.Line())
	extra.ExpectClosed()
	assert.Equal(t, "still here\n", a.Ask("still here", "\n"))

	// A place frees up when someone leaves.
	b.Conn.Close()
	nettest.WaitFor(t, "b to leave", func() bool { return len(ts.Clients()) == 1 })
	late := nettest.DialRaw(t, "tcp", ts.HostPort)
	assert.Equal(t, "hello from server\n", late.Line())
}

func TestClientsListKickAndSendTo(t *testing.T) {
	ts := nettest.StartServer(t, "127.0.0.1", nettest.Config(t, "echo", nil))
	a := nettest.DialRaw(t, "tcp", ts.HostPort)
	b := nettest.DialRaw(t, "tcp", ts.HostPort)
	a.Line()
	b.Line()
	a.Ask("12345", "\n")
	list := ts.Clients()
	require.Len(t, list, 2)
	assert.Equal(t, a.Conn.LocalAddr().String(), list[0].Peer)
	assert.Equal(t, b.Conn.LocalAddr().String(), list[1].Peer)
	assert.Less(t, list[0].ID, list[1].ID)
	nettest.WaitFor(t, "byte counters", func() bool {
		l := ts.Clients()
		return len(l) == 2 && l[0].BytesIn == 6 && l[0].BytesOut == int64(len("hello from server\n12345\n"))
	})
	assert.WithinDuration(t, time.Now(), list[0].Since, time.Minute)

	require.NoError(t, ts.SendTo(list[1].ID, "just for b"))
	assert.Equal(t, "just for b\n", b.Line())
	require.NoError(t, ts.Broadcast("for everyone"))
	assert.Equal(t, "for everyone\n", a.Line())
	assert.Equal(t, "for everyone\n", b.Line())

	require.NoError(t, ts.Kick(list[0].ID))
	a.ExpectClosed()
	nettest.WaitFor(t, "a to be gone", func() bool { return len(ts.Clients()) == 1 })
	assert.ErrorContains(t, ts.Kick(list[0].ID), "no longer connected")
	assert.ErrorContains(t, ts.SendTo(list[0].ID, "x"), "no longer connected")
	assert.Equal(t, "b stays\n", b.Ask("b stays", "\n"))
	nettest.WaitFor(t, "the kick to be logged", func() bool {
		for _, e := range ts.EventLog() {
			if e.Kind == netcore.EventClosed && e.Text == "kicked by the server" {
				return true
			}
		}
		return false
	})
}

func TestHugeLineIsRefusedAndOthersKeepPlaying(t *testing.T) {
	cfg := nettest.Config(t, "echo", demos.Values{"welcome": ""})
	ts := nettest.StartServer(t, "127.0.0.1", cfg)
	other := nettest.DialRaw(t, "tcp", ts.HostPort)

	big := nettest.DialRaw(t, "tcp", ts.HostPort)
	go func() {
		// 10 MB with no newline; the write fails once the server hangs up.
		big.Conn.Write(bytes.Repeat([]byte("x"), 10<<20))
	}()
	assert.Equal(t, "error: message too long\n", big.Line())
	big.ExpectClosed()
	assert.Equal(t, "fine\n", other.Ask("fine", "\n"))
}

func TestResetMidGameAndGarbage(t *testing.T) {
	ts := nettest.StartServer(t, "127.0.0.1", nettest.Config(t, "guess", nil))
	player := nettest.DialRaw(t, "tcp", ts.HostPort)
	quitter := nettest.DialRaw(t, "tcp", ts.HostPort)
	assert.Regexp(t, `^(too low|too high|found the secret)\n$`, quitter.Ask("3", "\n"))
	quitter.Send("4") // half a move, then the laptop dies
	quitter.Reset()
	garbage := nettest.DialRaw(t, "tcp", ts.HostPort)
	garbage.Send("\x00\xff\xfe\x01\n\x80\x81")
	assert.Equal(t, "please send a whole number from 0 to 9\x00", garbage.Until(0))
	assert.Equal(t, "please send a whole number from 0 to 9\n", garbage.Line())
	assert.Equal(t, "please send a whole number from 0 to 9", garbage.QuietRead())
	assert.Regexp(t, `^(too low|too high|found the secret)\n$`, player.Ask("5", "\n"))
	nettest.WaitFor(t, "the reset client to be gone", func() bool { return len(ts.Clients()) == 2 })
}

func TestIdleClientIsClosed(t *testing.T) {
	cfg := nettest.Config(t, "echo", demos.Values{"welcome": ""})
	cfg.IdleTimeout = 300 * time.Millisecond
	ts := nettest.StartServer(t, "127.0.0.1", cfg)
	idle := nettest.DialRaw(t, "tcp", ts.HostPort)
	active := nettest.DialRaw(t, "tcp", ts.HostPort)
	for i := 0; i < 3; i++ {
		assert.Equal(t, "tick\n", active.Ask("tick", "\n"))
	}
	assert.Equal(t, "idle for 300ms; closing\n", idle.Line())
	idle.ExpectClosed()
}

func TestHalfCloseStillGetsReplies(t *testing.T) {
	// "printf '2+2' | nc -N host port": send, half-close, read.
	ts := nettest.StartServer(t, "127.0.0.1", nettest.Config(t, "calc", nil))
	c := nettest.DialRaw(t, "tcp", ts.HostPort)
	c.Send("1+1\n2+2")
	require.NoError(t, c.Conn.(*net.TCPConn).CloseWrite())
	c.Conn.SetReadDeadline(time.Now().Add(5 * time.Second))
	all, err := io.ReadAll(c.R)
	require.NoError(t, err)
	assert.Equal(t, "2\n4", string(all))
}

func TestPortInUseIsExplained(t *testing.T) {
	ts := nettest.StartServer(t, "127.0.0.1", nettest.Config(t, "echo", nil))
	_, port, _ := net.SplitHostPort(ts.HostPort)
	cfg := nettest.Config(t, "echo", nil)
	cfg.Addr = ts.HostPort
	srv, err := netcore.NewServer(cfg)
	require.NoError(t, err)
	err = srv.Start()
	require.Error(t, err)
	assert.Equal(t, "port "+port+" on 127.0.0.1 is already in use — pick another or stop the other server", err.Error())
	assert.ErrorIs(t, err, syscall.EADDRINUSE)
	srv.Close()
	c := nettest.DialRaw(t, "tcp", ts.HostPort)
	assert.Equal(t, "hello from server\n", c.Line(), "the first server is unharmed")
}

func TestBadConfigIsRefused(t *testing.T) {
	for _, tc := range []struct {
		mutate func(*netcore.Config)
		want   string
	}{
		{func(c *netcore.Config) { c.Demo = nil }, "no demo"},
		{func(c *netcore.Config) { c.Network = "sctp" }, "unknown transport"},
		{func(c *netcore.Config) { c.Addr = "127.0.0.1" }, "not host:port"},
		{func(c *netcore.Config) { c.Addr = "127.0.0.1:99999" }, "from 1 to 65535"},
		{func(c *netcore.Config) { c.MaxClients = -1 }, "negative"},
	} {
		cfg := nettest.Config(t, "echo", nil)
		tc.mutate(&cfg)
		_, err := netcore.NewServer(cfg)
		assert.ErrorContains(t, err, tc.want)
	}
}

// TestAgainstNcat plays demos with the real ncat and telnet programs as the
// client, the way a class mixes tools.
func TestAgainstNcatAndTelnet(t *testing.T) {
	ncat := lookTool(t, "ncat")
	ts := nettest.StartServer(t, "127.0.0.1", nettest.Config(t, "calc", nil))
	host, port, _ := net.SplitHostPort(ts.HostPort)
	cmd := exec.Command(ncat, host, port)
	cmd.Stdin = strings.NewReader("2+3*4\n7/2\r\n1/0\nquit\n")
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, string(out))
	assert.Equal(t, "14\n3.5\nerror: division by zero\n", string(out))

	// Python's sock.send(b"hello") with no newline, via ncat with no
	// trailing newline: the reply comes back unterminated too.
	echo := nettest.StartServer(t, "127.0.0.1", nettest.Config(t, "echo", nil))
	host, port, _ = net.SplitHostPort(echo.HostPort)
	cmd = exec.Command(ncat, host, port)
	cmd.Stdin = strings.NewReader("hello")
	out, _ = cmd.CombinedOutput()
	assert.Equal(t, "hello from server\nhello", string(out))

	telnet := lookTool(t, "telnet")
	guess := nettest.Config(t, "guess", demos.Values{"min": "7", "max": "7"})
	gs := nettest.StartServer(t, "127.0.0.1", guess)
	host, port, _ = net.SplitHostPort(gs.HostPort)
	cmd = exec.Command(telnet, host, port)
	stdin, err := cmd.StdinPipe()
	require.NoError(t, err)
	var stdout syncBuffer
	cmd.Stdout, cmd.Stderr = &stdout, &stdout
	require.NoError(t, cmd.Start())
	// As typed: telnet puts each line on the wire with \r\n.
	io.WriteString(stdin, "3\n9\n7\n")
	nettest.WaitFor(t, "telnet to show the replies", func() bool { return strings.Contains(stdout.String(), "found the secret") })
	stdin.Close()
	cmd.Wait()
	assert.Contains(t, stdout.String(), "too low\ntoo high\nfound the secret\n")
}

func lookTool(t *testing.T, name string) string {
	path, err := exec.LookPath(name)
	if err != nil {
		t.Fatalf("%s is not installed: run make test, which installs it", name)
	}
	return path
}

type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func TestOneClientAtATime(t *testing.T) {
	cfg := nettest.Config(t, "echo", nil)
	cfg.OneAtATime = true
	ts := nettest.StartServer(t, "127.0.0.1", cfg)
	a := nettest.DialRaw(t, "tcp", ts.HostPort)
	assert.Equal(t, "hello from server\n", a.Line())
	b := nettest.DialRaw(t, "tcp", ts.HostPort)
	b.Send("queued while waiting\n")
	c := nettest.DialRaw(t, "tcp", ts.HostPort)
	nettest.WaitFor(t, "b and c to wait in line", func() bool {
		l := ts.Clients()
		return len(l) == 3 && !l[0].Waiting && l[1].Waiting && l[2].Waiting
	})
	assert.Equal(t, "a is served\n", a.Ask("a is served", "\n"))

	// c is kicked out of the line; b is served as soon as a leaves, and
	// finds its early message answered.
	require.NoError(t, ts.Kick(ts.Clients()[2].ID))
	c.ExpectClosed()
	a.Conn.Close()
	assert.Equal(t, "hello from server\n", b.Line())
	assert.Equal(t, "queued while waiting\n", b.Line())
	nettest.WaitFor(t, "b to be the only one, served", func() bool {
		l := ts.Clients()
		return len(l) == 1 && !l[0].Waiting
	})
	nettest.WaitFor(t, "two waiting events", func() bool { return ts.CountEvents(netcore.EventWaiting) == 2 })
}

func TestStopFreesTheWaitingLine(t *testing.T) {
	defer goleak.VerifyNone(t, goleak.IgnoreCurrent())
	cfg := nettest.Config(t, "echo", nil)
	cfg.OneAtATime = true
	cfg.Addr = "127.0.0.1:0"
	srv, err := netcore.NewServer(cfg)
	require.NoError(t, err)
	require.NoError(t, srv.Start())
	for i := 0; i < 5; i++ {
		nc, err := net.Dial("tcp", srv.Addr().String())
		require.NoError(t, err)
		defer nc.Close()
	}
	nettest.WaitFor(t, "4 clients waiting", func() bool {
		n := 0
		for _, c := range srv.Clients() {
			if c.Waiting {
				n++
			}
		}
		return n == 4
	})
	srv.Close()
	assert.Empty(t, srv.Clients())
}

// The idle deadline is set once and moved on when it fires early: a client
// that keeps talking for longer than the idle timeout stays connected.
func TestActiveClientOutlivesTheIdleTimeout(t *testing.T) {
	cfg := nettest.Config(t, "echo", demos.Values{"welcome": ""})
	cfg.IdleTimeout = time.Second
	ts := nettest.StartServer(t, "127.0.0.1", cfg)
	c := nettest.DialRaw(t, "tcp", ts.HostPort)
	// A tick every quarter of the timeout, for two and a half timeouts.
	for start := time.Now(); time.Since(start) < 5*cfg.IdleTimeout/2; {
		assert.Equal(t, "tick\n", c.Ask("tick", "\n"))
		time.Sleep(cfg.IdleTimeout / 4)
	}
	assert.Equal(t, "idle for 1s; closing\n", c.Line(), "and once it goes quiet, it is closed")
	c.ExpectClosed()
}

// Replies are written directly while the socket takes them and queued once
// it is full; a client that sends a burst before reading anything still gets
// every reply, whole and in order.
func TestRepliesKeepTheirOrderWhenTheSocketFills(t *testing.T) {
	cfg := nettest.Config(t, "echo", demos.Values{"welcome": ""})
	ts := nettest.StartServer(t, "127.0.0.1", cfg)
	c := nettest.DialRaw(t, "tcp", ts.HostPort)
	const n, size = 1000, 8 << 10
	line := func(i int) string { return fmt.Sprintf("%04d:%s", i, strings.Repeat("x", size)) }
	sent := make(chan error, 1)
	go func() {
		// 8 MB, far more than the socket buffers hold while nobody reads.
		var err error
		for i := 0; i < n && err == nil; i++ {
			_, err = c.Conn.Write([]byte(line(i) + "\n"))
		}
		sent <- err
	}()
	time.Sleep(200 * time.Millisecond) // let the replies pile up unread
	for i := 0; i < n; i++ {
		require.Equal(t, line(i)+"\n", c.Line(), "reply %d", i)
	}
	require.NoError(t, <-sent)
	nettest.WaitFor(t, "every reply to be logged", func() bool { return ts.CountEvents(netcore.EventSent) == n })
}
