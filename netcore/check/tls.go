package check

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"net"

	"github.com/socketlab/socketlab/netcore/tlslab"
)

// Checking a server that speaks TLS (socketlab serve --tls, or a student's
// server wrapped in TLS): the same rules, each connection through TLS. The
// certificate is checked as connect --tls does: by the fingerprint given,
// else the one seen is reported for the user to compare; never a silent
// "accept anything".

// FingerprintError is why a server was refused before any rule ran: its
// certificate is not the one expected.
type FingerprintError struct {
	Addr string
	Seen string // the fingerprint the server showed
}

func (e *FingerprintError) Error() string {
	return fmt.Sprintf("%s: %v (it showed %s)", e.Addr, tlslab.ErrFingerprintMismatch, e.Seen)
}

// Unwrap lets errors.Is find tlslab.ErrFingerprintMismatch.
func (e *FingerprintError) Unwrap() error { return tlslab.ErrFingerprintMismatch }

// checkTLS reports options that cannot make a TLS check.
func (o Options) checkTLS() error {
	switch {
	case o.Fingerprint != "" && !o.TLS:
		return errors.New("a fingerprint checks a TLS server: turn TLS on")
	case o.TLS && o.UDP:
		return errors.New("TLS needs TCP: UDP has no TLS here")
	case o.Fingerprint != "":
		if _, err := tlslab.ParseFingerprint(o.Fingerprint); err != nil {
			return fmt.Errorf("fingerprint: %w", err)
		}
	}
	return nil
}

// startTLS shakes hands once before the rules: a server whose certificate
// is not the one expected is refused before anything is sent to it. Every
// rule's connection is then pinned to the certificate this handshake saw,
// so one run judges one server even without a fingerprint given. It
// returns the fingerprint seen ("" when there was no handshake: then the
// rules fail and say why, as for a server not started).
func startTLS(ctx context.Context, t *Target) (string, error) {
	pin, err := tlslab.NewPin(t.Opts.Fingerprint)
	if err != nil {
		return "", err
	}
	t.tls = pin.ClientConfig()
	d := net.Dialer{Timeout: dialWait, LocalAddr: t.Opts.LocalAddr}
	raw, err := d.DialContext(ctx, "tcp", t.Addr)
	if err != nil {
		return "", nil
	}
	defer raw.Close()
	_, err = t.wrapTLS(ctx, raw)
	seen := pin.Seen()
	switch {
	case errors.Is(err, tlslab.ErrFingerprintMismatch):
		return seen, &FingerprintError{Addr: t.Addr, Seen: seen}
	case seen != "":
		pinned, err := tlslab.NewPin(seen)
		if err != nil {
			return "", err // cannot happen: seen is a fingerprint Pin wrote
		}
		t.tls = pinned.ClientConfig()
	}
	return seen, nil
}

// wrapTLS is the TLS layer over a probe's socket in a TLS check (raw
// itself otherwise), its handshake done within dialWait.
func (t *Target) wrapTLS(ctx context.Context, raw net.Conn) (net.Conn, error) {
	if t.tls == nil {
		return raw, nil
	}
	hctx, cancel := context.WithTimeout(ctx, dialWait)
	defer cancel()
	c := tls.Client(raw, t.tls)
	if err := c.HandshakeContext(hctx); err != nil {
		raw.Close()
		return nil, err
	}
	return c, nil
}
