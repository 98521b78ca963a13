package netcore

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"math/rand/v2"
	"net"
	"os"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"go.uber.org/goleak"
)

// Every test leaves no goroutine behind: servers and clients must clean up.
// A benchmark may start this binary again as a bare server process.
func TestMain(m *testing.M) {
	if demo := os.Getenv(childServerEnv); demo != "" {
		runChildServer(demo)
		return
	}
	goleak.VerifyTestMain(m)
}

// loopbacks are the only addresses tests may use.
var loopbacks = []string{"127.0.0.1", "::1"}

// forEachLoopback runs f once over IPv4 and once over IPv6 loopback,
// skipping IPv6 only where the machine has no ::1.
func forEachLoopback(t *testing.T, f func(t *testing.T, host string)) {
	for _, host := range loopbacks {
		t.Run(host, func(t *testing.T) {
			if host == "::1" && !hasIPv6Loopback() {
				t.Skip("no ::1 on this machine")
			}
			f(t, host)
		})
	}
}

func hasIPv6Loopback() bool {
	ln, err := net.Listen("tcp", "[::1]:0")
	if err != nil {
		return false
	}
	ln.Close()
	return true
}

// testServer is a running server plus a record of its events.
type testServer struct {
	*Server
	addr string

	mu     sync.Mutex
	events []Event
	done   chan struct{}
}

// startServer starts a demo on a free loopback port; the server is stopped
// when the test ends. Randomness is seeded so secrets are reproducible.
func startServer(t testing.TB, host string, cfg Config) *testServer {
	t.Helper()
	cfg.Addr = net.JoinHostPort(host, "0")
	if cfg.Rand == nil {
		cfg.Rand = rand.New(rand.NewPCG(1, 2))
	}
	srv, err := NewServer(cfg)
	require.NoError(t, err)
	require.NoError(t, srv.Start())
	ts := &testServer{Server: srv, addr: srv.Addr().String(), done: make(chan struct{})}
	go func() {
		defer close(ts.done)
		for e := range srv.Events() {
			ts.mu.Lock()
			ts.events = append(ts.events, e)
			ts.mu.Unlock()
		}
	}()
	t.Cleanup(ts.stop)
	return ts
}

func (ts *testServer) stop() {
	ts.Stop()
	<-ts.done
}

func (ts *testServer) eventLog() []Event {
	ts.mu.Lock()
	defer ts.mu.Unlock()
	return append([]Event(nil), ts.events...)
}

// countEvents counts the logged events of one kind.
func (ts *testServer) countEvents(kind EventKind) int {
	n := 0
	for _, e := range ts.eventLog() {
		if e.Kind == kind {
			n++
		}
	}
	return n
}

// waitFor polls cond for up to 5 s: for state that changes asynchronously
// (a client list after a disconnect), not for timing assertions.
func waitFor(t testing.TB, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// rawClient is a plain socket, as a Python script or telnet would use.
type rawClient struct {
	t  testing.TB
	nc net.Conn
	r  *bufio.Reader
}

func dialRaw(t testing.TB, network, addr string) *rawClient {
	t.Helper()
	nc, err := net.DialTimeout(network, addr, 5*time.Second)
	require.NoError(t, err)
	t.Cleanup(func() { nc.Close() })
	return &rawClient{t: t, nc: nc, r: bufio.NewReader(nc)}
}

func (c *rawClient) send(s string) {
	c.t.Helper()
	_, err := c.nc.Write([]byte(s))
	require.NoError(c.t, err)
}

// line reads up to and including the next "\n".
func (c *rawClient) line() string {
	c.t.Helper()
	return c.until('\n')
}

func (c *rawClient) until(delim byte) string {
	c.t.Helper()
	c.nc.SetReadDeadline(time.Now().Add(5 * time.Second))
	s, err := c.r.ReadString(delim)
	require.NoError(c.t, err, "reading a reply (got %q so far)", s)
	return s
}

// quietRead reads whatever arrives until the line has been quiet for
// 300 ms: how an unterminated reply is collected, as sock.recv() would.
func (c *rawClient) quietRead() string {
	c.t.Helper()
	var b bytes.Buffer
	buf := make([]byte, 4096)
	c.nc.SetReadDeadline(time.Now().Add(5 * time.Second))
	for {
		if c.r.Buffered() > 0 {
			n, _ := c.r.Read(buf[:min(len(buf), c.r.Buffered())])
			b.Write(buf[:n])
			continue
		}
		n, err := c.r.Read(buf)
		b.Write(buf[:n])
		if err != nil {
			if (errors.Is(err, os.ErrDeadlineExceeded) || errors.Is(err, io.EOF)) && b.Len() > 0 {
				return b.String()
			}
			require.NoError(c.t, err, "reading an unterminated reply")
		}
		if b.Len() > 0 {
			c.nc.SetReadDeadline(time.Now().Add(300 * time.Millisecond))
		}
	}
}

// expectClosed asserts that the server hangs up (after any unread replies).
func (c *rawClient) expectClosed() {
	c.t.Helper()
	c.nc.SetReadDeadline(time.Now().Add(5 * time.Second))
	_, err := io.ReadAll(c.r)
	if err != nil && !isReset(err) {
		c.t.Fatalf("expected the server to close the connection, got %v", err)
	}
}

// reset closes abruptly with a TCP RST, as a crashed laptop would.
func (c *rawClient) reset() {
	if tc, ok := c.nc.(*net.TCPConn); ok {
		tc.SetLinger(0)
	}
	c.nc.Close()
}

// framings are the four ways classroom clients end a message.
var framings = []struct {
	name, end, replyEnd string
}{
	{"newline", "\n", "\n"},
	{"crlf", "\r\n", "\n"},
	{"nul", "\x00", "\x00"},
	{"none", "", ""},
}

// ask sends one message in a framing and returns the reply, read by the
// rules of that framing.
func (c *rawClient) ask(msg, end string) string {
	c.t.Helper()
	c.send(msg + end)
	switch end {
	case "\n", "\r\n":
		return c.until('\n')
	case "\x00":
		return c.until(0)
	}
	return c.quietRead()
}
