package netcore

import (
	"strconv"
	"sync"
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
	Text   string // what was received or sent; HiddenText when Hidden
	Bytes  int    // bytes on the wire, terminators included; 0 when Hidden
	// Hidden marks a message the demo keeps secret (a password): Text is
	// HiddenText, Bytes is 0 and Wire is empty, so no view can show the
	// text or its length. Only the terminator (Ending, Term) is kept.
	Hidden bool
	Ending Ending // framing of a received message
	Term   string // the terminator as on the wire, e.g. "\r\n"; see Wire
	Err    error
}

// HiddenText stands in for a hidden message's text in every view. It says
// nothing of the length: a byte count or one dot per character would tell
// an onlooker how long the password is.
const HiddenText = "(hidden)"

// String formats the event as one log line, e.g.
// "10:04:05.123 #3 192.168.0.7:51522 received 5 B: \"hello\"".
func (e Event) String() string { return string(e.AppendText(nil)) }

// AppendText appends String's line to dst. The command-line log formats
// two lines per echoed message into one reused buffer with it: building
// each line as a string of its own was a tenth of `socketlab serve`'s time.
func (e Event) AppendText(dst []byte) []byte {
	dst = e.Time.AppendFormat(dst, "15:04:05.000")
	if e.ConnID != 0 {
		dst = append(dst, " #"...)
		dst = strconv.AppendInt(dst, int64(e.ConnID), 10)
	}
	if e.Peer != "" {
		dst = append(dst, ' ')
		dst = append(dst, e.Peer...)
	}
	dst = append(dst, ' ')
	dst = append(dst, e.Kind.String()...)
	switch {
	case e.Hidden:
		dst = append(dst, " "+HiddenText...)
	case e.Kind == EventReceived || e.Kind == EventSent:
		dst = append(dst, ' ')
		dst = strconv.AppendInt(dst, int64(e.Bytes), 10)
		dst = append(dst, " B: "...)
		dst = appendQuoted(dst, e.Text)
		if e.Kind == EventReceived {
			dst = append(dst, " (ending "...)
			dst = append(dst, e.Ending.String()...)
			dst = append(dst, ')')
		}
	default:
		if e.Text != "" {
			dst = append(dst, ' ')
			dst = append(dst, e.Text...)
		}
	}
	if e.Err != nil {
		dst = append(dst, ": "...)
		dst = append(dst, e.Err.Error()...)
	}
	return dst
}

// appendQuoted is strconv.AppendQuote with a shortcut for the usual message,
// printable ASCII with no quote or backslash, which comes out as it is.
func appendQuoted(dst []byte, s string) []byte {
	if needsQuoting(s) {
		return strconv.AppendQuote(dst, s)
	}
	dst = append(dst, '"')
	dst = append(dst, s...)
	return append(dst, '"')
}

// AppendTerminalText appends String's line to dst as a terminal may show
// it (AppendTerminalSafe): formatted in place, and copied again only when
// something in it must be escaped, which a quoted message never needs.
func (e Event) AppendTerminalText(dst []byte) []byte {
	start := len(dst)
	dst = e.AppendText(dst)
	line := dst[start:]
	if plainPrefix(line, true) == len(line) {
		return dst
	}
	return AppendTerminalSafe(dst[:start], append([]byte(nil), line...))
}

// Wire is the message as it went over the socket, terminator included (for
// hex views); nothing for a Hidden message.
func (e Event) Wire() []byte {
	if e.Hidden {
		return nil
	}
	return append([]byte(e.Text), e.Term...)
}

// isMessage reports whether the event carries a message (received or
// sent): the only events dropped when the consumer falls behind. The others
// (listening, accepted, waiting, closed, error, stopped) are a handful per
// connection and are what a teacher reads the log for.
func (k EventKind) isMessage() bool { return k == EventReceived || k == EventSent }

// eventQueue delivers events without ever blocking the network. emit only
// appends to a list; a pump goroutine hands the list to the consumer's
// channel a batch at a time, at most once per batchWindow. Handing over each
// event as it happens woke the consumer's goroutine once per message, a few
// per cent of echo throughput. When the consumer falls behind, message
// events are dropped and counted instead; lifecycle events are kept, up to
// a backstop far above what the connections can produce.
type eventQueue struct {
	ch      chan Event
	batches chan []Event // used instead of ch once the consumer asks for batches
	batched atomic.Bool  // the consumer reads batches
	dropped atomic.Int64

	mu           sync.Mutex
	pending      []Event
	pendingMsgs  int           // message events in pending
	pendingBytes int           // their texts' bytes
	pendingLife  int           // lifecycle events in pending
	limit        int           // message events held, pending and in ch, before dropping
	closed       bool          // the last event is in; no more are taken
	started      bool          // the pump runs (it starts with the first event)
	wake         chan struct{} // room for one signal: "pending is not empty"
	full         chan struct{} // room for one signal: "pending holds urgentText"
	closing      chan struct{} // closed by close, for a pump waiting on the consumer
	pumpDone     chan struct{}
}

const (
	defaultEventBuffer = 4096
	// maxChanEvents caps the channel itself: what sits in it cannot be
	// counted in bytes, and 4,096 echoed 64 KiB messages held 268 MB for a
	// consumer that stopped reading (a paused terminal).
	maxChanEvents = 256
	// maxPendingText bounds the message text waiting for the consumer.
	maxPendingText = 32 << 20
	// urgentText of pending text is handed over without waiting for the
	// batch window: big messages at loopback speed fill a window's worth
	// of text long before it ends, and a consumer that keeps up must not
	// lose them to maxPendingText.
	urgentText = 1 << 20
	// maxPendingLifecycle is the backstop for lifecycle events: never
	// reached by connections coming and going (each makes a few), only by
	// an endless stream of errors.
	maxPendingLifecycle = 1 << 16
	// batchWindow is how long events gather before they are handed over:
	// far below what a person notices in a log.
	batchWindow = 10 * time.Millisecond
	// lastEventWait is how long close waits for a consumer that is behind.
	lastEventWait = time.Second
)

