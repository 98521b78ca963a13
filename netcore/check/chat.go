package check

import (
	"context"
	"strings"
	"time"
)

// Chat rules: two and three clients see each other's lines, a client that
// vanishes does not stop delivery to the rest, and whether join and leave
// notices are sent (a remark).
func init() { register("chat", chatRules) }

const chatSettle = 300 * time.Millisecond // for notices to arrive before a step

func chatRules(t *Target) []Rule {
	var members []*probe
	var joinSeen, leaveSeen []string
	join := func(ctx context.Context) error {
		p, err := dial(ctx, t)
		if err != nil {
			return err
		}
		members = append(members, p)
		return nil
	}
	settle := func() [][]string {
		out := make([][]string, len(members))
		for i, m := range members {
			out[i] = m.drain(chatSettle / time.Duration(len(members)))
		}
		return out
	}
	// say has member from send text; every other member must see it.
	say := func(from int, text string) Outcome {
		msg := text + "\n"
		if err := members[from].send(msg); err != nil {
			return broken(msg, err)
		}
		for i, m := range members {
			if i == from {
				continue
			}
			if _, _, err := m.waitFor(replyWait, func(l string) bool { return strings.Contains(l, text) }); err != nil {
				return failed("chat-not-delivered", msg, "", "member", string(rune('A'+i)))
			}
		}
		return pass()
	}
	return []Rule{
		{ID: "chat.two-clients", Must: true, Run: func(ctx context.Context) Outcome {
			for range 2 {
				if err := join(ctx); err != nil {
					return broken("", err)
				}
			}
			settle()
			if o := say(0, "hello from A"); !o.OK {
				return o
			}
			return say(1, "hello from B")
		}},
		{ID: "chat.three-clients", Must: true, Run: func(ctx context.Context) Outcome {
			if len(members) != 2 {
				return failed("needs-two", "", "")
			}
			settle()
			if err := join(ctx); err != nil {
				return broken("", err)
			}
			seen := settle()
			joinSeen = seen[0]
			if o := say(2, "hello from C"); !o.OK {
				return o
			}
			return say(0, "hello again from A")
		}},
		{ID: "chat.vanished-client", Must: true, Run: func(ctx context.Context) Outcome {
			if len(members) != 3 {
				return failed("needs-three", "", "")
			}
			// D joins last, so it is last in a naive server's list: a
			// broadcast that breaks on it has already reached the others
			// once, and the second message shows the break.
			if err := join(ctx); err != nil {
				return broken("", err)
			}
			settle()
			members[3].vanish()
			members = members[:3]
			time.Sleep(200 * time.Millisecond) // the server has the reset
			seen := settle()
			leaveSeen = seen[1]
			if o := say(0, "first after D left"); !o.OK {
				return o
			}
			return say(0, "second after D left")
		}},
		{ID: "chat.notices", Run: func(context.Context) Outcome {
			if len(joinSeen) == 0 && len(leaveSeen) == 0 {
				return Outcome{Note: "no-notices"}
			}
			return remark("notices-seen", "join", quoteAll(joinSeen), "leave", quoteAll(leaveSeen))
		}},
	}
}

func quoteAll(lines []string) string {
	if len(lines) == 0 {
		return "(none)"
	}
	q := make([]string, len(lines))
	for i, l := range lines {
		q[i] = quote(l)
	}
	return strings.Join(q, " ")
}
