// Package nettest holds what the tests of netcore and its subpackages share:
// servers on loopback with their events recorded, and raw sockets as a
// Python script or telnet would use them. It is a normal package so that
// every test package can import it; nothing outside tests does.
package nettest

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"math/rand/v2"
	"net"
	"os"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/socketlab/socketlab/netcore"
	"github.com/socketlab/socketlab/netcore/demos"
	"github.com/stretchr/testify/require"
)

// Loopbacks are the only addresses tests may use.
var Loopbacks = []string{"127.0.0.1", "::1"}

// ForEachLoopback runs f once over IPv4 and once over IPv6 loopback,
// skipping IPv6 only where the machine has no ::1.
func ForEachLoopback(t *testing.T, f func(t *testing.T, host string)) {
	for _, host := range Loopbacks {
		t.Run(host, func(t *testing.T) {
			if host == "::1" && !HasIPv6Loopback() {
				t.Skip("no ::1 on this machine")
			}
			f(t, host)
		})
	}
}

// HasIPv6Loopback reports whether ::1 can be bound here.
func HasIPv6Loopback() bool {
	ln, err := net.Listen("tcp", "[::1]:0")
	if err != nil {
		return false
	}
	ln.Close()
	return true
}

// StressScale is 1 for the short run inside `make test` and larger for
// `make stress` (SOCKETLAB_STRESS=N). Every loop is bounded by count and time.
func StressScale() int {
	n, err := strconv.Atoi(os.Getenv("SOCKETLAB_STRESS"))
	if err != nil || n < 1 {
		return 1
	}
	return n
}

// Config is the default configuration of a demo with settings v, its
// randomness seeded so that secrets and server moves are reproducible.
func Config(t testing.TB, name string, v demos.Values) netcore.Config {
	t.Helper()
	d, err := demos.New(name, v, rand.New(rand.NewPCG(1, 2)))
	require.NoError(t, err)
	return netcore.NewConfig(d)
}

// Server is a running server plus a record of its events.
type Server struct {
	*netcore.Server
	HostPort string // the bound address, host:port

	mu     sync.Mutex
	events []netcore.Event
	done   chan struct{}
}

// StartServer starts cfg on a free port of host; the server is stopped when
// the test ends.
func StartServer(t testing.TB, host string, cfg netcore.Config) *Server {
	t.Helper()
	cfg.Addr = net.JoinHostPort(host, "0")
	srv, err := netcore.NewServer(cfg)
	require.NoError(t, err)
	require.NoError(t, srv.Start())
	ts := &Server{Server: srv, HostPort: srv.Addr().String(), done: make(chan struct{})}
	go func() {
		defer close(ts.done)
		for e := range srv.Events() {
			ts.mu.Lock()
			ts.events = append(ts.events, e)
			ts.mu.Unlock()
		}
	}()
	t.Cleanup(ts.Stop)
	return ts
}

// Stop closes the server and waits until its last event is recorded.
func (ts *Server) Stop() {
	ts.Close()
	<-ts.done
}

// EventLog is a copy of the events so far.
func (ts *Server) EventLog() []netcore.Event {
	ts.mu.Lock()
	defer ts.mu.Unlock()
	return append([]netcore.Event(nil), ts.events...)
}

// CountEvents counts the logged events of one kind.
func (ts *Server) CountEvents(kind netcore.EventKind) int {
	n := 0
	for _, e := range ts.EventLog() {
		if e.Kind == kind {
			n++
		}
	}
	return n
}

// WaitFor polls cond for up to 5 s: for state that changes asynchronously
// (a client list after a disconnect), not for timing assertions.
func WaitFor(t testing.TB, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// NextEvent returns the client's next event of one of the given kinds.
func NextEvent(t *testing.T, c *netcore.Client, kinds ...netcore.EventKind) netcore.Event {
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

// Raw is a plain socket, as a Python script or telnet would use.
type Raw struct {
	t    testing.TB
	Conn net.Conn
	R    *bufio.Reader
}

// DialRaw connects; the socket is closed when the test ends.
func DialRaw(t testing.TB, network, addr string) *Raw {
	t.Helper()
	nc, err := net.DialTimeout(network, addr, 5*time.Second)
	require.NoError(t, err)
	t.Cleanup(func() { nc.Close() })
	return &Raw{t: t, Conn: nc, R: bufio.NewReader(nc)}
}

// Send writes s as given.
func (c *Raw) Send(s string) {
	c.t.Helper()
	_, err := c.Conn.Write([]byte(s))
	require.NoError(c.t, err)
}

// Line reads up to and including the next "\n".
func (c *Raw) Line() string {
	c.t.Helper()
	return c.Until('\n')
}

// Until reads up to and including delim.
func (c *Raw) Until(delim byte) string {
	c.t.Helper()
	c.Conn.SetReadDeadline(time.Now().Add(5 * time.Second))
	s, err := c.R.ReadString(delim)
	require.NoError(c.t, err, "reading a reply (got %q so far)", s)
	return s
}

// ReadUntil reads lines until one has the prefix and returns all of them.
func (c *Raw) ReadUntil(prefix string) []string {
	c.t.Helper()
	var lines []string
	for {
		l := c.Line()
		lines = append(lines, l)
		if strings.HasPrefix(l, prefix) {
			return lines
		}
	}
}

// QuietRead reads whatever arrives until the line has been quiet for
// 300 ms: how an unterminated reply is collected, as sock.recv() would.
func (c *Raw) QuietRead() string {
	c.t.Helper()
	var b bytes.Buffer
	buf := make([]byte, 4096)
	c.Conn.SetReadDeadline(time.Now().Add(5 * time.Second))
	for {
		if c.R.Buffered() > 0 {
			n, _ := c.R.Read(buf[:min(len(buf), c.R.Buffered())])
			b.Write(buf[:n])
			continue
		}
		n, err := c.R.Read(buf)
		b.Write(buf[:n])
		if err != nil {
			if (errors.Is(err, os.ErrDeadlineExceeded) || errors.Is(err, io.EOF)) && b.Len() > 0 {
				return b.String()
			}
			require.NoError(c.t, err, "reading an unterminated reply")
		}
		if b.Len() > 0 {
			c.Conn.SetReadDeadline(time.Now().Add(300 * time.Millisecond))
		}
	}
}

// ExpectClosed asserts that the server hangs up (after any unread replies).
// A reset counts as hanging up: the server may close with input unread.
func (c *Raw) ExpectClosed() {
	c.t.Helper()
	c.Conn.SetReadDeadline(time.Now().Add(5 * time.Second))
	_, err := io.ReadAll(c.R)
	if err != nil && !errors.Is(err, syscall.ECONNRESET) {
		c.t.Fatalf("expected the server to close the connection, got %v", err)
	}
}

// Reset closes abruptly with a TCP RST, as a crashed laptop would.
func (c *Raw) Reset() {
	if tc, ok := c.Conn.(*net.TCPConn); ok {
		tc.SetLinger(0)
	}
	c.Conn.Close()
}

// Framings are the four ways classroom clients end a message.
var Framings = []struct {
	Name, End, ReplyEnd string
}{
	{"newline", "\n", "\n"},
	{"crlf", "\r\n", "\n"},
	{"nul", "\x00", "\x00"},
	{"none", "", ""},
}

// Ask sends one message in a framing and returns the reply, read by the
// rules of that framing.
func (c *Raw) Ask(msg, end string) string {
	c.t.Helper()
	c.Send(msg + end)
	switch end {
	case "\n", "\r\n":
		return c.Until('\n')
	case "\x00":
		return c.Until(0)
	}
	return c.QuietRead()
}
