package cli

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/socketlab/socketlab/netcore"
	"github.com/socketlab/socketlab/netcore/tlslab"
)

// serve --demo http prints the URL a browser opens right under its address.
func TestServeHTTPPrintsTheURLToOpen(t *testing.T) {
	addr, log := serveInBackground(t, "--demo", "http", "--addr", "127.0.0.1:0")
	want := "open http://" + addr + "/ in a web browser"
	require.Eventually(t, func() bool { return strings.Contains(log.String(), want) }, 5*time.Second, 5*time.Millisecond)
	lines := strings.Split(log.String(), "\n")
	require.GreaterOrEqual(t, len(lines), 2)
	assert.Equal(t, "listening on "+addr, lines[0])
	assert.Equal(t, want, lines[1], "next to the address")

	// Other demos are opened with a socket client: no URL.
	_, echoLog := serveInBackground(t, "--demo", "echo", "--addr", "127.0.0.1:0")
	require.Eventually(t, func() bool { return strings.Contains(echoLog.String(), "demo echo:") }, 5*time.Second, 5*time.Millisecond)
	assert.NotContains(t, echoLog.String(), "web browser")
}

func TestServeHTTPOverTLSPrintsAnHTTPSURL(t *testing.T) {
	t.Setenv(tlslab.DirEnv, t.TempDir())
	addr, log := serveInBackground(t, "--tls", "--demo", "http", "--addr", "127.0.0.1:0")
	want := "open https://" + addr + "/ in a web browser"
	require.Eventually(t, func() bool { return strings.Contains(log.String(), want) }, 5*time.Second, 5*time.Millisecond)
	assert.NotContains(t, log.String(), "open http://"+addr)
}

func TestServeURLLines(t *testing.T) {
	web := netcore.DemoInfo{Name: "http", URLScheme: "http"}
	assert.Equal(t, []string{"open http://127.0.0.1:8080/ in a web browser"},
		serveURLLines(web, "127.0.0.1:8080", nil, false))
	assert.Equal(t, []string{"open https://[::1]:8443/ in a web browser"},
		serveURLLines(web, "[::1]:8443", nil, true))
	// On every interface: one URL per address it is reachable at, never 0.0.0.0.
	assert.Equal(t, []string{"open http://192.168.0.105:8080/ in a web browser", "open http://10.0.0.7:8080/ in a web browser"},
		serveURLLines(web, "0.0.0.0:8080", []string{"192.168.0.105:8080", "10.0.0.7:8080"}, false))
	assert.Empty(t, serveURLLines(netcore.DemoInfo{Name: "echo"}, "127.0.0.1:7", nil, false))
}
