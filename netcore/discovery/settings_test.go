package discovery

import (
	"fmt"
	"net"
	"net/netip"
	"strings"
	"testing"
	"time"

	"github.com/socketlab/socketlab/netcore/demos"
	"github.com/socketlab/socketlab/netcore/internal/nettest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestBeaconSettingsRoundTrip(t *testing.T) {
	src := netip.MustParseAddr("127.0.0.2")
	sent := Announcement{Demo: "guess", Addr: "127.0.0.2:11267", Transport: "tcp", Settings: map[string]string{"min": "1", "max": "20"}}
	datagram, err := encodeBeacon(sent)
	require.NoError(t, err)
	assert.Contains(t, string(datagram), `"settings":{"max":"20","min":"1"}`)
	got, _, ok := parseBeacon(datagram, src)
	require.True(t, ok)
	assert.True(t, got.Equal(sent), "%+v", got)

	// Without settings the field stays out, so the beacon is byte for byte
	// what older versions send and expect.
	plain, err := encodeBeacon(Announcement{Demo: "echo", Addr: "127.0.0.2:8000", Transport: "tcp", Settings: map[string]string{}})
	require.NoError(t, err)
	assert.Equal(t, beaconPrefix+`{"demo":"echo","addr":"127.0.0.2:8000","transport":"tcp","name":""}`, string(plain))
	got, _, ok = parseBeacon(plain, src)
	require.True(t, ok)
	assert.Nil(t, got.Settings)

	// A settings value of the wrong JSON type makes the beacon unreadable,
	// like any other malformed one.
	_, _, ok = parseBeacon([]byte(beaconPrefix+`{"demo":"guess","addr":"127.0.0.2:1","settings":{"min":1}}`), src)
	assert.False(t, ok)
	_, _, ok = parseBeacon([]byte(beaconPrefix+`{"demo":"guess","addr":"127.0.0.2:1","settings":["min"]}`), src)
	assert.False(t, ok)
}

func TestCleanSettings(t *testing.T) {
	assert.Nil(t, cleanSettings(nil))
	assert.Nil(t, cleanSettings(map[string]string{"\x1b\u200b": "x", "": "y"}), "no key left after cleaning")
	got := cleanSettings(map[string]string{
		"min\x1b[2J":             "1\r\n",
		"welcome":                "hi \u202eolleh\u2066 there\x07",
		"a-very-long-key-indeed": strings.Repeat("ΩΩΩΩ", 20),
	})
	assert.Equal(t, map[string]string{
		"min[2J":           "1",
		"welcome":          "hi olleh there",
		"a-very-long-key-": strings.Repeat("Ω", MaxSettingValueChars),
	}, got, "controls and bidi marks dropped, keys and values cut by characters")

	// Two keys that clean to the same: the first in sorted order stays,
	// whatever Go's map order.
	for range 20 {
		assert.Equal(t, map[string]string{"min": "a"}, cleanSettings(map[string]string{"min": "a", "min\x00": "b", "mi\u200bn": "c"}))
	}

	many := map[string]string{}
	for i := range 1000 {
		many[fmt.Sprintf("k%04d", i)] = "v"
	}
	got = cleanSettings(many)
	require.Len(t, got, MaxSettings)
	for i := range MaxSettings {
		assert.Contains(t, got, fmt.Sprintf("k%04d", i), "the first keys in sorted order are kept")
	}
}

// A hostile beacon: a thousand settings do not fit in a datagram a listener
// reads, so it is ignored whole; as many as fit are cut to MaxSettings and
// cleaned, and the beacon is still listed.
func TestHostileBeaconSettings(t *testing.T) {
	b := browse(t, time.Minute, defaultLimits)
	f := newForger(t, b, "127.0.0.2")
	thousand := map[string]string{}
	for i := range 1000 {
		thousand[fmt.Sprintf("k%d", i)] = "\x1b[2J"
	}
	f.send(beacon(Announcement{Demo: "guess", Addr: "127.0.0.2:8000", Transport: "tcp", Settings: thousand}))
	crowd := map[string]string{}
	for i := range 60 {
		crowd[fmt.Sprintf("%02d\x07", i)] = "\x1b[2J\u200b"
	}
	require.Less(t, len(beacon(Announcement{Demo: "guess", Addr: "127.0.0.2:8001", Transport: "tcp", Settings: crowd})), MaxBeaconBytes)
	f.send(beacon(Announcement{Demo: "guess", Addr: "127.0.0.2:8001", Transport: "tcp", Settings: crowd}))
	f.marker(b, 9)

	assert.Nil(t, listed(b, "127.0.0.2:8000"), "over MaxBeaconBytes: ignored")
	got := listed(b, "127.0.0.2:8001")
	require.NotNil(t, got)
	require.Len(t, got.Settings, MaxSettings)
	for k, v := range got.Settings {
		assert.Regexp(t, `^[0-9]{2}$`, k)
		assert.Equal(t, "[2J", v)
	}
}

// What does not fit in a beacon a listener reads is left out: the settings
// go first, the last key first.
func TestEncodeBeaconDropsSettingsToFit(t *testing.T) {
	wide := map[string]string{}
	for i := range MaxSettings {
		// < is written as \u003c in JSON: six bytes a character.
		wide[fmt.Sprintf("key%d%s", i, strings.Repeat("<", 11))] = strings.Repeat("<", 40)
	}
	datagram, err := encodeBeacon(Announcement{Demo: "guess", Addr: "127.0.0.2:8000", Transport: "tcp", Name: strings.Repeat("<", 80), Settings: wide})
	require.NoError(t, err)
	assert.LessOrEqual(t, len(datagram), MaxBeaconBytes)
	got, _, ok := parseBeacon(datagram, netip.MustParseAddr("127.0.0.2"))
	require.True(t, ok, "the beacon is heard")
	assert.NotEmpty(t, got.Settings)
	assert.Less(t, len(got.Settings), MaxSettings)
	assert.Contains(t, got.Settings, "key0"+strings.Repeat("<", 11), "the first keys stay")
}

// A server announces the settings its demo runs with; a secret is never
// among them.
func TestAnnounceServerCarriesSettings(t *testing.T) {
	b := browse(t, AnnounceEvery*5, defaultLimits)
	guess := nettest.StartServer(t, "127.0.0.1", nettest.Config(t, "guess", demos.Values{"min": " 1", "max": "20"}))
	pw := nettest.StartServer(t, "127.0.0.1", nettest.Config(t, "password", demos.Values{"password": "hunter2", "attempts": "5"}))
	port := b.Addr().(*net.UDPAddr).Port
	for _, ts := range []*nettest.Server{guess, pw} {
		an, _, err := AnnounceServer(ts.Config(), ts.Addr(), port)
		require.NoError(t, err)
		defer an.Stop()
	}
	nettest.WaitFor(t, "both servers to be listed", func() bool {
		return listed(b, guess.HostPort) != nil && listed(b, pw.HostPort) != nil
	})
	assert.Equal(t, map[string]string{"min": "1", "max": "20"}, listed(b, guess.HostPort).Settings)
	assert.Equal(t, map[string]string{"attempts": "5"}, listed(b, pw.HostPort).Settings)
}
