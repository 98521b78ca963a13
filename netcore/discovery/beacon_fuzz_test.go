package discovery

import (
	"net/netip"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzParseBeacon: whatever arrives, a beacon that is kept names its own
// source, and its texts (settings too) are within their limits and show no invisible or
// control character.
func FuzzParseBeacon(f *testing.F) {
	f.Add([]byte(beaconPrefix+`{"demo":"echo","addr":"127.0.0.2:8000","transport":"tcp","name":"pc"}`), "127.0.0.2")
	f.Add([]byte(beaconPrefix+`{"demo":"echo\u202e","addr":"[::ffff:127.0.0.2]:1","name":"a\u001bb"}`), "127.0.0.2")
	f.Add([]byte(beaconPrefix+`{"demo":"x","addr":"127.0.0.1:80"}`), "127.0.0.3")
	f.Add([]byte(beaconPrefix+`{"demo":"guess","addr":"127.0.0.2:1","settings":{"min":"1","max\u0007":" 20\u202e","":"x","a":"b","c":"d","e":"f","g":"h","i":"j","k":"l"}}`), "127.0.0.2")
	f.Fuzz(func(t *testing.T, datagram []byte, from string) {
		src, err := netip.ParseAddr(from)
		if err != nil {
			return
		}
		a, server, ok := parseBeacon(datagram, src)
		if !ok {
			return
		}
		if server.Addr() != src.Unmap() || a.Addr != server.String() {
			t.Fatalf("kept %q from %v", a.Addr, src)
		}
		type limited struct {
			text string
			max  int
		}
		texts := []limited{{a.Demo, MaxDemoChars}, {a.Name, MaxNameChars}}
		if len(a.Settings) > MaxSettings || (a.Settings != nil && len(a.Settings) == 0) {
			t.Fatalf("kept %d settings", len(a.Settings))
		}
		for k, v := range a.Settings {
			if k == "" {
				t.Fatalf("kept an empty key")
			}
			texts = append(texts, limited{k, MaxSettingKeyChars}, limited{v, MaxSettingValueChars})
		}
		for _, s := range texts {
			if utf8.RuneCountInString(s.text) > s.max || strings.IndexFunc(s.text, invisible) >= 0 || strings.TrimSpace(s.text) != s.text {
				t.Fatalf("unsafe text %q", s.text)
			}
		}
		if a.Demo == "" || (a.Transport != "tcp" && a.Transport != "udp") {
			t.Fatalf("kept %+v", a)
		}
	})
}
