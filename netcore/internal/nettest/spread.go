package nettest

import (
	"bufio"
	"net"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/socketlab/socketlab/bench/load"
)

// A server allows only so many connections from one address
// (netcore.Config.MaxPerAddress). A test or benchmark that needs many
// connections from this one machine gives each its own loopback source
// address instead of raising the limit, so it meets the server as a room of
// students would.

// SpreadSource is the i-th of 62,500 loopback source addresses, from
// 127.1.0.1 on (bench/load.SpreadSource, which the benchmarks of the real
// binary use too).
func SpreadSource(i int) *net.TCPAddr { return load.SpreadSource(i) }

// SourceAddr is a fixed loopback source, such as 127.0.0.2, for tests of
// rules per address.
func SourceAddr(ip string) *net.TCPAddr { return &net.TCPAddr{IP: net.ParseIP(ip)} }

// DialFrom connects to addr from the local address from (nil: any).
func DialFrom(from *net.TCPAddr, addr string, timeout time.Duration) (net.Conn, error) {
	d := net.Dialer{Timeout: timeout}
	if from != nil {
		d.LocalAddr = from
	}
	return d.Dial("tcp", addr)
}

// DialSpread connects to addr from SpreadSource(i).
func DialSpread(addr string, i int, timeout time.Duration) (net.Conn, error) {
	return DialFrom(SpreadSource(i), addr, timeout)
}

// DialRawFrom is DialRaw over TCP from a chosen loopback source.
func DialRawFrom(t testing.TB, from *net.TCPAddr, addr string) *Raw {
	t.Helper()
	nc, err := DialFrom(from, addr, 5*time.Second)
	require.NoError(t, err)
	t.Cleanup(func() { nc.Close() })
	return &Raw{t: t, Conn: nc, R: bufio.NewReader(nc)}
}
