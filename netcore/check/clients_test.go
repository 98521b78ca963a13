package check_test

import (
	"context"
	"net"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/socketlab/socketlab/netcore"
	"github.com/socketlab/socketlab/netcore/check"
	"github.com/socketlab/socketlab/netcore/internal/nettest"
)

// watchServer runs demo wrapped by the client checker and returns its
// address and the reports of clients that left.
func watchServer(t *testing.T, demo string) (string, chan check.ClientReport) {
	t.Helper()
	reports := make(chan check.ClientReport, 4)
	cfg := nettest.Config(t, demo, nil)
	cfg.Demo = check.WatchClients(cfg.Demo, check.DefaultOptions(demo), func(r check.ClientReport) { reports <- r })
	ts := nettest.StartServer(t, "127.0.0.1", cfg)
	return ts.HostPort, reports
}

// runPlayer runs a Python player; script is a path from this package.
func runPlayer(t *testing.T, script, addr string) {
	t.Helper()
	host, port, _ := net.SplitHostPort(addr)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	out, err := exec.CommandContext(ctx, python(t), script, host, port).CombinedOutput()
	require.NoError(t, err, "%s", out)
}

func nextReport(t *testing.T, reports chan check.ClientReport) check.ClientReport {
	t.Helper()
	select {
	case r := <-reports:
		return r
	case <-time.After(10 * time.Second):
		t.Fatal("no verdict for the client that left")
		return check.ClientReport{}
	}
}

func resultOf(r check.ClientReport, rule string) check.Result {
	for _, res := range r.Results {
		if res.Rule == rule {
			return res
		}
	}
	return check.Result{}
}

func TestRightGuessPlayerPassesClientCheck(t *testing.T) {
	addr, reports := watchServer(t, "guess")
	// The right player is the lesson's own script, as students get it.
	runPlayer(t, filepath.Join("..", "demos", "testdata", "python", "guess_player.py"), addr)
	r := nextReport(t, reports)
	for _, rule := range []string{"client.guess.range", "client.guess.found", "client.clean-close"} {
		assert.Equal(t, check.Pass, resultOf(r, rule).Status, "%s", strings.Join(r.Lines(), "\n"))
	}
	assert.Equal(t, check.Remark, resultOf(r, "client.guess.tries").Status, "within the bound it is only told")
}

func TestNeverStoppingGuessPlayerIsCaught(t *testing.T) {
	addr, reports := watchServer(t, "guess")
	runPlayer(t, filepath.Join("testdata", "guess_player_never_stops.py"), addr)
	r := nextReport(t, reports)
	assert.Equal(t, check.Fail, resultOf(r, "client.guess.found").Status, "%s", strings.Join(r.Lines(), "\n"))
}

func TestGuessOutOfRangeAndResetAreCaught(t *testing.T) {
	addr, reports := watchServer(t, "guess")
	c, err := net.Dial("tcp", addr)
	require.NoError(t, err)
	_, err = c.Write([]byte("42\n"))
	require.NoError(t, err)
	buf := make([]byte, 64)
	_, err = c.Read(buf)
	require.NoError(t, err)
	c.(*net.TCPConn).SetLinger(0)
	c.Close()
	r := nextReport(t, reports)
	assert.Equal(t, check.Fail, resultOf(r, "client.guess.range").Status)
	assert.Equal(t, `"42"`, resultOf(r, "client.guess.range").Sent)
	assert.Equal(t, check.Fail, resultOf(r, "client.clean-close").Status)
}

func TestEchoClientFramingMixedIsCaught(t *testing.T) {
	addr, reports := watchServer(t, "echo")
	c, err := net.Dial("tcp", addr)
	require.NoError(t, err)
	buf := make([]byte, 64)
	for _, msg := range []string{"one\n", "two\x00"} {
		_, err = c.Write([]byte(msg))
		require.NoError(t, err)
		time.Sleep(2 * netcore.IdleFlush)
		c.SetReadDeadline(time.Now().Add(time.Second))
		c.Read(buf)
	}
	c.Close()
	r := nextReport(t, reports)
	assert.Equal(t, check.Fail, resultOf(r, "client.framing").Status, "%s", strings.Join(r.Lines(), "\n"))
	assert.Equal(t, check.Pass, resultOf(r, "client.clean-close").Status)
}

func TestEchoClientFramedAlikePasses(t *testing.T) {
	addr, reports := watchServer(t, "time")
	c, err := net.Dial("tcp", addr)
	require.NoError(t, err)
	buf := make([]byte, 64)
	for _, msg := range []string{"one\n", "two\n"} {
		_, err = c.Write([]byte(msg))
		require.NoError(t, err)
		c.SetReadDeadline(time.Now().Add(time.Second))
		c.Read(buf)
	}
	c.Close()
	r := nextReport(t, reports)
	assert.Equal(t, check.Pass, resultOf(r, "client.framing").Status)
	assert.Equal(t, check.Pass, resultOf(r, "client.clean-close").Status)
}

func TestClientDemosAndOptions(t *testing.T) {
	assert.Equal(t, []string{"echo", "guess", "time"}, check.ClientDemos())
	for _, d := range check.ClientDemos() {
		assert.True(t, check.ClientCheckable(d), d)
	}
	assert.False(t, check.ClientCheckable("chat"))

	settings := map[string]string{"min": "-5", "max": "50"}
	o := check.ClientOptions("guess", func(k string) string { return settings[k] })
	assert.Equal(t, "guess", o.Demo)
	assert.Equal(t, -5, o.Min)
	assert.Equal(t, 50, o.Max)
	// Unset settings keep the lesson's range.
	o = check.ClientOptions("echo", func(string) string { return "" })
	assert.Equal(t, check.DefaultOptions("echo"), o)
}

func TestResultExchange(t *testing.T) {
	sent, got := check.Result{Status: check.Fail, Sent: `"hi\n"`}.Exchange()
	assert.Equal(t, `"hi\n"`, sent)
	assert.Equal(t, "(nothing)", got, "a failure with no reply says so")
	sent, got = check.Result{Status: check.Remark, Sent: `"hi\n"`}.Exchange()
	assert.Equal(t, `"hi\n"`, sent)
	assert.Empty(t, got, "a remark with no reply shows no reply line")
	sent, got = check.Result{Status: check.Pass}.Exchange()
	assert.Empty(t, sent+got)
}

func TestPendingFollowsTheOptions(t *testing.T) {
	o := check.DefaultOptions("echo")
	pending := check.Pending("echo", o)
	require.Len(t, pending, len(check.Rules("echo", o)))
	byRule := map[string]check.Result{}
	for _, r := range pending {
		assert.Empty(t, r.Status, "not run yet")
		byRule[r.Rule] = r
	}
	assert.True(t, byRule["echo.second-client"].Must)
	assert.False(t, byRule["echo.welcome"].Must)
	o.Single = true
	for _, r := range check.Pending("echo", o) {
		if r.Rule == "echo.second-client" {
			assert.False(t, r.Must, "the one-client lesson makes it a remark")
		}
	}
	assert.Empty(t, check.Pending("nosuchdemo", o))
}
