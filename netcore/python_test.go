package netcore

import (
	"bufio"
	"context"
	"net"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The classic Python scripts of the socket lesson (testdata/python) must
// work against Socket Lab unchanged, and Socket Lab's client against the
// classic Python server.

func python(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"python3", "python"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	t.Fatal("python3 is not installed: run make test, which installs it")
	return ""
}

func runScript(t *testing.T, script string, args ...string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, python(t), append([]string{filepath.Join("testdata", "python", script)}, args...)...)
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, "%s: %s", script, out)
	return string(out)
}

func TestClassicPythonGuessPlayer(t *testing.T) {
	forEachLoopback(t, func(t *testing.T, host string) {
		ts := startServer(t, host, NewConfig("guess"))
		_, port, _ := net.SplitHostPort(ts.addr)
		out := runScript(t, "guess_player.py", host, port)
		assert.Regexp(t, `^found the secret in [1-4] tries\n$`, out)
	})
}

func TestClassicPythonEchoClient(t *testing.T) {
	ts := startServer(t, "127.0.0.1", NewConfig("echo"))
	_, port, _ := net.SplitHostPort(ts.addr)
	assert.Equal(t, "hello from server\nhello from python\n", runScript(t, "echo_client.py", "127.0.0.1", port))
}

func TestClassicPythonUDPTimeClient(t *testing.T) {
	cfg := NewConfig("time")
	cfg.Network = "udp"
	ts := startServer(t, "127.0.0.1", cfg)
	_, port, _ := net.SplitHostPort(ts.addr)
	assert.Regexp(t, `^\[`+ctime+`\] what time is it\n$`, runScript(t, "time_udp_client.py", "127.0.0.1", port))
}

func TestClientAgainstClassicPythonServer(t *testing.T) {
	cmd := exec.Command(python(t), filepath.Join("testdata", "python", "echo_server.py"))
	stdout, err := cmd.StdoutPipe()
	require.NoError(t, err)
	require.NoError(t, cmd.Start())
	defer cmd.Wait()
	defer cmd.Process.Kill()
	port, err := bufio.NewReader(stdout).ReadString('\n')
	require.NoError(t, err)

	c, err := Dial(context.Background(), "tcp", "127.0.0.1:"+strings.TrimSpace(port), 5*time.Second)
	require.NoError(t, err)
	defer c.Close()
	welcome := nextEvent(t, c, EventReceived)
	assert.Equal(t, "hello from server", welcome.Text)
	assert.Equal(t, EndNone, welcome.Ending, "the Python server sends no newline; 100 ms of quiet ends it")
	require.NoError(t, c.Send("ping\n"))
	e := nextEvent(t, c, EventReceived)
	assert.Equal(t, "ping", e.Text)
	assert.Equal(t, EndNewline, e.Ending)
}
