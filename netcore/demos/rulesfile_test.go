package demos_test

import (
	"strings"
	"testing"
	"time"

	"github.com/socketlab/socketlab/netcore"
	"github.com/socketlab/socketlab/netcore/demos"
	"github.com/socketlab/socketlab/netcore/internal/nettest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestRulesAnswerFirstMatch(t *testing.T) {
	r, err := demos.ParseRules("# a comment\r\nequals hi => hello\nstarts with hi => starts: {message}\nmatches ^(\\w+)@(\\w+)$ => user {1} at {2}, message {count}\ndefault => ? {message}\n")
	require.NoError(t, err)
	assert.Equal(t, 4, r.Len())
	now := time.Date(2026, 1, 2, 13, 4, 5, 0, time.UTC)
	assert.Equal(t, "hello", r.Answer("hi", 1, now), "first match wins")
	assert.Equal(t, "starts: hi there", r.Answer("hi there", 2, now))
	assert.Equal(t, "user ada at lab, message 3", r.Answer("ada@lab", 3, now))
	assert.Equal(t, "? {1} {time}", r.Answer("{1} {time}", 4, now), "what was sent is never read as a placeholder")
	r, err = demos.ParseRules("equals t => {time}")
	require.NoError(t, err)
	assert.Equal(t, "13:04:05", r.Answer("t", 1, now))
	assert.Equal(t, demos.RulesNoMatch, r.Answer("x", 2, now), "no default rule")
	r, err = demos.ParseRules("default => {message}{message}")
	require.NoError(t, err)
	assert.Len(t, r.Answer(strings.Repeat("x", demos.MaxRulesReplyOutput), 1, now), demos.MaxRulesReplyOutput, "replies are bounded")
}

func TestRulesParseErrorsNameTheLine(t *testing.T) {
	for text, want := range map[string]string{
		"":                           "no rules",
		"equals hi":                  "line 1: no \"=>\"",
		"\nsounds like hi => x":      "line 2: start with",
		"matches ( => x":             "line 1: pattern",
		"matches a => {1}":           "pattern has 0 group",
		"equals a => {name}":         "unknown {name}",
		"default => a\ndefault => b": "second default",
		"equals  => x":               "no pattern",
		"matches " + strings.Repeat("a", demos.MaxRulePattern+1) + " => x": "at most",
		"equals a => " + strings.Repeat("b", demos.MaxRuleReply+1):         "at most",
		strings.Repeat("equals a => b\n", demos.MaxRules+1):                "more than",
		"matches \\pL{1000} => x":                                          "line 1: the pattern is too big once compiled",
		strings.Repeat("matches \\w{1,100} => x\n", 30):                    "line 25: the patterns together are too big",
		strings.Repeat("#", demos.MaxRulesFileBytes+1):                     "at most",
	} {
		_, err := demos.ParseRules(text)
		require.Error(t, err, text)
		assert.Contains(t, err.Error(), want, text)
	}
}

func TestRulesDemoOverTheWire(t *testing.T) {
	rules := "equals capital of France? => Paris\ndefault => try again ({count})\n"
	ts := nettest.StartServer(t, "127.0.0.1", nettest.Config(t, "rules", demos.Values{"rules": rules}))
	c := nettest.DialRaw(t, "tcp", ts.HostPort)
	assert.Equal(t, "try again (1)\n", c.Ask("Rome", "\n"))
	assert.Equal(t, "Paris\n", c.Ask("capital of France?", "\r\n"), "framed as docs/protocols.md says")
}

func TestRulesSettingRefusesBadRulesWithTheLine(t *testing.T) {
	_, err := demos.New("rules", demos.Values{"rules": "equals a => b\n\nequals c"}, nil)
	require.Error(t, err)
	assert.Equal(t, 3, netcore.ErrorLine(err), "a front end can point at the line")
	assert.Contains(t, err.Error(), "rules line 3: no \"=>\"")
	_, err = demos.New("rules", demos.Values{"rules": strings.Repeat("#\n", demos.MaxRulesFileBytes)}, nil)
	assert.ErrorContains(t, err, "at most")
	_, err = demos.New("rules", demos.Values{"rules": ""}, nil)
	assert.ErrorContains(t, err, "no rules", "an emptied editor is refused, not silently the example")
}

func TestRulesExample(t *testing.T) {
	ts := nettest.StartServer(t, "127.0.0.1", nettest.Config(t, "rules", nil))
	c := nettest.DialRaw(t, "tcp", ts.HostPort)
	assert.Equal(t, "hi there\n", c.Ask("hello", "\n"))
	assert.Equal(t, "2 plus 3: work it out yourself!\n", c.Ask("add 2 3", "\n"))
	assert.Equal(t, "message 3 not understood: what\n", c.Ask("what", "\n"))
}
