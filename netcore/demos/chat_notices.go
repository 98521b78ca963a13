package demos

import (
	"strconv"
	"time"

	"golang.org/x/time/rate"
)

// Join and leave notices go to everyone, so announcing each of N arrivals
// costs N*N/2 lines: 2,000 joins in 0.05 s cost 37 CPU-seconds. A class
// arriving (a few dozen within seconds) is still announced one by one;
// past that, arrivals and departures are counted and told in one line a
// moment later ("* 1968 more joined"), so a burst costs a few lines per
// member.
const (
	chatNoticeBurst  = 32          // notices one by one before counting starts
	chatNoticeRate   = 2           // per second, refilling that allowance
	chatSummaryDelay = time.Second // how long counts gather before being told
)

// noticeGate decides which joins and leaves are announced one by one.
// Guarded by chatDemo.mu.
type noticeGate struct {
	each         *rate.Limiter
	joined, left int // not announced yet
	pending      bool
	round        int         // which scheduled summary is the live one
	timer        *time.Timer // the live summary's, stopped when the room empties
}

func newNoticeGate() *noticeGate {
	return &noticeGate{each: rate.NewLimiter(chatNoticeRate, chatNoticeBurst)}
}

// announce is called with d.mu held for one join or leave, counter being
// g.joined or g.left. It reports whether to announce it one by one;
// otherwise it is counted for the next summary.
func (g *noticeGate) announce(d *chatDemo, counter *int) bool {
	if len(d.members) == 0 {
		// Nobody left to tell: forget any counts and the summary.
		g.joined, g.left, g.pending = 0, 0, false
		g.round++
		if g.timer != nil {
			g.timer.Stop()
		}
		return false
	}
	// While a summary is gathering, everything goes into it, so its count
	// and the one-by-one notices never overlap.
	if !g.pending && g.each.Allow() {
		return true
	}
	*counter++
	if !g.pending {
		g.pending = true
		g.round++
		round := g.round
		g.timer = time.AfterFunc(chatSummaryDelay, func() { d.tellCounts(round) })
	}
	return false
}

// tellCounts sends the summary scheduled as round, unless the room
// emptied (and perhaps gathered a new one) since.
func (d *chatDemo) tellCounts(round int) {
	d.mu.Lock()
	g := d.gate
	if !g.pending || g.round != round {
		d.mu.Unlock()
		return
	}
	joined, left := g.joined, g.left
	g.joined, g.left, g.pending = 0, 0, false
	d.mu.Unlock()
	if joined > 0 {
		d.broadcast(ChatNotice + strconv.Itoa(joined) + ChatMoreJoined)
	}
	if left > 0 {
		d.broadcast(ChatNotice + strconv.Itoa(left) + ChatMoreLeft)
	}
}
