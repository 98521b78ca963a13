package app

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// The tabs override the app's theme in a few places, each by one setting:
// status colours that read on white, tighter padding in lists, a large
// banner. Each override embeds the theme it changes and overrides only
// that method, as Fyne's fyne_demo does (forceVariantTheme).

// liveTheme is the app's theme as it is at each call, so an override
// follows a theme change made while the window is open. It is the one
// type here that forwards every method.
type liveTheme struct{}

func current() fyne.Theme { return fyne.CurrentApp().Settings().Theme() }

func (liveTheme) Color(n fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	return current().Color(n, v)
}
func (liveTheme) Font(s fyne.TextStyle) fyne.Resource     { return current().Font(s) }
func (liveTheme) Icon(n fyne.ThemeIconName) fyne.Resource { return current().Icon(n) }
func (liveTheme) Size(n fyne.ThemeSizeName) float32       { return current().Size(n) }

// readableStatusTheme darkens the light theme's success, warning and error
// colours: as text on white the defaults are too pale (green and orange at
// under 2:1). Dark stays as it is; its defaults read well on dark grey.
type readableStatusTheme struct{ fyne.Theme }

// Light-theme status colours at about 5:1 against white.
var (
	statusSuccessLight = color.NRGBA{R: 0x1e, G: 0x7b, B: 0x34, A: 0xff}
	statusWarningLight = color.NRGBA{R: 0x9a, G: 0x58, B: 0x00, A: 0xff}
	statusErrorLight   = color.NRGBA{R: 0xc6, G: 0x28, B: 0x28, A: 0xff}
)

func (t readableStatusTheme) Color(n fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	if v == theme.VariantLight {
		switch n {
		case theme.ColorNameSuccess:
			return statusSuccessLight
		case theme.ColorNameWarning:
			return statusWarningLight
		case theme.ColorNameError:
			return statusErrorLight
		}
	}
	return t.Theme.Color(n, v)
}

// sizeTheme changes one size of the theme it embeds; size is at Normal
// text size and grows with the app's text size (textsize.go).
type sizeTheme struct {
	fyne.Theme
	name fyne.ThemeSizeName
	size float32
}

func (t sizeTheme) Size(n fyne.ThemeSizeName) float32 {
	if n == t.name {
		return t.size * appTextScale()
	}
	return t.Theme.Size(n)
}

// compactInnerPadding is the label padding inside log, call and transcript
// rows.
const compactInnerPadding = 3

// readableTheme is the app's theme with readable status colours: the
// Client tab, the clients list, the findings dialog.
func readableTheme() fyne.Theme { return readableStatusTheme{liveTheme{}} }

// compactTheme tightens label padding so a list shows about half again as
// many rows, with readable status colours so "listening" or "closed" can
// be read; everything else comes from the app's theme, so light and dark
// still apply.
func compactTheme() fyne.Theme {
	return sizeTheme{Theme: readableTheme(), name: theme.SizeNameInnerPadding, size: compactInnerPadding}
}

// bannerTheme makes heading text large enough to read across a classroom.
func bannerTheme() fyne.Theme {
	return sizeTheme{Theme: liveTheme{}, name: theme.SizeNameHeadingText, size: 40}
}
