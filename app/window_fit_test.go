package app

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.uber.org/goleak"

	"github.com/socketlab/socketlab/app/i18n"
	"github.com/socketlab/socketlab/netcore/demos"
)

// menuBarHeight is room for the File/Help bar that Fyne's desktop driver
// draws inside the window on Linux and Windows (the test driver has none).
const menuBarHeight = 30

// The window fits the smallest classroom screens with every tab laid out
// whole, without its scroll bars: a 1024×600 netbook at scale 1 and a
// 1366×768 laptop at 150 %, less the window's decorations and menu bar.
// Every demo panel of the Client tab is tried, since each has its own
// minimum.
func TestWindowMinimumFitsSmallScreens(t *testing.T) {
	screens := []struct {
		name  string
		w, h  int
		scale float32
	}{
		{"1024x600", 1024, 600, 1},
		{"1366x768 at 150%", 1366, 768, 1.5},
	}
	// In every language: a translation longer than English (German most
	// often) must not push the window past a small screen.
	for _, lang := range i18n.Languages {
		for _, sc := range screens {
			t.Run(lang.Code+"/"+sc.name, func(t *testing.T) {
				useLanguage(t, lang.Code)
				fitsSmallScreen(t, sc.name, sc.w, sc.h, sc.scale)
			})
		}
	}
}

// fitsSmallScreen checks every tab, and the Client tab with every demo's
// panel, on a screen of w×h pixels at scale.
func fitsSmallScreen(t *testing.T, name string, width, height int, scale float32) {
	ignore := goleak.IgnoreCurrent()
	a := test.NewTempApp(t)
	ui := newTestPump(t)
	w := test.NewWindow(nil)
	m := newMainTabs(a, w, ui.uiPump, withDiscovery("127.0.0.1:0", discoveryTTL, discoveryEvery))
	w.SetContent(m.tabs)
	room := fitWindowSize(defaultWindowSize, fyne.Size{}, width, height, scale, true)
	room.Height -= menuBarHeight
	w.Resize(room)

	check := func(what string, i int) {
		t.Helper()
		m.tabs.SelectIndex(i)
		// Twice: wrapped labels measure at the width they got.
		w.Resize(room.AddWidthHeight(1, 1))
		w.Resize(room)
		item := m.tabs.Items[i]
		need, have := tabContent(item).MinSize(), item.Content.Size()
		assert.LessOrEqual(t, need.Width, have.Width, "%s: %s is wider than the window", name, what)
		assert.LessOrEqual(t, need.Height, have.Height, "%s: %s is taller than the window", name, what)
	}
	check("the Server tab", 0)
	for _, d := range demos.All() {
		m.client.selectDemo(d.Name)
		check("the Client tab with the "+d.Name+" panel", 1)
	}
	check("the Lessons tab", 2)

	// However small the window, the tabs scroll: its minimum fits.
	minSize := m.tabs.MinSize()
	require.LessOrEqual(t, minSize.Width, float32(width)/scale)
	require.LessOrEqual(t, minSize.Height+menuBarHeight, float32(height)/scale)

	m.shutdown()
	ui.drain()
	w.Close()
	goleak.VerifyNone(t, ignore)
}

// A first start, or a size remembered from a larger screen, opens no
// larger than the screen's work area at the window's scale, and never
// below the content's minimum; with no screen known the size is kept.
func TestFitWindowSize(t *testing.T) {
	want := fyne.NewSize(1100, 720)
	small := fyne.NewSize(100, 80)
	assert.Equal(t, fyne.NewSize(1008, 560), fitWindowSize(want, small, 1024, 600, 1, true))
	assert.Equal(t, fyne.NewSize(900, 485.33334), fitWindowSize(want, small, 1366, 768, 1.5, true))
	assert.Equal(t, want, fitWindowSize(want, small, 1920, 1080, 1, true))
	assert.Equal(t, want, fitWindowSize(want, small, 0, 0, 1, false), "no screen known")
	assert.Equal(t, fyne.NewSize(500, 400), fitWindowSize(want, fyne.NewSize(500, 400), 320, 240, 1, true),
		"never below the minimum")
}
