package demos

import (
	"time"

	"github.com/socketlab/socketlab/netcore"
)

// The wire tests (package demos_test) check verdicts with the rules
// themselves.
var (
	RPSBeats = rpsBeats
	RPSMove  = rpsMove
)

// The chat tests check their bounds against the limits themselves.
const (
	ChatNoticeBurst    = chatNoticeBurst
	ChatMsgBurst       = chatMsgBurst
	ChatByteRate       = chatByteRate
	ChatByteBurst      = chatByteBurst
	ChatFloodKickAfter = chatFloodKick
)

// SetPasswordClock makes the password demo d read the time from now, so
// lockout tests step a clock instead of sleeping.
func SetPasswordClock(d netcore.Demo, now func() time.Time) {
	d.(*passwordDemo).locks.now = now
}

// SetCalcClock makes the calc demo d read the time from now, so budget
// tests step a clock instead of sleeping.
func SetCalcClock(d netcore.Demo, now func() time.Time) {
	d.(*calcDemo).now = now
}
