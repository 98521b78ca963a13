package netcore_test

import (
	"io"
	"testing"
	"time"

	"github.com/socketlab/socketlab/netcore/internal/nettest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The teacher's raw bytes reach the clients exactly: no newline added.
func TestSendRawToAndBroadcastRaw(t *testing.T) {
	ts := nettest.StartServer(t, "127.0.0.1", nettest.Config(t, "echo", nil))
	a := nettest.DialRaw(t, "tcp", ts.HostPort)
	b := nettest.DialRaw(t, "tcp", ts.HostPort)
	a.Line()
	b.Line()
	nettest.WaitFor(t, "two clients", func() bool { return len(ts.Clients()) == 2 })
	list := ts.Clients()

	require.NoError(t, ts.SendRawTo(list[1].ID, []byte("A\x00B\r")))
	assert.Equal(t, "A\x00B\r", readN(t, b, 4))

	require.NoError(t, ts.BroadcastRaw([]byte{0xff, '\n', 0x01}))
	assert.Equal(t, "\xff\n\x01", readN(t, a, 3))
	assert.Equal(t, "\xff\n\x01", readN(t, b, 3))

	a.Conn.Close()
	nettest.WaitFor(t, "a to be gone", func() bool { return len(ts.Clients()) == 1 })
	assert.ErrorContains(t, ts.SendRawTo(list[0].ID, []byte("x")), "no longer connected")
}

func readN(t *testing.T, c *nettest.Raw, n int) string {
	t.Helper()
	c.Conn.SetReadDeadline(time.Now().Add(5 * time.Second))
	buf := make([]byte, n)
	_, err := io.ReadFull(c.R, buf)
	require.NoError(t, err)
	return string(buf)
}
