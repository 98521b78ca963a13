package demos

import (
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/socketlab/socketlab/netcore"
)

// RulesNoMatch answers a message no rule matches when the rules have no
// default rule.
const RulesNoMatch = netcore.ErrorPrefix + "no rule matches that message"

// ExampleRules are the rules demo's rules when no file is given: a small
// protocol a class can read and then change (docs/rules.md).
const ExampleRules = `# Socket Lab rules: KIND PATTERN => REPLY; the first match answers.
equals hello => hi there
equals time => it is {time}
starts with say  => you said: {message}
matches ^add (\d+) (\d+)$ => {1} plus {2}: work it out yourself!
default => message {count} not understood: {message}
`

var rulesInfo = netcore.DemoInfo{
	Name:        "rules",
	Order:       10,
	Title:       "Your own protocol",
	Description: "Answers by a teacher's list of rules (equals / starts with / matches => reply); the example rules answer hello, time, say ..., add 1 2.",
	ClassicPort: 8005,
	Settings: []netcore.Setting{{
		Key: "rules", Label: "Rules", Kind: netcore.SettingDocument, Default: ExampleRules,
		MaxBytes: MaxRulesFileBytes,
		Validate: func(text string) error { _, err := ParseRules(text); return err },
		Help:     "reply rules, one a line: equals hello => hi there; the first that matches answers (docs/rules.md)",
	}},
}

func init() {
	register(rulesInfo, func(s settings) (netcore.Demo, error) {
		r, err := ParseRules(s.text("rules"))
		if err != nil {
			return nil, err
		}
		return NewRulesDemo(r), nil
	})
}

// NewRulesDemo runs rules already parsed (a front end that edits them).
func NewRulesDemo(r *Rules) netcore.Demo { return &rulesDemo{rules: r, now: time.Now} }

type rulesDemo struct {
	rules *Rules
	now   func() time.Time
}

func (*rulesDemo) Info() netcore.DemoInfo { return rulesInfo }

func (d *rulesDemo) Open(p netcore.Peer) netcore.Session { return &rulesSession{d: d, p: p} }

type rulesSession struct {
	d     *rulesDemo
	p     netcore.Peer
	count atomic.Int64 // messages this client sent, for {count}
}

func (s *rulesSession) Handle(text string) {
	n := s.count.Add(1)
	s.p.Send(s.d.rules.Answer(text, n, s.d.now()))
}

func (*rulesSession) Close() {}

// Answer is the reply to message, the count-th from its client, at now.
func (r *Rules) Answer(message string, count int64, now time.Time) string {
	for _, ru := range r.rules {
		var groups []string
		switch ru.kind {
		case ruleEquals:
			if message != ru.pattern {
				continue
			}
		case ruleStartsWith:
			if !strings.HasPrefix(message, ru.pattern) {
				continue
			}
		case ruleMatches:
			if groups = ru.re.FindStringSubmatch(message); groups == nil {
				continue
			}
		}
		return fill(ru.reply, message, groups, count, now)
	}
	if r.def != nil {
		return fill(r.def.reply, message, nil, count, now)
	}
	return RulesNoMatch
}

// fill puts the placeholders' values into a reply, cut to
// MaxRulesReplyOutput. Placeholders were checked when the rules were
// parsed; what is put in is never read as one again.
func fill(reply, message string, groups []string, count int64, now time.Time) string {
	out := placeholder.ReplaceAllStringFunc(reply, func(p string) string {
		switch name := p[1 : len(p)-1]; name {
		case "message":
			return message
		case "time":
			return now.Format("15:04:05")
		case "count":
			return strconv.FormatInt(count, 10)
		default:
			if i, err := strconv.Atoi(name); err == nil && i < len(groups) {
				return groups[i]
			}
			return p
		}
	})
	if len(out) > MaxRulesReplyOutput {
		out = strings.ToValidUTF8(out[:MaxRulesReplyOutput], "")
	}
	return out
}
