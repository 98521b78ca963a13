package app

import (
	"sync"

	"fyne.io/fyne/v2"
)

// postToUI runs a function on the UI goroutine later, without waiting. Views
// take such a "post" function when they are made; the app passes this one.
// Never fyne.DoAndWait: the UI goroutine itself waits for network goroutines
// in shutdown, and they would wait for it.
var postToUI = fyne.Do

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