func newEventQueue(size int) *eventQueue {
	if size <= 0 {
		size = defaultEventBuffer
	}
	return &eventQueue{
		ch:       make(chan Event, min(size, maxChanEvents)),
		batches:  make(chan []Event),
		limit:    size,
		wake:     make(chan struct{}, 1),
		full:     make(chan struct{}, 1),
		closing:  make(chan struct{}),
		pumpDone: make(chan struct{}),
	}
}

// roomLocked says whether e may join pending, and counts it in; q.mu is held.
func (q *eventQueue) roomLocked(e Event) bool {
	if q.closed {
		return false
	}
	if !e.Kind.isMessage() {
		if q.pendingLife >= maxPendingLifecycle {
			return false
		}
		q.pendingLife++
		return true
	}
	if q.pendingMsgs+len(q.ch) >= q.limit || q.pendingBytes+len(e.Text) > maxPendingText {
		return false
	}
	q.pendingMsgs++
	q.pendingBytes += len(e.Text)
	if q.pendingBytes >= urgentText && q.pendingBytes-len(e.Text) < urgentText {
		select {
		case q.full <- struct{}{}:
		default:
		}
	}
	return true
}

func (q *eventQueue) emit(e Event) {
	if e.Time.IsZero() {
		e.Time = time.Now()
	}
	q.mu.Lock()
	if !q.roomLocked(e) {
		q.mu.Unlock()
		q.dropped.Add(1)
		return
	}
	q.pending = append(q.pending, e)
	first := len(q.pending) == 1
	q.startPumpLocked()
	q.mu.Unlock()
	if first {
		q.signal()
	}
}

// startPumpLocked starts the pump with the first event; q.mu is held.
func (q *eventQueue) startPumpLocked() {
	if !q.started {
		q.started = true
		go q.pump()
	}
}

// signal wakes the pump; a signal already waiting is enough.
func (q *eventQueue) signal() {
	select {
	case q.wake <- struct{}{}:
	default:
	}
}

// close ends the stream with an event that must not be lost (such as
// stopped): everything pending is delivered, waiting up to lastEventWait for
// a consumer that is behind, and then the channel is closed. It returns once
// the channel is closed, so no goroutine outlives it.
func (q *eventQueue) close(last Event) {
	last.Time = time.Now()
	q.mu.Lock()
	if q.closed {
		q.mu.Unlock()
		<-q.pumpDone
		return
	}
	q.closed = true
	q.pending = append(q.pending, last)
	q.startPumpLocked()
	q.mu.Unlock()
	close(q.closing)
	q.signal()
	<-q.pumpDone
}

func (q *eventQueue) pump() {
	defer close(q.pumpDone)
	defer close(q.ch)
	defer close(q.batches)
	var batch []Event
	// A consumer of batches keeps the one it received until it receives
	// the next (handed); then that one is free for the events to come
	// (spare). Three slices in turn, none allocated under load.
	var handed, spare []Event
	var giveUp <-chan time.Time // set once closed: the consumer's last chance
	window := time.NewTimer(batchWindow)
	defer window.Stop()
	for {
		<-q.wake
		q.mu.Lock()
		batch, q.pending = q.pending, batch[:0]
		q.pendingMsgs, q.pendingBytes, q.pendingLife = 0, 0, 0
		closed := q.closed
		q.mu.Unlock()
		if q.batched.Load() {
			if len(batch) > 0 {
				if !q.deliverBatch(batch, &giveUp) {
					q.dropped.Add(int64(len(batch)))
					return
				}
				clear(handed) // let the texts be collected
				spare, handed = handed, batch
			}
			batch = spare
		} else {
			for i, e := range batch {
				if !q.deliver(e, &giveUp) {
					q.dropped.Add(int64(len(batch) - i))
					return
				}
			}
			clear(batch) // let the texts be collected
		}
		if closed {
			return // close's event was in this batch: nothing can follow
		}
		window.Reset(batchWindow)
		select {
		case <-window.C:
		case <-q.full:
		}
	}
}

// deliver hands one event to the consumer, waiting while it is behind (emit
// keeps the network going meanwhile). Once the queue is closed it waits only
// until giveUp, and reports false if the consumer never came.
func (q *eventQueue) deliver(e Event, giveUp *<-chan time.Time) bool {
	select {
	case q.ch <- e:
		return true
	default:
	}
	return handOver(q.ch, e, q.closing, giveUp)
}

// deliverBatch is deliver for a consumer of batches: the whole batch in one
// hand-over.
func (q *eventQueue) deliverBatch(batch []Event, giveUp *<-chan time.Time) bool {
	return handOver(q.batches, batch, q.closing, giveUp)
}

// handOver sends v on ch, waiting while the consumer is behind; once
// closing is closed it waits only until giveUp (which it then sets), and
// reports false if the consumer never came.
func handOver[T any](ch chan<- T, v T, closing <-chan struct{}, giveUp *<-chan time.Time) bool {
	for {
		if *giveUp != nil {
			closing = nil
		}
		select {
		case ch <- v:
			return true
		case <-closing:
			*giveUp = time.After(lastEventWait)
		case <-*giveUp:
			return false
		}
	}
}

// batchesFor switches the queue to batches (see Server.EventBatches).
func (q *eventQueue) batchesFor() <-chan []Event {
	q.batched.Store(true)
	return q.batches
}
