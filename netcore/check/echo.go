package check

import (
	"context"
	"strings"
	"time"
)

// Echo rules. The text rules share one connection (the first client), so
// the one-client lesson server is judged on its echo before the rules
// about other clients.
func init() { register("echo", echoRules) }

// welcomeWait is how long a welcome may take to arrive after connecting.
const welcomeWait = 700 * time.Millisecond

func echoRules(t *Target) []Rule {
	var first *probe
	connect := func(ctx context.Context) (*probe, string, error) {
		p, err := dial(ctx, t)
		if err != nil {
			return nil, "", err
		}
		if t.Opts.UDP {
			return p, "", nil // no welcome over UDP
		}
		w, _ := p.reply(welcomeWait)
		return p, w, nil
	}
	// same sends text and expects it back; the ending may differ (a remark).
	same := func(ctx context.Context, text, term string) Outcome {
		if first == nil {
			p, _, err := connect(ctx)
			if err != nil {
				return broken("", err)
			}
			first = p
		}
		got, err := first.ask(text + term)
		if err != nil {
			return broken(text+term, err)
		}
		if term == "" && !t.Opts.UDP {
			got = collectRest(first, got)
		}
		if trimEnd(got) != text {
			return failed("changed", text+term, got)
		}
		if back := got[len(trimEnd(got)):]; back != term {
			return Outcome{OK: true, Remark: true, Note: "ending-differs", Sent: text + term, Got: got,
				Args: argMap([]string{"sent", quote(term), "got", quote(back)})}
		}
		return pass()
	}
	rules := []Rule{
		{ID: "echo.welcome", Run: func(ctx context.Context) Outcome {
			if t.Opts.UDP {
				return remark("udp-no-welcome")
			}
			p, w, err := connect(ctx)
			if err != nil {
				return broken("", err)
			}
			first = p
			if w == "" {
				return Outcome{Note: "no-welcome"}
			}
			return remark("welcome-is", "welcome", quote(w))
		}},
		{ID: "echo.newline", Must: true, Run: func(ctx context.Context) Outcome { return same(ctx, "hello socket lab", "\n") }},
		{ID: "echo.crlf", Must: true, Run: func(ctx context.Context) Outcome { return same(ctx, "hello from telnet", "\r\n") }},
		{ID: "echo.bare", Must: true, Run: func(ctx context.Context) Outcome { return same(ctx, "no terminator", "") }},
		{ID: "echo.unicode", Must: true, Run: func(ctx context.Context) Outcome {
			return same(ctx, "Zoë says 日本語 ✓ ok", "\n")
		}},
	}
	if t.Opts.UDP {
		return rules
	}
	return append(rules,
		Rule{ID: "echo.second-client", Must: true, SingleRemark: true, Run: func(ctx context.Context) Outcome {
			if first == nil {
				p, _, err := connect(ctx)
				if err != nil {
					return broken("", err)
				}
				first = p
			}
			p, _, err := connect(ctx)
			if err != nil {
				return broken("", err)
			}
			defer p.close()
			got, err := p.ask("second client\n")
			if err != nil {
				return broken("second client\n", err)
			}
			if trimEnd(collectRest(p, got)) != "second client" {
				return failed("changed", "second client\n", got)
			}
			return pass()
		}},
		Rule{ID: "echo.after-vanish", Must: true, SingleRemark: true, Run: func(ctx context.Context) Outcome {
			if first != nil {
				first.send("half a mess")
				first.vanish()
				first = nil
			}
			time.Sleep(100 * time.Millisecond) // let the server notice
			p, _, err := connect(ctx)
			if err != nil {
				return broken("", err)
			}
			defer p.close()
			got, err := p.ask("still there?\n")
			if err != nil {
				return broken("still there?\n", err)
			}
			if trimEnd(collectRest(p, got)) != "still there?" {
				return failed("changed", "still there?\n", got)
			}
			return pass()
		}},
	)
}

// collectRest appends what follows a reply that may have come in pieces
// (a server that writes in parts, or answers bare text late).
func collectRest(p *probe, got string) string {
	if strings.HasSuffix(got, "\n") {
		return got
	}
	for {
		more, err := p.reply(quietEnd)
		if err != nil {
			return got
		}
		got += more
		if strings.HasSuffix(got, "\n") {
			return got
		}
	}
}
