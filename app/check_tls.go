package app

import "github.com/socketlab/socketlab/netcore/check"

// checkTLSNote is what a finished TLS check adds under its summary: the
// certificate the server showed, as the Client tab's Connect shows it, so
// an unchecked one is compared with the partner's screen, never silently
// accepted. "" for a check without TLS or without a handshake.
func checkTLSNote(rep check.Report) string {
	switch {
	case rep.TLSFingerprint == "":
		return ""
	case rep.TLSChecked:
		return "\nTLS: the server's certificate is the one expected (" + rep.TLSFingerprint + ")"
	}
	return "\nTLS: the server's certificate fingerprint (SHA-256) is " + rep.TLSFingerprint +
		". Compare it with the one on your partner's screen: if they differ, this is not your partner's server. To have it checked, paste it into Fingerprint."
}
