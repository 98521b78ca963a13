package netcore

import (
	"strconv"
	"unicode"
	"unicode/utf8"
)

// Acts reports whether a terminal or a text layout would act on r instead
// of showing it: C0 and C1 control characters and DEL (ESC starts the
// sequences that clear or retitle a terminal, CR and BS overwrite a line,
// BEL rings), format characters (bidi overrides and isolates that reorder
// a line, zero-width characters that hide text) and the Unicode line and
// paragraph separators. Newline and tab are the caller's to allow.
func Acts(r rune) bool {
	return unicode.In(r, unicode.Cc, unicode.Cf, unicode.Zl, unicode.Zp)
}

// TerminalSafe returns b with everything a terminal would act on written
// as a visible escape, the way Go writes it in a string: ESC as \x1b, CR as
// \r, BEL as \a, U+202E as \u202e, a byte that is not UTF-8 as \x9b. It
// keeps newlines, tabs and CR LF line ends, which only end or indent a
// line. Text with nothing to escape is returned as is.
func TerminalSafe(b []byte) []byte {
	if safePrefix(b) == len(b) {
		return b
	}
	return AppendTerminalSafe(make([]byte, 0, len(b)+16), b)
}

// AppendTerminalSafe appends TerminalSafe(b) to dst, without allocating
// when dst has room: the command-line log escapes every line it prints.
func AppendTerminalSafe(dst, b []byte) []byte {
	for i := 0; i < len(b); {
		if n := safePrefix(b[i:]); n > 0 {
			dst = append(dst, b[i:i+n]...)
			i += n
			continue
		}
		r, size := utf8.DecodeRune(b[i:])
		switch {
		case !needsEscape(b, i, r, size):
			dst = append(dst, b[i:i+size]...)
		case r == utf8.RuneError:
			dst = append(dst, '\\', 'x', hexDigits[b[i]>>4], hexDigits[b[i]&15])
		default:
			q := strconv.QuoteRuneToASCII(r) // '\x1b', '\r', '\u202e'
			dst = append(dst, q[1:len(q)-1]...)
		}
		i += size
	}
	return dst
}

// safePrefix is how many leading bytes of b are printable ASCII, tabs or
// newlines: nothing there needs a look at Unicode's tables, which cost a
// quarter of `socketlab serve`'s time when every byte went through them.
func safePrefix(b []byte) int {
	for i, c := range b {
		if (c < 0x20 && c != '\n' && c != '\t') || c >= 0x7f {
			return i
		}
	}
	return len(b)
}

// TerminalSafeString is TerminalSafe for strings.
func TerminalSafeString(s string) string { return string(TerminalSafe([]byte(s))) }

func needsEscape(b []byte, i int, r rune, size int) bool {
	switch {
	case r == utf8.RuneError && size == 1:
		return true // not UTF-8: a lone 0x9b is CSI to some terminals
	case r == '\n' || r == '\t':
		return false
	case r == '\r':
		return i+1 >= len(b) || b[i+1] != '\n' // CR LF only ends a line
	}
	return Acts(r)
}

const hexDigits = "0123456789abcdef"
