package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// shortcutEntry is an Entry that offers the shortcuts it gets to the tab
// first. Fyne hands every shortcut to the focused widget and an Entry drops
// the ones it does not know, so without this Ctrl+1 (send saved message 1)
// would do nothing while the student types in the send box, where it is
// pressed most.
type shortcutEntry struct {
	widget.Entry
	// tab handles a shortcut and says so; the entry gets the rest.
	tab func(fyne.Shortcut) bool
}

func newShortcutEntry(tab func(fyne.Shortcut) bool) *shortcutEntry {
	e := &shortcutEntry{tab: tab}
	e.ExtendBaseWidget(e)
	return e
}

// TypedShortcut implements fyne.Shortcutable.
func (e *shortcutEntry) TypedShortcut(s fyne.Shortcut) {
	if e.tab != nil && e.tab(s) {
		return
	}
	e.Entry.TypedShortcut(s)
}
