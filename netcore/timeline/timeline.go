package timeline

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/socketlab/socketlab/netcore"
)

// The socket-call timeline retells events in the words of the lessons —
// socket, bind, listen, accept, connect, send, recv, close — so a student
// sees, for example, accept() return the moment a partner connects.

// Side says which end of a conversation a call was made on.
type Side string

const (
	ServerSide Side = "server"
	ClientSide Side = "client"
)

// Call is one socket call as the lessons write it.
type Call struct {
	Time   time.Time
	Side   Side
	ConnID int
	Name   string // socket, bind, listen, accept, connect, send, recv, close
	Text   string // the call with its arguments and result
	// Blocks is set on a call that now waits: accept() until a client
	// comes, recv() until data arrives.
	Blocks bool
	Since  time.Duration // since the previous call on the same side
}

// Timeline turns events into calls and measures the time between them.
type Timeline struct {
	last map[Side]time.Time
}

// New starts an empty timeline.
func New() *Timeline { return &Timeline{last: map[Side]time.Time{}} }

// Calls returns the calls that one event stands for (none for events that
// are not calls): Build with the Since that Stamp measures.
func (tl *Timeline) Calls(side Side, e netcore.Event) []Call {
	return Build(side, e, tl.Stamp(side, e))
}

// callKinds are the events that stand for calls: Build returns at least one
// call for each of them and none for any other kind
// (TestStampAgreesWithBuild).
var callKinds = map[netcore.EventKind]bool{
	netcore.EventListening: true, netcore.EventWaiting: true, netcore.EventAccepted: true,
	netcore.EventConnected: true, netcore.EventReceived: true, netcore.EventSent: true,
	netcore.EventClosed: true, netcore.EventStopped: true,
}

// Stamp notes that e happened on side and returns how long after the
// previous call on that side its first call came (0 for the first call, or
// for an event that is not a call). It builds no text: the Lessons tab
// stamps every event as it comes, in order, and builds the calls of only
// the newest ones, the ones it keeps (Build), so an echo at loopback speed
// does not format two calls per message that nobody will see.
func (tl *Timeline) Stamp(side Side, e netcore.Event) time.Duration {
	if !callKinds[e.Kind] {
		return 0
	}
	var since time.Duration
	if prev, ok := tl.last[side]; ok {
		since = e.Time.Sub(prev)
	}
	tl.last[side] = e.Time
	return since
}

// Build returns the calls that e stands for, the first of them since
// (Stamp's answer) after the previous call on its side; the others happen
// at the same moment.
func Build(side Side, e netcore.Event, since time.Duration) []Call {
	var calls []Call
	add := func(name, text string, blocks bool) {
		calls = append(calls, Call{Time: e.Time, Side: side, ConnID: e.ConnID, Name: name, Text: text, Blocks: blocks})
	}
	switch e.Kind {
	case netcore.EventListening:
		network, addr, _ := strings.Cut(e.Text, " ")
		addr, _, _ = strings.Cut(addr, " ")
		kind := "SOCK_STREAM"
		if network == "udp" {
			kind = "SOCK_DGRAM"
		}
		add("socket", "s = socket("+family(addr)+", "+kind+")", false)
		add("bind", "s.bind("+pyAddr(addr)+")", false)
		if network == "udp" {
			add("recvfrom", "s.recvfrom(1024) … waiting for a datagram", true)
			break
		}
		add("listen", "s.listen()", false)
		add("accept", "s.accept() … waiting for a client", true)
	case netcore.EventWaiting:
		add("backlog", fmt.Sprintf("%s waits in the listen backlog: the server is busy with another client", e.Peer), true)
	case netcore.EventAccepted:
		add("accept", fmt.Sprintf("%s, addr = s.accept() → %s", handle(side, e), pyAddr(e.Peer)), false)
	case netcore.EventConnected:
		kind := "SOCK_STREAM"
		if strings.HasPrefix(e.Text, "udp") {
			kind = "SOCK_DGRAM"
		}
		add("socket", "s = socket("+family(e.Peer)+", "+kind+")", false)
		add("connect", "s.connect("+pyAddr(e.Peer)+")", false)
	case netcore.EventReceived:
		if e.Hidden {
			add("recv", handle(side, e)+".recv(1024) → "+hiddenBytes, false)
			break
		}
		add("recv", fmt.Sprintf("%s.recv(1024) → %s (%d bytes)", handle(side, e), pyBytes(e.Wire(), 48), e.Bytes), false)
	case netcore.EventSent:
		if e.Hidden {
			add("send", handle(side, e)+".send("+hiddenBytes+")", false)
			break
		}
		add("send", fmt.Sprintf("%s.send(%s) → %d", handle(side, e), pyBytes(e.Wire(), 48), e.Bytes), false)
	case netcore.EventClosed:
		if side == ClientSide && e.Text == "the server closed the connection" {
			add("recv", "s.recv(1024) → b'' (the server closed the connection)", false)
		}
		text := handle(side, e) + ".close()"
		if e.Text != "" {
			text += " — " + e.Text
		}
		add("close", text, false)
	case netcore.EventStopped:
		add("close", "s.close() — the listening socket", false)
	}
	if len(calls) > 0 {
		calls[0].Since = since
	}
	return calls
}

// hiddenBytes stands for a password in a call: no bytes and no count, as
// either would show it or its length (netcore.Event.Hidden).
const hiddenBytes = "b'…' (a password, hidden)"

// handle names the socket a call is made on: conn1, conn2… for the server's
// accepted clients (numbered as the log numbers them, #1, #2…, so two
// clients can be told apart), s for the listening or connecting socket.
func handle(side Side, e netcore.Event) string {
	if side == ServerSide && e.ConnID != 0 {
		return "conn" + strconv.Itoa(e.ConnID)
	}
	return "s"
}

// family is the address family a Python program would pass for hostport.
func family(hostport string) string {
	if strings.HasPrefix(hostport, "[") {
		return "AF_INET6"
	}
	return "AF_INET"
}

// pyAddr writes host:port as Python's address tuple: ('192.168.0.5', 8000).
func pyAddr(hostport string) string {
	host, port, ok := strings.Cut(hostport, "]:")
	if ok {
		host = strings.TrimPrefix(host, "[")
	} else if i := strings.LastIndexByte(hostport, ':'); i >= 0 {
		host, port = hostport[:i], hostport[i+1:]
	} else {
		return "'" + hostport + "'"
	}
	return fmt.Sprintf("('%s', %s)", host, port)
}

// pyBytes writes bytes as a Python bytes literal, b'hello\n', cut at max.
func pyBytes(b []byte, max int) string {
	var s strings.Builder
	s.WriteString("b'")
	for i, c := range b {
		if i == max {
			s.WriteString("…")
			break
		}
		switch {
		case c == '\n':
			s.WriteString(`\n`)
		case c == '\r':
			s.WriteString(`\r`)
		case c == '\t':
			s.WriteString(`\t`)
		case c == '\\' || c == '\'':
			s.WriteByte('\\')
			s.WriteByte(c)
		case c >= 0x20 && c < 0x7f:
			s.WriteByte(c)
		default:
			fmt.Fprintf(&s, `\x%02x`, c)
		}
	}
	s.WriteString("'")
	return s.String()
}
