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
		"ok\rserver: hi":               `ok\rserver: hi`,
		"tab\there\x7f\n":              `tab\there\x7f\n`,
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

func TestTerminalSafeKeepsLineEnds(t *testing.T) {
	for in, want := range map[string]string{
		"plain text\n":                 "plain text\n",
		"tab\tand CRLF\r\n":            "tab\tand CRLF\r\n",
		"héllo wörld 你好\n":             "héllo wörld 你好\n",
		"\x1b[2J\x1b]0;pwned\x07":      `\x1b[2J\x1b]0;pwned\x07`,
		"teacher: hi\rforged line\n":   `teacher: hi\rforged line` + "\n",
		"trailing CR\r":                `trailing CR\r`,
		"bidi \u202egnp.exe\u202c":     `bidi \u202egnp.exe\u202c`,
		"zero\u200bwidth \u2066iso":    `zero\u200bwidth \u2066iso`,
		"del\x7f back\b nul\x00":       `del\x7f back\x08 nul\x00`,
		"C1 CSI \u009b2J raw \x9b2J":   `C1 CSI \u009b2J raw \x9b2J`,
		"line\u2028para\u2029":         `line\u2028para\u2029`,
		"bad utf8 \xff\xfe":            `bad utf8 \xff\xfe`,
		"replacement char \ufffd okay": "replacement char \ufffd okay",
	} {
		assert.Equal(t, want, string(netcore.TerminalSafe([]byte(in))), "%q", in)
		assert.Equal(t, want, netcore.TerminalSafeString(in))
		// Appended after a prefix, as the command-line log does.
		assert.Equal(t, "log: "+want, string(netcore.AppendTerminalSafe([]byte("log: "), []byte(in))), "%q", in)
	}
}

func TestHidden(t *testing.T) {
	for _, r := range []rune{0, '\a', '\b', '\r', '\n', 0x1b, 0x7f, 0x85, 0x9b, 0x200e, 0x202e, 0x2067, 0xfeff, 0x2028} {
		assert.True(t, netcore.Hidden(r), "%U", r)
	}
	for _, r := range []rune{' ', 'a', 'é', '你', 0xa0, 0x3000, 0xfffd, '😀'} {
		assert.False(t, netcore.Hidden(r), "%U", r)
	}
}
