package app

import (
	"net/url"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/socketlab/socketlab/assets"
)

// What the About dialog says. The version comes from FyneApp.toml through
// Run; the website is FyneApp.toml's Website too (about_test.go checks
// that the two agree).
const (
	appName        = "Socket Lab"
	appDescription = "Socket-programming exercises for a classroom, with buttons."
	appWebsite     = "https://github.com/socketlab/socketlab"
)

// newMainMenu is the window's menu bar: File → Quit (which closes the
// window the same way as its close button) and Help → About Socket Lab.
func newMainMenu(w fyne.Window, version string) *fyne.MainMenu {
	quit := &fyne.MenuItem{Label: "Quit", IsQuit: true} // Fyne's own action: closes the window
	about := &fyne.MenuItem{Label: "About " + appName, Action: func() { showAbout(w, version) }}
	return fyne.NewMainMenu(
		fyne.NewMenu("File", quit),
		fyne.NewMenu("Help", about),
	)
}

// showAbout shows the app's name, version, what it is for and its website.
func showAbout(w fyne.Window, version string) {
	dialog.ShowCustom("About "+appName, "Close", aboutContent(version), w)
}

func aboutContent(version string) fyne.CanvasObject {
	icon := &widget.Icon{Resource: assets.Icon}
	name := &widget.Label{Text: appName, TextStyle: fyne.TextStyle{Bold: true}, SizeName: theme.SizeNameSubHeadingText}
	site, _ := url.Parse(appWebsite)
	return container.NewVBox(
		container.NewCenter(container.NewGridWrap(fyne.NewSquareSize(64), icon)),
		container.NewCenter(name),
		&widget.Label{Text: "Version " + version, Alignment: fyne.TextAlignCenter},
		&widget.Label{Text: appDescription, Alignment: fyne.TextAlignCenter},
		container.NewCenter(&widget.Hyperlink{Text: appWebsite, URL: site}),
	)
}
