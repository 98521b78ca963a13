package cli

import (
	"io"
	"net"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// rawListener accepts one connection on loopback and returns everything it
// received up to the client's half-close.
func rawListener(t *testing.T) (addr string, got <-chan []byte) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	t.Cleanup(func() { ln.Close() })
	ch := make(chan []byte, 1)
	go func() {
		defer close(ch)
		nc, err := ln.Accept()
		if err != nil {
			return
		}
		defer nc.Close()
		nc.SetReadDeadline(time.Now().Add(10 * time.Second))
		b, _ := io.ReadAll(nc)
		ch <- b
	}()
	return ln.Addr().String(), ch
}

func received(t *testing.T, got <-chan []byte) string {
	t.Helper()
	select {
	case b := <-got:
		return string(b)
	case <-time.After(10 * time.Second):
		t.Fatal("the listener received nothing")
		return ""
	}
}

func TestConnectRawSendsExactlyTheEscapedBytes(t *testing.T) {
	addr, got := rawListener(t)
	// The second line is a mistake: it is not sent, and stderr says where.
	// A blank line stands for nothing; a Windows "\r\n" line end is not data.
	code, _, errOut := run(t, "Hi\\r\\n\nbad \\q\n\n\\x00\\xff\\\\\r\nend", "connect", "--raw", addr)
	assert.Equal(t, 0, code, errOut)
	assert.Equal(t, "Hi\r\n\x00\xff\\end", received(t, got))
	assert.Equal(t, "socketlab: line 2 not sent: at character 5: \\q is not an escape: use \\r \\n \\t \\0 \\\\ or \\xNN (write \\\\ for a backslash)\n", errOut)
}

func TestConnectRawHex(t *testing.T) {
	addr, got := rawListener(t)
	code, _, errOut := run(t, "48 69 0d 0a\n00ff\n4 8\n", "connect", addr, "--raw=hex")
	assert.Equal(t, 0, code, errOut)
	assert.Equal(t, "Hi\r\n\x00\xff", received(t, got))
	assert.Contains(t, errOut, "line 3 not sent: at character 1: '4' is half a byte")
}

func TestConnectRawBadMode(t *testing.T) {
	for _, v := range []string{"--raw=text", "--raw=binary"} {
		code, _, errOut := run(t, "", "connect", v, "127.0.0.1:1")
		assert.Equal(t, 2, code, v)
		assert.Contains(t, errOut, "--raw", v)
	}
}
