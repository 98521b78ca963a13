package app

import (
	"net"
	"strconv"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/socketlab/socketlab/netcore"
	"github.com/socketlab/socketlab/netcore/demos"
	"github.com/socketlab/socketlab/netcore/discovery"
)

func buttonTexts(bs []*widget.Button) []string {
	out := make([]string, len(bs))
	for i, b := range bs {
		out[i] = b.Text
	}
	return out
}

func numbersFrom(lo, hi int) []string {
	var out []string
	for n := lo; n <= hi; n++ {
		out = append(out, strconv.Itoa(n))
	}
	return out
}

// The panel's buttons and hints follow the range typed, a bad range is
// refused with a reason, and the range is remembered.
func TestGuessPanelFollowsItsRange(t *testing.T) {
	a := test.NewTempApp(t)
	var sent []string
	p := newGuessPanel(func(s string) { sent = append(sent, s) }, a.Preferences())
	assert.Equal(t, numbersFrom(0, 9), buttonTexts(p.numbers), "the demo's default range")
	assert.Equal(t, "0", p.low.Text)
	assert.Equal(t, "9", p.high.Text)

	p.low.SetText("1")
	p.high.SetText("20")
	assert.Equal(t, guessRange{1, 20}, p.rng)
	assert.Equal(t, numbersFrom(1, 20), buttonTexts(p.numbers))
	assert.True(t, p.keys.Visible())
	assert.Equal(t, "or type a number from 1 to 20", p.other.PlaceHolder)
	assert.True(t, p.numbers[0].Disabled(), "not connected yet")
	p.setSession(1)
	assert.False(t, p.numbers[19].Disabled())
	assert.Equal(t, "The server has picked a secret from 1 to 20. Press a number.", p.explain.Text)
	test.Tap(p.numbers[19])
	assert.Equal(t, []string{"20"}, sent)
	assert.Equal(t, "1", a.Preferences().String(prefGuessMin))
	assert.Equal(t, "20", a.Preferences().String(prefGuessMax))

	// Not a range: said why, and the last good one stays.
	for _, c := range []struct{ low, high, why string }{
		{"1", "x", "Largest must be a whole number"},
		{"30", "20", "must not be larger than the largest"},
		{"-2000000", "20", "Smallest must be a whole number from -1000000 to 1000000"},
	} {
		p.low.SetText(c.low)
		p.high.SetText(c.high)
		assert.True(t, p.rangeNote.Visible(), c)
		assert.Contains(t, p.rangeNote.Text, c.why, c)
		assert.Equal(t, guessRange{1, 20}, p.rng, c)
		assert.Len(t, p.numbers, 20, c)
	}
	p.high.SetText("x")
	assert.Error(t, p.high.Validate(), "the entry is marked too")

	// Wide: no button per number; the typed guess and a hint that halves.
	p.setSession(2) // a new connection: the "20" sent above gets no reply
	p.low.SetText("1")
	p.high.SetText("100")
	assert.False(t, p.rangeNote.Visible())
	assert.Empty(t, p.numbers)
	assert.False(t, p.keys.Visible())
	assert.Equal(t, "type a number from 1 to 100", p.other.PlaceHolder)
	assert.Equal(t, "The server has picked a secret from 1 to 100. Type a number: the middle one halves what is left.", p.explain.Text)
	test.Type(p.other, "50")
	test.Tap(p.otherButton)
	p.received(demos.TooLow)
	assert.Equal(t, "The secret is bigger than 50. It is from 51 to 100.", p.explain.Text)
	p.guess("75")
	p.received(demos.TooHigh)
	assert.Equal(t, "The secret is smaller than 75. It is from 51 to 74.", p.explain.Text)

	// A new panel (the app started again) has the range back.
	again := newGuessPanel(func(string) {}, a.Preferences())
	assert.Equal(t, guessRange{1, 100}, again.rng)
	assert.Equal(t, "100", again.high.Text)
	assert.Empty(t, again.numbers)
}

// The guess server names its range when it does not understand a guess:
// the panel takes it from there.
func TestGuessPanelTakesTheRangeTheServerNames(t *testing.T) {
	a := test.NewTempApp(t)
	p := newGuessPanel(func(string) {}, a.Preferences())
	p.setSession(1)
	p.guess("banana")
	p.received("please send a whole number from 1 to 20")
	assert.Equal(t, guessRange{1, 20}, p.rng)
	assert.Len(t, p.numbers, 20)
	assert.Equal(t, "The server did not understand \"banana\". It picks from 1 to 20: the range is set to that.", p.explain.Text)
	for _, bad := range []string{"please send a whole number from 20 to 1", "please send a whole number from 1 to 20!", "please send a whole number from 1 to 99999999"} {
		p.guess("x")
		p.received(bad)
		assert.Equal(t, guessRange{1, 20}, p.rng, bad)
	}
}

