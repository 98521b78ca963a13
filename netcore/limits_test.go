package netcore_test

import (
	"bufio"
	"bytes"
	"fmt"
	"net"
	"os"
	"os/exec"
	"strconv"
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
)

// firstLineFrom connects from a loopback source and reads the first line,
// as a client that waits for the welcome does; "" when none came.
func firstLineFrom(from *net.TCPAddr, addr string) (net.Conn, string) {
	c, err := nettest.DialFrom(from, addr, 5*time.Second)
	if err != nil {
		return nil, ""
	}
	return c, firstLine(c)
}

// One address holds at most MaxPerAddress connections (64 by default): the
// next ones are told at once, while another address is still served.
func TestPerAddressLimit(t *testing.T) {
	extra := 6 * nettest.StressScale()
	ts := nettest.StartServer(t, "127.0.0.1", nettest.Config(t, "echo", nil))
	student := nettest.SourceAddr("127.0.0.2")
	var held []net.Conn
	defer func() {
		for _, c := range held {
			c.Close()
		}
	}()
	welcomed, busy := 0, 0
	for i := 0; i < netcore.DefaultMaxPerAddress+extra; i++ {
		c, line := firstLineFrom(student, ts.HostPort)
		require.NotNil(t, c, "connection %d", i)
		held = append(held, c)
		switch line {
		case "hello from server\n":
			welcomed++
		case netcore.BusyAddressReply + "\n":
			busy++
		default:
			t.Fatalf("connection %d got %q", i, line)
		}
	}
	assert.Equal(t, netcore.DefaultMaxPerAddress, welcomed)
	assert.Equal(t, extra, busy, "every connection over the limit is told, none hangs")

	classmate := nettest.DialRawFrom(t, nettest.SourceAddr("127.0.0.3"), ts.HostPort)
	assert.Equal(t, "hello from server\n", classmate.Line(), "another address is served")
	assert.Equal(t, "hi\n", classmate.Ask("hi", "\n"))

	// A place frees up for the address when one of its connections leaves.
	held[0].Close()
	nettest.WaitFor(t, "the first to leave", func() bool {
		return len(ts.Clients()) == netcore.DefaultMaxPerAddress
	})
	c, line := firstLineFrom(student, ts.HostPort)
	require.NotNil(t, c)
	held = append(held, c)
	assert.Equal(t, "hello from server\n", line)
}

func TestPerAddressLimitCanBeSetOrTurnedOff(t *testing.T) {
	cfg := nettest.Config(t, "echo", nil)
	cfg.MaxPerAddress = 2
	ts := nettest.StartServer(t, "127.0.0.1", cfg)
	from := nettest.SourceAddr("127.0.0.4")
	for range 2 {
		assert.Equal(t, "hello from server\n", nettest.DialRawFrom(t, from, ts.HostPort).Line())
	}
	over := nettest.DialRawFrom(t, from, ts.HostPort)
	assert.Equal(t, netcore.BusyAddressReply+"\n", over.Line())
	over.ExpectClosed()
	nettest.WaitFor(t, "the refusal in the log", func() bool {
		for _, e := range ts.EventLog() {
			if e.Kind == netcore.EventClosed && strings.Contains(e.Text, "max 2 connections from 127.0.0.4") {
				return true
			}
		}
		return false
	})

	cfg.MaxPerAddress = netcore.NoLimit
	free := nettest.StartServer(t, "127.0.0.1", cfg)
	for range netcore.DefaultMaxPerAddress + 2 {
		assert.Equal(t, "hello from server\n", nettest.DialRawFrom(t, from, free.HostPort).Line())
	}
}

// A client waiting for its turn in one-at-a-time mode is idle: it is told so
// and closed after IdleTimeout, like a silent client, while the one being
// served goes on.
func TestWaitingClientTimesOutLikeAnIdleOne(t *testing.T) {
	cfg := nettest.Config(t, "echo", nil)
	cfg.OneAtATime = true
	cfg.IdleTimeout = 600 * time.Millisecond
	ts := nettest.StartServer(t, "127.0.0.1", cfg)
	served := nettest.DialRaw(t, "tcp", ts.HostPort)
	assert.Equal(t, "hello from server\n", served.Line())
	waiting := nettest.DialRaw(t, "tcp", ts.HostPort)
	waiting.Send("typed while waiting\n")
	nettest.WaitFor(t, "the second client to wait", func() bool {
		l := ts.Clients()
		return len(l) == 2 && l[1].Waiting
	})

	// The served client keeps talking, so only the waiting one is idle.
	stop := make(chan struct{})
	talked := make(chan error, 1)
	go func() {
		r := bufio.NewReader(served.Conn)
		for {
			select {
			case <-stop:
				talked <- nil
				return
			case <-time.After(cfg.IdleTimeout / 6):
			}
			served.Conn.SetDeadline(time.Now().Add(5 * time.Second))
			if _, err := served.Conn.Write([]byte("tick\n")); err != nil {
				talked <- err
				return
			}
			if line, err := r.ReadString('\n'); err != nil || line != "tick\n" {
				talked <- fmt.Errorf("served client got %q, %v", line, err)
				return
			}
		}
	}()
	assert.Equal(t, netcore.IdleReply(cfg.IdleTimeout)+"\n", waiting.Line())
	waiting.ExpectClosed()
	close(stop)
	require.NoError(t, <-talked, "the served client was never disturbed")
	nettest.WaitFor(t, "the waiting client to be gone", func() bool { return len(ts.Clients()) == 1 })
}

