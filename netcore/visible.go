package netcore

import (
	"fmt"
	"unicode"
	"unicode/utf8"
)

// Text from the network reaches terminals, the window and other students'
// screens. This file is the one place that decides which characters would
// act there instead of showing, and how they are written so they show.

// Hidden reports a rune that must never reach a terminal or a screen as it
// is, because it acts instead of showing: C0 and C1 control characters and
// DEL (ESC starts terminal commands, CR moves back to the line's start, BEL
// rings), format characters (bidi overrides and isolates that reverse
// text, zero-width spaces and joiners, the BOM, soft hyphens, tag
// characters) and the line and paragraph separators. Invalid UTF-8 is
// decoded as utf8.RuneError and is checked by the callers (a lone byte
// such as 0x9b is CSI to an 8-bit terminal).
func Hidden(r rune) bool {
	return unicode.In(r, unicode.Cc, unicode.Cf, unicode.Zl, unicode.Zp)
}

// HasHidden reports whether s contains a Hidden rune or invalid UTF-8.
func HasHidden(s string) bool {
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if Hidden(r) || r == utf8.RuneError && size == 1 {
			return true
		}
		i += size
	}
	return false
}

// Escape returns s with every Hidden rune written as a visible, plain ASCII
// escape, spelt as Python's repr spells it, since that is what students
// read in the lessons: \r, \n and \t by name, \x1b for the other ASCII
// ones, \u202e (or \U000e0041) above ASCII (so a C1 character, \u009b, is
// told from a stray byte), and each byte of invalid UTF-8 as \xff.
// Everything else, backslashes included, is left as it is: a typed "\x1b"
// is harmless text. Text without hidden runes is returned unchanged (and
// not copied).
func Escape(s string) string {
	if !HasHidden(s) {
		return s
	}
	return string(appendVisible(make([]byte, 0, len(s)+8), []byte(s), false))
}

// TerminalSafe is Escape for a terminal's output: it keeps newlines, tabs
// and CR LF line ends, which only end or indent a line, and escapes the
// rest, a lone CR included (it would overwrite the line). Text with nothing
// to escape is returned as is.
func TerminalSafe(b []byte) []byte {
	if plainPrefix(b, true) == len(b) || !HasHidden(string(b)) {
		return b
	}
	return appendVisible(make([]byte, 0, len(b)+16), b, true)
}

// AppendTerminalSafe appends TerminalSafe(b) to dst, without allocating
// when dst has room: the command-line log escapes every line it prints.
func AppendTerminalSafe(dst, b []byte) []byte { return appendVisible(dst, b, true) }

// TerminalSafeString is TerminalSafe for strings.
func TerminalSafeString(s string) string {
	if !HasHidden(s) {
		return s
	}
	return string(appendVisible(make([]byte, 0, len(s)+16), []byte(s), true))
}

// appendVisible appends b to out with hidden runes escaped; lineEnds keeps
// "\n", "\t" and "\r\n" as they are.
func appendVisible(out, b []byte, lineEnds bool) []byte {
	for i := 0; i < len(b); {
		if n := plainPrefix(b[i:], lineEnds); n > 0 {
			out = append(out, b[i:i+n]...)
			i += n
			continue
		}
		r, size := utf8.DecodeRune(b[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			out = fmt.Appendf(out, `\x%02x`, b[i])
		case !Hidden(r):
			out = append(out, b[i:i+size]...)
		case lineEnds && (r == '\n' || r == '\t' || r == '\r' && i+1 < len(b) && b[i+1] == '\n'):
			out = append(out, byte(r))
		case r == '\r':
			out = append(out, `\r`...)
		case r == '\n':
			out = append(out, `\n`...)
		case r == '\t':
			out = append(out, `\t`...)
		case r < 0x80:
			out = fmt.Appendf(out, `\x%02x`, r)
		case r <= 0xffff:
			out = fmt.Appendf(out, `\u%04x`, r)
		default:
			out = fmt.Appendf(out, `\U%08x`, r)
		}
		i += size
	}
	return out
}
