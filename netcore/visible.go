package netcore

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Hidden reports a rune that must never reach a terminal or a screen as it
// is, because it acts instead of showing: C0 and C1 control characters and
// DEL (ESC starts terminal commands, CR moves back to the line's start, BEL
// rings), format characters (bidi overrides and isolates that reverse
// text, zero-width spaces and joiners, the BOM, soft hyphens, tag
// characters) and the line and paragraph separators. Invalid UTF-8 is
// decoded as utf8.RuneError and is checked by the caller (see Escape).
func Hidden(r rune) bool {
	return unicode.IsControl(r) || unicode.In(r, unicode.Cf, unicode.Zl, unicode.Zp)
}

// HasHidden reports whether s contains a Hidden rune or invalid UTF-8 (a
// lone byte such as 0x9b is CSI to an 8-bit terminal).
func HasHidden(s string) bool {
	for i, r := range s {
		if Hidden(r) || r == utf8.RuneError && isInvalidAt(s, i) {
			return true
		}
	}
	return false
}

func isInvalidAt(s string, i int) bool {
	_, size := utf8.DecodeRuneInString(s[i:])
	return size == 1
}

// Escape returns s with every Hidden rune written as a visible, plain ASCII
// escape: \x1b for one below 0x80, \u202e (or \U000e0041) for the others,
// and each byte of invalid UTF-8 as \xff. Everything else, backslashes
// included, is left as it is: a typed "\x1b" is harmless text, so it needs
// no escaping of its own. Text without hidden runes is returned unchanged
// (and not copied).
func Escape(s string) string {
	if !HasHidden(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case !Hidden(r):
			b.WriteString(s[i : i+size])
		case r < 0x80:
			fmt.Fprintf(&b, `\x%02x`, r)
		case r <= 0xffff:
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			fmt.Fprintf(&b, `\U%08x`, r)
		}
		i += size
	}
	return b.String()
}
