package netcore

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

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.uber.org/goleak"
)

func TestStopWithClientsConnectedLeavesNoGoroutine(t *testing.T) {
	defer goleak.VerifyNone(t)
	for _, demo := range []string{"echo", "chat", "guess", "calc"} {
		cfg := NewConfig(demo)
		cfg.Addr = "127.0.0.1:0"
		srv, err := NewServer(cfg)
		require.NoError(t, err)
		require.NoError(t, srv.Start())
		var conns []net.Conn
		for i := 0; i < 10; i++ {
			nc, err := net.Dial("tcp", srv.Addr().String())
			require.NoError(t, err)
			conns = append(conns, nc)
			// Half-typed messages and queued replies must not hold Stop up.
			nc.Write([]byte("2+2\nhalf a line"))
		}
		waitFor(t, "10 clients", func() bool { return len(srv.Clients()) == 10 })
		srv.Stop()
		assert.Empty(t, srv.Clients())
		var last Event
		for e := range srv.Events() { // closed by Stop
			last = e
		}
		assert.Equal(t, EventStopped, last.Kind)
		for _, nc := range conns {
			nc.SetReadDeadline(time.Now().Add(5 * time.Second))
			_, err := io.ReadAll(nc)
			if err != nil {
				assert.True(t, isReset(err), "clients see the connection end: %v", err)
			}
			nc.Close()
		}
		srv.Stop() // a second Stop is harmless
	}
}

func TestStopBeforeStartAndStartTwice(t *testing.T) {
	cfg := NewConfig("echo")
	cfg.Addr = "127.0.0.1:0"
	srv, err := NewServer(cfg)
	require.NoError(t, err)
	require.NoError(t, srv.Start())
	assert.Error(t, srv.Start())
	srv.Stop()

	srv, err = NewServer(cfg)
	require.NoError(t, err)
	srv.Stop()
}

func TestServerEventsDescribeAConversation(t *testing.T) {
	ts := startServer(t, "127.0.0.1", NewConfig("echo"))
	c := dialRaw(t, "tcp", ts.addr)
	c.line()
	c.ask("hey", "\n")
	c.nc.Close()
	waitFor(t, "the closed event", func() bool {
		evs := ts.eventLog()
		return len(evs) > 0 && evs[len(evs)-1].Kind == EventClosed
	})
	var kinds []EventKind
	for _, e := range ts.eventLog() {
		kinds = append(kinds, e.Kind)
		assert.False(t, e.Time.IsZero())
	}
	assert.Equal(t, []EventKind{EventListening, EventAccepted, EventSent, EventReceived, EventSent, EventClosed}, kinds)
	evs := ts.eventLog()
	assert.Equal(t, c.nc.LocalAddr().String(), evs[1].Peer)
	assert.Equal(t, "hey", evs[3].Text)
	assert.Equal(t, 4, evs[3].Bytes)
	assert.Equal(t, EndNewline, evs[3].Ending)
	assert.Equal(t, "client disconnected", evs[5].Text)
	assert.Contains(t, evs[3].String(), `received 4 B: "hey"`)
}

func TestSlowEventConsumerNeverStallsTheNetwork(t *testing.T) {
	cfg := NewConfig("echo")
	cfg.Addr = "127.0.0.1:0"
	cfg.Welcome = ""
	cfg.EventBuffer = 4
	srv, err := NewServer(cfg)
	require.NoError(t, err)
	require.NoError(t, srv.Start())
	defer srv.Stop() // nobody reads Events at all
	c := dialRaw(t, "tcp", srv.Addr().String())
	for i := 0; i < 200; i++ {
		assert.Equal(t, fmt.Sprintf("%d\n", i), c.ask(fmt.Sprint(i), "\n"))
	}
	assert.Greater(t, srv.Dropped(), int64(300), "events beyond the buffer are counted as dropped")
}

func TestMaxClientsTurnsExtrasAway(t *testing.T) {
	cfg := NewConfig("echo")
	cfg.MaxClients = 2
	ts := startServer(t, "127.0.0.1", cfg)
	a := dialRaw(t, "tcp", ts.addr)
	b := dialRaw(t, "tcp", ts.addr)
	a.line()
	b.line()
	extra := dialRaw(t, "tcp", ts.addr)
	assert.Equal(t, "server busy\n", extra.line())
	extra.expectClosed()
	assert.Equal(t, "still here\n", a.ask("still here", "\n"))

	// A place frees up when someone leaves.
	b.nc.Close()
	waitFor(t, "b to leave", func() bool { return len(ts.Clients()) == 1 })
	late := dialRaw(t, "tcp", ts.addr)
	assert.Equal(t, "hello from server\n", late.line())
}

