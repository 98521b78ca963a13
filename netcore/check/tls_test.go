package check_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/socketlab/socketlab/netcore/check"
	"github.com/socketlab/socketlab/netcore/internal/nettest"
	"github.com/socketlab/socketlab/netcore/tlslab"
)

// startTLSServer runs Socket Lab's own demo over TLS on loopback and
// returns its address and certificate fingerprint.
func startTLSServer(t *testing.T, demo string) (addr, fingerprint string) {
	t.Helper()
	cert, err := tlslab.LoadOrCreate(t.TempDir())
	require.NoError(t, err)
	cfg := nettest.Config(t, demo, nil)
	cfg.TLS = tlslab.ServerConfig(cert)
	return nettest.StartServer(t, "127.0.0.1", cfg).HostPort, tlslab.CertFingerprint(cert)
}

func TestSocketLabServersOverTLSPassEveryRule(t *testing.T) {
	for _, demo := range []string{"echo", "guess"} {
		t.Run(demo, func(t *testing.T) {
			addr, fp := startTLSServer(t, demo)
			o := check.DefaultOptions(demo)
			o.TLS, o.Fingerprint = true, strings.ToLower(fp)
			rep := runCheck(t, addr, o)
			assertAllHold(t, rep)
			assert.Equal(t, len(check.Rules(demo, o)), len(rep.Results))
			assert.Equal(t, fp, rep.TLSFingerprint)
			assert.True(t, rep.TLSChecked)
		})
	}
}

func TestTLSCheckWithoutAFingerprintReportsTheOneSeen(t *testing.T) {
	addr, fp := startTLSServer(t, "echo")
	o := check.DefaultOptions("echo")
	o.TLS = true
	rep := runCheck(t, addr, o)
	assertAllHold(t, rep)
	assert.Equal(t, fp, rep.TLSFingerprint)
	assert.False(t, rep.TLSChecked, "nothing was compared: the user must compare it")
}

func TestTLSCheckRefusesAnotherCertificateBeforeAnyRule(t *testing.T) {
	addr, fp := startTLSServer(t, "echo")
	o := check.DefaultOptions("echo")
	o.TLS, o.Fingerprint = true, strings.Repeat("AB", 32)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	rep, err := check.Run(ctx, addr, o)
	require.Error(t, err)
	assert.ErrorIs(t, err, tlslab.ErrFingerprintMismatch)
	var fe *check.FingerprintError
	require.True(t, errors.As(err, &fe))
	assert.Equal(t, fp, fe.Seen)
	assert.Contains(t, err.Error(), addr)
	assert.Contains(t, err.Error(), fp)
	assert.Empty(t, rep.Results, "no rule talks to a server that was refused")

	// A class: the refused server is named, the others are checked.
	good, goodFP := startTLSServer(t, "echo")
	o.Fingerprint = goodFP
	reps, err := check.RunAll(ctx, []string{good, addr}, o)
	require.Len(t, reps, 2)
	assert.ErrorIs(t, err, tlslab.ErrFingerprintMismatch)
	assert.Contains(t, err.Error(), addr)
	assert.NotContains(t, err.Error(), good+":")
	assertAllHold(t, reps[0])
	assert.Empty(t, reps[1].Results)
}

// Checked with the wrong transport, a server fails its rules with a
// reason; the checker does not hang or pass it.
func TestTLSMismatchedWithAPlainServerFails(t *testing.T) {
	plain := nettest.StartServer(t, "127.0.0.1", nettest.Config(t, "echo", nil)).HostPort
	o := check.DefaultOptions("echo")
	o.TLS = true
	rep := runCheck(t, plain, o)
	assert.True(t, rep.Failed())
	assert.Empty(t, rep.TLSFingerprint)

	tlsAddr, _ := startTLSServer(t, "echo")
	rep = runCheck(t, tlsAddr, check.DefaultOptions("echo"))
	assert.True(t, rep.Failed())
}

func TestTLSOptionsThatCannotWork(t *testing.T) {
	ctx := context.Background()
	for _, o := range []check.Options{
		{Demo: "echo", Fingerprint: strings.Repeat("AB", 32)}, // without TLS
		{Demo: "echo", TLS: true, UDP: true},
		{Demo: "echo", TLS: true, Fingerprint: "AB:CD"},
	} {
		_, err := check.Run(ctx, "127.0.0.1:1", o)
		assert.Error(t, err, "%+v", o)
		_, err = check.RunAll(ctx, []string{"127.0.0.1:1"}, o)
		assert.Error(t, err, "%+v", o)
	}
}
