package nettest

import (
	"bufio"
	"net"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// DialRawFrom connects from the loopback address local (such as
// "127.0.0.2"), for tests of rules that count per address; the socket is
// closed when the test ends.
func DialRawFrom(t testing.TB, local, addr string) *Raw {
	t.Helper()
	d := net.Dialer{Timeout: 5 * time.Second, LocalAddr: &net.TCPAddr{IP: net.ParseIP(local)}}
	nc, err := d.Dial("tcp", addr)
	require.NoError(t, err)
	t.Cleanup(func() { nc.Close() })
	return &Raw{t: t, Conn: nc, R: bufio.NewReader(nc)}
}
