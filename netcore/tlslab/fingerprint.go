package tlslab

import (
	"bytes"
	"crypto/sha256"
	"crypto/tls"
	"crypto/x509"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"sync"
)

// Fingerprint is the SHA-256 of a certificate's DER bytes, written as
// openssl x509 -fingerprint -sha256 and browsers show it: upper-case hex
// pairs joined by colons ("3A:F1:...").
func Fingerprint(der []byte) string {
	sum := sha256.Sum256(der)
	return FormatFingerprint(sum[:])
}

// CertFingerprint is Fingerprint of a loaded certificate's leaf.
func CertFingerprint(cert tls.Certificate) string {
	if len(cert.Certificate) == 0 {
		return ""
	}
	return Fingerprint(cert.Certificate[0])
}

// FormatFingerprint writes sum as colon-separated upper-case hex pairs.
func FormatFingerprint(sum []byte) string {
	pairs := make([]string, len(sum))
	for i, b := range sum {
		pairs[i] = fmt.Sprintf("%02X", b)
	}
	return strings.Join(pairs, ":")
}

// ParseFingerprint reads a fingerprint as people copy it: colons, spaces or
// nothing between the pairs, any case, an optional "SHA256:" or
// "sha256 Fingerprint=" in front.
func ParseFingerprint(s string) ([]byte, error) {
	s = strings.TrimSpace(s)
	if i := strings.LastIndexByte(s, '='); i >= 0 {
		s = s[i+1:] // "sha256 Fingerprint=AB:CD:..." as openssl prints it
	}
	if len(s) >= 7 && strings.EqualFold(s[:7], "sha256:") {
		s = s[7:]
	}
	clean := strings.NewReplacer(":", "", " ", "", "-", "").Replace(s)
	sum, err := hex.DecodeString(clean)
	if err != nil || len(sum) != sha256.Size {
		return nil, errors.New("a fingerprint is 32 bytes in hex, as the server shows it (AB:CD:...: 64 hex digits)")
	}
	return sum, nil
}

// ErrFingerprintMismatch is why a client refused a server: its certificate
// is not the one the user was told to expect.
var ErrFingerprintMismatch = errors.New("the server's certificate fingerprint is not the one expected: this may not be your partner's server; not connected")

// Pin checks a server by fingerprint and records the one it saw. With an
// expected fingerprint it refuses any other certificate; without one it
// accepts the server but keeps its fingerprint, which the caller must show
// the user to compare with the partner's screen: never a silent "accept
// anything". One Pin is for one connection.
type Pin struct {
	expected []byte // nil: record only

	mu   sync.Mutex
	seen string
}

// NewPin checks against expected (as ParseFingerprint reads it), or only
// records when expected is "".
func NewPin(expected string) (*Pin, error) {
	if expected == "" {
		return &Pin{}, nil
	}
	sum, err := ParseFingerprint(expected)
	if err != nil {
		return nil, err
	}
	return &Pin{expected: sum}, nil
}

// Checked says whether the pin refuses a certificate other than the expected one.
func (p *Pin) Checked() bool { return p.expected != nil }

// Seen is the fingerprint of the server's certificate once the handshake
// got that far ("" before).
func (p *Pin) Seen() string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.seen
}

// ClientConfig is the client's TLS configuration. Certificate authorities
// and names are not checked (a classroom has no authority, and partners
// type addresses); the fingerprint is, in VerifyPeerCertificate.
func (p *Pin) ClientConfig() *tls.Config {
	return &tls.Config{
		MinVersion:            tls.VersionTLS12,
		InsecureSkipVerify:    true, // replaced by verify: the fingerprint is the check
		VerifyPeerCertificate: p.verify,
	}
}

func (p *Pin) verify(rawCerts [][]byte, _ [][]*x509.Certificate) error {
	if len(rawCerts) == 0 {
		return errors.New("the server sent no certificate")
	}
	sum := sha256.Sum256(rawCerts[0])
	p.mu.Lock()
	p.seen = FormatFingerprint(sum[:])
	p.mu.Unlock()
	if p.expected != nil && !bytes.Equal(sum[:], p.expected) {
		return ErrFingerprintMismatch
	}
	return nil
}
