package check

import (
	"context"
	"sort"
)

// Rule is one thing a server of a demo must (or, for a remark, should) do.
type Rule struct {
	ID   string // stable: the key of its sentence in texts.go and in exports
	Must bool
	// SingleRemark makes a must-rule a remark when Options.Single says
	// the server is the one-client lesson.
	SingleRemark bool
	// Run talks to the server and judges. It must return within
	// RuleLimit; the runner closes its connections if it does not.
	Run func(ctx context.Context) Outcome
}

// Outcome is what a rule found.
type Outcome struct {
	OK bool
	// Remark: the rule holds, but something is worth telling (a reply's
	// line ending, the reply to a non-number).
	Remark bool
	Note   string
	Args   map[string]string
	Sent   string // raw wire bytes; quoted when reported
	Got    string
}

// suite makes a demo's rules for one run against t. Rules of one suite
// run in order and may share state (one connection for several rules),
// which lives in the suite's closure.
type suite func(t *Target) []Rule

var suites = map[string]suite{}

// register is called from each demo's rules file.
func register(demo string, s suite) {
	if _, dup := suites[demo]; dup {
		panic("check: rules registered twice for " + demo)
	}
	suites[demo] = s
}

// Demos lists the demos that have rules, sorted.
func Demos() []string {
	out := make([]string, 0, len(suites))
	for name := range suites {
		out = append(out, name)
	}
	sort.Strings(out)
	return out
}

// Has reports whether demo has rules.
func Has(demo string) bool { _, ok := suites[demo]; return ok }

// Rules lists demo's rules without running them (for a list shown before a
// check runs).
func Rules(demo string, o Options) []Rule {
	s, ok := suites[demo]
	if !ok {
		return nil
	}
	return s(&Target{Opts: o})
}

// Outcome helpers for rule files.

func pass() Outcome { return Outcome{OK: true} }

func failed(note, sent, got string, args ...string) Outcome {
	return Outcome{Note: note, Sent: sent, Got: got, Args: argMap(args)}
}

func remark(note string, args ...string) Outcome {
	return Outcome{OK: true, Remark: true, Note: note, Args: argMap(args)}
}

// argMap pairs key, value, key, value...
func argMap(kv []string) map[string]string {
	if len(kv) == 0 {
		return nil
	}
	m := make(map[string]string, len(kv)/2)
	for i := 0; i+1 < len(kv); i += 2 {
		m[kv[i]] = kv[i+1]
	}
	return m
}

// broken reports a connection that failed in the middle of a rule.
func broken(sent string, err error) Outcome {
	if err == errNoReply {
		return failed("no-reply", sent, "")
	}
	return failed("conn-error", sent, "", "error", err.Error())
}
