package check

import (
	"context"
	"strings"

	"github.com/socketlab/socketlab/netcore/demos"
)

// The two-player demos (duel, mancala) share how a pair is made; these
// helpers let their rules say what each player must hear next.

// expect waits for a line equal to want on p.
func expect(p *probe, sent, want string) Outcome {
	return expectFn(p, sent, quote(want), func(l string) bool { return l == want })
}

// expectFn waits for a line that satisfies ok; what is a description of
// it for the report.
func expectFn(p *probe, sent, what string, ok func(string) bool) Outcome {
	_, before, err := p.waitFor(replyWait, ok)
	if err != nil {
		got := strings.Join(before, "")
		if got == "" {
			return failed("no-reply", sent, "")
		}
		return failed("wrong-reply", sent, got, "want", what)
	}
	return pass()
}

// pair is the checker's two players.
type pair struct {
	a, b *probe
}

// waiting connects the first player, who must hear that it waits.
func (pr *pair) waiting(ctx context.Context, t *Target) Outcome {
	var err error
	if pr.a, err = dial(ctx, t); err != nil {
		return broken("", err)
	}
	return expect(pr.a, "", demos.WaitingForOpponent)
}

// match connects the second player; each must hear "matched with <addr>"
// and then the demo's words for it (suffixA for the first, suffixB for
// the second).
func (pr *pair) match(ctx context.Context, t *Target, suffixA, suffixB string) Outcome {
	if pr.a == nil {
		return failed("needs-match", "", "")
	}
	var err error
	if pr.b, err = dial(ctx, t); err != nil {
		return broken("", err)
	}
	matched := func(suffix string) func(string) bool {
		return func(l string) bool { return strings.HasPrefix(l, demos.Matched) && strings.HasSuffix(l, suffix) }
	}
	if o := expectFn(pr.a, "", quote(demos.Matched+"<address>"+suffixA), matched(suffixA)); !o.OK {
		return o
	}
	return expectFn(pr.b, "", quote(demos.Matched+"<address>"+suffixB), matched(suffixB))
}

// opponentLeft has the second player vanish; the first must be told.
func (pr *pair) opponentLeft() Outcome {
	if pr.b == nil {
		return failed("needs-match", "", "")
	}
	pr.b.vanish()
	if o := expect(pr.a, "", demos.OpponentLeft); !o.OK {
		return o
	}
	return expect(pr.a, "", demos.WaitingForOpponent)
}