func TestClientsListKickAndSendTo(t *testing.T) {
	ts := startServer(t, "127.0.0.1", NewConfig("echo"))
	a := dialRaw(t, "tcp", ts.addr)
	b := dialRaw(t, "tcp", ts.addr)
	a.line()
	b.line()
	a.ask("12345", "\n")
	list := ts.Clients()
	require.Len(t, list, 2)
	assert.Equal(t, a.nc.LocalAddr().String(), list[0].Peer)
	assert.Equal(t, b.nc.LocalAddr().String(), list[1].Peer)
	assert.Less(t, list[0].ID, list[1].ID)
	waitFor(t, "byte counters", func() bool {
		l := ts.Clients()
		return len(l) == 2 && l[0].BytesIn == 6 && l[0].BytesOut == int64(len("hello from server\n12345\n"))
	})
	assert.WithinDuration(t, time.Now(), list[0].Since, time.Minute)

	require.NoError(t, ts.SendTo(list[1].ID, "just for b"))
	assert.Equal(t, "just for b\n", b.line())
	require.NoError(t, ts.Broadcast("for everyone"))
	assert.Equal(t, "for everyone\n", a.line())
	assert.Equal(t, "for everyone\n", b.line())

	require.NoError(t, ts.Kick(list[0].ID))
	a.expectClosed()
	waitFor(t, "a to be gone", func() bool { return len(ts.Clients()) == 1 })
	assert.ErrorContains(t, ts.Kick(list[0].ID), "no longer connected")
	assert.ErrorContains(t, ts.SendTo(list[0].ID, "x"), "no longer connected")
	assert.Equal(t, "b stays\n", b.ask("b stays", "\n"))
	waitFor(t, "the kick to be logged", func() bool {
		for _, e := range ts.eventLog() {
			if e.Kind == EventClosed && e.Text == "kicked by the server" {
				return true
			}
		}
		return false
	})
}

func TestHugeLineIsRefusedAndOthersKeepPlaying(t *testing.T) {
	cfg := NewConfig("echo")
	cfg.Welcome = ""
	ts := startServer(t, "127.0.0.1", cfg)
	other := dialRaw(t, "tcp", ts.addr)

	big := dialRaw(t, "tcp", ts.addr)
	go func() {
		// 10 MB with no newline; the write fails once the server hangs up.
		big.nc.Write(bytes.Repeat([]byte("x"), 10<<20))
	}()
	assert.Equal(t, "error: message too long\n", big.line())
	big.expectClosed()
	assert.Equal(t, "fine\n", other.ask("fine", "\n"))
}

func TestResetMidGameAndGarbage(t *testing.T) {
	ts := startServer(t, "127.0.0.1", NewConfig("guess"))
	player := dialRaw(t, "tcp", ts.addr)
	quitter := dialRaw(t, "tcp", ts.addr)
	assert.Regexp(t, `^(too low|too high|found the secret)\n$`, quitter.ask("3", "\n"))
	quitter.send("4") // half a move, then the laptop dies
	quitter.reset()
	garbage := dialRaw(t, "tcp", ts.addr)
	garbage.send("\x00\xff\xfe\x01\n\x80\x81")
	assert.Equal(t, "please send a whole number from 0 to 9\x00", garbage.until(0))
	assert.Equal(t, "please send a whole number from 0 to 9\n", garbage.line())
	assert.Equal(t, "please send a whole number from 0 to 9", garbage.quietRead())
	assert.Regexp(t, `^(too low|too high|found the secret)\n$`, player.ask("5", "\n"))
	waitFor(t, "the reset client to be gone", func() bool { return len(ts.Clients()) == 2 })
}

func TestIdleClientIsClosed(t *testing.T) {
	cfg := NewConfig("echo")
	cfg.Welcome = ""
	cfg.IdleTimeout = 300 * time.Millisecond
	ts := startServer(t, "127.0.0.1", cfg)
	idle := dialRaw(t, "tcp", ts.addr)
	active := dialRaw(t, "tcp", ts.addr)
	for i := 0; i < 3; i++ {
		assert.Equal(t, "tick\n", active.ask("tick", "\n"))
	}
	assert.Equal(t, "idle for 300ms; closing\n", idle.line())
	idle.expectClosed()
}

