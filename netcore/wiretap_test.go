package netcore_test

import (
	"bytes"
	"net"
	"testing"

	"github.com/socketlab/socketlab/netcore"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestWireTapRecordsBothWaysAndStaysBounded(t *testing.T) {
	a, b := net.Pipe()
	defer b.Close()
	tap := netcore.NewWireTap(10)
	tc := netcore.TapConn(a, tap)
	defer tc.Close()
	go func() {
		buf := make([]byte, 16)
		n, _ := b.Read(buf)
		b.Write(bytes.ToUpper(buf[:n]))
		b.Write([]byte("0123456789AB")) // alone larger than the bound
	}()
	_, err := tc.Write([]byte("abcd"))
	require.NoError(t, err)
	buf := make([]byte, 16)
	n, err := tc.Read(buf)
	require.NoError(t, err)
	assert.Equal(t, "ABCD", string(buf[:n]))

	recs := tap.Records()
	require.Len(t, recs, 2)
	assert.Equal(t, netcore.WireOut, recs[0].Dir)
	assert.Equal(t, "abcd", string(recs[0].Bytes))
	assert.Equal(t, netcore.WireIn, recs[1].Dir)
	assert.Equal(t, "ABCD", string(recs[1].Bytes))

	n, err = tc.Read(buf)
	require.NoError(t, err)
	require.Equal(t, 12, n)
	recs = tap.Records()
	require.Len(t, recs, 1, "older records make room, and a record over the bound keeps its end")
	assert.Equal(t, "23456789AB", string(recs[0].Bytes))
	assert.Equal(t, int64(4+4+2), tap.Dropped())
	assert.Equal(t, int64(16), tap.Total(netcore.WireIn))
	assert.Equal(t, int64(4), tap.Total(netcore.WireOut))

	recs[0].Bytes[0] = 'x'
	assert.Equal(t, byte('2'), tap.Records()[0].Bytes[0], "Records hands out copies")
}
