package tlslab_test

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/socketlab/socketlab/netcore/tlslab"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestCertificateIsKeptAcrossLoads(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "socketlab", "tls")
	first, err := tlslab.LoadOrCreate(dir)
	require.NoError(t, err)
	second, err := tlslab.LoadOrCreate(dir)
	require.NoError(t, err)
	assert.Equal(t, tlslab.CertFingerprint(first), tlslab.CertFingerprint(second), "a restart keeps the fingerprint on the board true")

	st, err := os.Stat(filepath.Join(dir, tlslab.KeyFile))
	require.NoError(t, err)
	assert.Equal(t, os.FileMode(0o600), st.Mode().Perm(), "the key is its owner's only")

	leaf := second.Leaf
	require.NotNil(t, leaf)
	pub, ok := leaf.PublicKey.(*ecdsa.PublicKey)
	require.True(t, ok, "an ECDSA key")
	assert.Equal(t, elliptic.P256(), pub.Curve)
	assert.Contains(t, leaf.DNSNames, "localhost")
	assert.True(t, containsIP(leaf.IPAddresses, net.IPv4(127, 0, 0, 1)))
	assert.True(t, containsIP(leaf.IPAddresses, net.IPv6loopback))
}

func TestUnreadableCertificateIsReplaced(t *testing.T) {
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, tlslab.CertFile), []byte("not a certificate"), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(dir, tlslab.KeyFile), []byte("not a key"), 0o600))
	cert, err := tlslab.LoadOrCreate(dir)
	require.NoError(t, err)
	again, err := tlslab.LoadOrCreate(dir)
	require.NoError(t, err)
	assert.Equal(t, tlslab.CertFingerprint(cert), tlslab.CertFingerprint(again))
}

func TestDefaultDirFollowsTheEnvironment(t *testing.T) {
	t.Setenv(tlslab.DirEnv, "/some/where")
	dir, err := tlslab.DefaultDir()
	require.NoError(t, err)
	assert.Equal(t, "/some/where", dir)
}

func TestFingerprintIsWhatOpenSSLShows(t *testing.T) {
	if _, err := exec.LookPath("openssl"); err != nil {
		t.Skip("openssl not installed (make deps-test installs it)")
	}
	dir := t.TempDir()
	cert, err := tlslab.LoadOrCreate(dir)
	require.NoError(t, err)
	out, err := exec.Command("openssl", "x509", "-noout", "-fingerprint", "-sha256", "-in", filepath.Join(dir, tlslab.CertFile)).Output()
	require.NoError(t, err)
	// "sha256 Fingerprint=AB:CD:..." (older versions: "SHA256 Fingerprint=")
	_, shown, ok := strings.Cut(strings.TrimSpace(string(out)), "=")
	require.True(t, ok, "openssl said %q", out)
	assert.Equal(t, shown, tlslab.CertFingerprint(cert))

	sum, err := tlslab.ParseFingerprint(strings.TrimSpace(string(out)))
	require.NoError(t, err, "openssl's whole line is accepted")
	assert.Equal(t, shown, tlslab.FormatFingerprint(sum))
}

func TestParseFingerprint(t *testing.T) {
	fp := strings.Repeat("AB:", 31) + "CD"
	for _, typed := range []string{fp, strings.ToLower(fp), strings.ReplaceAll(fp, ":", ""), strings.ReplaceAll(fp, ":", " "), "SHA256:" + fp, "  " + fp + "\n"} {
		sum, err := tlslab.ParseFingerprint(typed)
		require.NoError(t, err, typed)
		assert.Equal(t, fp, tlslab.FormatFingerprint(sum), typed)
	}
	for _, bad := range []string{"", "AB:CD", fp + ":EF", strings.Replace(fp, "AB", "XY", 1)} {
		_, err := tlslab.ParseFingerprint(bad)
		assert.Error(t, err, bad)
	}
	_, err := tlslab.NewPin("12:34")
	assert.Error(t, err, "a pin with a bad fingerprint is refused, not turned into no check")
}

func containsIP(ips []net.IP, want net.IP) bool {
	for _, ip := range ips {
		if ip.Equal(want) {
			return true
		}
	}
	return false
}
