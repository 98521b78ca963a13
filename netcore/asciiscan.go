package netcore

import "encoding/binary"

// Word-at-a-time tests for the log's hot loops: every echoed message is
// scanned twice (is it plain enough to quote as is, is the line safe for
// a terminal), and a byte at a time that was a tenth of `socketlab
// serve`'s CPU. Each test looks at 8 bytes at once and says whether any
// of them might need a closer look; the callers then go byte by byte over
// that word only.

const (
	ones  = 0x0101010101010101
	highs = 0x8080808080808080
)

// hasByteBelow reports whether some byte of w is below n (n ≤ 0x80).
func hasByteBelow(w, n uint64) bool { return (w-ones*n)&^w&highs != 0 }

// hasByteFrom7F reports whether some byte of w is DEL (0x7f) or above.
// A carry out of a byte happens only for 0xff, whose high bit already counts.
func hasByteFrom7F(w uint64) bool { return (w+ones|w)&highs != 0 }

// hasByte reports whether some byte of w is c.
func hasByte(w uint64, c byte) bool { return hasByteBelow(w^ones*uint64(c), 1) }

// maybeNotPlain reports whether a word holds a control byte or one at or
// above DEL: anything plainPrefix or needsQuoting must look at.
func maybeNotPlain(w uint64) bool { return hasByteBelow(w, 0x20) || hasByteFrom7F(w) }

// word8 is the 8 bytes of s from i, little-endian.
func word8(s string, i int) uint64 {
	return uint64(s[i]) | uint64(s[i+1])<<8 | uint64(s[i+2])<<16 | uint64(s[i+3])<<24 |
		uint64(s[i+4])<<32 | uint64(s[i+5])<<40 | uint64(s[i+6])<<48 | uint64(s[i+7])<<56
}

// plainPrefix is how many leading bytes of b are printable ASCII (and, with
// lineEnds, newlines and tabs): nothing there needs a look at Unicode's
// tables, which cost a quarter of `socketlab serve`'s time when every byte
// went through them.
func plainPrefix(b []byte, lineEnds bool) int {
	i := 0
	for ; i+8 <= len(b); i += 8 {
		if maybeNotPlain(binary.LittleEndian.Uint64(b[i:])) {
			if n := plainBytes(b[i:i+8], lineEnds); n < 8 {
				return i + n
			}
		}
	}
	return i + plainBytes(b[i:], lineEnds)
}

// plainBytes is plainPrefix a byte at a time.
func plainBytes(b []byte, lineEnds bool) int {
	for i, c := range b {
		if c >= 0x7f || c < 0x20 && !(lineEnds && (c == '\n' || c == '\t')) {
			return i
		}
	}
	return len(b)
}

// needsQuoting reports whether s holds a control byte, a byte at or above
// DEL, a quote or a backslash: without any, strconv.Quote would only put
// it between two quotes.
func needsQuoting(s string) bool {
	i := 0
	for ; i+8 <= len(s); i += 8 {
		if w := word8(s, i); maybeNotPlain(w) || hasByte(w, '"') || hasByte(w, '\\') {
			return true // a closer look would find the same: quote properly
		}
	}
	for ; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c >= 0x7f || c == '"' || c == '\\' {
			return true
		}
	}
	return false
}
