package check_test

import (
	"bufio"
	"context"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/socketlab/socketlab/netcore/check"
	"github.com/socketlab/socketlab/netcore/internal/nettest"
)

// The Python programs in testdata are a class's worth of servers: right
// ones, which must pass every must-rule, and the classic mistakes, each of
// which the rule meant for it must catch.

func python(t *testing.T) string {
	t.Helper()
	p, err := exec.LookPath("python3")
	require.NoError(t, err, "python3 is not installed: run make test, which installs it")
	return p
}

// startPython runs a testdata server and returns its 127.0.0.1 address.
func startPython(t *testing.T, script string) string {
	t.Helper()
	cmd := exec.Command(python(t), filepath.Join("testdata", script))
	cmd.Dir = "."
	out, err := cmd.StdoutPipe()
	require.NoError(t, err)
	require.NoError(t, cmd.Start())
	t.Cleanup(func() {
		cmd.Process.Kill()
		cmd.Wait()
	})
	port, err := bufio.NewReader(out).ReadString('\n')
	require.NoError(t, err, script)
	return "127.0.0.1:" + strings.TrimSpace(port)
}

func runCheck(t *testing.T, addr string, o check.Options) check.Report {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	rep, err := check.Run(ctx, addr, o)
	require.NoError(t, err)
	require.NotEmpty(t, rep.Results)
	return rep
}

func statusOf(rep check.Report, rule string) check.Status {
	for _, r := range rep.Results {
		if r.Rule == rule {
			return r.Status
		}
	}
	return ""
}

func assertAllHold(t *testing.T, rep check.Report) {
	t.Helper()
	for _, r := range rep.Results {
		assert.NotEqual(t, check.Fail, r.Status, "%s", strings.Join(r.Lines(), "\n"))
	}
	assert.False(t, rep.Failed())
}

func TestRightPythonServersPassEveryRule(t *testing.T) {
	for demo, script := range map[string]string{
		"echo": "echo_good.py", "time": "time_good.py", "guess": "guess_good.py",
		"calc": "calc_good.py", "chat": "chat_good.py",
	} {
		t.Run(script, func(t *testing.T) {
			assertAllHold(t, runCheck(t, startPython(t, script), check.DefaultOptions(demo)))
		})
	}
}

func TestEachClassicMistakeIsCaughtByItsRule(t *testing.T) {
	for _, tc := range []struct{ script, demo, rule string }{
		{"echo_one_client.py", "echo", "echo.second-client"},
		{"echo_changes_text.py", "echo", "echo.newline"},
		{"time_other_format.py", "time", "time.format"},
		{"guess_other_texts.py", "guess", "guess.texts"},
		{"guess_crashes.py", "guess", "guess.non-number"},
		{"calc_eval.py", "calc", "calc.no-eval"},
		{"chat_breaks.py", "chat", "chat.vanished-client"},
	} {
		t.Run(tc.script, func(t *testing.T) {
			rep := runCheck(t, startPython(t, tc.script), check.DefaultOptions(tc.demo))
			assert.Equal(t, check.Fail, statusOf(rep, tc.rule), "%s", strings.Join(rep.Lines(), "\n"))
			assert.True(t, rep.Failed())
		})
	}
}

func TestCalcEvalFailureSaysItRunsCode(t *testing.T) {
	rep := runCheck(t, startPython(t, "calc_eval.py"), check.DefaultOptions("calc"))
	for _, r := range rep.Results {
		if r.Rule == "calc.no-eval" {
			assert.Equal(t, "your server runs any code it is sent (eval)", check.NoteText(r.Note, r.Args))
			assert.Contains(t, r.Sent, "__import__")
		}
	}
	for _, r := range rep.Results {
		if r.Rule != "calc.no-eval" {
			assert.NotEqual(t, check.Fail, r.Status, "only the eval rule should catch calc_eval.py: %v", r.Lines())
		}
	}
}

func TestOneClientEchoIsOnlyARemarkWithSingle(t *testing.T) {
	o := check.DefaultOptions("echo")
	o.Single = true
	rep := runCheck(t, startPython(t, "echo_one_client.py"), o)
	assert.Equal(t, check.Remark, statusOf(rep, "echo.second-client"))
	assert.Equal(t, check.Pass, statusOf(rep, "echo.newline"))
	assert.False(t, rep.Failed(), "%s", strings.Join(rep.Lines(), "\n"))
}

// Socket Lab's own servers are the reference: they pass every rule.
func TestSocketLabServersPassEveryRule(t *testing.T) {
	for _, demo := range check.Demos() {
		t.Run(demo, func(t *testing.T) {
			cfg := nettest.Config(t, demo, nil)
			ts := nettest.StartServer(t, "127.0.0.1", cfg)
			o := check.DefaultOptions(demo)
			o.Password = "secret"
			assertAllHold(t, runCheck(t, ts.HostPort, o))
		})
	}
}
