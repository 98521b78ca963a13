package cli

import (
	"errors"
	"fmt"

	"github.com/socketlab/socketlab/netcore/check"
)

// check --tls [--fingerprint HEX]: the rules through TLS, the certificate
// checked as connect --tls checks it. A refused certificate is the user's
// input not matching the server, so it exits 2 like a usage error, with
// the fingerprint the server showed.

// checkTLSSeen prints, on stderr, the certificate each TLS server showed:
// to compare with the server's screen, or as the one expected.
func checkTLSSeen(env Env, reports []check.Report) {
	for _, r := range reports {
		switch {
		case r.TLSFingerprint == "":
		case r.TLSChecked:
			fmt.Fprintf(env.Stderr, "TLS %s: the server's certificate is the one expected (%s)\n", r.Addr, r.TLSFingerprint)
		default:
			fmt.Fprintf(env.Stderr, "TLS %s: the server's certificate fingerprint (SHA-256) is %s\n", r.Addr, r.TLSFingerprint)
			fmt.Fprintf(env.Stderr, "TLS %s: compare it with the one on the server's screen; to have it checked, check with --fingerprint %s\n", r.Addr, r.TLSFingerprint)
		}
	}
}

// refusedServers prints each server refused for its certificate and
// returns the reports of the others; refused is false when none was.
func refusedServers(env Env, reports []check.Report, err error) (rest []check.Report, refused bool) {
	gone := map[string]bool{}
	for _, e := range unjoin(err) {
		var fe *check.FingerprintError
		if errors.As(e, &fe) {
			gone[fe.Addr] = true
			fmt.Fprintf(env.Stderr, "socketlab: refused %s: its certificate is not the one given with --fingerprint; no rule was run\n", fe.Addr)
			fmt.Fprintf(env.Stderr, "socketlab: the server showed the certificate %s\n", fe.Seen)
		}
	}
	for _, r := range reports {
		if !gone[r.Addr] {
			rest = append(rest, r)
		}
	}
	return rest, len(gone) > 0
}

// unjoin lists the errors errors.Join put together (err alone otherwise).
func unjoin(err error) []error {
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		return j.Unwrap()
	}
	if err == nil {
		return nil
	}
	return []error{err}
}
