package app

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/socketlab/socketlab/app/i18n"

	"fyne.io/fyne/v2/widget"
)

// Repeating a saved message N times every T ms, {n} counting 1, 2, 3…: a
// first taste of load. The repeat runs on a goroutine of its own that
// queues each message for the session's sender, so the UI goroutine never
// waits; it ends when it is done, when Stop is pressed, or when the
// connection ends, whichever comes first.

const (
	maxRepeatTimes = 10000
	maxRepeatEvery = 60000 // ms
)

// errStopPressed is why a repeat ended when the student pressed Stop (the
// status words it in the user's language: client.repeat.stopped).
var errStopPressed = errors.New("you pressed Stop")

type repeatRun struct {
	name  string
	total int
	sent  atomic.Int64
	// stop ends the repeat with a cause: errStopPressed, or the
	// session's end (context.Canceled).
	ctx  context.Context
	stop context.CancelCauseFunc
	done chan struct{} // closed when the goroutine has returned
	err  error         // a message that could not be made; read after done
}

// repeatSettings reads the Repeat and every boxes, bounded so a typo
// cannot flood the network for an hour.
func (v *savedView) repeatSettings() (times int, every time.Duration, err error) {
	times, err = strconv.Atoi(strings.TrimSpace(v.times.Text))
	if err != nil || times < 1 || times > maxRepeatTimes {
		return 0, 0, errors.New(i18n.T("client.repeat.error.times", map[string]int{"Max": maxRepeatTimes}))
	}
	if times == 1 {
		return 1, 0, nil // "every" does not matter
	}
	ms, err := strconv.Atoi(strings.TrimSpace(v.every.Text))
	if err != nil || ms < 1 || ms > maxRepeatEvery {
		return 0, 0, errors.New(i18n.T("client.repeat.error.every", map[string]int{"Max": maxRepeatEvery}))
	}
	return times, time.Duration(ms) * time.Millisecond, nil
}

// startRepeat sends m times times, every apart. UI goroutine only.
func (v *savedView) startRepeat(m savedMessage, times int, every time.Duration) {
	if v.repeat != nil {
		v.say(i18n.T("client.repeat.busy", map[string]string{"Name": strconv.Quote(v.repeat.name)}), true)
		return
	}
	s := v.t.sess
	if s == nil {
		return
	}
	if _, err := m.wire(1); err != nil {
		v.say(savedNotSent(m, err), true)
		return
	}
	ctx, stop := context.WithCancelCause(s.ctx)
	r := &repeatRun{name: m.Name, total: times, ctx: ctx, stop: stop, done: make(chan struct{})}
	v.repeat = r
	v.stop.Enable()
	v.showProgress(r)
	v.t.wg.Add(1)
	go v.runRepeat(r, s.out, m, every)
}

func (v *savedView) runRepeat(r *repeatRun, out chan<- outgoing, m savedMessage, every time.Duration) {
	defer v.t.wg.Done()
	defer func() {
		r.stop(nil) // releases the context; a cause set earlier stays
		close(r.done)
		v.slot.markDirty()
	}()
	tick := time.NewTicker(every)
	defer tick.Stop()
	for i := 1; i <= r.total; i++ {
		if i > 1 {
			select {
			case <-tick.C:
			case <-r.ctx.Done():
				return
			}
		}
		b, err := m.wire(i)
		if err != nil {
			r.err = err
			return
		}
		// Waits while the sender is behind rather than dropping: the
		// count shown is what was handed to the connection.
		select {
		case out <- outgoing{wire: string(b)}:
		case <-r.ctx.Done():
			return
		}
		r.sent.Store(int64(i))
		v.slot.markDirty()
	}
}

func (v *savedView) onStopTapped() {
	if v.repeat != nil {
		v.repeat.stop(errStopPressed)
	}
}

// flushRepeat shows the running repeat's count, and how it ended once it
// has. UI goroutine only.
func (v *savedView) flushRepeat() {
	if r := v.repeat; r != nil {
		v.showProgress(r)
	}
}

func (v *savedView) showProgress(r *repeatRun) {
	count := map[string]any{"Name": strconv.Quote(r.name), "Sent": r.sent.Load(), "Total": r.total}
	select {
	case <-r.done:
	default:
		setLabel(v.status, i18n.T("client.repeat.progress", count), widget.MediumImportance)
		return
	}
	v.repeat = nil
	v.stop.Disable()
	cause := context.Cause(r.ctx)
	switch {
	case r.err != nil:
		count["Error"] = r.err.Error()
		setLabel(v.status, i18n.T("client.repeat.failed", count), widget.DangerImportance)
	case int(r.sent.Load()) == r.total:
		setLabel(v.status, i18n.T("client.repeat.done", count), widget.MediumImportance)
	case errors.Is(cause, errStopPressed):
		setLabel(v.status, i18n.T("client.repeat.stopped", count), widget.MediumImportance)
	default:
		setLabel(v.status, i18n.T("client.repeat.ended", count), widget.DangerImportance)
	}
}
