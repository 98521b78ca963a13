package discovery

import (
	"net"
	"net/netip"
	"os"
	"strconv"
	"time"

	"github.com/socketlab/socketlab/netcore"
)

// AnnounceEvery is how often a running server announces itself; listeners
// forget a server they have not heard from for a few of these.
const AnnounceEvery = time.Second

// AnnounceServer announces a started server to discoveryPort (Port in a
// classroom), every AnnounceEvery, from every interface it serves. It is the
// one path shared by the Server tab's "Announce" box and `socketlab serve
// --announce`, so both announce alike. It also returns the address a partner
// types, for the "announced as ..." line.
func AnnounceServer(cfg netcore.Config, bound net.Addr, discoveryPort int) (*Announcer, string, error) {
	host, _, _ := net.SplitHostPort(cfg.Addr)
	ann, err := Announce(ServiceFor(cfg, bound), Routes(host, discoveryPort), AnnounceEvery)
	if err != nil {
		return nil, "", err
	}
	return ann, PartnerAddr(cfg, bound), nil
}

// ServiceFor is what a server says about itself. Each beacon names the
// address it is sent from (Routes: one per interface served), so that a
// listener can tell a genuine beacon from a forged one.
func ServiceFor(cfg netcore.Config, bound net.Addr) Service {
	name, _ := os.Hostname()
	return Service{
		Demo:      cfg.Demo.Info().Name,
		Port:      netcore.PortOf(bound),
		Transport: cfg.Network,
		Name:      name,
		TLS:       cfg.TLS != nil,
		Settings:  announcedSettings(cfg.Demo.Info()),
	}
}

// PartnerAddr is the address a partner types, as on the Server tab's
// banner: a server on every interface gives its best LAN address (its
// beacons name every address it serves).
func PartnerAddr(cfg netcore.Config, bound net.Addr) string {
	host, _, _ := net.SplitHostPort(cfg.Addr)
	if ip, err := netip.ParseAddr(host); host == "" || (err == nil && ip.IsUnspecified()) {
		host = netcore.BestLANAddress()
	}
	return net.JoinHostPort(host, strconv.Itoa(netcore.PortOf(bound)))
}
