package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"github.com/socketlab/socketlab/app/i18n"
)

// Text size, for a projector at the back of the room or for low vision: the
// View menu scales every size of the app's theme (text, icons, padding), as
// FYNE_SCALE does, but from inside the app and kept in the preferences. It
// is the app's theme that changes, so every override here (liveTheme,
// steadyTheme, the banner) follows it, and Fyne empties its font cache
// once, as for any theme change. Tabs scroll as a whole when the larger
// layout outgrows the window (scrollWhenSmall), so the window still fits
// the screen.

const prefTextScale = "view.textscale"

// textScale is one step of the Text size menu; name words it.
type textScale struct {
	factor float32
	name   func() string
}

// textScales are the steps, smallest first; the percentage is added to
// their names.
var textScales = []textScale{
	{1, func() string { return i18n.T("views.textsize.normal") }},
	{1.25, func() string { return i18n.T("views.textsize.large") }},
	{1.5, func() string { return i18n.T("views.textsize.larger") }},
	{1.75, func() string { return i18n.T("views.textsize.verylarge") }},
	{2, func() string { return i18n.T("views.textsize.largest") }},
}

// Texts of the Text size menu, worded when the menu is built.
func itemTextSize() string    { return i18n.T("views.textsize.menu") }
func itemTextLarger() string  { return i18n.T("views.textsize.up") }
func itemTextSmaller() string { return i18n.T("views.textsize.down") }
func itemTextNormal() string  { return i18n.T("views.textsize.reset") }

// scaledTheme is a theme with every size multiplied by scale.
type scaledTheme struct {
	fyne.Theme
	scale float32
}

func (t scaledTheme) Size(n fyne.ThemeSizeName) float32 { return t.Theme.Size(n) * t.scale }

// textScaleOf is the scale theme th applies: 1 unless it is a scaledTheme.
func textScaleOf(th fyne.Theme) float32 {
	if s, ok := th.(scaledTheme); ok {
		return s.scale
	}
	return 1
}

// appTextScale is the scale of the app's theme now; the fixed sizes of the
// tabs' own overrides (sizeTheme) are multiplied by it.
func appTextScale() float32 { return textScaleOf(current()) }

// nearestTextScale is the step closest to f (a preference from another
// version, or edited by hand), so the menu always has one ticked.
func nearestTextScale(f float32) int {
	best := 0
	for i, s := range textScales {
		if abs32(s.factor-f) < abs32(textScales[best].factor-f) {
			best = i
		}
	}
	return best
}

func abs32(f float32) float32 {
	if f < 0 {
		return -f
	}
	return f
}

// savedTextScale is the step the preferences hold.
func savedTextScale(a fyne.App) int {
	return nearestTextScale(float32(a.Preferences().FloatWithFallback(prefTextScale, 1)))
}

// applyTextScale makes step i the app's theme. Normal puts back Fyne's own
// theme, so a user at 100 % runs exactly what ran before this setting.
func applyTextScale(a fyne.App, i int) {
	f := textScales[i].factor
	if f == 1 {
		a.Settings().SetTheme(theme.DefaultTheme())
		return
	}
	a.Settings().SetTheme(scaledTheme{Theme: theme.DefaultTheme(), scale: f})
}

// applySavedTextScale applies the saved step when it is not Normal; Run
// calls it before the window is made.
func applySavedTextScale(a fyne.App) {
	if i := savedTextScale(a); textScales[i].factor != 1 {
		applyTextScale(a, i)
	}
}

// setTextScale applies step i (clamped to the steps there are) and keeps
// it in the preferences.
func setTextScale(a fyne.App, i int) {
	i = max(0, min(i, len(textScales)-1))
	a.Preferences().SetFloat(prefTextScale, float64(textScales[i].factor))
	applyTextScale(a, i)
}

func textScaleLabel(s textScale) string {
	return i18n.T("views.textsize.step", map[string]any{"Name": s.name(), "Percent": int(s.factor*100 + 0.5)})
}

// textSizeMenuItems are the View menu's text size items: a submenu with a
// tick on the size in use, and Ctrl+= / Ctrl+- / Ctrl+0 to step; refresh
// redraws the menu after a change.
func textSizeMenuItems(a fyne.App, refresh func()) []*fyne.MenuItem {
	steps := make([]*fyne.MenuItem, len(textScales))
	tick := func() {
		cur := savedTextScale(a)
		for i, it := range steps {
			it.Checked = i == cur
		}
	}
	set := func(i int) {
		setTextScale(a, i)
		tick()
		refresh()
	}
	for i, s := range textScales {
		steps[i] = &fyne.MenuItem{Label: textScaleLabel(s), Action: func() { set(i) }}
	}
	tick()
	sub := &fyne.MenuItem{Label: itemTextSize(), ChildMenu: fyne.NewMenu("", steps...)}
	return []*fyne.MenuItem{
		sub,
		{Label: itemTextLarger(), Shortcut: ctrl(fyne.KeyEqual), Action: func() { set(savedTextScale(a) + 1) }},
		{Label: itemTextSmaller(), Shortcut: ctrl(fyne.KeyMinus), Action: func() { set(savedTextScale(a) - 1) }},
		{Label: itemTextNormal(), Shortcut: ctrl(fyne.Key0), Action: func() { set(0) }},
	}
}
