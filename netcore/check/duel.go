package check

import (
	"context"
	"fmt"

	"github.com/socketlab/socketlab/netcore/demos"
)

// Duel rules (docs/protocols.md, duel): pairing, one round refereed from
// both sides, the reply to a non-move, and an opponent leaving.
func init() { register("duel", duelRules) }

func duelRules(t *Target) []Rule {
	var pr pair
	return []Rule{
		{ID: "duel.waiting", Must: true, Run: func(ctx context.Context) Outcome { return pr.waiting(ctx, t) }},
		{ID: "duel.early", Must: true, Run: func(context.Context) Outcome {
			if pr.a == nil {
				return failed("needs-match", "", "")
			}
			if err := pr.a.send("rock\n"); err != nil {
				return broken("rock\n", err)
			}
			return expect(pr.a, "rock\n", demos.StillWaiting)
		}},
		{ID: "duel.matched", Must: true, Run: func(ctx context.Context) Outcome {
			return pr.match(ctx, t, demos.DuelMatchedPrompt, demos.DuelMatchedPrompt)
		}},
		{ID: "duel.round", Must: true, Run: func(context.Context) Outcome {
			if pr.b == nil {
				return failed("needs-match", "", "")
			}
			if err := pr.a.send("rock\n"); err != nil {
				return broken("rock\n", err)
			}
			if o := expect(pr.a, "rock\n", demos.DuelChose+demos.Rock+demos.DuelWaiting); !o.OK {
				return o
			}
			if err := pr.b.send("scissors\n"); err != nil {
				return broken("scissors\n", err)
			}
			verdict := demos.Rock + demos.Beats + demos.Scissors
			if o := expect(pr.a, "scissors\n", demos.YouWin+verdict+fmt.Sprintf(demos.DuelScoreFormat, 1, 0)); !o.OK {
				return o
			}
			return expect(pr.b, "scissors\n", demos.YouLose+verdict+fmt.Sprintf(demos.DuelScoreFormat, 0, 1))
		}},
		{ID: "duel.invalid", Must: true, Run: func(context.Context) Outcome {
			if pr.b == nil {
				return failed("needs-match", "", "")
			}
			if err := pr.a.send("banana\n"); err != nil {
				return broken("banana\n", err)
			}
			return expect(pr.a, "banana\n", demos.PleaseSendMove)
		}},
		{ID: "duel.opponent", Must: true, Run: func(context.Context) Outcome { return pr.opponentLeft() }},
	}
}