// trickle writes one byte of an unfinished message every 20 ms (well under
// the 100 ms that would make it a message) until stop closes or the write
// fails.
func trickle(c net.Conn, stop <-chan struct{}) {
	for {
		select {
		case <-stop:
			return
		case <-time.After(20 * time.Millisecond):
		}
		c.SetWriteDeadline(time.Now().Add(time.Second))
		if _, err := c.Write([]byte("z")); err != nil {
			return
		}
	}
}

// A message that keeps growing, with no terminator and no 100 ms pause, for
// SlowMessage ends the connection; a client that pauses between its pieces
// sends messages and stays.
func TestMessageTooSlow(t *testing.T) {
	cfg := nettest.Config(t, "echo", demos.Values{"welcome": ""})
	cfg.SlowMessage = 400 * time.Millisecond
	ts := nettest.StartServer(t, "127.0.0.1", cfg)

	slow := nettest.DialRaw(t, "tcp", ts.HostPort)
	stop := make(chan struct{})
	done := make(chan struct{})
	go func() { defer close(done); trickle(slow.Conn, stop) }()
	assert.Equal(t, netcore.TooSlowReply+"\n", slow.Line())
	slow.ExpectClosed()
	close(stop)
	<-done

	// Pieces with pauses are messages of their own (EndNone): answered,
	// never too slow, however long it goes on.
	paced := nettest.DialRaw(t, "tcp", ts.HostPort)
	for start := time.Now(); time.Since(start) < 3*cfg.SlowMessage; {
		assert.Equal(t, "piece", paced.Ask("piece", ""))
	}
	nettest.WaitFor(t, "the log to say why", func() bool {
		for _, e := range ts.EventLog() {
			if e.Kind == netcore.EventClosed && e.Text == "message too slow" {
				return true
			}
		}
		return false
	})
}

// When all clients together hold more than MaxMemory, the one that holds
// the most is told and closed; the others finish their messages and get
// their answers.
func TestMemoryBudgetClosesTheBiggestHolder(t *testing.T) {
	cfg := nettest.Config(t, "echo", demos.Values{"welcome": ""})
	cfg.MaxMemory = 1 << 20
	cfg.MaxMessage = 1 << 20
	cfg.SlowMessage = time.Minute
	ts := nettest.StartServer(t, "127.0.0.1", cfg)

	type holder struct {
		raw  *nettest.Raw
		stop chan struct{}
		done chan struct{}
	}
	hold := func(i, size int) *holder {
		h := &holder{raw: nettest.DialRawFrom(t, nettest.SpreadSource(i), ts.HostPort), stop: make(chan struct{}), done: make(chan struct{})}
		h.raw.Send(strings.Repeat("m", size))
		go func() { defer close(h.done); trickle(h.raw.Conn, h.stop) }()
		return h
	}
	heldAll := func(n int) func() bool {
		return func() bool {
			var sum int64
			for _, c := range ts.Clients() {
				sum += c.BytesIn
			}
			return sum >= int64(n)
		}
	}
	big := hold(0, 500<<10)
	small := []*holder{hold(1, 200<<10), hold(2, 200<<10)}
	nettest.WaitFor(t, "900 KiB held", heldAll(900<<10))
	small = append(small, hold(3, 300<<10)) // now over 1 MiB in all

	assert.Equal(t, netcore.MemoryFullReply+"\n", big.raw.Line())
	big.raw.ExpectClosed()
	close(big.stop)
	<-big.done
	for i, h := range small {
		close(h.stop)
		<-h.done
		h.raw.Send("\n")
		h.raw.Conn.SetReadDeadline(time.Now().Add(5 * time.Second))
		line, err := h.raw.R.ReadString('\n')
		require.NoError(t, err, "holder %d", i)
		assert.Equal(t, "mmmm", line[:4])
		assert.Equal(t, "\n", line[len(line)-1:])
	}
	fresh := nettest.DialRaw(t, "tcp", ts.HostPort)
	assert.Equal(t, "fresh\n", fresh.Ask("fresh", "\n"))
}

// The cap below RLIMIT_NOFILE is tested in a process of its own whose limit
// is lowered: a child server (this test binary, see runLimitedServer).
const (
	limitedServerEnv = "SOCKETLAB_TEST_NOFILE"
	fillFilesEnv     = "SOCKETLAB_TEST_FILL_FILES"
)

