package netcore_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/socketlab/socketlab/netcore"
)

func TestEscapeShowsWhatWouldActInsteadOfShowing(t *testing.T) {
	for in, want := range map[string]string{
		"hi all":                       "hi all",
		"naïve 日本 😀 \\x1b":             "naïve 日本 😀 \\x1b", // printable, and a typed backslash stays
		"\x1b[2J\x1b]0;owned\x07":      `\x1b[2J\x1b]0;owned\x07`,
		"ok\rserver: hi":               `ok\x0dserver: hi`,
		"tab\there\x7f":                `tab\x09here\x7f`,
		"abc\u202edcba":                `abc\u202edcba`, // right-to-left override
		"a\u2066b\u2069c\u200bd\ufeff": `a\u2066b\u2069c\u200bd\ufeff`,
		"line\u2028sep":                `line\u2028sep`,
		"c1\u009bcsi":                  `c1\u009bcsi`,
		"bad\x9butf8\xff":              `bad\x9butf8\xff`,
		"tag\U000e0041":                `tag\U000e0041`,
		"\ufffd is a real character":   "\ufffd is a real character",
	} {
		assert.Equal(t, want, netcore.Escape(in), "%q", in)
		assert.Equal(t, want != in, netcore.HasHidden(in), "%q", in)
		assert.False(t, netcore.HasHidden(netcore.Escape(in)), "escaped %q is plain", in)
	}
}
