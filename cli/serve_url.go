package cli

import (
	"net"

	"github.com/socketlab/socketlab/netcore"
)

// serveURLLines are what serve prints under its address for a demo a
// browser plays (http): the URL to open, https over TLS. A server on every
// interface has no one URL (0.0.0.0 is not an address to open), so each
// address it is reachable at gets its own. nil for every other demo.
func serveURLLines(d netcore.DemoInfo, addr string, reachable []string, overTLS bool) []string {
	if d.URLScheme == "" {
		return nil
	}
	at := []string{addr}
	if host, _, err := net.SplitHostPort(addr); err == nil && isWildcard(host) {
		at = reachable
	}
	var out []string
	for _, a := range at {
		if url := d.URL(a, overTLS); url != "" {
			out = append(out, "open "+url+" in a web browser")
		}
	}
	return out
}
