package discovery

import (
	"maps"
	"slices"

	"github.com/socketlab/socketlab/netcore"
)

// An announcement may carry the running demo's settings (a guess server's
// range), so a Client tab that connects from the list can fill them in:
// nothing on the wire tells a client how a server is set. These bound what
// a beacon can make a listener keep and show.
const (
	// MaxSettings is how many settings a beacon keeps; the rest are
	// dropped, the first keys in sorted order kept.
	MaxSettings = 8
	// MaxSettingKeyChars and MaxSettingValueChars are how many characters
	// of a setting's key and value are kept (after cleaning).
	MaxSettingKeyChars   = 16
	MaxSettingValueChars = 32
)

// announcedSettings are what a server announces of its demo's settings:
// the values it runs with. A made demo's Info never holds a secret.
func announcedSettings(info netcore.DemoInfo) map[string]string {
	return cleanSettings(info.Values)
}

// cleanSettings makes settings from the network (or about to go on it) safe
// to keep and show: keys and values cleaned like the other texts and cut,
// entries with an empty key dropped, at most MaxSettings kept (in sorted
// order of the keys as given, so the choice does not depend on Go's map
// order; when two keys clean to the same, the first stays). Nil when none
// is left, so the JSON field stays out.
func cleanSettings(in map[string]string) map[string]string {
	var out map[string]string
	for _, k := range slices.Sorted(maps.Keys(in)) {
		if len(out) == MaxSettings {
			break
		}
		key := cleanText(k, MaxSettingKeyChars)
		if key == "" {
			continue
		}
		if _, dup := out[key]; dup {
			continue
		}
		if out == nil {
			out = map[string]string{}
		}
		out[key] = cleanText(in[k], MaxSettingValueChars)
	}
	return out
}

// Equal reports whether a and b announce the same thing: Announcement holds
// a map, so == does not compare it.
func (a Announcement) Equal(b Announcement) bool {
	return a.Demo == b.Demo && a.Addr == b.Addr && a.Transport == b.Transport &&
		a.Name == b.Name && a.TLS == b.TLS && maps.Equal(a.Settings, b.Settings)
}
