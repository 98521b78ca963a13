package app

import (
	"fmt"
	"runtime"
	"testing"
	"time"

	"github.com/socketlab/socketlab/netcore/demos"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Rounds of a lesson on the Server tab (start, two clients, messages,
// stop) leave nothing behind: the goroutines go back to what they were
// and the live heap stays within a bound. It is measured from round 15, by
// when the log's ring (5,000 rows, about 410 a round here) is full; what
// still grows after it is Fyne's caches of renderers and text segments,
// about 0.1 MB a round, which Fyne empties of what has not been drawn for
// a minute (a test this short never gets there). A leak of a third of a
// MB a round fails. (The harness also checks with goleak that nothing is
// left once the tab is gone.)
func TestServerTabRoundsKeepGoroutinesAndHeap(t *testing.T) {
	const rounds, warmUp, msgs = 40, 15, 100
	const heapBoundMB = 8.0 // over the 25 rounds measured
	h := newServerHarness(t)
	h.selectDemo("echo")
	var baseGoroutines int
	var baseHeap float64
	for r := 1; r <= rounds; r++ {
		port := h.start()
		for c := 0; c < 2; c++ {
			tc := dialTest(t, port)
			require.Equal(t, demos.DefaultWelcome, tc.readLine())
			for i := 0; i < msgs; i++ {
				line := fmt.Sprintf("round %d client %d message %d", r, c, i)
				tc.send(line)
				require.Equal(t, line, tc.readLine())
			}
			tc.c.Close()
		}
		h.stop()
		h.win.Canvas().Capture() // draw the log, as the window does
		if r == warmUp {
			baseGoroutines = settledGoroutines(0)
			baseHeap = liveHeapMB()
		}
	}
	goroutines := settledGoroutines(baseGoroutines)
	heap := liveHeapMB()
	t.Logf("after round %d: %d goroutines, %.1f MB live heap; after %d: %d goroutines, %.1f MB (%+.1f MB)",
		warmUp, baseGoroutines, baseHeap, rounds, goroutines, heap, heap-baseHeap)
	assert.LessOrEqual(t, goroutines, baseGoroutines, "every round's goroutines end with it")
	assert.Less(t, heap-baseHeap, heapBoundMB, "the live heap keeps its size round after round")
}

// settledGoroutines is the number of goroutines once those of a stopped
// server have ended: it waits up to 5 s for the count to reach want (0:
// for it to stop falling).
func settledGoroutines(want int) int {
	n := runtime.NumGoroutine()
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); {
		time.Sleep(50 * time.Millisecond)
		m := runtime.NumGoroutine()
		if (want > 0 && m <= want) || (want == 0 && m == n) {
			return m
		}
		n = m
	}
	return n
}
