package check

import (
	"context"

	"github.com/socketlab/socketlab/netcore/demos"
	"github.com/socketlab/socketlab/netcore/kalah"
)

// Mancala rules (docs/protocols.md, mancala): pairing with who moves first,
// the board line for programs, a move into the store that moves again, a
// move out of turn, a bad pit, an opponent leaving.
func init() { register("mancala", mancalaRules) }

// Boards the rules expect, from each side: the opening, and after the first
// player sows pit 3 (its last stone lands in the store).
const (
	boardStart    = kalah.BoardLine + " 4 4 4 4 4 4 0 4 4 4 4 4 4 0"
	boardAfter3   = kalah.BoardLine + " 4 4 0 5 5 5 1 4 4 4 4 4 4 0"
	boardAfter3Op = kalah.BoardLine + " 4 4 4 4 4 4 0 4 4 0 5 5 5 1"
)

func mancalaRules(t *Target) []Rule {
	var pr pair
	matched := false
	return []Rule{
		{ID: "mancala.waiting", Must: true, Run: func(ctx context.Context) Outcome { return pr.waiting(ctx, t) }},
		{ID: "mancala.matched", Must: true, Run: func(ctx context.Context) Outcome {
			if o := pr.match(ctx, t, demos.MancalaYouFirst, demos.MancalaTheyFirst); !o.OK {
				return o
			}
			for _, step := range []struct {
				p    *probe
				want string
			}{{pr.a, boardStart}, {pr.a, demos.MancalaYourTurn}, {pr.b, boardStart}, {pr.b, demos.MancalaTheirTurn}} {
				if o := expect(step.p, "", step.want); !o.OK {
					return o
				}
			}
			matched = true
			return pass()
		}},
		{ID: "mancala.not-yours", Must: true, Run: func(context.Context) Outcome {
			if !matched {
				return failed("needs-match", "", "")
			}
			if err := pr.b.send("1\n"); err != nil {
				return broken("1\n", err)
			}
			return expect(pr.b, "1\n", demos.MancalaNotYours)
		}},
		{ID: "mancala.bad-pit", Must: true, Run: func(context.Context) Outcome {
			if !matched {
				return failed("needs-match", "", "")
			}
			if err := pr.a.send("9\n"); err != nil {
				return broken("9\n", err)
			}
			return expect(pr.a, "9\n", kalah.ErrBadPit.Error())
		}},
		{ID: "mancala.move", Must: true, Run: func(context.Context) Outcome {
			if !matched {
				return failed("needs-match", "", "")
			}
			if err := pr.a.send("3\n"); err != nil {
				return broken("3\n", err)
			}
			for _, want := range []string{demos.MancalaAgain, boardAfter3, demos.MancalaYourTurn} {
				if o := expect(pr.a, "3\n", want); !o.OK {
					return o
				}
			}
			return expect(pr.b, "3\n", boardAfter3Op)
		}},
		{ID: "mancala.opponent", Must: true, Run: func(context.Context) Outcome { return pr.opponentLeft() }},
	}
}
