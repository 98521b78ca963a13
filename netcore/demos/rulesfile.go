package demos

import (
	"errors"
	"fmt"
	"regexp"
	"regexp/syntax"
	"strconv"
	"strings"

	"github.com/socketlab/socketlab/netcore"
)

// A rules file (docs/rules.md) is a teacher's own protocol, one rule a
// line: "KIND PATTERN => REPLY", with KIND one of equals, starts with,
// matches (a Go RE2 regular expression), or "default => REPLY". Blank
// lines and lines starting with # are skipped. The first rule that matches
// a message answers it.

// Bounds of a rules file, so a rules demo stays as cheap as the others
// (RE2 has no catastrophic backtracking; these bound its size).
const (
	MaxRulesFileBytes = 64 << 10
	MaxRules          = 200
	MaxRulePattern    = 200  // bytes of one pattern
	MaxRuleReply      = 1000 // bytes of one reply as written
	// MaxRulesReplyOutput bounds a reply once {message} and the groups
	// are filled in.
	MaxRulesReplyOutput = 4096
	// MaxRuleProgram bounds one matches pattern compiled (RE2
	// instructions): matching takes time linear in the message, times up
	// to this. \pL{1000} is about 1000 and costs some 60 ms on a 64 KiB
	// message; ^add (\d+) (\d+)$ is 17.
	MaxRuleProgram = 500
	// MaxRulesProgram bounds all the patterns together: 200 ordinary
	// rules fit, and the worst patterns found within it take about 0.1 s
	// for a 64 KiB message (docs/rules.md).
	MaxRulesProgram = 5000
)

// ruleKind says how a rule's pattern is compared with a message.
type ruleKind int

const (
	ruleEquals ruleKind = iota
	ruleStartsWith
	ruleMatches
	ruleDefault
)

// rule is one parsed line.
type rule struct {
	kind    ruleKind
	pattern string
	re      *regexp.Regexp // ruleMatches only, compiled once
	program int            // ruleMatches only: its compiled size
	reply   string
}

// Rules are a parsed rules file.
type Rules struct {
	rules   []rule // in file order, without the default
	def     *rule  // the default reply, if given
	program int    // the patterns' compiled size together
}

// Len is how many rules there are, the default included.
func (r *Rules) Len() int {
	if r.def != nil {
		return len(r.rules) + 1
	}
	return len(r.rules)
}

var placeholder = regexp.MustCompile(`\{[^{}]*\}`)

// ParseRules reads a rules file's text. Errors name the line.
func ParseRules(text string) (*Rules, error) {
	if len(text) > MaxRulesFileBytes {
		return nil, fmt.Errorf("the rules are %d bytes; at most %d", len(text), MaxRulesFileBytes)
	}
	out := &Rules{}
	for i, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(strings.TrimSuffix(line, "\r"))
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		r, err := parseRule(line)
		if err != nil {
			return nil, lineError(i, err)
		}
		if r.kind == ruleDefault {
			if out.def != nil {
				return nil, lineError(i, errors.New("a second default rule"))
			}
			out.def = &r
			continue
		}
		if len(out.rules) >= MaxRules {
			return nil, lineError(i, fmt.Errorf("more than %d rules", MaxRules))
		}
		if out.program += r.program; out.program > MaxRulesProgram {
			return nil, lineError(i, fmt.Errorf("the patterns together are too big once compiled (over %d steps): use fewer or simpler matches rules", MaxRulesProgram))
		}
		out.rules = append(out.rules, r)
	}
	if out.Len() == 0 {
		return nil, fmt.Errorf("no rules: write one a line, such as: equals hello => hi there")
	}
	return out, nil
}

// programSize is how many RE2 instructions pattern compiles to, as
// regexp.Compile makes them (it has compiled already, so this cannot fail).
func programSize(pattern string) int {
	re, err := syntax.Parse(pattern, syntax.Perl)
	if err != nil {
		return 0
	}
	prog, err := syntax.Compile(re.Simplify())
	if err != nil {
		return 0
	}
	return len(prog.Inst)
}

// lineError names the line (index i of the text's lines) a mistake is on.
func lineError(i int, err error) error {
	return &netcore.LineError{What: "rules", Line: i + 1, Err: err}
}

func parseRule(line string) (rule, error) {
	head, reply, ok := strings.Cut(line, "=>")
	if !ok {
		return rule{}, fmt.Errorf("no \"=>\" between the pattern and the reply")
	}
	head, reply = strings.TrimSpace(head), strings.TrimSpace(reply)
	if len(reply) > MaxRuleReply {
		return rule{}, fmt.Errorf("the reply is %d bytes; at most %d", len(reply), MaxRuleReply)
	}
	var r rule
	switch {
	case head == "default":
		r.kind = ruleDefault
	case head == "equals" || head == "starts with" || head == "matches":
		return rule{}, fmt.Errorf("no pattern before \"=>\"")
	case strings.HasPrefix(head, "equals "):
		r.kind, r.pattern = ruleEquals, strings.TrimSpace(head[len("equals "):])
	case strings.HasPrefix(head, "starts with "):
		r.kind, r.pattern = ruleStartsWith, strings.TrimSpace(head[len("starts with "):])
	case strings.HasPrefix(head, "matches "):
		r.kind, r.pattern = ruleMatches, strings.TrimSpace(head[len("matches "):])
	default:
		return rule{}, fmt.Errorf("start with equals, starts with, matches or default, not %q", head)
	}
	if r.kind != ruleDefault && r.pattern == "" {
		return rule{}, fmt.Errorf("no pattern before \"=>\"")
	}
	if len(r.pattern) > MaxRulePattern {
		return rule{}, fmt.Errorf("the pattern is %d bytes; at most %d", len(r.pattern), MaxRulePattern)
	}
	groups := 0
	if r.kind == ruleMatches {
		re, err := regexp.Compile(r.pattern)
		if err != nil {
			return rule{}, fmt.Errorf("pattern: %v", err)
		}
		r.re, groups = re, re.NumSubexp()
		if r.program = programSize(r.pattern); r.program > MaxRuleProgram {
			return rule{}, fmt.Errorf("the pattern is too big once compiled (%d steps; at most %d): use smaller {n} repeats", r.program, MaxRuleProgram)
		}
	}
	for _, p := range placeholder.FindAllString(reply, -1) {
		name := p[1 : len(p)-1]
		switch name {
		case "message", "time", "count":
			continue
		}
		n, err := strconv.Atoi(name)
		if err != nil || n < 1 {
			return rule{}, fmt.Errorf("unknown %s in the reply: use {message}, {time}, {count}, or {1}, {2}... with matches", p)
		}
		if n > groups {
			return rule{}, fmt.Errorf("%s in the reply, but the pattern has %d group(s)", p, groups)
		}
	}
	r.reply = reply
	return r, nil
}
