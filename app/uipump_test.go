package app

import (
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.uber.org/goleak"
)

// testPump is the tests' one fake UI: the app's pump with its "run on UI"
// replaced by a queue that the test drains on its own goroutine. The test
// driver's fyne.Do would run work at once on whichever goroutine called it,
// so a network goroutine would change widgets while the test reads them (a
// data race, and flaky); here every widget change happens on the goroutine
// that drains, in order, one drain at a time.
type testPump struct {
	*uiPump

	ui     sync.Mutex // held while a test does UI work: one "UI goroutine" at a time
	mu     sync.Mutex // guards queued
	queued []func()
}

// newTestPump starts a pump whose batches wait for drain; the test's
// cleanup stops it.
func newTestPump(t testing.TB) *testPump {
	p := &testPump{}
	p.uiPump = newUIPump(p.enqueue)
	t.Cleanup(p.stop)
	return p
}

func (p *testPump) enqueue(f func()) {
	p.mu.Lock()
	p.queued = append(p.queued, f)
	p.mu.Unlock()
}

// drain runs, on the calling goroutine, the batches the pump handed over
// and whatever is still pending (posts, dirty views) without waiting for a
// tick, until nothing is left, and returns how many functions ran.
func (p *testPump) drain() int {
	p.ui.Lock()
	defer p.ui.Unlock()
	return p.drainLocked()
}

func (p *testPump) drainLocked() int {
	ran := 0
	for {
		p.mu.Lock()
		fns := p.queued
		p.queued = nil
		p.mu.Unlock()
		for _, f := range fns {
			f()
		}
		ran += len(fns)
		if p.pending() {
			p.runBatch()
			ran++
			continue
		}
		if len(fns) == 0 {
			return ran
		}
	}
}

// run is one turn of the UI goroutine taken by the test: what was posted
// before runs first, then f, then what f caused. f may use require.
func (p *testPump) run(f func()) {
	p.ui.Lock()
	defer p.ui.Unlock()
	p.drainLocked()
	f()
	p.drainLocked()
}

func TestUIPumpCoalescesDirtyViews(t *testing.T) {
	p := newTestPump(t)
	var flushes atomic.Int32
	s := p.register(func() { flushes.Add(1) }, 0)
	for range 100 {
		s.markDirty()
	}
	p.drain()
	assert.Equal(t, int32(1), flushes.Load(), "a hundred marks, one flush")
	p.drain()
	assert.Equal(t, int32(1), flushes.Load(), "nothing dirty: no flush")
}

// Marks and posts run in the order they were made: a post made after a
// view's rows were added finds them on screen, and rows added after a post
// (a reply after the "connected" news) come after it.
func TestUIPumpRunsMarksAndPostsInOrder(t *testing.T) {
	p := newTestPump(t)
	var got []string
	a := p.register(func() { got = append(got, "a") }, 0)
	b := p.register(func() { got = append(got, "b") }, 0)
	c := p.register(func() { got = append(got, "c") }, 0)
	p.post(func() { got = append(got, "post 1") })
	b.markDirty()
	p.post(func() { got = append(got, "post 2") })
	a.markDirty()
	b.markDirty() // already dirty: still flushed before post 2 only
	p.post(func() { got = append(got, "post 3") })
	c.markDirty()
	p.drain()
	assert.Equal(t, []string{"post 1", "b", "post 2", "a", "post 3", "c"}, got)
}

// The real pump with a runOnUI of its own: dirty views reach the UI on the
// tick, in one call per tick, and a post at once, without a tick.
func TestUIPumpTicksAndWakes(t *testing.T) {
	ignore := goleak.IgnoreCurrent()
	calls := make(chan func(), 100)
	p := newUIPump(func(f func()) { calls <- f })
	flushed := make(chan struct{}, 10)
	s := p.register(func() { flushed <- struct{}{} }, 0)

	start := time.Now()
	p.post(func() {})
	select {
	case f := <-calls:
		f()
		assert.Less(t, time.Since(start), pumpEvery, "a post wakes the pump at once")
	case <-time.After(5 * time.Second):
		t.Fatal("the post never reached the UI")
	}

	s.markDirty()
	s.markDirty()
	select {
	case f := <-calls:
		f()
	case <-time.After(5 * time.Second):
		t.Fatal("the dirty view never reached the UI")
	}
	require.Len(t, flushed, 1, "one flush for both marks")

	p.stop()
	p.stop() // twice is fine
	goleak.VerifyNone(t, ignore)
}

// A slot with an interval is flushed that often although nobody marks it
// (the clients list's byte counters).
func TestUIPumpPeriodicSlot(t *testing.T) {
	p := newTestPump(t)
	var n atomic.Int32
	p.register(func() { n.Add(1) }, 10*time.Millisecond)
	require.Eventually(t, func() bool {
		p.drain()
		return n.Load() >= 3
	}, 5*time.Second, 5*time.Millisecond)
}

// If the UI is slow, batches do not pile up in its queue: one waits, and
// the work waits in the views' buffers.
func TestUIPumpOneBatchWaitsAtATime(t *testing.T) {
	var handed atomic.Int32
	p := newUIPump(func(func()) { handed.Add(1) }) // a UI that never runs anything
	defer p.stop()
	s := p.register(func() {}, 0)
	for range 5 {
		s.markDirty()
		p.post(func() {})
		time.Sleep(pumpEvery)
	}
	assert.Equal(t, int32(1), handed.Load())
}
