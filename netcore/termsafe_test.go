package netcore

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestTerminalSafe(t *testing.T) {
	for in, want := range map[string]string{
		"plain text\n":                 "plain text\n",
		"tab\tand CRLF\r\n":            "tab\tand CRLF\r\n",
		"héllo wörld 你好\n":             "héllo wörld 你好\n",
		"\x1b[2J\x1b]0;pwned\x07":      `\x1b[2J\x1b]0;pwned\a`,
		"teacher: hi\rforged line\n":   `teacher: hi\rforged line` + "\n",
		"trailing CR\r":                `trailing CR\r`,
		"bidi \u202egnp.exe\u202c":     `bidi \u202egnp.exe\u202c`,
		"zero\u200bwidth \u2066iso":    `zero\u200bwidth \u2066iso`,
		"del\x7f back\b nul\x00":       `del\x7f back\b nul\x00`,
		"C1 CSI \u009b2J raw \x9b2J":   `C1 CSI \u009b2J raw \x9b2J`,
		"line\u2028para\u2029":         `line\u2028para\u2029`,
		"bad utf8 \xff\xfe":            `bad utf8 \xff\xfe`,
		"replacement char \ufffd okay": "replacement char \ufffd okay",
	} {
		assert.Equal(t, want, string(TerminalSafe([]byte(in))), "%q", in)
		assert.Equal(t, want, TerminalSafeString(in))
		// Appended after a prefix, as the command-line log does.
		assert.Equal(t, "log: "+want, string(AppendTerminalSafe([]byte("log: "), []byte(in))), "%q", in)
	}
}

func TestActs(t *testing.T) {
	for _, r := range []rune{0, '\a', '\b', '\r', '\n', 0x1b, 0x7f, 0x85, 0x9b, 0x200e, 0x202e, 0x2067, 0xfeff, 0x2028} {
		assert.True(t, Acts(r), "%U", r)
	}
	for _, r := range []rune{' ', 'a', 'é', '你', 0xa0, 0x3000, 0xfffd, '😀'} {
		assert.False(t, Acts(r), "%U", r)
	}
}
