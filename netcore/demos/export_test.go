package demos

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
