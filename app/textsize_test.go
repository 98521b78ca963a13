package app

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.uber.org/goleak"
)

func textScaleIndex(t *testing.T, f float32) int {
	t.Helper()
	for i, s := range textScales {
		if s.factor == f {
			return i
		}
	}
	t.Fatalf("no text size step %v", f)
	return 0
}

// Every size of the theme grows with the text size, the tabs' own fixed
// sizes too, widgets measure larger, and Normal brings Fyne's theme back.
func TestTextSizeScalesEverySize(t *testing.T) {
	a := test.NewTempApp(t)
	base := theme.DefaultTheme()
	label := func() fyne.Size { return widget.NewLabel("Start server").MinSize() }
	before := label()

	setTextScale(a, textScaleIndex(t, 1.5))
	th := a.Settings().Theme()
	for _, n := range []fyne.ThemeSizeName{theme.SizeNameText, theme.SizeNamePadding, theme.SizeNameInlineIcon, theme.SizeNameHeadingText} {
		assert.InDelta(t, base.Size(n)*1.5, th.Size(n), 0.01, "%s at 150 %%", n)
	}
	assert.InDelta(t, compactInnerPadding*1.5, compactTheme().Size(theme.SizeNameInnerPadding), 0.01, "the lists' padding")
	assert.InDelta(t, 60, bannerTheme().Size(theme.SizeNameHeadingText), 0.01, "the banner's heading")
	assert.InDelta(t, base.Size(theme.SizeNameText)*1.5, readableTheme().Size(theme.SizeNameText), 0.01, "the Client tab's theme")
	after := label()
	assert.Greater(t, after.Height, before.Height*1.4, "a label is taller at 150 %")
	assert.Greater(t, after.Width, before.Width*1.4, "a label is wider at 150 %")
	assert.InDelta(t, 1.5, a.Preferences().Float(prefTextScale), 0.001, "kept in the preferences")

	setTextScale(a, 0)
	assert.Equal(t, float32(1), appTextScale())
	assert.Equal(t, base.Size(theme.SizeNameText), a.Settings().Theme().Size(theme.SizeNameText))
	assert.Equal(t, before, label())
}

func TestTextSizeStepsAndPreferences(t *testing.T) {
	a := test.NewTempApp(t)
	setTextScale(a, -1)
	assert.Equal(t, 0, savedTextScale(a), "below the smallest step")
	setTextScale(a, 99)
	assert.Equal(t, len(textScales)-1, savedTextScale(a), "past the largest step")

	// A value from elsewhere (edited by hand) picks the nearest step.
	assert.Equal(t, textScaleIndex(t, 1.25), nearestTextScale(1.3))
	assert.Equal(t, len(textScales)-1, nearestTextScale(3))
	assert.Equal(t, 0, nearestTextScale(0.2))

	// The next start applies what was kept.
	a.Preferences().SetFloat(prefTextScale, 1.75)
	a.Settings().SetTheme(theme.DefaultTheme())
	applySavedTextScale(a)
	assert.Equal(t, float32(1.75), appTextScale())
}

// The View menu's items step the size and tick the one in use.
func TestTextSizeMenu(t *testing.T) {
	a := test.NewTempApp(t)
	refreshed := 0
	items := textSizeMenuItems(a, func() { refreshed++ })
	byLabel := map[string]*fyne.MenuItem{}
	for _, it := range items {
		byLabel[it.Label] = it
	}
	steps := byLabel[itemTextSize()].ChildMenu.Items
	ticked := func() string {
		var on []string
		for _, it := range steps {
			if it.Checked {
				on = append(on, it.Label)
			}
		}
		require.Len(t, on, 1, "one size is ticked")
		return on[0]
	}
	assert.Equal(t, "Normal (100 %)", ticked())
	byLabel[itemTextLarger()].Action()
	byLabel[itemTextLarger()].Action()
	assert.Equal(t, "Larger (150 %)", ticked())
	assert.Equal(t, float32(1.5), appTextScale())
	byLabel[itemTextSmaller()].Action()
	assert.Equal(t, "Large (125 %)", ticked())
	steps[len(steps)-1].Action()
	assert.Equal(t, "Largest (200 %)", ticked())
	byLabel[itemTextNormal()].Action()
	assert.Equal(t, "Normal (100 %)", ticked())
	assert.Equal(t, 5, refreshed, "the menu is redrawn after each change")
}

// At the largest text the window still opens within the smallest
// classroom screens: the tabs scroll instead of growing the window.
func TestLargestTextStillFitsSmallScreens(t *testing.T) {
	ignore := goleak.IgnoreCurrent()
	a := test.NewTempApp(t)
	setTextScale(a, len(textScales)-1)
	ui := newTestPump(t)
	w := test.NewWindow(nil)
	m := newMainTabs(a, w, ui.uiPump, withDiscovery("127.0.0.1:0", discoveryTTL, discoveryEvery))
	w.SetContent(m.tabs)
	for _, sc := range []struct {
		w, h  int
		scale float32
	}{{1024, 600, 1}, {1366, 768, 1.5}} {
		room := fitWindowSize(defaultWindowSize, fyne.Size{}, sc.w, sc.h, sc.scale, true)
		room.Height -= menuBarHeight
		for i := range m.tabs.Items {
			m.tabs.SelectIndex(i)
			need := w.Content().MinSize()
			assert.LessOrEqual(t, need.Width, room.Width, "%dx%d: tab %d is wider than the screen at 200 %% text", sc.w, sc.h, i)
			assert.LessOrEqual(t, need.Height, room.Height, "%dx%d: tab %d is taller than the screen at 200 %% text", sc.w, sc.h, i)
		}
		// And the content does need the scroll: it is larger than at 100 %.
		assert.Greater(t, tabContent(m.tabs.Items[0]).MinSize().Height, room.Height, "the Server tab scrolls at 200 %%")
	}
	m.shutdown()
	w.Close()
	goleak.VerifyNone(t, ignore)
}

// Fields sized for their content (the client's port and host) grow with
// the text, so five digits still show at 200 %.
func TestScaledWidthGrowsWithText(t *testing.T) {
	a := test.NewTempApp(t)
	box := newScaledWidth(90, widget.NewEntry())
	assert.Equal(t, float32(90), box.MinSize().Width)
	setTextScale(a, textScaleIndex(t, 2))
	assert.Equal(t, float32(180), box.MinSize().Width)
	wide := newScaledWidth(10, widget.NewLabel("a label much wider than ten units"))
	assert.Greater(t, wide.MinSize().Width, float32(20), "never narrower than what it holds")
}
