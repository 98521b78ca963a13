package app

import (
	"net"
	"strconv"

	"github.com/socketlab/socketlab/app/i18n"
	"github.com/socketlab/socketlab/netcore"
)

// bannerURL is what the banner shows for a demo a browser plays (http):
// the URL to open, http://192.168.0.105:8080/, rather than an address to
// type into a socket client; "" for every other demo.
func bannerURL(d netcore.DemoInfo, host string, port int, overTLS bool) string {
	return d.URL(net.JoinHostPort(host, strconv.Itoa(port)), overTLS)
}

// bannerURLNote tells the class what to do with that URL.
func bannerURLNote(url string) string {
	return i18n.T("server.banner.url.note", map[string]string{"URL": url})
}
