package app

import (
	"runtime"
	"testing"
	"time"
)

// BenchmarkLogFlood is the Server tab's log under 10,000 events per second
// for 10 s: each op is one 100 ms batch of 1,000 rows, appended from another
// goroutine, flushed into the list (as the pump does every pumpEvery) and
// drawn. It reports the time per batch (under 100 ms means the log keeps up),
// the time to draw a frame with a full log, and the peak live heap; the log
// must stay bounded at logKeep rows.
func BenchmarkLogFlood(b *testing.B) {
	l, w, _ := newTestLogView(b)
	const perBatch, batches = 1000, 100 // 10,000/s for 10 s
	var peak uint64
	var ms runtime.MemStats
	var drawTotal time.Duration
	var draws int
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for k := 0; k < batches; k++ {
			done := make(chan struct{})
			go func() {
				for r := 0; r < perBatch; r++ {
					l.Append(rowN(k*perBatch + r))
				}
				close(done)
			}()
			<-done
			l.Flush()
			if k%10 == 9 { // a frame every second of events
				start := time.Now()
				w.Canvas().Capture()
				drawTotal += time.Since(start)
				draws++
				// Live memory, not garbage the GC has yet to sweep.
				runtime.GC()
				runtime.ReadMemStats(&ms)
				peak = max(peak, ms.HeapAlloc)
			}
		}
	}
	b.StopTimer()
	if n := len(l.Rows()); n != logKeep {
		b.Fatalf("log holds %d rows, want exactly %d", n, logKeep)
	}
	perBatchTime := b.Elapsed() / time.Duration(b.N*batches)
	b.ReportMetric(float64(perBatchTime.Microseconds())/1000, "ms/batch")
	b.ReportMetric(float64(drawTotal.Microseconds())/1000/float64(draws), "ms/frame")
	b.ReportMetric(float64(peak)/(1<<20), "peak-live-heap-MB")
	b.ReportMetric(float64(l.list.Length()), "rows-shown")
}