func TestHalfCloseStillGetsReplies(t *testing.T) {
	// "printf '2+2' | nc -N host port": send, half-close, read.
	ts := startServer(t, "127.0.0.1", NewConfig("calc"))
	c := dialRaw(t, "tcp", ts.addr)
	c.send("1+1\n2+2")
	require.NoError(t, c.nc.(*net.TCPConn).CloseWrite())
	c.nc.SetReadDeadline(time.Now().Add(5 * time.Second))
	all, err := io.ReadAll(c.r)
	require.NoError(t, err)
	assert.Equal(t, "2\n4", string(all))
}

func TestPortInUseIsExplained(t *testing.T) {
	ts := startServer(t, "127.0.0.1", NewConfig("echo"))
	_, port, _ := net.SplitHostPort(ts.addr)
	cfg := NewConfig("echo")
	cfg.Addr = ts.addr
	srv, err := NewServer(cfg)
	require.NoError(t, err)
	err = srv.Start()
	require.Error(t, err)
	assert.Equal(t, "port "+port+" on 127.0.0.1 is already in use — pick another or stop the other server", err.Error())
	assert.ErrorIs(t, err, syscall.EADDRINUSE)
	srv.Stop()
	c := dialRaw(t, "tcp", ts.addr)
	assert.Equal(t, "hello from server\n", c.line(), "the first server is unharmed")
}

func TestListenErrorsAreAdvice(t *testing.T) {
	opErr := func(errno syscall.Errno) error {
		return &net.OpError{Op: "listen", Net: "tcp", Err: errno}
	}
	assert.Equal(t, "port 80 is below 1024 and needs administrator rights — pick a port from 1024 up, such as 8000",
		explainListen(opErr(syscall.EACCES), "192.168.0.5:80").Error())
	assert.Equal(t, "port 8000 on all interfaces is already in use — pick another or stop the other server",
		explainListen(opErr(syscall.EADDRINUSE), ":8000").Error())
	assert.Contains(t, explainListen(opErr(syscall.EADDRNOTAVAIL), "10.9.9.9:8000").Error(), "not an address of this computer")
}

func TestBadConfigIsRefused(t *testing.T) {
	for _, tc := range []struct {
		mutate func(*Config)
		want   string
	}{
		{func(c *Config) { c.Demo = "ftp" }, "unknown demo"},
		{func(c *Config) { c.Network = "sctp" }, "unknown transport"},
		{func(c *Config) { c.Addr = "127.0.0.1" }, "not host:port"},
		{func(c *Config) { c.Addr = "127.0.0.1:99999" }, "from 1 to 65535"},
		{func(c *Config) { c.MaxClients = -1 }, "negative"},
	} {
		cfg := NewConfig("echo")
		tc.mutate(&cfg)
		_, err := NewServer(cfg)
		assert.ErrorContains(t, err, tc.want)
	}
}

// TestAgainstNcat plays demos with the real ncat and telnet programs as the
// client, the way a class mixes tools.
func TestAgainstNcatAndTelnet(t *testing.T) {
	ncat := lookTool(t, "ncat")
	ts := startServer(t, "127.0.0.1", NewConfig("calc"))
	host, port, _ := net.SplitHostPort(ts.addr)
	cmd := exec.Command(ncat, host, port)
	cmd.Stdin = strings.NewReader("2+3*4\n7/2\r\n1/0\nquit\n")
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, string(out))
	assert.Equal(t, "14\n3.5\nerror: division by zero\n", string(out))

	// Python's sock.send(b"hello") with no newline, via ncat with no
	// trailing newline: the reply comes back unterminated too.
	echo := startServer(t, "127.0.0.1", NewConfig("echo"))
	host, port, _ = net.SplitHostPort(echo.addr)
	cmd = exec.Command(ncat, host, port)
	cmd.Stdin = strings.NewReader("hello")
	out, _ = cmd.CombinedOutput()
	assert.Equal(t, "hello from server\nhello", string(out))

	telnet := lookTool(t, "telnet")
	guess := NewConfig("guess")
	guess.GuessMin, guess.GuessMax = 7, 7
	gs := startServer(t, "127.0.0.1", guess)
	host, port, _ = net.SplitHostPort(gs.addr)
	cmd = exec.Command(telnet, host, port)
	stdin, err := cmd.StdinPipe()
	require.NoError(t, err)
	var stdout syncBuffer
	cmd.Stdout, cmd.Stderr = &stdout, &stdout
	require.NoError(t, cmd.Start())
	// As typed: telnet puts each line on the wire with \r\n.
	io.WriteString(stdin, "3\n9\n7\n")
	waitFor(t, "telnet to show the replies", func() bool { return strings.Contains(stdout.String(), "found the secret") })
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
	cfg := NewConfig("echo")
	cfg.OneAtATime = true
	ts := startServer(t, "127.0.0.1", cfg)
	a := dialRaw(t, "tcp", ts.addr)
	assert.Equal(t, "hello from server\n", a.line())
	b := dialRaw(t, "tcp", ts.addr)
	b.send("queued while waiting\n")
	c := dialRaw(t, "tcp", ts.addr)
	waitFor(t, "b and c to wait in line", func() bool {
		l := ts.Clients()
		return len(l) == 3 && !l[0].Waiting && l[1].Waiting && l[2].Waiting
	})
	assert.Equal(t, "a is served\n", a.ask("a is served", "\n"))

	// c is kicked out of the line; b is served as soon as a leaves, and
	// finds its early message answered.
	require.NoError(t, ts.Kick(ts.Clients()[2].ID))
	c.expectClosed()
	a.nc.Close()
	assert.Equal(t, "hello from server\n", b.line())
	assert.Equal(t, "queued while waiting\n", b.line())
	waitFor(t, "b to be the only one, served", func() bool {
		l := ts.Clients()
		return len(l) == 1 && !l[0].Waiting
	})
	waitFor(t, "two waiting events", func() bool { return ts.countEvents(EventWaiting) == 2 })
}

