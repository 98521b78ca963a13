package demos

import (
	"time"

	"github.com/socketlab/socketlab/netcore"
	"golang.org/x/time/rate"
)

// Replies to a sender who sends faster than the room can read.
const (
	ChatSlowDown  = "warning: you are sending too fast; slow down or you will be removed"
	ChatFloodKick = netcore.ErrorPrefix + "removed for flooding the chat"
)

// The per-sender limit. A benchmark posting every 20 ms (50 a second), a
// saved message repeated every 50 ms and a pasted paragraph all pass;
// anything faster is slowed to this rate, which a reader reading 100 KB/s
// keeps up with. The burst lets a paste or a jittery timer through.
const (
	chatMsgRate   = 60       // messages per second
	chatMsgBurst  = 60       // messages at once
	chatByteRate  = 32 << 10 // bytes per second
	chatByteBurst = 64 << 10 // bytes at once: one longest message (netcore.DefaultMaxMessage)
	// chatFloodKick is how long a sender may be kept slowed without a
	// pause before being removed: long enough that a paste never is.
	chatFloodKick = 5 * time.Second
)

// floodGuard paces one sender. Only its session's Handle uses it, which
// runs on one goroutine, so it has no lock.
type floodGuard struct {
	msgs, bytes *rate.Limiter
	slowSince   time.Time // the first message of the current run that had to wait; zero when calm (see calm)
}

func newFloodGuard() floodGuard {
	return floodGuard{
		msgs:  rate.NewLimiter(chatMsgRate, chatMsgBurst),
		bytes: rate.NewLimiter(chatByteRate, chatByteBurst),
	}
}

// wait takes the allowance for one message of n bytes at now and returns
// how long the sender must wait for it (0: at once).
func (g *floodGuard) wait(now time.Time, n int) time.Duration {
	m := g.msgs.ReserveN(now, 1).DelayFrom(now)
	b := g.bytes.ReserveN(now, max(1, min(n, chatByteBurst))).DelayFrom(now)
	return max(m, b)
}

// calm reports whether the sender has left half of each allowance
// unused: it has paused, and a run of slowed messages is over. A single
// message that needed no wait does not end a run, since a flooder gets one
// whenever the server is a little late to read.
func (g *floodGuard) calm(now time.Time) bool {
	return g.msgs.TokensAt(now) >= chatMsgBurst/2 && g.bytes.TokensAt(now) >= chatByteBurst/2
}

// pace slows, warns and at last removes a sender who floods: the message
// is held (by not reading the socket, so nothing queues in the server)
// until the sender is within the limit; the first message of a run that
// has to wait brings a warning; a run longer than chatFloodKick, without a
// pause that makes the sender calm, brings the kick. It reports whether the message may go on.
func (s *chatSession) pace(n int) bool {
	g := &s.flood
	now := time.Now()
	d := g.wait(now, n)
	if d <= 0 {
		if g.calm(now) {
			g.slowSince = time.Time{}
		}
		return true
	}
	switch {
	case g.slowSince.IsZero():
		g.slowSince = now
		s.p.Send(ChatSlowDown)
	case now.Sub(g.slowSince) >= chatFloodKick:
		s.p.Send(ChatFloodKick)
		s.p.Close()
		return false
	}
	return s.p.Pause(d)
}
