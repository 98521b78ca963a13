package discovery

import (
	"bytes"
	"encoding/json"
	"maps"
	"net/netip"
	"slices"
	"strings"
	"time"
)

// A beacon is one UDP datagram: beaconPrefix, then the Announcement as
// JSON. Its limits are what a listener enforces; docs/protocols.md has
// them for people.
const (
	// beaconPrefix starts every announcement, so stray datagrams are ignored.
	beaconPrefix = "SOCKETLAB/1 "
	// MaxBeaconBytes is the largest datagram read as a beacon; a larger
	// one is ignored whole.
	MaxBeaconBytes = 2048
	// MaxDemoChars and MaxNameChars are how many characters of the demo
	// and computer names are kept (after cleaning).
	MaxDemoChars = 32
	MaxNameChars = 64
)

// Announcement says which server is where.
type Announcement struct {
	Demo      string `json:"demo"`
	Addr      string `json:"addr"`      // host:port to connect to; the host is the beacon's source
	Transport string `json:"transport"` // tcp or udp
	Name      string `json:"name"`      // the computer's name, for people
	// TLS says the server speaks TLS (the TLS lesson), so a list can show
	// it and a client knows to connect with TLS. TCP only; left out of the
	// JSON when false, so plain beacons are as before.
	TLS bool `json:"tls,omitempty"`
	// Settings are the running demo's settings by key ("min": "1"), at
	// most MaxSettings, cleaned and cut (cleanSettings); left out of the
	// JSON when empty, so other beacons are as before. Never changed once
	// made: listeners share it.
	Settings map[string]string `json:"settings,omitempty"`
}

// Found is an announcement heard, with when it was last heard.
type Found struct {
	Announcement
	LastSeen time.Time
}

// encodeBeacon is the datagram that announces a, its texts cleaned and cut
// as a listener would, so that what is sent is what is shown.
func encodeBeacon(a Announcement) ([]byte, error) {
	a.Demo = cleanText(a.Demo, MaxDemoChars)
	a.Name = cleanText(a.Name, MaxNameChars)
	a.Settings = cleanSettings(a.Settings)
	for {
		msg, err := json.Marshal(a)
		if err != nil {
			return nil, err
		}
		datagram := append([]byte(beaconPrefix), msg...)
		if len(datagram) <= MaxBeaconBytes || len(a.Settings) == 0 {
			return datagram, nil
		}
		// Too long to be heard (wide characters, escapes): settings are
		// the extra, so they go, the last key first, until it fits.
		a.Settings = maps.Clone(a.Settings)
		delete(a.Settings, slices.Max(slices.Collect(maps.Keys(a.Settings))))
		if len(a.Settings) == 0 {
			a.Settings = nil
		}
	}
}

// parseBeacon reads a datagram that came from src. It keeps a beacon only
// if the address it names is src itself (anyone can write any address into
// a datagram, but not easily send from an address that is not theirs), and
// returns it cleaned, with the server it names as a key.
func parseBeacon(datagram []byte, src netip.Addr) (Announcement, netip.AddrPort, bool) {
	text, ok := bytes.CutPrefix(datagram, []byte(beaconPrefix))
	if !ok || len(datagram) > MaxBeaconBytes {
		return Announcement{}, netip.AddrPort{}, false
	}
	var a Announcement
	if json.Unmarshal(text, &a) != nil {
		return Announcement{}, netip.AddrPort{}, false
	}
	named, err := netip.ParseAddrPort(a.Addr)
	src = src.Unmap()
	if err != nil || named.Addr().Unmap() != src || named.Port() == 0 {
		return Announcement{}, netip.AddrPort{}, false
	}
	server := netip.AddrPortFrom(src, named.Port())
	a.Addr = server.String()
	a.Demo = cleanText(a.Demo, MaxDemoChars)
	a.Name = cleanText(a.Name, MaxNameChars)
	a.Settings = cleanSettings(a.Settings)
	switch strings.ToLower(a.Transport) {
	case "", "tcp":
		a.Transport = "tcp"
	case "udp":
		a.Transport = "udp"
		a.TLS = false // no TLS over UDP here: the flag would send clients astray
	default:
		return Announcement{}, netip.AddrPort{}, false
	}
	if a.Demo == "" {
		return Announcement{}, netip.AddrPort{}, false
	}
	return a, server, true
}
