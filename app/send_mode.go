package app

import (
	"fmt"

	"fyne.io/fyne/v2/widget"

	"github.com/socketlab/socketlab/netcore"
)

// The send boxes' mode (Client tab and Server tab): Text sends what is
// typed, Escapes and Hex send exactly the bytes typed (netcore/rawbytes.go),
// with nothing added, so framing can be shown byte by byte.

var sendModeLabels = map[netcore.RawMode]string{
	netcore.RawText:    "Text",
	netcore.RawEscapes: "Escapes",
	netcore.RawHex:     "Hex",
}

// sendModeHints are the entry's placeholder per raw mode: the syntax, where
// the student looks while typing, short enough for a narrow box (that
// nothing is added shows in the greyed-out "No newline").
var sendModeHints = map[netcore.RawMode]string{
	netcore.RawEscapes: `e.g. Hi\r\n \0 \t \\ \x1b`,
	netcore.RawHex:     "e.g. 48 69 0d 0a",
}

// newSendModeSelect is the Text / Escapes / Hex choice, set to Text.
func newSendModeSelect(onChanged func(netcore.RawMode)) *widget.Select {
	var opts []string
	for _, m := range netcore.RawModes {
		opts = append(opts, sendModeLabels[m])
	}
	s := &widget.Select{Options: opts, Selected: sendModeLabels[netcore.RawText]}
	s.OnChanged = func(string) {
		if onChanged != nil {
			onChanged(sendModeOf(s))
		}
	}
	return s
}

// sendModeOf reads the choice; Text when nothing is chosen.
func sendModeOf(s *widget.Select) netcore.RawMode {
	for m, label := range sendModeLabels {
		if s.Selected == label {
			return m
		}
	}
	return netcore.RawText
}

// rawSendBytes parses a send box in Escapes or Hex mode; its error says
// the message was not sent, where the mistake is and what to write.
func rawSendBytes(mode netcore.RawMode, typed string) ([]byte, error) {
	b, err := netcore.ParseRaw(mode, typed)
	if err != nil {
		return nil, fmt.Errorf("not sent (%s): %w", sendModeLabels[mode], err)
	}
	return b, nil
}
