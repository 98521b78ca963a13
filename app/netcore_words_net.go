package app

import (
	"errors"
	"strings"

	"github.com/socketlab/socketlab/app/i18n"
	"github.com/socketlab/socketlab/netcore"
	"github.com/socketlab/socketlab/netcore/reach"
)

// The reachability findings and the network errors' advice netcore gives
// in English (netcore/reach/texts.go, netcore/friendly_texts.go), worded by
// code in the user's language like the rest of netcore_words.go.

// findingText is a "Can my partner reach me?" / doctor finding.
func findingText(f reach.Finding) string {
	return i18n.Keyed(i18n.FamilyReach, f.Code, f.Text, f.Values)
}

// netErrorText is err for the user: the advice of a *netcore.FriendlyError
// in err's chain is worded in the user's language, in place, so a prefix
// or note that wraps it ("…: %w") stays around it; any other error is its
// own text.
func netErrorText(err error) string {
	var fe *netcore.FriendlyError
	if !errors.As(err, &fe) {
		return err.Error()
	}
	english := fe.Error()
	worded := i18n.Keyed(i18n.FamilyNetError, string(fe.Code), english, fe.Values)
	return strings.Replace(err.Error(), english, worded, 1)
}

// netError is err worded by netErrorText for a dialog or a log line,
// still err underneath for errors.Is and errors.As.
func netError(err error) error {
	if err == nil {
		return nil
	}
	return &wordedError{text: netErrorText(err), err: err}
}

// (wordedError is in worded_error.go.)
