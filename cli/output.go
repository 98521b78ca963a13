package cli

import (
	"bufio"
	"context"
	"io"
	"time"
)

// asyncWriter writes on a goroutine of its own, so that an output nobody
// reads (a paused terminal, a stopped pager, a full pipe) can block only
// that goroutine, never the command's reaction to Ctrl+C. Writes keep
// their order; the queue is bounded, so a writer that is behind slows its
// caller (whose own queues drop or wait) and a stuck one holds little.
type asyncWriter struct {
	queue chan []byte
	free  chan []byte   // written buffers, for buffer to hand out again
	done  chan struct{} // closed once everything queued is written
}

const (
	// outQueue is how many writes may wait for the output.
	outQueue = 256
	// outBuffer gathers what is queued into one write(2): a write per log
	// line was half of `socketlab serve`'s time under load.
	outBuffer = 64 << 10
)

func newAsyncWriter(w io.Writer) *asyncWriter {
	a := &asyncWriter{queue: make(chan []byte, outQueue), free: make(chan []byte, 4), done: make(chan struct{})}
	go func() {
		defer close(a.done)
		bw := bufio.NewWriterSize(w, outBuffer)
		for b := range a.queue {
			bw.Write(b)
			select {
			case a.free <- b[:0]:
			default:
			}
			// Nothing more waiting: out it goes, so that a quiet log is
			// never held back.
			if len(a.queue) == 0 {
				bw.Flush()
			}
		}
		bw.Flush()
	}()
	return a
}

// buffer is an empty buffer of at least size bytes for the caller to fill
// and write: one already written when there is one, so that a log at full
// speed (megabytes a second) does not make the garbage collector run after
// it.
func (a *asyncWriter) buffer(size int) []byte {
	select {
	case b := <-a.free:
		if cap(b) >= size {
			return b
		}
	default:
	}
	return make([]byte, 0, size)
}

// write queues b, waiting while the queue is full. Once ctx has ended it
// never waits: it reports false and b is not written.
func (a *asyncWriter) write(ctx context.Context, b []byte) bool {
	if ctx.Err() == nil {
		select {
		case a.queue <- b:
			return true
		case <-ctx.Done():
		}
	}
	select {
	case a.queue <- b:
		return true
	default:
		return false
	}
}

func (a *asyncWriter) line(ctx context.Context, s string) bool {
	return a.write(ctx, []byte(s+"\n"))
}

// finish ends the queue and waits until everything queued is written, or
// until ctx ends and then at most grace longer: after Ctrl+C the command
// leaves even if the output never takes another byte (the process's exit
// ends the stuck goroutine).
func (a *asyncWriter) finish(ctx context.Context, grace time.Duration) {
	close(a.queue)
	select {
	case <-a.done:
		return
	case <-ctx.Done():
	}
	t := time.NewTimer(grace)
	defer t.Stop()
	select {
	case <-a.done:
	case <-t.C:
	}
}
