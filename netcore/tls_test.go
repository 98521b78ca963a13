package netcore_test

import (
	"bufio"
	"crypto/tls"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/socketlab/socketlab/netcore"
	"github.com/socketlab/socketlab/netcore/internal/nettest"
	"github.com/socketlab/socketlab/netcore/tlslab"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A TLS connection has no file descriptor of its own to write to: its
// replies must all take the writer goroutine's path through tls.Conn.Write,
// and arrive whole and in order, as over a bare socket (which writes
// directly).
func TestTLSRepliesTakeTheWriterPath(t *testing.T) {
	plain := nettest.StartServer(t, "127.0.0.1", nettest.Config(t, "echo", nil))
	raw := nettest.DialRaw(t, "tcp", plain.HostPort)
	raw.Line()
	nettest.WaitFor(t, "the plain client", func() bool { return len(plain.Clients()) == 1 })
	assert.True(t, netcore.WritesDirectly(plain.Server, plain.Clients()[0].ID), "a bare socket writes directly")

	cert, err := tlslab.LoadOrCreate(t.TempDir())
	require.NoError(t, err)
	cfg := nettest.Config(t, "echo", nil)
	cfg.TLS = tlslab.ServerConfig(cert)
	ts := nettest.StartServer(t, "127.0.0.1", cfg)
	pin, _ := tlslab.NewPin(tlslab.CertFingerprint(cert))
	tc, err := tls.Dial("tcp", ts.HostPort, pin.ClientConfig())
	require.NoError(t, err)
	defer tc.Close()
	r := bufio.NewReader(tc)
	tc.SetDeadline(time.Now().Add(10 * time.Second))
	_, err = r.ReadString('\n')
	require.NoError(t, err)
	nettest.WaitFor(t, "the TLS client", func() bool { return len(ts.Clients()) == 1 })
	assert.False(t, netcore.WritesDirectly(ts.Server, ts.Clients()[0].ID), "a TLS connection writes through the writer")

	const n = 300
	var batch strings.Builder
	for i := range n {
		fmt.Fprintf(&batch, "line %d\n", i)
	}
	go tc.Write([]byte(batch.String()))
	for i := range n {
		line, err := r.ReadString('\n')
		require.NoError(t, err)
		require.Equal(t, fmt.Sprintf("line %d\n", i), line)
	}
}
