package netcore

import (
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"
)

// Raw bytes: what a student types when the exact bytes matter (framing
// shown byte by byte, a zero byte, a lone "\r"), written as hex
// ("48 69 0d 0a") or as text with escapes ("Hi\r\n"). The Client tab, the
// Server tab's send box and `socketlab connect --raw` all read them here.

// RawMode says how typed text becomes bytes.
type RawMode int

const (
	// RawText sends the text as typed (UTF-8); the caller adds a newline.
	RawText RawMode = iota
	// RawEscapes reads \r \n \t \0 \\ and \xNN; nothing is added.
	RawEscapes
	// RawHex reads pairs of hex digits; nothing is added.
	RawHex
)

// RawModes lists the modes in the order the send boxes offer them.
var RawModes = []RawMode{RawText, RawEscapes, RawHex}

// String is the mode's name as saved and typed: "text", "escapes", "hex".
func (m RawMode) String() string {
	switch m {
	case RawEscapes:
		return "escapes"
	case RawHex:
		return "hex"
	}
	return "text"
}

// ParseRawMode reads a mode's name as String writes it.
func ParseRawMode(name string) (RawMode, error) {
	for _, m := range RawModes {
		if strings.EqualFold(name, m.String()) {
			return m, nil
		}
	}
	return RawText, fmt.Errorf("unknown mode %q: use text, escapes or hex", name)
}

// RawError is a mistake in typed raw bytes: where it is and what is wrong.
type RawError struct {
	// Pos is the 1-based character (not byte) where the mistake starts,
	// as a student counts along the line they typed.
	Pos int
	Msg string
}

func (e *RawError) Error() string { return fmt.Sprintf("at character %d: %s", e.Pos, e.Msg) }

// ErrRawEmpty is returned for hex or escapes that stand for no bytes at
// all: sending nothing would look like a bug.
var ErrRawEmpty = errors.New("nothing to send: type at least one byte")

// ParseRaw turns typed text into the bytes to send. RawText gives the
// text's bytes unchanged (and no error, even when empty).
func ParseRaw(mode RawMode, s string) ([]byte, error) {
	switch mode {
	case RawEscapes:
		return ParseEscapes(s)
	case RawHex:
		return ParseHex(s)
	}
	return []byte(s), nil
}

// ParseHex reads bytes written as hex digits, two per byte, upper or lower
// case: "48 69 0d 0a" and "48690d0a" are the same four bytes. Spaces and
// tabs may separate bytes but not split one.
func ParseHex(s string) ([]byte, error) {
	out := make([]byte, 0, len(s)/2)
	pos := 0     // characters read so far
	half := -1   // the first digit of a byte in progress, or -1
	halfPos := 0 // where that digit was
	var halfRune rune
	halfByte := func() error {
		return &RawError{halfPos, fmt.Sprintf("'%c' is half a byte: write each byte as two hex digits, e.g. 0%c", halfRune, halfRune)}
	}
	for _, r := range s {
		pos++
		if r == ' ' || r == '\t' {
			if half >= 0 {
				return nil, halfByte()
			}
			continue
		}
		v := hexValue(r)
		if v < 0 {
			return nil, &RawError{pos, fmt.Sprintf("%s is not a hex digit: use 0-9 and a-f, e.g. 48 69 0d 0a", quoteRune(r))}
		}
		if half < 0 {
			half, halfPos, halfRune = v, pos, r
			continue
		}
		out = append(out, byte(half<<4|v))
		half = -1
	}
	if half >= 0 {
		return nil, halfByte()
	}
	if len(out) == 0 {
		return nil, ErrRawEmpty
	}
	return out, nil
}

// ParseEscapes reads text in which \r, \n, \t, \0 (a zero byte), \\ and
// \xNN (any byte, two hex digits) stand for those bytes, the way Python's
// b"..." writes them; every other character is sent as its UTF-8 bytes.
func ParseEscapes(s string) ([]byte, error) {
	out := make([]byte, 0, len(s))
	pos := 0
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		pos++
		if r != '\\' {
			out = append(out, s[i:i+size]...)
			i += size
			continue
		}
		start := pos
		if i+1 >= len(s) {
			return nil, &RawError{start, `a lone \ at the end: write \\ for a backslash`}
		}
		e, esize := utf8.DecodeRuneInString(s[i+1:])
		pos++
		i += 1 + esize
		switch e {
		case 'r':
			out = append(out, '\r')
		case 'n':
			out = append(out, '\n')
		case 't':
			out = append(out, '\t')
		case '0':
			out = append(out, 0)
		case '\\':
			out = append(out, '\\')
		case 'x':
			var v [2]int
			for k := range v {
				d, dsize := utf8.DecodeRuneInString(s[i:])
				v[k] = hexValue(d)
				if i >= len(s) || v[k] < 0 {
					return nil, &RawError{start, `\x needs two hex digits after it, e.g. \x1b or \xff`}
				}
				i += dsize
				pos++
			}
			out = append(out, byte(v[0]<<4|v[1]))
		default:
			return nil, &RawError{start, fmt.Sprintf(`\%s is not an escape: use \r \n \t \0 \\ or \xNN (write \\ for a backslash)`, visibleRune(e))}
		}
	}
	if len(out) == 0 {
		return nil, ErrRawEmpty
	}
	return out, nil
}

// FormatEscapes writes b so that ParseEscapes reads it back: printable
// ASCII as itself, everything else as an escape. Saved messages and tests
// use it.
func FormatEscapes(b []byte) string {
	var sb strings.Builder
	for _, c := range b {
		switch {
		case c == '\r':
			sb.WriteString(`\r`)
		case c == '\n':
			sb.WriteString(`\n`)
		case c == '\t':
			sb.WriteString(`\t`)
		case c == 0:
			sb.WriteString(`\0`)
		case c == '\\':
			sb.WriteString(`\\`)
		case c < 0x20 || c >= 0x7f:
			sb.WriteString(`\x`)
			sb.WriteByte(hexDigits[c>>4])
			sb.WriteByte(hexDigits[c&15])
		default:
			sb.WriteByte(c)
		}
	}
	return sb.String()
}

const hexDigits = "0123456789abcdef"

func hexValue(r rune) int {
	switch {
	case r >= '0' && r <= '9':
		return int(r - '0')
	case r >= 'a' && r <= 'f':
		return int(r-'a') + 10
	case r >= 'A' && r <= 'F':
		return int(r-'A') + 10
	}
	return -1
}

// quoteRune names a wrong character so it shows even when it is a control
// character or a space.
func quoteRune(r rune) string { return "'" + visibleRune(r) + "'" }

func visibleRune(r rune) string {
	if r == utf8.RuneError {
		return `\ufffd`
	}
	return Escape(string(r))
}
