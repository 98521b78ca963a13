package discovery

import (
	"strings"
	"unicode"

	"github.com/socketlab/socketlab/netcore"
)

// cleanText makes text from the network safe to show in a list: control
// characters, bidi overrides and other invisible formatting characters
// (which can hide or reorder what a classmate sees) are dropped, every run
// of white space becomes one space, and the result is cut to max
// characters (not bytes, so a name in Greek gets as much room as one in
// English).
func cleanText(s string, max int) string {
	var b strings.Builder
	n := 0
	space := false
	for _, r := range s {
		if n == max {
			break
		}
		switch {
		case unicode.IsSpace(r):
			space = n > 0
			continue
		case invisible(r):
			continue
		}
		if space {
			if n+1 == max {
				break
			}
			b.WriteByte(' ')
			n++
			space = false
		}
		b.WriteRune(r)
		n++
	}
	return b.String()
}

// invisible reports a character that shows nothing or changes how the rest
// is shown: netcore.Hidden's (controls, format characters such as bidi
// overrides, line separators), and for a list also variation selectors and
// the other default-ignorable fillers (Hangul fillers…).
func invisible(r rune) bool {
	return netcore.Hidden(r) || unicode.Is(unicode.Variation_Selector, r) ||
		unicode.Is(unicode.Other_Default_Ignorable_Code_Point, r)
}
