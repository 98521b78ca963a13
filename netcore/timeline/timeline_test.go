package timeline

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/socketlab/socketlab/netcore"
	"github.com/socketlab/socketlab/netcore/internal/nettest"
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
}

// TestTimelineOfARealConversation plays echo between a real server and
// client and checks both sides' calls, in the lessons' order.
func TestTimelineOfARealConversation(t *testing.T) {
	ts := nettest.StartServer(t, "127.0.0.1", nettest.Config(t, "echo", nil))
	c, err := netcore.Dial(context.Background(), "tcp", ts.HostPort, time.Second)
	require.NoError(t, err)
	nettest.NextEvent(t, c, netcore.EventReceived) // welcome
	require.NoError(t, c.Send("hi\n"))
	nettest.NextEvent(t, c, netcore.EventReceived)
	c.Close()
	nettest.WaitFor(t, "the server to see the close", func() bool {
		evs := ts.EventLog()
		return len(evs) > 0 && evs[len(evs)-1].Kind == netcore.EventClosed
	})

	tl := New()
	var server []string
	for _, e := range ts.EventLog() {
		for _, call := range tl.Calls(ServerSide, e) {
			server = append(server, call.Text)
		}
	}
	port := ts.HostPort[strings.LastIndexByte(ts.HostPort, ':')+1:]
	local := c.LocalAddr()
	lport := local[strings.LastIndexByte(local, ':')+1:]
	assert.Equal(t, []string{
		"s = socket(AF_INET, SOCK_STREAM)",
		"s.bind(('127.0.0.1', " + port + "))",
		"s.listen()",
		"s.accept() … waiting for a client",
		"conn1, addr = s.accept() → ('127.0.0.1', " + lport + ")",
		`conn1.send(b'hello from server\n') → 18`,
		`conn1.recv(1024) → b'hi\n' (3 bytes)`,
		`conn1.send(b'hi\n') → 3`,
		"conn1.close() — client disconnected",
	}, server)

	calls := tl.Calls(ClientSide, netcore.Event{Kind: netcore.EventConnected, Time: time.Now(), Peer: ts.HostPort, Text: "tcp from x"})
	require.Len(t, calls, 2)
	assert.Equal(t, "s.connect(('127.0.0.1', "+port+"))", calls[1].Text)
	later := tl.Calls(ClientSide, netcore.Event{Kind: netcore.EventClosed, Time: calls[1].Time.Add(time.Second), Text: "the server closed the connection"})
	assert.Equal(t, []string{"s.recv(1024) → b'' (the server closed the connection)", "s.close() — the server closed the connection"},
		[]string{later[0].Text, later[1].Text})
	assert.Equal(t, time.Second, later[0].Since, "time since the previous call on the same side")
}

// A password sent with Client.SendHidden shows as a send, never its text
// or its length.
func TestTimelineHidesAHiddenSend(t *testing.T) {
	e := netcore.Event{Time: time.Now(), Kind: netcore.EventSent, Peer: "127.0.0.1:41267", Term: "\n", Text: netcore.HiddenText, Hidden: true}
	calls := New().Calls(ClientSide, e)
	require.Len(t, calls, 1)
	assert.Equal(t, "send", calls[0].Name)
	assert.Equal(t, "s.send("+hiddenBytes+")", calls[0].Text)
}

// TestTimelineHidesPasswords plays the password demo and checks that
// neither side's calls show the password or its length.
func TestTimelineHidesPasswords(t *testing.T) {
	ts := nettest.StartServer(t, "127.0.0.1", nettest.Config(t, "password", nil))
	c, err := netcore.Dial(context.Background(), "tcp", ts.HostPort, time.Second)
	require.NoError(t, err)
	tl := New()
	var client []string
	record := func(e netcore.Event) {
		for _, call := range tl.Calls(ClientSide, e) {
			client = append(client, call.Text)
		}
	}
	record(nettest.NextEvent(t, c, netcore.EventConnected))
	require.NoError(t, c.SendHidden("letmein\n"))
	record(nettest.NextEvent(t, c, netcore.EventSent))
	record(nettest.NextEvent(t, c, netcore.EventReceived))
	c.Close()
	nettest.WaitFor(t, "the server to log the attempt", func() bool { return ts.CountEvents(netcore.EventReceived) == 1 })

	var server []string
	for _, e := range ts.EventLog() {
		for _, call := range tl.Calls(ServerSide, e) {
			server = append(server, call.Text)
		}
	}
	assert.Contains(t, server, "conn1.recv(1024) → "+hiddenBytes)
	assert.Contains(t, client, "s.send("+hiddenBytes+")")
	assert.Contains(t, client, `s.recv(1024) → b'access denied\n' (14 bytes)`, "the reply is not secret")
	for _, text := range append(server, client...) {
		assert.NotContains(t, text, "letmein")
		assert.NotContains(t, text, "→ 8", "no byte count gives the length away")
		assert.NotContains(t, text, "(8 bytes)")
	}
}

// Two clients' calls are told apart by their connection's number.
func TestTwoClientsHaveTheirOwnNames(t *testing.T) {
	tl := New()
	now := time.Now()
	one := tl.Calls(ServerSide, netcore.Event{Kind: netcore.EventReceived, Time: now, ConnID: 1, Text: "a", Bytes: 1})
	two := tl.Calls(ServerSide, netcore.Event{Kind: netcore.EventReceived, Time: now, ConnID: 2, Text: "b", Bytes: 1})
	require.Len(t, one, 1)
	require.Len(t, two, 1)
	assert.True(t, strings.HasPrefix(one[0].Text, "conn1.recv("), one[0].Text)
	assert.True(t, strings.HasPrefix(two[0].Text, "conn2.recv("), two[0].Text)
}

// Stamp (which the Lessons tab runs on every event) and Build (which it
// runs only on the events it keeps) agree on which events are calls, and
// together give what Calls gives, Since included.
func TestStampAgreesWithBuild(t *testing.T) {
	start := time.Now()
	for kind := netcore.EventKind(0); int(kind) < 12; kind++ {
		e := netcore.Event{Kind: kind, Time: start.Add(time.Duration(kind) * time.Second), ConnID: 1,
			Peer: "127.0.0.1:5000", Text: "tcp 127.0.0.1:5000", Bytes: 3}
		calls := Build(ServerSide, e, 0)
		assert.Equal(t, len(calls) > 0, callKinds[kind], "kind %v: Build made %d calls", kind, len(calls))
	}

	tl, stamped := New(), New()
	first := netcore.Event{Kind: netcore.EventReceived, Time: start, ConnID: 1, Text: "a", Bytes: 2}
	notACall := netcore.Event{Kind: netcore.EventError, Time: start.Add(time.Second)}
	second := netcore.Event{Kind: netcore.EventClosed, Time: start.Add(3 * time.Second), ConnID: 1, Text: "the server closed the connection"}
	for _, e := range []netcore.Event{first, notACall, second} {
		want := tl.Calls(ClientSide, e)
		got := Build(ClientSide, e, stamped.Stamp(ClientSide, e))
		assert.Equal(t, want, got)
	}
	assert.Equal(t, 3*time.Second, Build(ClientSide, second, 3*time.Second)[0].Since, "an error in between is not a call")
	assert.Equal(t, time.Duration(0), stamped.Stamp(ServerSide, second), "each side has its own clock")
}
