package check

import (
	"context"
	"strconv"

	"github.com/socketlab/socketlab/netcore/demos"
)

// Password rules: access denied for a wrong password, access granted for
// the right one (given with --password), and how many wrong tries the
// server allows (a remark).
func init() { register("password", passwordRules) }

// wrongPassword is unlikely to be anyone's password.
const wrongPassword = "not-the-password-7f3a"

// maxTries is how many wrong passwords the limit rule sends at most.
const maxTries = 10

func passwordRules(t *Target) []Rule {
	try := func(ctx context.Context, p *probe, pw string, want ...string) Outcome {
		got, err := p.ask(pw + "\n")
		if err != nil {
			return broken(pw+"\n", err)
		}
		for _, w := range want {
			if trimEnd(got) == w {
				return pass()
			}
		}
		return failed("wrong-reply", pw+"\n", got, "want", quote(want[0]))
	}
	fresh := func(ctx context.Context, f func(p *probe) Outcome) Outcome {
		p, err := dial(ctx, t)
		if err != nil {
			return broken("", err)
		}
		defer p.close()
		return f(p)
	}
	return []Rule{
		{ID: "password.denied", Must: true, Run: func(ctx context.Context) Outcome {
			return fresh(ctx, func(p *probe) Outcome {
				// A limit of one try answers the first wrong password with
				// too many attempts.
				return try(ctx, p, wrongPassword, demos.AccessDenied, demos.TooManyAttempts)
			})
		}},
		{ID: "password.granted", Must: true, Run: func(ctx context.Context) Outcome {
			if t.Opts.Password == "" {
				return remark("needs-password")
			}
			return fresh(ctx, func(p *probe) Outcome { return try(ctx, p, t.Opts.Password, demos.AccessGranted) })
		}},
		{ID: "password.limit", Run: func(ctx context.Context) Outcome {
			return fresh(ctx, func(p *probe) Outcome {
				for n := 1; n <= maxTries; n++ {
					got, err := p.ask(wrongPassword + "\n")
					if err != nil || trimEnd(got) == demos.TooManyAttempts {
						return remark("limit-after", "n", strconv.Itoa(n))
					}
				}
				return Outcome{Note: "no-limit", Args: argMap([]string{"n", strconv.Itoa(maxTries)})}
			})
		}},
	}
}
