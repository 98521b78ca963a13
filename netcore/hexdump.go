package netcore

import (
	"fmt"
	"strings"
)

// HexDump shows bytes as hex beside their text, one line, so framing is
// visible: "68 69 0d 0a  hi..". Bytes past max are left out with "…".
func HexDump(b []byte, max int) string {
	cut := len(b) > max
	if cut {
		b = b[:max]
	}
	var hex, text strings.Builder
	for i, c := range b {
		if i > 0 {
			hex.WriteByte(' ')
		}
		fmt.Fprintf(&hex, "%02x", c)
		if c >= 0x20 && c < 0x7f {
			text.WriteByte(c)
		} else {
			text.WriteByte('.')
		}
	}
	if cut {
		hex.WriteString(" …")
	}
	return hex.String() + "  " + text.String()
}
