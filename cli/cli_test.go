package cli

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"net"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.uber.org/goleak"
)

// TestMain also runs this test binary as the real socketlab command line
// (cli.Main with the process's own streams and signals) when a test starts
// it again with childEnv set: see TestCtrlCExitsWhateverStdoutDoes.
func TestMain(m *testing.M) {
	if os.Getenv(childEnv) == "1" {
		code := Main(os.Args[1:], "child")
		// Said before exiting: with the race detector on, exiting itself
		// can take long enough for Main's deadline to end the process.
		fmt.Fprintf(os.Stderr, "\n%s%d\n", childReturned, code)
		os.Exit(code)
	}
	goleak.VerifyTestMain(m)
}

const (
	childEnv      = "SOCKETLAB_CLI_CHILD"
	childReturned = "child: Main returned "
)

// lockedBuffer lets a test read what a running command has printed so far.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

func run(t *testing.T, stdin string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	return runOn(t, false, stdin, args...)
}

// runOn is run with stdout a terminal or not.
func runOn(t *testing.T, terminal bool, stdin string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code = Run(context.Background(), args, Env{Stdin: strings.NewReader(stdin), Stdout: &out, Stderr: &errOut, Version: "9.9.9", StdoutIsTerminal: terminal})
	return code, out.String(), errOut.String()
}

// serveInBackground runs "socketlab serve ..." until the test ends and
// returns the address it printed.
func serveInBackground(t *testing.T, args ...string) (addr string, log *lockedBuffer) {
	t.Helper()
	return serveWithDiscovery(t, 0, args...)
}

// serveWithDiscovery is serveInBackground announcing to discoveryPort
// (0: the classroom's) when --announce is given.
func serveWithDiscovery(t *testing.T, discoveryPort int, args ...string) (addr string, log *lockedBuffer) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	log = &lockedBuffer{}
	done := make(chan int, 1)
	go func() {
		done <- Run(ctx, append([]string{"serve"}, args...), Env{Stdin: strings.NewReader(""), Stdout: log, Stderr: log, DiscoveryPort: discoveryPort})
	}()
	t.Cleanup(func() {
		cancel()
		assert.Equal(t, 0, <-done, "Ctrl+C stops serve cleanly")
	})
	require.Eventually(t, func() bool { return strings.Contains(log.String(), "listening on ") }, 5*time.Second, 5*time.Millisecond)
	first, _, _ := strings.Cut(log.String(), "\n")
	return strings.TrimPrefix(first, "listening on "), log
}

func TestVersionAndHelp(t *testing.T) {
	code, out, _ := run(t, "", "version")
	assert.Equal(t, 0, code)
	assert.Equal(t, "socketlab 9.9.9\n", out)
	code, out, _ = run(t, "", "help")
	assert.Equal(t, 0, code)
	assert.Contains(t, out, "socketlab serve --demo")
}

func TestBadUsageExitsWithTwo(t *testing.T) {
	for _, args := range [][]string{
		{},
		{"dance"},
		{"serve", "--demo", "ftp"},
		{"serve", "--colour", "blue"},
		{"serve", "--max-clients", "lots"},
		{"serve", "--max-clients", "-1"},
		{"serve", "--max-per-address", "-1"},
		{"serve", "--max-per-address", "many"},
		{"serve", "--max-memory", "-5"},
		{"serve", "--max-memory", "1TB"},
		{"serve", "--attempts", "0"},
		{"serve", "--min", "5", "--max", "1"},
		{"serve", "--addr", "127.0.0.1"},
		{"serve", "--demo", "chat", "--udp", "--addr", "127.0.0.1:0"},
		{"serve", "extra"},
		{"serve", "--allow", "10.0.0.0/33"},
		{"serve", "--allow", "the classroom"},
		{"connect"},
		{"connect", "a:1", "b:2"},
		{"connect", "--bogus", "127.0.0.1:1"},
		{"interfaces", "eth0"},
	} {
		code, out, errOut := run(t, "", args...)
		assert.Equal(t, 2, code, "%v", args)
		assert.Empty(t, out, "%v", args)
		assert.Contains(t, errOut, "usage:", "%v", args)
	}
}

