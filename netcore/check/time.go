package check

import (
	"context"
	"math"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/socketlab/socketlab/netcore/demos"
)

// Time rules: "[<ctime>] <message>", the stamp in Python's time.ctime()
// format and close to now once the server's time zone is allowed for.
func init() { register("time", timeRules) }

// clockSlack is how far a stamp may be from now, beyond a whole or half
// hour of time zone.
const clockSlack = 5 * time.Second

var stampRE = regexp.MustCompile(`^\[([^\]]*)\] (.*)$`)

func timeRules(t *Target) []Rule {
	var p *probe
	var stamp string // the stamp of the first reply, for the clock rule
	var sentAt time.Time
	ask := func(ctx context.Context, msg string) (string, error) {
		if p == nil {
			var err error
			if p, err = dial(ctx, t); err != nil {
				return "", err
			}
		}
		sentAt = time.Now()
		return p.ask(msg)
	}
	format := func(ctx context.Context, msg string) Outcome {
		got, err := ask(ctx, msg+"\n")
		if err != nil {
			return broken(msg+"\n", err)
		}
		m := stampRE.FindStringSubmatch(trimEnd(got))
		if m == nil || m[2] != msg {
			return failed("time-shape", msg+"\n", got, "example", "[Mon Nov 23 06:53:48 2026] "+msg)
		}
		if _, err := time.Parse(demos.CtimeLayout, m[1]); err != nil {
			return failed("not-ctime", msg+"\n", got, "stamp", quote(m[1]), "example", "Mon Nov  3 06:53:48 2026")
		}
		stamp = m[1]
		return pass()
	}
	return []Rule{
		{ID: "time.format", Must: true, Run: func(ctx context.Context) Outcome { return format(ctx, "hello") }},
		{ID: "time.clock", Must: true, Run: func(ctx context.Context) Outcome {
			if stamp == "" {
				return failed("needs-format", "", "")
			}
			at, _ := time.Parse(demos.CtimeLayout, stamp)
			// ctime has no zone: read it as UTC and compare with now in
			// UTC; the difference must be a whole or half hour of zone
			// offset (at most 14 h) plus a few seconds.
			now := sentAt.UTC().Truncate(time.Second)
			diff := at.Sub(now)
			zone := time.Duration(math.Round(diff.Hours()*2)) * 30 * time.Minute
			off := diff - zone
			if zone.Abs() > 14*time.Hour || off.Abs() > clockSlack {
				return failed("clock-off", "", "", "stamp", quote(stamp), "now", now.Format(demos.CtimeLayout)+" UTC")
			}
			return pass()
		}},
		{ID: "time.each-message", Must: true, Run: func(ctx context.Context) Outcome {
			return format(ctx, "second message "+strconv.Itoa(42)+" "+strings.Repeat("x", 3))
		}},
	}
}
