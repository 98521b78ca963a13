package app

import (
	"sync"
	"testing"
)

// Tests replace postToUI in one of two ways. uiQueue leaves the UI
// goroutine to the test itself: nothing runs until the test calls Drain, so a
// test can read widgets freely between drains (the Server tab, the log, the
// lessons). testUI is a UI goroutine of its own that runs posts as they come,
// as the real driver does; the Client tab's tests use it because a client
// keeps talking (replies, the discovery list) while the test types.

// uiQueue is the post function for tests. The test driver's fyne.Do runs
// the function at once on the calling goroutine, so a network goroutine
// would change widgets while the test reads them (a data race, and flaky).
// With uiQueue.Post, functions wait until the test calls Drain, and every
// widget change happens on the test goroutine, in order.
type uiQueue struct {
	mu  sync.Mutex
	fns []func()
}

// Post queues f; it never blocks and is safe from any goroutine.
func (q *uiQueue) Post(f func()) {
	q.mu.Lock()
	q.fns = append(q.fns, f)
	q.mu.Unlock()
}

// Drain runs everything queued, including functions queued while it runs,
// and returns how many ran.
func (q *uiQueue) Drain() int {
	ran := 0
	for {
		q.mu.Lock()
		fns := q.fns
		q.fns = nil
		q.mu.Unlock()
		if len(fns) == 0 {
			return ran
		}
		for _, f := range fns {
			f()
		}
		ran += len(fns)
	}
}

// testUI is a test's UI goroutine. The test driver runs fyne.Do inline on
// whichever goroutine calls it, so a network goroutine would change widgets
// while the test reads them; instead every widget change — the tab's own
// and the test's — runs here, one at a time, as on the real driver.
type testUI struct {
	mu     sync.Mutex
	cond   *sync.Cond
	fns    []func()
	closed bool
	done   chan struct{}
}

func newTestUI(t testing.TB) *testUI {
	u := &testUI{done: make(chan struct{})}
	u.cond = sync.NewCond(&u.mu)
	go u.loop()
	t.Cleanup(u.close)
	return u
}

func (u *testUI) loop() {
	defer close(u.done)
	for {
		u.mu.Lock()
		for len(u.fns) == 0 && !u.closed {
			u.cond.Wait()
		}
		if len(u.fns) == 0 {
			u.mu.Unlock()
			return
		}
		f := u.fns[0]
		u.fns = u.fns[1:]
		u.mu.Unlock()
		f()
	}
}

// do queues f and returns at once, like fyne.Do.
func (u *testUI) do(f func()) {
	u.mu.Lock()
	u.fns = append(u.fns, f)
	u.cond.Signal()
	u.mu.Unlock()
}

// run runs f on the UI goroutine and waits for it; after close it does
// nothing. f must not call require: FailNow on the UI goroutine would stop
// the loop, not the test.
func (u *testUI) run(f func()) {
	u.mu.Lock()
	closed := u.closed
	u.mu.Unlock()
	if closed {
		return
	}
	done := make(chan struct{})
	u.do(func() {
		defer close(done)
		f()
	})
	<-done
}

func (u *testUI) close() {
	u.mu.Lock()
	if u.closed {
		u.mu.Unlock()
		return
	}
	u.closed = true
	u.cond.Signal()
	u.mu.Unlock()
	<-u.done
}