func TestStopFreesTheWaitingLine(t *testing.T) {
	defer goleak.VerifyNone(t, goleak.IgnoreCurrent())
	cfg := NewConfig("echo")
	cfg.OneAtATime = true
	cfg.Addr = "127.0.0.1:0"
	srv, err := NewServer(cfg)
	require.NoError(t, err)
	require.NoError(t, srv.Start())
	for i := 0; i < 5; i++ {
		nc, err := net.Dial("tcp", srv.Addr().String())
		require.NoError(t, err)
		defer nc.Close()
	}
	waitFor(t, "4 clients waiting", func() bool {
		n := 0
		for _, c := range srv.Clients() {
			if c.Waiting {
				n++
			}
		}
		return n == 4
	})
	srv.Stop()
	assert.Empty(t, srv.Clients())
}

// The idle deadline is set once and moved on when it fires early: a client
// that keeps talking for longer than the idle timeout stays connected.
func TestActiveClientOutlivesTheIdleTimeout(t *testing.T) {
	cfg := NewConfig("echo")
	cfg.Welcome = ""
	cfg.IdleTimeout = time.Second
	ts := startServer(t, "127.0.0.1", cfg)
	c := dialRaw(t, "tcp", ts.addr)
	// A tick every quarter of the timeout, for two and a half timeouts.
	for start := time.Now(); time.Since(start) < 5*cfg.IdleTimeout/2; {
		assert.Equal(t, "tick\n", c.ask("tick", "\n"))
		time.Sleep(cfg.IdleTimeout / 4)
	}
	assert.Equal(t, "idle for 1s; closing\n", c.line(), "and once it goes quiet, it is closed")
	c.expectClosed()
}

// Replies are written directly while the socket takes them and queued once
// it is full; a client that sends a burst before reading anything still gets
// every reply, whole and in order.
func TestRepliesKeepTheirOrderWhenTheSocketFills(t *testing.T) {
	cfg := NewConfig("echo")
	cfg.Welcome = ""
	ts := startServer(t, "127.0.0.1", cfg)
	c := dialRaw(t, "tcp", ts.addr)
	const n, size = 1000, 8 << 10
	line := func(i int) string { return fmt.Sprintf("%04d:%s", i, strings.Repeat("x", size)) }
	sent := make(chan error, 1)
	go func() {
		// 8 MB, far more than the socket buffers hold while nobody reads.
		var err error
		for i := 0; i < n && err == nil; i++ {
			_, err = c.nc.Write([]byte(line(i) + "\n"))
		}
		sent <- err
	}()
	time.Sleep(200 * time.Millisecond) // let the replies pile up unread
	for i := 0; i < n; i++ {
		require.Equal(t, line(i)+"\n", c.line(), "reply %d", i)
	}
	require.NoError(t, <-sent)
	waitFor(t, "every reply to be logged", func() bool { return ts.countEvents(EventSent) == n })
}