// A discovered guess server hands the panel its range; the Client tab
// describes the demo with it, and a binary search over 1–20 finds the
// secret with the buttons.
func TestDiscoveredGuessServerSetsTheRange(t *testing.T) {
	a := test.NewTempApp(t)
	ui := newTestPump(t)
	srv, _ := startDemoServer(t, "guess", func(c *netcore.Config) {
		c.Demo, _ = demos.New("guess", demos.Values{"min": "1", "max": "20"}, nil)
	})
	addr := srv.Addr().String()
	h := newClientHarness(t, a, ui, quickDiscovery())
	h.selectDemo("guess")
	p := activePanel[*guessPanel](h)
	require.Equal(t, guessRange{0, 9}, get(h, func() guessRange { return p.rng }))
	assert.Contains(t, get(h, func() string { return h.tab.demoDesc.Text }), "from 0 to 9")

	// A hostile server's settings that are not a range change nothing.
	liar, _ := startDemoServer(t, "guess", nil)
	stopLiar := announceTo(t, h, discovery.Announcement{Demo: "guess", Addr: liar.Addr().String(), Transport: "tcp", Settings: map[string]string{"min": "5", "max": "\x1b[2J"}})
	h.eventually(func() bool { return len(h.tab.discovery.rows.Objects) == 1 })
	h.ui.run(func() { test.Tap(findButton(t, h.tab.discovery.rows, "Connect")) })
	h.waitStatus("connected to " + liar.Addr().String())
	assert.Equal(t, guessRange{0, 9}, get(h, func() guessRange { return p.rng }))
	stopLiar()
	h.eventually(func() bool { return len(h.tab.discovery.rows.Objects) == 0 }, "the liar drops out")

	announceTo(t, h, discovery.Announcement{Demo: "guess", Addr: addr, Transport: "tcp", Settings: map[string]string{"min": "1", "max": "20"}})
	h.eventually(func() bool { return len(h.tab.discovery.rows.Objects) == 1 })
	h.ui.run(func() { test.Tap(findButton(t, h.tab.discovery.rows, "Connect")) })
	h.waitStatus("connected to " + addr)
	assert.Equal(t, guessRange{1, 20}, get(h, func() guessRange { return p.rng }))
	assert.Equal(t, []string{"1", "20"}, get(h, func() []string { return []string{p.low.Text, p.high.Text} }))
	assert.Contains(t, get(h, func() string { return h.tab.demoDesc.Text }), "The server thinks of a number from 1 to 20.")
	h.eventually(func() bool { return strings.Contains(p.explain.Text, "from 1 to 20") })

	lo, hi := 1, 20
	for tries := 1; ; tries++ {
		require.LessOrEqual(t, tries, 5, "binary search over 1–20 needs at most 5 tries")
		mid := (lo + hi) / 2
		h.ui.run(func() { test.Tap(p.numbers[mid-1]) })
		h.eventually(func() bool { return len(p.history.lines) == tries })
		switch reply := get(h, func() string { return p.reply.Text }); reply {
		case demos.TooLow:
			lo = mid + 1
		case demos.TooHigh:
			hi = mid - 1
		case demos.FoundSecret:
			return
		default:
			t.Fatalf("unexpected reply %q", reply)
		}
	}
}

// The Server tab describes guess with the range typed into its settings,
// and the server it starts says the same.
func TestServerDescriptionFollowsTheGuessRange(t *testing.T) {
	h := newServerHarness(t)
	h.selectDemo("guess")
	assert.Contains(t, h.tab.demoDesc.Text, "The server thinks of a number from 0 to 9.")
	h.tab.settings.entry("guess", "min").SetText("1")
	h.tab.settings.entry("guess", "max").SetText("20")
	assert.Contains(t, h.tab.demoDesc.Text, "The server thinks of a number from 1 to 20.")
	h.tab.settings.entry("guess", "max").SetText("twenty")
	assert.Contains(t, h.tab.demoDesc.Text, "from 1 to 9", "a bad value shows the default until it is fixed")
	h.tab.settings.entry("guess", "max").SetText("20")

	b, err := discovery.Browse("127.0.0.1:0", 3*time.Second)
	require.NoError(t, err)
	defer b.Close()
	h.tab.discoveryPort = b.Addr().(*net.UDPAddr).Port
	h.tab.announce.SetChecked(true)
	port := h.start()
	assert.Equal(t, "1 to 20", guessRangeOf(h.tab.run.srv.Config().Demo.Info()))
	want := "127.0.0.1:" + strconv.Itoa(port)
	var found []discovery.Found
	h.eventually(func() bool { found = b.Found(); return len(found) == 1 && found[0].Addr == want }, "the browser hears the server")
	assert.Equal(t, map[string]string{"min": "1", "max": "20"}, found[0].Settings, "the announcement carries the range")
	h.stop()
}

func guessRangeOf(info netcore.DemoInfo) string {
	return info.Value("min") + " to " + info.Value("max")
}
