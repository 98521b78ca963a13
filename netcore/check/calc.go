package check

import (
	"context"
	"math"
	"strconv"
	"strings"
)

// Calc rules: Python's arithmetic, division by zero answered, and never
// running code that is sent (the classic eval() server).
func init() { register("calc", calcRules) }

type calcCase struct{ expr, want string }

func calcRules(t *Target) []Rule {
	var p *probe
	ask := func(ctx context.Context, msg string) (string, error) {
		if p == nil {
			var err error
			if p, err = dial(ctx, t); err != nil {
				return "", err
			}
		}
		got, err := p.ask(msg)
		if err != nil {
			p.close()
			p = nil // the next rule starts on a new connection
		}
		return got, err
	}
	cases := func(cs ...calcCase) func(ctx context.Context) Outcome {
		return func(ctx context.Context) Outcome {
			for _, c := range cs {
				got, err := ask(ctx, c.expr+"\n")
				if err != nil {
					return broken(c.expr+"\n", err)
				}
				if !sameNumber(trimEnd(got), c.want) {
					return failed("calc-wrong", c.expr+"\n", got, "want", c.want)
				}
			}
			return pass()
		}
	}
	return []Rule{
		{ID: "calc.operators", Must: true, Run: cases(
			calcCase{"2+3", "5"}, calcCase{"10-4", "6"}, calcCase{"6*7", "42"}, calcCase{"7//2", "3"},
			calcCase{"7%3", "1"}, calcCase{"2**10", "1024"}, calcCase{"2+3*4", "14"})},
		{ID: "calc.true-division", Must: true, Run: cases(calcCase{"7/2", "3.5"}, calcCase{"1/4", "0.25"})},
		{ID: "calc.parentheses", Must: true, Run: cases(calcCase{"(2+3)*4", "20"}, calcCase{"2*(3+(4-1))", "12"})},
		{ID: "calc.unary-minus", Must: true, Run: cases(calcCase{"-3+5", "2"}, calcCase{"-(2+3)", "-5"}, calcCase{"4*-2", "-8"})},
		{ID: "calc.div-zero", Must: true, Run: func(ctx context.Context) Outcome {
			got, err := ask(ctx, "1/0\n")
			if err != nil {
				return failed("div-zero-dropped", "1/0\n", "", "error", errText(err))
			}
			// Still serving on the same connection?
			again, err := ask(ctx, "1+1\n")
			if err != nil || !sameNumber(trimEnd(again), "2") {
				return failed("div-zero-dropped", "1/0\n", got, "error", errText(err))
			}
			return remark("div-zero-reply", "reply", quote(got))
		}},
		{ID: "calc.no-eval", Must: true, Run: func(ctx context.Context) Outcome {
			for _, code := range []string{"__import__('os').getpid()", "len('four')"} {
				got, err := ask(ctx, code+"\n")
				if err != nil {
					continue // dropping it is rude, but runs nothing
				}
				if _, err := strconv.ParseFloat(strings.TrimSpace(trimEnd(got)), 64); err == nil {
					return failed("runs-code", code+"\n", got)
				}
			}
			return pass()
		}},
	}
}

// sameNumber compares a reply with the expected number: "3.5" and "3.50"
// agree, "3" and "3.0" do not need to (Python prints 6/2 as 3.0, a
// student's server may print 3).
func sameNumber(got, want string) bool {
	g, err1 := strconv.ParseFloat(strings.TrimSpace(got), 64)
	w, err2 := strconv.ParseFloat(want, 64)
	return err1 == nil && err2 == nil && math.Abs(g-w) < 1e-9
}

func errText(err error) string {
	if err == nil {
		return "wrong answer"
	}
	return err.Error()
}
