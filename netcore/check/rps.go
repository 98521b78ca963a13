package check

import (
	"context"
	"fmt"

	"github.com/socketlab/socketlab/netcore/demos"
)

// Rps rules: a verdict with the score for every move (whole word or first
// letter), a score that adds up, and the reply to anything else.
func init() { register("rps", rpsRules) }

var rpsMoves = []string{demos.Rock, demos.Paper, demos.Scissors}

// rpsBeats: each move beats the one before it in rock, paper, scissors.
func rpsBeats(a, b int) bool { return a == (b+1)%3 }

// rpsReplies lists what a verdict for mine may be, for each move the other
// side may have chosen, with the scores after it (scoreFormat is rps's or
// duel's). you and them are the scores before the round.
func rpsReplies(mine, you, them int, scoreFormat string) map[string][2]int {
	out := map[string][2]int{}
	for theirs := range rpsMoves {
		y, th := you, them
		var v string
		switch {
		case mine == theirs:
			v = demos.Draw + rpsMoves[mine]
		case rpsBeats(mine, theirs):
			y++
			v = demos.YouWin + rpsMoves[mine] + demos.Beats + rpsMoves[theirs]
		default:
			th++
			v = demos.YouLose + rpsMoves[theirs] + demos.Beats + rpsMoves[mine]
		}
		out[v+fmt.Sprintf(scoreFormat, y, th)] = [2]int{y, th}
	}
	return out
}

func rpsRules(t *Target) []Rule {
	var p *probe
	var score [2]int
	// play sends a move (as typed) and checks the verdict and score.
	play := func(ctx context.Context, typed string, move int) Outcome {
		if p == nil {
			var err error
			if p, err = dial(ctx, t); err != nil {
				return broken("", err)
			}
		}
		got, err := p.ask(typed + "\n")
		if err != nil {
			return broken(typed+"\n", err)
		}
		next, ok := rpsReplies(move, score[0], score[1], demos.RPSScoreFormat)[trimEnd(got)]
		if !ok {
			return failed("wrong-reply", typed+"\n", got, "want",
				quote(demos.YouWin+rpsMoves[move]+demos.Beats+"…"+fmt.Sprintf(demos.RPSScoreFormat, score[0]+1, score[1])))
		}
		score = next
		return pass()
	}
	return []Rule{
		{ID: "rps.verdict", Must: true, Run: func(ctx context.Context) Outcome { return play(ctx, "rock", 0) }},
		{ID: "rps.letters", Must: true, Run: func(ctx context.Context) Outcome { return play(ctx, "p", 1) }},
		{ID: "rps.score", Must: true, Run: func(ctx context.Context) Outcome {
			for i := range 6 {
				if o := play(ctx, rpsMoves[i%3], i%3); !o.OK {
					o.Note = "score-wrong"
					return o
				}
			}
			return pass()
		}},
		{ID: "rps.invalid", Must: true, Run: func(ctx context.Context) Outcome {
			if p == nil {
				var err error
				if p, err = dial(ctx, t); err != nil {
					return broken("", err)
				}
			}
			got, err := p.ask("banana\n")
			if err != nil {
				return broken("banana\n", err)
			}
			if trimEnd(got) != demos.PleaseSendMove {
				return failed("wrong-reply", "banana\n", got, "want", quote(demos.PleaseSendMove))
			}
			return pass()
		}},
	}
}
