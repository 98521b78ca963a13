package netcore_test

import (
	"io"
	"testing"
	"time"

	"github.com/socketlab/socketlab/netcore"
	"github.com/socketlab/socketlab/netcore/internal/nettest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A kicked client reads why, then a clean end of stream: not a reset, not
// silence, so a student knows the teacher did it and it was no crash.
func TestKickedClientIsToldWhy(t *testing.T) {
	ts := nettest.StartServer(t, "127.0.0.1", nettest.Config(t, "echo", nil))
	a := nettest.DialRaw(t, "tcp", ts.HostPort)
	a.Line()
	assert.Equal(t, "hi\n", a.Ask("hi", "\n"))
	require.NoError(t, ts.Kick(ts.Clients()[0].ID))

	assert.Equal(t, netcore.KickedReply+"\n", a.Line())
	a.Conn.SetReadDeadline(time.Now().Add(5 * time.Second))
	rest, err := io.ReadAll(a.R)
	require.NoError(t, err, "a clean end of stream after the reply")
	assert.Empty(t, rest)
	nettest.WaitFor(t, "a to be gone", func() bool { return len(ts.Clients()) == 0 })
}

// One waiting for its turn on a one-at-a-time server is told too.
func TestKickedWhileWaitingIsToldWhy(t *testing.T) {
	cfg := nettest.Config(t, "echo", nil)
	cfg.OneAtATime = true
	ts := nettest.StartServer(t, "127.0.0.1", cfg)
	a := nettest.DialRaw(t, "tcp", ts.HostPort)
	a.Line()
	b := nettest.DialRaw(t, "tcp", ts.HostPort)
	nettest.WaitFor(t, "b to wait", func() bool {
		l := ts.Clients()
		return len(l) == 2 && l[1].Waiting
	})
	require.NoError(t, ts.Kick(ts.Clients()[1].ID))
	assert.Equal(t, netcore.KickedReply+"\n", b.Line())
	b.ExpectClosed()
	assert.Equal(t, "a stays\n", a.Ask("a stays", "\n"))
}
