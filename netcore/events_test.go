package netcore

import (
	"net"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A consumer that falls behind loses message events, never lifecycle ones,
// and every lost event is counted.
func TestEventQueueKeepsLifecycleEventsUnderFlood(t *testing.T) {
	q := newEventQueue(16)
	const conns, perConn = 50, 200
	for id := 1; id <= conns; id++ {
		q.emit(Event{Kind: EventAccepted, ConnID: id})
		for i := 0; i < perConn; i++ {
			q.emit(Event{Kind: EventReceived, ConnID: id, Text: "flood"})
		}
		q.emit(Event{Kind: EventClosed, ConnID: id})
	}
	q.emit(Event{Kind: EventError, Text: "after the flood"})
	go q.close(Event{Kind: EventStopped})

	counts := map[EventKind]int{}
	closedIDs := map[int]bool{}
	for e := range q.ch {
		counts[e.Kind]++
		if e.Kind == EventClosed {
			closedIDs[e.ConnID] = true
		}
	}
	assert.Equal(t, conns, counts[EventAccepted])
	assert.Len(t, closedIDs, conns, "every connection's closed event arrives")
	assert.Equal(t, 1, counts[EventError])
	assert.Equal(t, 1, counts[EventStopped])
	assert.Less(t, counts[EventReceived], conns*perConn, "the flood overflowed the buffer")
	assert.Equal(t, int64(conns*perConn-counts[EventReceived]), q.dropped.Load(),
		"exactly the message events that never arrived are counted")
}

// Message texts waiting for a consumer are bounded in bytes, not only in
// number: big messages are dropped sooner.
func TestEventQueueBoundsPendingText(t *testing.T) {
	q := newEventQueue(1 << 20)
	big := strings.Repeat("x", 64<<10)
	// More than the channel, a batch in hand and pending can hold.
	sent := maxChanEvents + 4*maxPendingText/len(big)
	for i := 0; i < sent; i++ {
		q.emit(Event{Kind: EventReceived, Text: big})
	}
	q.mu.Lock()
	held := q.pendingBytes
	q.mu.Unlock()
	assert.LessOrEqual(t, held, maxPendingText)
	assert.Positive(t, q.dropped.Load())
	go q.close(Event{Kind: EventStopped})
	n := 0
	for range q.ch {
		n++
	}
	assert.Equal(t, int64(sent+1-n), q.dropped.Load())
}

// A slow consumer still gets every closed event of a server flooded with
// messages, and learns how many messages it missed.
func TestSlowConsumerGetsEveryClosedEvent(t *testing.T) {
	srv, err := NewServer(Config{Demo: floodDemo{}, Addr: "127.0.0.1:0", EventBuffer: 32})
	require.NoError(t, err)
	require.NoError(t, srv.Start())
	addr := srv.Addr().String()

	const clients = 20
	done := make(chan struct{})
	go func() {
		defer close(done)
		for i := 0; i < clients; i++ {
			c, err := net.Dial("tcp", addr)
			if !assert.NoError(t, err) {
				return
			}
			// 500 messages in one write, then leave.
			c.Write([]byte(strings.Repeat("m\n", 500)))
			c.Close()
		}
	}()

	closed := map[int]bool{}
	received := 0
	events := srv.Events()
	deadline := time.After(20 * time.Second)
	for len(closed) < clients {
		select {
		case e := <-events:
			time.Sleep(200 * time.Microsecond) // a slow log
			switch e.Kind {
			case EventClosed:
				closed[e.ConnID] = true
			case EventReceived:
				received++
			}
		case <-deadline:
			t.Fatalf("only %d of %d closed events arrived (dropped %d)", len(closed), clients, srv.Dropped())
		}
	}
	<-done
	require.NoError(t, srv.Close())
	for range events {
	}
	assert.Less(t, received, clients*500, "the flood was more than the slow log could take")
	assert.Positive(t, srv.Dropped(), "the missed messages are counted")
}

// floodDemo answers nothing: only received events flow.
type floodDemo struct{}

type floodSession struct{}

func (floodDemo) Info() DemoInfo    { return DemoInfo{Name: "flood"} }
func (floodDemo) Open(Peer) Session { return floodSession{} }
func (floodSession) Handle(string)  {}
func (floodSession) Close()         {}
