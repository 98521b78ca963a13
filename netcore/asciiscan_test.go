package netcore

import (
	"strconv"
	"strings"
	"testing"
)

// The word-at-a-time scans must say exactly what a byte-at-a-time look
// says, wherever in the word the byte falls and whatever its neighbours.
func TestWordScansAgreeWithBytes(t *testing.T) {
	for _, fill := range []byte{'x', ' ', '~', '"', 0x7e, 0xff} {
		for n := 0; n <= 19; n++ {
			for at := 0; at < n; at++ {
				for c := 0; c < 256; c++ {
					b := []byte(strings.Repeat(string(fill), n))
					b[at] = byte(c)
					for _, lineEnds := range []bool{false, true} {
						if got, want := plainPrefix(b, lineEnds), plainBytes(b, lineEnds); got != want {
							t.Fatalf("plainPrefix(%q, %v) = %d, byte by byte %d", b, lineEnds, got, want)
						}
					}
					s := string(b)
					want := strings.ContainsFunc(s, func(r rune) bool { return r < 0x20 || r >= 0x7f || r == '"' || r == '\\' })
					if got := needsQuoting(s); got != want {
						t.Fatalf("needsQuoting(%q) = %v, byte by byte %v", s, got, want)
					}
					if !want && strconv.Quote(s) != `"`+s+`"` {
						t.Fatalf("%q needs no quoting but strconv.Quote changes it", s)
					}
				}
			}
		}
	}
}
