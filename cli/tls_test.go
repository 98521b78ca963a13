package cli

import (
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/socketlab/socketlab/netcore/tlslab"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var fingerprintRE = regexp.MustCompile(`certificate fingerprint \(SHA-256\) ((?:[0-9A-F]{2}:){31}[0-9A-F]{2})`)

// serveTLS runs serve --tls with its certificate in a temporary directory
// and returns the address and the fingerprint it printed.
func serveTLS(t *testing.T, dir string, args ...string) (addr, fingerprint string) {
	t.Helper()
	t.Setenv(tlslab.DirEnv, dir)
	addr, log := serveInBackground(t, append([]string{"--tls", "--addr", "127.0.0.1:0"}, args...)...)
	require.Eventually(t, func() bool { return fingerprintRE.MatchString(log.String()) }, 5*time.Second, 5*time.Millisecond)
	return addr, fingerprintRE.FindStringSubmatch(log.String())[1]
}

func TestServeAndConnectTLS(t *testing.T) {
	dir := t.TempDir()
	addr, fp := serveTLS(t, dir, "--demo", "calc")

	code, out, errOut := run(t, "2+3*4\n", "connect", "--tls", "--fingerprint", strings.ToLower(fp), addr)
	assert.Equal(t, 0, code, errOut)
	assert.Equal(t, "14\n", out)
	assert.Contains(t, errOut, "the one expected ("+fp+")")

	// Without --fingerprint: connected, and told what to compare.
	code, out, errOut = run(t, "7/2\n", "connect", "--tls", addr)
	assert.Equal(t, 0, code, errOut)
	assert.Equal(t, "3.5\n", out)
	assert.Contains(t, errOut, "fingerprint (SHA-256) is "+fp)
	assert.Contains(t, errOut, "compare it with the one on your partner's screen")

	// Another fingerprint: refused, nothing sent.
	other := strings.Repeat("00:", 31) + "00"
	code, out, errOut = run(t, "1+1\n", "connect", "--tls", "--fingerprint", other, addr)
	assert.Equal(t, 1, code)
	assert.Empty(t, out)
	assert.Contains(t, errOut, "not the one expected")
	assert.Contains(t, errOut, "the server showed the certificate "+fp)
}

func TestServeTLSKeepsItsCertificate(t *testing.T) {
	dir := t.TempDir()
	_, first := serveTLS(t, dir, "--demo", "echo")
	_, second := serveTLS(t, dir, "--demo", "echo")
	assert.Equal(t, first, second, "a restarted server shows the same fingerprint")
}

func TestTLSUsageErrors(t *testing.T) {
	for _, args := range [][]string{
		{"serve", "--tls", "--udp", "--demo", "echo", "--addr", "127.0.0.1:0"},
		{"connect", "--fingerprint", "AB", "127.0.0.1:1"},
		{"connect", "--tls", "--fingerprint", "AB:CD", "127.0.0.1:1"},
		{"connect", "--tls", "--udp", "127.0.0.1:1"},
	} {
		code, out, errOut := run(t, "", args...)
		assert.Equal(t, 2, code, "%v", args)
		assert.Empty(t, out, "%v", args)
		assert.Contains(t, errOut, "usage:", "%v", args)
	}
}

func TestConnectTLSToAPlainServer(t *testing.T) {
	addr, _ := serveInBackground(t, "--demo", "echo", "--addr", "127.0.0.1:0")
	code, _, errOut := run(t, "", "connect", "--tls", "--timeout", "2s", addr)
	assert.Equal(t, 1, code)
	assert.Contains(t, errOut, "does not speak TLS")
}
