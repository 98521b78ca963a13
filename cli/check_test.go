package cli

import (
	"encoding/json"
	"net"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/socketlab/socketlab/netcore"
	"github.com/socketlab/socketlab/netcore/check"
	"github.com/socketlab/socketlab/netcore/demos"
)

func TestCheckExitCodes(t *testing.T) {
	good := startDemo(t, "time")
	code, out, _ := run(t, "", "check", "--demo", "time", good)
	assert.Equal(t, 0, code, out)
	assert.Contains(t, out, "✓ time.format")

	// A server that accepts and never answers fails, within the limits.
	silent, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	defer silent.Close()
	code, out, _ = run(t, "", "check", "--demo", "time", silent.Addr().String())
	assert.Equal(t, 1, code, out)
	assert.Contains(t, out, "✗ time.format")

	code, _, errOut := run(t, "", "check", "--demo", "nosuch", good)
	assert.Equal(t, 2, code)
	assert.Contains(t, errOut, "no check rules")
	code, _, _ = run(t, "", "check", "--demo", "time")
	assert.Equal(t, 2, code)
	code, _, _ = run(t, "", "check", "--demo", "guess", "--udp", good)
	assert.Equal(t, 2, code)
}

func TestCheckSeveralServersTableAndJSON(t *testing.T) {
	a := startDemo(t, "echo")
	b := startDemo(t, "echo")
	code, out, _ := run(t, "", "check", "--demo", "echo", a, b)
	assert.Equal(t, 0, code, out)
	assert.Contains(t, out, a)
	assert.Contains(t, out, b)
	assert.Contains(t, out, "echo.second-client")

	code, out, _ = run(t, "", "check", "--json", "--demo", "echo", a)
	assert.Equal(t, 0, code)
	var reports []check.Report
	require.NoError(t, json.Unmarshal([]byte(out), &reports))
	require.Len(t, reports, 1)
	assert.Equal(t, a, reports[0].Addr)
	assert.False(t, reports[0].Failed())
}

// startDemo runs a Socket Lab server of demo on a free loopback port and
// returns its address; the server stops when the test ends.
func startDemo(t *testing.T, demo string) string {
	t.Helper()
	d, err := demos.New(demo, nil, nil)
	require.NoError(t, err)
	cfg := netcore.NewConfig(d)
	cfg.Addr = "127.0.0.1:0"
	srv, err := netcore.NewServer(cfg)
	require.NoError(t, err)
	require.NoError(t, srv.Start())
	done := make(chan struct{})
	go func() {
		defer close(done)
		for range srv.Events() {
		}
	}()
	t.Cleanup(func() {
		srv.Close()
		<-done
	})
	return srv.Addr().String()
}

// check --tls against serve --tls: every rule through TLS, the certificate
// checked by --fingerprint or printed to compare.
func TestCheckTLS(t *testing.T) {
	addr, fp := serveTLS(t, t.TempDir(), "--demo", "guess")

	code, out, errOut := run(t, "", "check", "--demo", "guess", "--tls", "--fingerprint", strings.ToLower(fp), addr)
	assert.Equal(t, 0, code, out+errOut)
	assert.Contains(t, out, "✓ guess.texts")
	assert.Contains(t, errOut, "the one expected ("+fp+")")

	code, out, errOut = run(t, "", "check", "--json", "--demo", "guess", "--tls", addr)
	assert.Equal(t, 0, code, out+errOut)
	var reports []check.Report
	require.NoError(t, json.Unmarshal([]byte(out), &reports))
	require.Len(t, reports, 1)
	assert.Equal(t, fp, reports[0].TLSFingerprint)
	assert.False(t, reports[0].TLSChecked)
	assert.Contains(t, errOut, "fingerprint (SHA-256) is "+fp)
	assert.Contains(t, errOut, "compare it with the one on the server's screen")

	// Another certificate expected: refused, exit 2, no rule run.
	other := strings.Repeat("00:", 31) + "00"
	code, out, errOut = run(t, "", "check", "--demo", "guess", "--tls", "--fingerprint", other, addr)
	assert.Equal(t, 2, code)
	assert.Empty(t, out)
	assert.Contains(t, errOut, "refused "+addr+": its certificate is not the one given with --fingerprint")
	assert.Contains(t, errOut, "the server showed the certificate "+fp)
	assert.NotContains(t, errOut, "usage:")

	// Without --tls a TLS server fails its rules (it never answers in plain text).
	code, out, _ = run(t, "", "check", "--demo", "guess", addr)
	assert.Equal(t, 1, code, out)
}

func TestCheckTLSUsageErrors(t *testing.T) {
	for _, args := range [][]string{
		{"check", "--demo", "echo", "--fingerprint", strings.Repeat("AB", 32), "127.0.0.1:1"},
		{"check", "--demo", "echo", "--tls", "--udp", "127.0.0.1:1"},
		{"check", "--demo", "echo", "--tls", "--fingerprint", "AB:CD", "127.0.0.1:1"},
	} {
		code, out, errOut := run(t, "", args...)
		assert.Equal(t, 2, code, "%v", args)
		assert.Empty(t, out, "%v", args)
		assert.Contains(t, errOut, "usage:", "%v", args)
	}
}
