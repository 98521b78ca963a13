package demos

// The wire tests (package demos_test) check verdicts with the rules
// themselves.
var (
	RPSBeats = rpsBeats
	RPSMove  = rpsMove
)
