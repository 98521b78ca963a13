package netcore

import (
	"fmt"
	"strconv"
	"sync/atomic"
	"time"
)

// EventKind says what happened.
type EventKind int

const (
	EventListening EventKind = iota // the server is bound and accepting
	EventAccepted                   // a client connected
	EventReceived                   // a message arrived
	EventSent                       // bytes went out
	EventClosed                     // a connection ended
	EventError                      // something went wrong; Err says what
	EventStopped                    // the server stopped (always the last event)
	EventConnected                  // a client dialled successfully
	EventWaiting                    // a client waits its turn (one client at a time)
)

var eventNames = [...]string{"listening", "accepted", "received", "sent", "closed", "error", "stopped", "connected", "waiting"}

func (k EventKind) String() string {
	if int(k) < len(eventNames) {
		return eventNames[k]
	}
	return "event(" + strconv.Itoa(int(k)) + ")"
}

// Event is one thing that happened on a server or client. The GUI log and the
// CLI log both read the same stream.
type Event struct {
	Time   time.Time
	Kind   EventKind
	ConnID int    // 0 for events about the whole server
	Peer   string // the other side's address, host:port
	Text   string // what was received or sent, redacted where the demo asks
	Bytes  int    // bytes on the wire, terminators included
	Ending Ending // framing of a received message
	Term   string // the terminator as on the wire, e.g. "\r\n"; see Wire
	Err    error
}

// String formats the event as one log line, e.g.
// "10:04:05.123 #3 192.168.0.7:51522 received 5 B: \"hello\"".
func (e Event) String() string {
	s := e.Time.Format("15:04:05.000")
	if e.ConnID != 0 {
		s += " #" + strconv.Itoa(e.ConnID)
	}
	if e.Peer != "" {
		s += " " + e.Peer
	}
	s += " " + e.Kind.String()
	switch e.Kind {
	case EventReceived, EventSent:
		s += fmt.Sprintf(" %d B: %s", e.Bytes, strconv.Quote(e.Text))
		if e.Kind == EventReceived {
			s += " (ending " + e.Ending.String() + ")"
		}
	default:
		if e.Text != "" {
			s += " " + e.Text
		}
	}
	if e.Err != nil {
		s += ": " + e.Err.Error()
	}
	return s
}

// Wire is the message as it went over the socket, terminator included (for
// hex views). Redacted text stays redacted.
func (e Event) Wire() []byte { return append([]byte(e.Text), e.Term...) }

// eventQueue delivers events without ever blocking the network: when the
// consumer falls behind, events are dropped and counted instead.
type eventQueue struct {
	ch      chan Event
	dropped atomic.Int64
}

const defaultEventBuffer = 4096

func newEventQueue(size int) *eventQueue {
	if size <= 0 {
		size = defaultEventBuffer
	}
	return &eventQueue{ch: make(chan Event, size)}
}

func (q *eventQueue) emit(e Event) {
	if e.Time.IsZero() {
		e.Time = time.Now()
	}
	select {
	case q.ch <- e:
	default:
		q.dropped.Add(1)
	}
}

// emitLast delivers an event that must not be lost (such as stopped),
// waiting briefly for room if the queue is full.
func (q *eventQueue) emitLast(e Event) {
	e.Time = time.Now()
	select {
	case q.ch <- e:
	case <-time.After(time.Second):
		q.dropped.Add(1)
	}
}