// runLimitedServer lowers RLIMIT_NOFILE, serves echo on loopback with no
// per-address limit (so only the descriptor cap applies), prints the
// address and every error event, and runs until stdin closes. With
// fillFilesEnv set it then opens files until none are left, as another part
// of the process might.
func runLimitedServer(limit string) {
	n, _ := strconv.Atoi(limit)
	rl := syscall.Rlimit{Cur: uint64(n), Max: uint64(n)}
	if err := syscall.Setrlimit(syscall.RLIMIT_NOFILE, &rl); err != nil {
		fmt.Println("error:", err)
		os.Exit(1)
	}
	d, _ := demos.New("echo", nil, nil)
	cfg := netcore.NewConfig(d)
	cfg.Addr = "127.0.0.1:0"
	cfg.MaxPerAddress = netcore.NoLimit
	srv, err := netcore.NewServer(cfg)
	if err == nil {
		err = srv.Start()
	}
	if err != nil {
		fmt.Println("error:", err)
		os.Exit(1)
	}
	var mu sync.Mutex
	go func() {
		for e := range srv.Events() {
			if e.Kind == netcore.EventError {
				mu.Lock()
				fmt.Println("error event:", e.Err)
				mu.Unlock()
			}
		}
	}()
	var filler []*os.File
	if os.Getenv(fillFilesEnv) != "" {
		for {
			f, err := os.Open(os.DevNull)
			if err != nil {
				break
			}
			filler = append(filler, f)
		}
	}
	mu.Lock()
	fmt.Println(srv.Addr())
	mu.Unlock()
	bufio.NewReader(os.Stdin).ReadString('\n')
	for _, f := range filler {
		f.Close()
	}
	srv.Close()
}

// startLimitedServer runs runLimitedServer in a child process; stop ends it
// and returns what it printed after the address.
func startLimitedServer(t *testing.T, limit int, fill bool) (addr string, stop func() string) {
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), limitedServerEnv+"="+strconv.Itoa(limit))
	if fill {
		cmd.Env = append(cmd.Env, fillFilesEnv+"=1")
	}
	stdin, err := cmd.StdinPipe()
	require.NoError(t, err)
	out, err := cmd.StdoutPipe()
	require.NoError(t, err)
	require.NoError(t, cmd.Start())
	r := bufio.NewReader(out)
	line, err := r.ReadString('\n')
	if err != nil || strings.HasPrefix(line, "error") {
		cmd.Process.Kill()
		cmd.Wait()
		t.Fatalf("child server: %q %v", line, err)
	}
	var rest bytes.Buffer
	copied := make(chan struct{})
	go func() { rest.ReadFrom(r); close(copied) }()
	return strings.TrimSpace(line), func() string {
		stdin.Close()
		cmd.Wait()
		<-copied
		return rest.String()
	}
}

// With a descriptor limit of 128 the server holds at most 96 connections
// (a reserve is kept); the rest are told "server busy" at once, accept
// never fails, and a place frees up when a client leaves.
func TestConnectionsStayBelowTheDescriptorLimit(t *testing.T) {
	const limit, extra = 128, 20
	wantCap := limit - limit/4
	addr, stop := startLimitedServer(t, limit, false)
	var held []net.Conn
	welcomed, busy := 0, 0
	for i := 0; i < wantCap+extra; i++ {
		c, line := firstLineFrom(nettest.SpreadSource(i), addr)
		require.NotNil(t, c, "connection %d", i)
		held = append(held, c)
		switch line {
		case "hello from server\n":
			welcomed++
		case netcore.BusyReply + "\n":
			busy++
		default:
			t.Fatalf("connection %d got %q: it should be welcomed or told busy", i, line)
		}
	}
	assert.Equal(t, wantCap, welcomed)
	assert.Equal(t, extra, busy)
	held[0].Close()
	var line string
	for try := 0; try < 100 && line != "hello from server\n"; try++ {
		var c net.Conn
		c, line = firstLineFrom(nettest.SpreadSource(wantCap+extra+try), addr)
		if c != nil {
			held = append(held, c)
		}
		if line != "hello from server\n" {
			time.Sleep(20 * time.Millisecond) // the server has not seen the leave yet
		}
	}
	assert.Equal(t, "hello from server\n", line, "a place frees up")
	for _, c := range held {
		c.Close()
	}
	assert.NotContains(t, stop(), "too many open files", "accept never ran out of descriptors")
}

// When something else in the process has taken every descriptor, the spare
// one still lets the server tell each new client "server busy" instead of
// leaving it hanging in the backlog.
func TestOutOfDescriptorsClientsAreToldBusy(t *testing.T) {
	addr, stop := startLimitedServer(t, 128, true)
	for i := range 3 {
		c, line := firstLineFrom(nettest.SpreadSource(i), addr)
		require.NotNil(t, c)
		assert.Equal(t, netcore.BusyReply+"\n", line, "client %d", i)
		c.Close()
	}
	assert.NotContains(t, stop(), "too many open files", "every out-of-descriptors accept was answered with the spare")
}