func TestInterfaces(t *testing.T) {
	code, out, _ := run(t, "", "interfaces")
	assert.Equal(t, 0, code)
	assert.Regexp(t, `(?m)^\S+\s+up,loopback\s+127\.0\.0\.1/8`, out)
	assert.Contains(t, out, "best guess for your partner to type: ")
}

func TestServeAndConnectEcho(t *testing.T) {
	for _, host := range []string{"127.0.0.1", "[::1]"} {
		t.Run(host, func(t *testing.T) {
			if host == "[::1]" {
				if ln, err := net.Listen("tcp", "[::1]:0"); err != nil {
					t.Skip("no IPv6 loopback")
				} else {
					ln.Close()
				}
			}
			addr, log := serveInBackground(t, "--demo", "echo", "--addr", host+":0", "--welcome", "hi class")
			code, out, errOut := run(t, "one\ntwo\n", "connect", addr)
			assert.Equal(t, 0, code, errOut)
			assert.Equal(t, "hi class\none\ntwo\n", out)
			require.Eventually(t, func() bool { return strings.Contains(log.String(), "closed client disconnected") }, 5*time.Second, 5*time.Millisecond)
			assert.Contains(t, log.String(), `received 4 B: "one" (ending \n)`)
		})
	}
}

func TestConnectPlaysCalcAndFlagsAfterAddress(t *testing.T) {
	addr, _ := serveInBackground(t, "--addr", "127.0.0.1:0", "--demo", "calc")
	code, out, _ := run(t, "2+3*4\n7/2\n", "connect", addr, "--timeout", "2s")
	assert.Equal(t, 0, code)
	assert.Equal(t, "14\n3.5\n", out)
}

func TestConnectUDP(t *testing.T) {
	addr, _ := serveInBackground(t, "--demo", "time", "--udp", "--addr", "127.0.0.1:0")
	code, out, _ := run(t, "tick\n", "connect", "--udp", addr)
	assert.Equal(t, 0, code)
	assert.Regexp(t, `^\[\w{3} \w{3} [ \d]\d \d\d:\d\d:\d\d \d{4}\] tick\n$`, out)
}

func TestConnectRefused(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	addr := ln.Addr().String()
	ln.Close()
	code, _, errOut := run(t, "", "connect", addr)
	assert.Equal(t, 1, code)
	assert.Equal(t, "socketlab: connection refused — is the server started on "+addr+"?\n", errOut)
}

func TestServePortInUse(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	defer ln.Close()
	_, port, _ := net.SplitHostPort(ln.Addr().String())
	code, _, errOut := run(t, "", "serve", "--demo", "echo", "--addr", ln.Addr().String())
	assert.Equal(t, 1, code)
	assert.Equal(t, "socketlab: port "+port+" on 127.0.0.1 is already in use — pick another or stop the other server\n", errOut)
}

func TestServeLogsOneLinePerEvent(t *testing.T) {
	addr, log := serveInBackground(t, "--demo", "password", "--password", "pw1", "--addr", "127.0.0.1:0", "--attempts", "2")
	nc, err := net.Dial("tcp", addr)
	require.NoError(t, err)
	defer nc.Close()
	r := bufio.NewReader(nc)
	io.WriteString(nc, "nope\n")
	line, _ := r.ReadString('\n')
	assert.Equal(t, "access denied\n", line)
	io.WriteString(nc, "pw1\n")
	line, _ = r.ReadString('\n')
	assert.Equal(t, "access granted\n", line)
	require.Eventually(t, func() bool { return strings.Count(log.String(), " sent ") == 2 }, 5*time.Second, 5*time.Millisecond)
	text := log.String()
	assert.NotContains(t, text, "pw1", "passwords never reach the log")
	assert.NotContains(t, text, "nope")
	assert.Regexp(t, `(?m)^\d\d:\d\d:\d\d\.\d{3} #1 127\.0\.0\.1:\d+ accepted$`, text)
}

