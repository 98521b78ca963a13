package netcore_test

import (
	"testing"
	"time"

	"github.com/socketlab/socketlab/netcore"
	"github.com/socketlab/socketlab/netcore/internal/nettest"
	"github.com/stretchr/testify/assert"
)

// slowDemo takes longer than IdleFlush to answer each message, as calc did
// on a busy machine, and echoes what it got.
type slowDemo struct{}

func (slowDemo) Info() netcore.DemoInfo { return netcore.DemoInfo{Name: "slow"} }
func (slowDemo) Open(p netcore.Peer) netcore.Session {
	return slowSession{p}
}

type slowSession struct{ p netcore.Peer }

func (s slowSession) Handle(text string) {
	time.Sleep(netcore.IdleFlush + 50*time.Millisecond)
	s.p.Send("got " + text)
}
func (slowSession) Close() {}

// TestSlowHandleDoesNotCutTheNextLine: the client sends a line and the
// start of the next, then the rest at once. While the server is busy with
// the first line the rest arrives; it belongs to the second line, which was
// cut in two when the 100 ms of quiet were counted from the last read
// instead of from when the server could read again.
func TestSlowHandleDoesNotCutTheNextLine(t *testing.T) {
	ts := nettest.StartServer(t, "127.0.0.1", netcore.NewConfig(slowDemo{}))
	c := nettest.DialRaw(t, "tcp", ts.HostPort)
	c.Send("first\nsec")
	time.Sleep(20 * time.Millisecond) // well within the first Handle
	c.Send("ond\n")
	assert.Equal(t, "got first\n", c.Line())
	assert.Equal(t, "got second\n", c.Line())
}
