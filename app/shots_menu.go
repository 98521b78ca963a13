//go:build screenshots

package app

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
)

// The screenshots hook's "menu LABEL" command: runs the main menu's item
// with that label (in a submenu too), as a click or its shortcut would, so
// scripts/screenshots.sh can open Help → Keyboard shortcuts or pick a text
// size.
func init() {
	shotsCommands["menu"] = shotsCommand{"menu LABEL", 1, 1, (*shotsDriver).menu}
}

func (d *shotsDriver) menu(args []string) (string, error) {
	return "", d.onUI(func() error {
		mm := d.win.MainMenu()
		if mm == nil {
			return fmt.Errorf("the window has no main menu")
		}
		var labels []string
		var found *fyne.MenuItem
		var walk func(items []*fyne.MenuItem)
		walk = func(items []*fyne.MenuItem) {
			for _, it := range items {
				if it.IsSeparator {
					continue
				}
				labels = append(labels, it.Label)
				if it.Label == args[0] && it.Action != nil && found == nil {
					found = it
				}
				if it.ChildMenu != nil {
					walk(it.ChildMenu.Items)
				}
			}
		}
		for _, m := range mm.Items {
			walk(m.Items)
		}
		if found == nil {
			return fmt.Errorf("no menu item %q; items: %s", args[0], strings.Join(labels, ", "))
		}
		found.Action()
		return nil
	})
}