func TestServeMaxPerAddress(t *testing.T) {
	addr, log := serveInBackground(t, "--demo", "echo", "--addr", "127.0.0.1:0", "--max-per-address", "1")
	firstLineFrom := func(ip string) string {
		d := net.Dialer{Timeout: 5 * time.Second, LocalAddr: &net.TCPAddr{IP: net.ParseIP(ip)}}
		c, err := d.Dial("tcp", addr)
		require.NoError(t, err)
		t.Cleanup(func() { c.Close() })
		c.SetReadDeadline(time.Now().Add(5 * time.Second))
		line, _ := bufio.NewReader(c).ReadString('\n')
		return line
	}
	assert.Equal(t, "hello from server\n", firstLineFrom("127.0.0.2"))
	assert.Equal(t, "server busy: too many connections from your address\n", firstLineFrom("127.0.0.2"))
	assert.Equal(t, "hello from server\n", firstLineFrom("127.0.0.3"), "another address is served")
	require.Eventually(t, func() bool {
		return strings.Contains(log.String(), "turned away: server busy (max 1 connections from 127.0.0.2)")
	}, 5*time.Second, 5*time.Millisecond)
}

func TestServeAllowList(t *testing.T) {
	addr, log := serveInBackground(t, "--demo", "echo", "--addr", "127.0.0.1:0", "--allow", "127.0.0.2,10.0.0.0/24")
	firstLineFrom := func(ip string) string {
		d := net.Dialer{Timeout: 5 * time.Second, LocalAddr: &net.TCPAddr{IP: net.ParseIP(ip)}}
		c, err := d.Dial("tcp", addr)
		require.NoError(t, err)
		t.Cleanup(func() { c.Close() })
		c.SetReadDeadline(time.Now().Add(5 * time.Second))
		line, _ := bufio.NewReader(c).ReadString('\n')
		return line
	}
	assert.Equal(t, "hello from server\n", firstLineFrom("127.0.0.2"))
	assert.Equal(t, "not allowed: this server only accepts connections from the classroom network\n", firstLineFrom("127.0.0.3"))
	assert.Contains(t, log.String(), "only serving 127.0.0.2, 10.0.0.0/24")
	require.Eventually(t, func() bool {
		return strings.Contains(log.String(), "turned away: not on the allow list (127.0.0.2, 10.0.0.0/24)")
	}, 5*time.Second, 5*time.Millisecond)
}

func TestServeRulesFromAFile(t *testing.T) {
	path := t.TempDir() + "/quiz.rules"
	require.NoError(t, os.WriteFile(path, []byte("equals 2+2 => 4\ndefault => no\n"), 0o644))
	addr, _ := serveInBackground(t, "--demo", "rules", "--rules", path, "--addr", "127.0.0.1:0")
	code, out, errOut := run(t, "2+2\n5\n", "connect", addr)
	assert.Equal(t, 0, code, errOut)
	assert.Equal(t, "4\nno\n", out)
	code, _, errOut = run(t, "", "serve", "--demo", "rules", "--rules", t.TempDir()+"/missing", "--addr", "127.0.0.1:0")
	assert.Equal(t, 2, code)
	assert.Contains(t, errOut, "rules file")
	bad := t.TempDir() + "/bad.rules"
	require.NoError(t, os.WriteFile(bad, []byte("equals a => b\nsounds like c => d\n"), 0o644))
	code, _, errOut = run(t, "", "serve", "--demo", "rules", "--rules", bad, "--addr", "127.0.0.1:0")
	assert.Equal(t, 2, code)
	assert.Contains(t, errOut, "rules line 2: start with")
	big := t.TempDir() + "/big.rules"
	require.NoError(t, os.WriteFile(big, []byte(strings.Repeat("#\n", 40<<10)), 0o644))
	code, _, errOut = run(t, "", "serve", "--demo", "rules", "--rules", big, "--addr", "127.0.0.1:0")
	assert.Equal(t, 2, code)
	assert.Contains(t, errOut, "is over 65536 bytes")
}
