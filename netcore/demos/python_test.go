package demos_test

import (
	"bufio"
	"context"
	"net"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/socketlab/socketlab/netcore"
	"github.com/socketlab/socketlab/netcore/internal/nettest"
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
	nettest.ForEachLoopback(t, func(t *testing.T, host string) {
		ts := nettest.StartServer(t, host, nettest.Config(t, "guess", nil))
		_, port, _ := net.SplitHostPort(ts.HostPort)
		out := runScript(t, "guess_player.py", host, port)
		assert.Regexp(t, `^found the secret in [1-4] tries\n$`, out)
	})
}

func TestClassicPythonEchoClient(t *testing.T) {
	ts := nettest.StartServer(t, "127.0.0.1", nettest.Config(t, "echo", nil))
	_, port, _ := net.SplitHostPort(ts.HostPort)
	assert.Equal(t, "hello from server\nhello from python\n", runScript(t, "echo_client.py", "127.0.0.1", port))
}

func TestClassicPythonUDPTimeClient(t *testing.T) {
	cfg := nettest.Config(t, "time", nil)
	cfg.Network = "udp"
	ts := nettest.StartServer(t, "127.0.0.1", cfg)
	_, port, _ := net.SplitHostPort(ts.HostPort)
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

	c, err := netcore.Dial(context.Background(), "tcp", "127.0.0.1:"+strings.TrimSpace(port), 5*time.Second)
	require.NoError(t, err)
	defer c.Close()
	welcome := nettest.NextEvent(t, c, netcore.EventReceived)
	assert.Equal(t, "hello from server", welcome.Text)
	assert.Equal(t, netcore.EndNone, welcome.Ending, "the Python server sends no newline; 100 ms of quiet ends it")
	require.NoError(t, c.Send("ping\n"))
	e := nettest.NextEvent(t, c, netcore.EventReceived)
	assert.Equal(t, "ping", e.Text)
	assert.Equal(t, netcore.EndNewline, e.Ending)
}
