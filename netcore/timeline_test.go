package netcore

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestPyHelpers(t *testing.T) {
	assert.Equal(t, `b'hi\r\n'`, pyBytes([]byte("hi\r\n"), 48))
	assert.Equal(t, `b'\x00\xff it\'s \\'`, pyBytes([]byte("\x00\xff it's \\"), 48))
	assert.Equal(t, `b'ab…'`, pyBytes([]byte("abc"), 2))
	assert.Equal(t, "('192.168.0.5', 8000)", pyAddr("192.168.0.5:8000"))
	assert.Equal(t, "('::1', 8000)", pyAddr("[::1]:8000"))
	assert.Equal(t, "AF_INET6", family("[::1]:8000"))
	assert.Equal(t, "AF_INET", family("127.0.0.1:8000"))
	assert.Equal(t, "68 69 0d 0a 00  hi...", HexDump([]byte("hi\r\n\x00"), 16))
	assert.Equal(t, "61 62 …  ab", HexDump([]byte("abc"), 2))
}

// TestTimelineOfARealConversation plays echo between a real server and
// client and checks both sides' calls, in the lessons' order.
func TestTimelineOfARealConversation(t *testing.T) {
	ts := startServer(t, "127.0.0.1", NewConfig("echo"))
	c, err := Dial(context.Background(), "tcp", ts.addr, time.Second)
	require.NoError(t, err)
	nextEvent(t, c, EventReceived) // welcome
	require.NoError(t, c.Send("hi\n"))
	nextEvent(t, c, EventReceived)
	c.Close()
	waitFor(t, "the server to see the close", func() bool {
		evs := ts.eventLog()
		return len(evs) > 0 && evs[len(evs)-1].Kind == EventClosed
	})

	tl := NewTimeline()
	var server []string
	for _, e := range ts.eventLog() {
		for _, call := range tl.Calls(ServerSide, e) {
			server = append(server, call.Text)
		}
	}
	port := ts.addr[strings.LastIndexByte(ts.addr, ':')+1:]
	local := c.LocalAddr()
	lport := local[strings.LastIndexByte(local, ':')+1:]
	assert.Equal(t, []string{
		"s = socket(AF_INET, SOCK_STREAM)",
		"s.bind(('127.0.0.1', " + port + "))",
		"s.listen()",
		"s.accept() … waiting for a client",
		"s.accept() → conn #1 from ('127.0.0.1', " + lport + ")",
		`conn.send(b'hello from server\n') → 18`,
		`conn.recv(1024) → b'hi\n' (3 bytes)`,
		`conn.send(b'hi\n') → 3`,
		"conn.close() — client disconnected",
	}, server)

	calls := tl.Calls(ClientSide, Event{Kind: EventConnected, Time: time.Now(), Peer: ts.addr, Text: "tcp from x"})
	require.Len(t, calls, 2)
	assert.Equal(t, "s.connect(('127.0.0.1', "+port+"))", calls[1].Text)
	later := tl.Calls(ClientSide, Event{Kind: EventClosed, Time: calls[1].Time.Add(time.Second), Text: "the server closed the connection"})
	assert.Equal(t, []string{"s.recv(1024) → b'' (the server closed the connection)", "s.close() — the server closed the connection"},
		[]string{later[0].Text, later[1].Text})
	assert.Equal(t, time.Second, later[0].Since, "time since the previous call on the same side")
}
