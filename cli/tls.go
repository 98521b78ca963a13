package cli

import (
	"crypto/tls"
	"errors"
	"fmt"

	"github.com/socketlab/socketlab/netcore/tlslab"
)

// The TLS lesson on the command line: serve --tls and connect --tls
// [--fingerprint HEX]. Both sides show the certificate's fingerprint, which
// partners compare between their screens: the check a certificate
// authority would make, done by people.

// serverTLS loads (or makes, the first time) the certificate kept in the
// user's config directory.
func serverTLS() (cfg *tls.Config, fingerprint string, err error) {
	dir, err := tlslab.DefaultDir()
	if err != nil {
		return nil, "", err
	}
	cert, err := tlslab.LoadOrCreate(dir)
	if err != nil {
		return nil, "", err
	}
	return tlslab.ServerConfig(cert), tlslab.CertFingerprint(cert), nil
}

// fingerprintLines are what serve --tls prints under "listening on".
func fingerprintLines(fp string) []string {
	return []string{
		"TLS on: certificate fingerprint (SHA-256) " + fp,
		"clients check it with: socketlab connect --tls --fingerprint " + fp + " HOST:PORT",
	}
}

// clientPin is the check connect --tls makes: by fingerprint when one was
// given, else record only, to be shown on stderr.
func clientPin(fingerprint string) (*tlslab.Pin, error) {
	pin, err := tlslab.NewPin(fingerprint)
	if err != nil {
		return nil, fmt.Errorf("--fingerprint: %w", err)
	}
	return pin, nil
}

// seenLines tell the user which certificate the server showed: to compare
// when it was not checked, or why the connection was refused.
func seenLines(pin *tlslab.Pin, dialErr error) []string {
	seen := pin.Seen()
	switch {
	case seen == "":
		return nil
	case errors.Is(dialErr, tlslab.ErrFingerprintMismatch):
		return []string{"the server showed the certificate " + seen}
	case dialErr != nil:
		return nil
	case pin.Checked():
		return []string{"TLS: the server's certificate is the one expected (" + seen + ")"}
	}
	return []string{
		"TLS: the server's certificate fingerprint (SHA-256) is " + seen,
		"TLS: compare it with the one on your partner's screen; to have it checked, connect with --fingerprint " + seen,
	}
}
