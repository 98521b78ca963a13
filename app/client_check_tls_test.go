package app

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/socketlab/socketlab/netcore"
	"github.com/socketlab/socketlab/netcore/check"
	"github.com/socketlab/socketlab/netcore/tlslab"
)

// "Check this server" with the tab's TLS check ticked: every rule through
// TLS, the certificate shown or checked against the Fingerprint entry.
func TestClientCheckThroughTLS(t *testing.T) {
	a := test.NewTempApp(t)
	ui := newTestPump(t)
	cert, err := tlslab.LoadOrCreate(t.TempDir())
	require.NoError(t, err)
	fp := tlslab.CertFingerprint(cert)
	srv, _ := startDemoServer(t, "echo", func(c *netcore.Config) { c.TLS = tlslab.ServerConfig(cert) })
	addr := srv.Addr().String()
	h := newClientHarness(t, a, ui)
	h.ui.run(func() { h.tab.tlsCheck.SetChecked(true) })

	// No fingerprint typed: it passes, and the dialog shows the one seen to compare.
	rep := h.runServerCheck("echo", addr)
	assert.False(t, rep.Failed(), "%s", strings.Join(rep.Lines(), "\n"))
	assert.Equal(t, fp, rep.TLSFingerprint)
	assert.False(t, rep.TLSChecked)
	text := get(h, func() string { return labelTexts(h.tab.serverCheck.view.content) })
	assert.Contains(t, text, "fingerprint (SHA-256) is "+fp)
	assert.Contains(t, text, "Compare it with the one on your partner's screen")
	h.ui.run(func() { test.Tap(h.tab.serverCheck.close) })

	// The right fingerprint typed: checked, and said so.
	h.ui.run(func() { h.tab.fingerprint.SetText(strings.ToLower(fp)) })
	rep = h.runServerCheck("echo", addr)
	assert.False(t, rep.Failed(), "%s", strings.Join(rep.Lines(), "\n"))
	assert.True(t, rep.TLSChecked)
	assert.Contains(t, get(h, func() string { return labelTexts(h.tab.serverCheck.view.content) }),
		"the one expected ("+fp+")")
	h.ui.run(func() { test.Tap(h.tab.serverCheck.close) })

	// Another fingerprint: refused before any rule, with the certificate seen.
	h.ui.run(func() {
		h.tab.fingerprint.SetText(strings.Repeat("AB:", 31) + "AB")
		test.Tap(h.tab.serverButton)
	})
	require.Eventually(t, func() bool {
		return get(h, func() bool {
			return strings.Contains(h.tab.serverCheck.view.status.Text, "not the one expected")
		})
	}, check.RunLimit, 10*time.Millisecond, "the check is refused")
	status := get(h, func() string { return h.tab.serverCheck.view.status.Text })
	assert.Contains(t, status, fp, "the certificate the server showed")
	assert.Nil(t, get(h, func() *check.Report { return h.tab.serverCheck.report }))
	assert.True(t, get(h, func() bool { return h.tab.serverCheck.export.Disabled() }), "nothing to export")
	h.ui.run(func() { test.Tap(h.tab.serverCheck.close) })

	// TLS unticked: the same server is checked in plain text, and fails.
	h.ui.run(func() { h.tab.tlsCheck.SetChecked(false) })
	rep = h.runServerCheck("echo", addr)
	assert.True(t, rep.Failed())
	assert.Empty(t, rep.TLSFingerprint)
}
