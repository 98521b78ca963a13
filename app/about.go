package app

import (
	"net/url"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/socketlab/socketlab/app/i18n"
	"github.com/socketlab/socketlab/assets"
)

// newMainMenu is the window's menu bar: File → Quit (which closes the
// window the same way as its close button), View → Language… and Help →
// About Socket Lab.
func newMainMenu(w fyne.Window, meta Metadata) *fyne.MainMenu {
	quit := &fyne.MenuItem{Label: i18n.T("menu.file.quit"), IsQuit: true} // Fyne's own action: closes the window
	about := &fyne.MenuItem{Label: i18n.T("menu.help.about", meta), Action: func() { showAbout(w, meta) }}
	return fyne.NewMainMenu(
		fyne.NewMenu(i18n.T("menu.file"), quit),
		fyne.NewMenu(i18n.T("menu.view"), newLanguageMenuItem(w, meta)),
		fyne.NewMenu(i18n.T("menu.help"), about),
	)
}

// showAbout shows the app's name, version, what it is for and its website;
// the name, version and website come from FyneApp.toml through Run.
func showAbout(w fyne.Window, meta Metadata) {
	dialog.ShowCustom(i18n.T("about.title", meta), i18n.T("dialog.close"), aboutContent(meta), w)
}

func aboutContent(meta Metadata) fyne.CanvasObject {
	icon := &widget.Icon{Resource: assets.Icon}
	name := &widget.Label{Text: meta.Name, TextStyle: fyne.TextStyle{Bold: true}, SizeName: theme.SizeNameSubHeadingText}
	site, _ := url.Parse(meta.Website)
	return container.NewVBox(
		container.NewCenter(container.NewGridWrap(fyne.NewSquareSize(64), icon)),
		container.NewCenter(name),
		&widget.Label{Text: i18n.T("about.version", meta), Alignment: fyne.TextAlignCenter},
		&widget.Label{Text: i18n.T("about.description"), Alignment: fyne.TextAlignCenter},
		container.NewCenter(&widget.Hyperlink{Text: meta.Website, URL: site}),
	)
}
