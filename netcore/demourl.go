package netcore

import "net"

// URL is what a browser opens to play a demo whose client is a browser
// (URLScheme set), SCHEME://HOST:PORT/ for the server at hostport; "" for
// every other demo. Over TLS the scheme gets its "s" (https), as a
// browser must be told. The Server tab's banner and serve both show it.
func (d DemoInfo) URL(hostport string, overTLS bool) string {
	if d.URLScheme == "" {
		return ""
	}
	host, port, err := net.SplitHostPort(hostport)
	if err != nil {
		return ""
	}
	scheme := d.URLScheme
	if overTLS {
		scheme += "s"
	}
	return scheme + "://" + net.JoinHostPort(host, port) + "/"
}
