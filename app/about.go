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

// appDescription is what the About dialog says the app is for; the rest it
// shows (name, version, website) comes from FyneApp.toml through Run.
const appDescription = "Socket-programming exercises for a classroom, with buttons."

// newMainMenu is the window's menu bar: File → Quit (which closes the
// window the same way as its close button) and Help → About Socket Lab.
func newMainMenu(w fyne.Window, meta Metadata) *fyne.MainMenu {
	quit := &fyne.MenuItem{Label: "Quit", IsQuit: true} // Fyne's own action: closes the window
	about := &fyne.MenuItem{Label: "About " + meta.Name, Action: func() { showAbout(w, meta) }}
	return fyne.NewMainMenu(
		fyne.NewMenu("File", quit),
		fyne.NewMenu("Help", about),
	)
}

// showAbout shows the app's name, version, what it is for and its website.
func showAbout(w fyne.Window, meta Metadata) {
	dialog.ShowCustom("About "+meta.Name, "Close", aboutContent(meta), w)
}

func aboutContent(meta Metadata) fyne.CanvasObject {
	icon := &widget.Icon{Resource: assets.Icon}
	name := &widget.Label{Text: meta.Name, TextStyle: fyne.TextStyle{Bold: true}, SizeName: theme.SizeNameSubHeadingText}
	site, _ := url.Parse(meta.Website)
	return container.NewVBox(
		container.NewCenter(container.NewGridWrap(fyne.NewSquareSize(64), icon)),
		container.NewCenter(name),
		&widget.Label{Text: "Version " + meta.Version, Alignment: fyne.TextAlignCenter},
		&widget.Label{Text: appDescription, Alignment: fyne.TextAlignCenter},
		container.NewCenter(&widget.Hyperlink{Text: meta.Website, URL: site}),
	)
}
