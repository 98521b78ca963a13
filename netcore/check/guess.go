package check

import (
	"context"
	"math/bits"
	"strconv"

	"github.com/socketlab/socketlab/netcore/demos"
)

// Guess rules: the exact texts, a binary search that finds the secret
// within ⌊log2 N⌋ + 1 guesses, a new round after a win, and a non-number
// that does not kill the server. The non-number rule runs last, so a
// server that dies of it is judged on everything else first.
func init() { register("guess", guessRules) }

// GuessBound is ⌊log2 N⌋ + 1: the most guesses a binary search needs over
// n possible secrets.
func GuessBound(n int) int {
	if n < 1 {
		return 1
	}
	return bits.Len(uint(n))
}

func guessRules(t *Target) []Rule {
	var p *probe
	lo, hi := t.Opts.Min, t.Opts.Max
	bound := GuessBound(hi - lo + 1)
	// play runs one binary search on p; texts reports a reply that is not
	// one of the three.
	play := func() (found Outcome, texts Outcome) {
		l, h := lo, hi
		for tries := 1; l <= h && tries <= bound+2; tries++ {
			g := l + (h-l)/2
			msg := strconv.Itoa(g) + "\n"
			got, err := p.ask(msg)
			if err != nil {
				o := broken(msg, err)
				return o, o
			}
			switch trimEnd(got) {
			case demos.FoundSecret:
				if tries > bound {
					return failed("too-many-guesses", "", "", "tries", strconv.Itoa(tries), "bound", strconv.Itoa(bound)), pass()
				}
				return pass(), pass()
			case demos.TooLow:
				l = g + 1
			case demos.TooHigh:
				h = g - 1
			default:
				o := failed("guess-text", msg, got, "want", quote(demos.TooLow)+", "+quote(demos.TooHigh)+", "+quote(demos.FoundSecret))
				return o, o
			}
		}
		return failed("not-found", "", "", "bound", strconv.Itoa(bound)), pass()
	}
	// hearBothHints makes sure the texts rule has heard "too low" and "too
	// high" and not only a lucky first "found the secret": on a connection
	// of its own (the game's count of guesses stays the game's), it guesses
	// the largest and the smallest number in turn; only a secret equal to
	// both, or found again and again, answers anything else.
	hearBothHints := func(ctx context.Context) Outcome {
		if lo == hi {
			return pass()
		}
		q, err := dial(ctx, t)
		if err != nil {
			return broken("", err)
		}
		defer q.close()
		heard := map[string]bool{}
		for i := 0; i < 8 && !(heard[demos.TooLow] && heard[demos.TooHigh]); i++ {
			g := hi
			if i%2 == 1 {
				g = lo
			}
			msg := strconv.Itoa(g) + "\n"
			got, err := q.ask(msg)
			if err != nil {
				return broken(msg, err)
			}
			if !isGuessReply(trimEnd(got)) {
				return failed("guess-text", msg, got, "want", quote(demos.TooLow)+", "+quote(demos.TooHigh)+", "+quote(demos.FoundSecret))
			}
			heard[trimEnd(got)] = true
		}
		return pass()
	}
	var first Outcome // the first game's: found within the bound or not
	return []Rule{
		{ID: "guess.texts", Must: true, Run: func(ctx context.Context) Outcome {
			var err error
			if p, err = dial(ctx, t); err != nil {
				first = broken("", err)
				return first
			}
			var texts Outcome
			if first, texts = play(); !texts.OK {
				return texts
			}
			return hearBothHints(ctx)
		}},
		{ID: "guess.found", Must: true, Run: func(context.Context) Outcome { return first }},
		{ID: "guess.new-round", Must: true, Run: func(context.Context) Outcome {
			if !first.OK {
				return failed("needs-found", "", "")
			}
			again, _ := play()
			return again
		}},
		{ID: "guess.non-number", Must: true, Run: func(ctx context.Context) Outcome {
			q, err := dial(ctx, t)
			if err != nil {
				return broken("", err)
			}
			got, err := q.ask("banana\n")
			q.close()
			reply := "(no reply)"
			if err == nil {
				reply = quote(got)
			}
			after, err := dial(ctx, t)
			if err != nil {
				return failed("died-on-non-number", "banana\n", got, "error", err.Error())
			}
			mid := strconv.Itoa(lo+(hi-lo)/2) + "\n"
			ans, err := after.ask(mid)
			if err != nil || !isGuessReply(trimEnd(ans)) {
				return failed("died-on-non-number", "banana\n", got, "after", quote(ans))
			}
			return remark("non-number-reply", "reply", reply)
		}},
	}
}

func isGuessReply(s string) bool {
	return s == demos.TooLow || s == demos.TooHigh || s == demos.FoundSecret
}
