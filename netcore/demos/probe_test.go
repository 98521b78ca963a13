package demos_test

import (
	"net"
	"strings"
	"testing"
	"time"

	"github.com/socketlab/socketlab/netcore/demos"
	"github.com/socketlab/socketlab/netcore/internal/nettest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// probe connects and hangs up at once, as the reachability checks do.
func probe(t *testing.T, addr string) {
	t.Helper()
	c, err := net.DialTimeout("tcp", addr, 5*time.Second)
	require.NoError(t, err)
	require.NoError(t, c.Close())
}

func TestProbesAreNeverSeatedAsOpponents(t *testing.T) {
	for _, demo := range []string{"duel", "mancala"} {
		t.Run(demo, func(t *testing.T) {
			ts := nettest.StartServer(t, "127.0.0.1", nettest.Config(t, demo, nil))
			// Probes before anyone waits, and while a player waits.
			for range 5 {
				probe(t, ts.HostPort)
			}
			a := nettest.DialRaw(t, "tcp", ts.HostPort)
			for range 5 {
				probe(t, ts.HostPort)
			}
			assert.Equal(t, demos.WaitingForOpponent+"\n", a.Line())
			for range 5 {
				probe(t, ts.HostPort)
			}
			b := nettest.DialRaw(t, "tcp", ts.HostPort)
			got := a.Line()
			assert.True(t, strings.HasPrefix(got, demos.Matched+b.Conn.LocalAddr().String()+":"),
				"the waiting player is matched with the real second player, not a probe: %q", got)
			assert.True(t, strings.HasPrefix(b.Line(), demos.Matched+a.Conn.LocalAddr().String()+":"))
		})
	}
}

func TestSpeakingSeatsAtOnce(t *testing.T) {
	ts := nettest.StartServer(t, "127.0.0.1", nettest.Config(t, "duel", nil))
	a := nettest.DialRaw(t, "tcp", ts.HostPort)
	a.Send("rock\n")
	assert.Equal(t, demos.WaitingForOpponent+"\n", a.Line(), "seated by its first message")
	assert.Equal(t, demos.StillWaiting+"\n", a.Line(), "and the message answered")
	b := nettest.DialRaw(t, "tcp", ts.HostPort)
	b.Send("paper\n")
	assert.Equal(t, demos.Matched+b.Conn.LocalAddr().String()+demos.DuelMatchedPrompt+"\n", a.Line())
	assert.Equal(t, demos.Matched+a.Conn.LocalAddr().String()+demos.DuelMatchedPrompt+"\n", b.Line())
	assert.Equal(t, demos.DuelChose+"paper"+demos.DuelWaiting+"\n", b.Line(), "the move that seated b counts")
}
