package netcore

import (
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A consumer of batches gets every event once, in order, the stopped event
// last, and then the stream closes; the slices the queue reuses never
// change a batch while the consumer still holds it.
func TestEventBatchesDeliverEverythingInOrder(t *testing.T) {
	q := newEventQueue(1 << 16)
	batches := q.batchesFor()
	const n = 20000
	go func() {
		for i := 0; i < n; i++ {
			q.emit(Event{Kind: EventReceived, ConnID: 1, Text: strconv.Itoa(i)})
			if i%1000 == 0 {
				time.Sleep(time.Millisecond) // several batches, not one
			}
		}
		q.close(Event{Kind: EventStopped})
	}()
	var got []string
	rounds, stopped := 0, false
	for b := range batches {
		rounds++
		snapshot := append([]Event(nil), b...)
		require.False(t, stopped, "nothing after the stopped event")
		for _, e := range b {
			if e.Kind == EventStopped {
				stopped = true
				continue
			}
			got = append(got, e.Text)
		}
		time.Sleep(time.Millisecond) // the pump gathers the next batch meanwhile
		assert.Equal(t, snapshot, b, "a batch stays as it was until the next one is received")
	}
	assert.True(t, stopped)
	require.Len(t, got, n)
	for i, s := range got {
		require.Equal(t, strconv.Itoa(i), s)
	}
	assert.Greater(t, rounds, 2, "the events came in several batches")
	assert.Zero(t, q.dropped.Load())
	_, open := <-q.ch
	assert.False(t, open, "Events closes with EventBatches")
}

// A consumer of batches that stops reading holds up nothing: message
// events beyond the buffer are dropped and counted, and close returns.
func TestEventBatchesDropForAStuckConsumer(t *testing.T) {
	q := newEventQueue(64)
	q.batchesFor()
	for i := 0; i < 1000; i++ {
		q.emit(Event{Kind: EventReceived, Text: "x"})
		if i%100 == 0 {
			time.Sleep(time.Millisecond)
		}
	}
	done := make(chan struct{})
	go func() {
		q.close(Event{Kind: EventStopped})
		close(done)
	}()
	select {
	case <-done:
	case <-time.After(5 * lastEventWait):
		t.Fatal("close waited for good on a consumer that never read")
	}
	assert.Positive(t, q.dropped.Load())
}
