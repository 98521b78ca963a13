package app

import (
	"github.com/socketlab/socketlab/app/i18n"

	"fyne.io/fyne/v2/widget"

	"github.com/socketlab/socketlab/netcore"
)

// The send boxes' mode (Client tab and Server tab): Text sends what is
// typed, Escapes and Hex send exactly the bytes typed (netcore/rawbytes.go),
// with nothing added, so framing can be shown byte by byte.

// sendModeLabel is a mode's name in the choice, in the user's language:
// worded when asked, as the language is chosen after package variables
// are set.
func sendModeLabel(m netcore.RawMode) string {
	switch m {
	case netcore.RawEscapes:
		return i18n.T("client.sendmode.escapes")
	case netcore.RawHex:
		return i18n.T("client.sendmode.hex")
	}
	return i18n.T("client.sendmode.text")
}

// sendModeHint is the entry's placeholder for a raw mode: the syntax, where
// the student looks while typing, short enough for a narrow box (that
// nothing is added shows in the greyed-out "No newline"). Text has none.
func sendModeHint(m netcore.RawMode) (string, bool) {
	switch m {
	case netcore.RawEscapes:
		return i18n.T("client.sendmode.hint.escapes"), true
	case netcore.RawHex:
		return i18n.T("client.sendmode.hint.hex"), true
	}
	return "", false
}

// newSendModeSelect is the Text / Escapes / Hex choice, set to Text.
func newSendModeSelect(onChanged func(netcore.RawMode)) *widget.Select {
	var opts []string
	for _, m := range netcore.RawModes {
		opts = append(opts, sendModeLabel(m))
	}
	s := &widget.Select{Options: opts, Selected: sendModeLabel(netcore.RawText)}
	s.OnChanged = func(string) {
		if onChanged != nil {
			onChanged(sendModeOf(s))
		}
	}
	return s
}

// sendModeOf reads the choice; Text when nothing is chosen.
func sendModeOf(s *widget.Select) netcore.RawMode {
	for _, m := range netcore.RawModes {
		if s.Selected == sendModeLabel(m) {
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
		return nil, &wordedError{text: i18n.T("client.sendmode.invalid", map[string]string{"Mode": sendModeLabel(mode), "Error": err.Error()}), err: err}
	}
	return b, nil
}
