package app

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"github.com/socketlab/socketlab/app/i18n"
)

// keyPlus goes between the keys of a chord: Ctrl+R. The modifier names
// are worded (German keyboards say Strg and Umschalt).
const keyPlus = "+"

// shortcutText is how a person reads a shortcut: "Ctrl+Shift+R".
func shortcutText(s *desktop.CustomShortcut) string {
	var parts []string
	if s.Modifier&fyne.KeyModifierControl != 0 {
		parts = append(parts, i18n.T("views.keys.ctrl"))
	}
	if s.Modifier&fyne.KeyModifierSuper != 0 {
		parts = append(parts, i18n.T("views.keys.cmd"))
	}
	if s.Modifier&fyne.KeyModifierAlt != 0 {
		parts = append(parts, i18n.T("views.keys.alt"))
	}
	if s.Modifier&fyne.KeyModifierShift != 0 {
		parts = append(parts, i18n.T("views.keys.shift"))
	}
	key := string(s.KeyName)
	if s.KeyName == fyne.KeyReturn {
		key = i18n.T("views.keys.enter")
	}
	return strings.Join(append(parts, key), keyPlus)
}

// allKeyActions are the shortcuts the dialog lists, in the menus' order.
func (m *mainTabs) allKeyActions(a fyne.App) []keyAction {
	var out []keyAction
	out = append(out, m.serverActions()...)
	out = append(out, m.clientActions()...)
	out = append(out, m.viewActions()...)
	for _, it := range textSizeMenuItems(a, func() {}) {
		if s, ok := it.Shortcut.(*desktop.CustomShortcut); ok {
			out = append(out, keyAction{label: it.Label, key: s, run: it.Action})
		}
	}
	return append(out, m.helpActions(a)...)
}

func (m *mainTabs) helpActions(a fyne.App) []keyAction {
	return []keyAction{{itemShortcuts(), ctrl(fyne.KeySlash), func() { m.showShortcuts(a) }}}
}

// showShortcuts lists every shortcut, and how Tab, Space and Enter work.
func (m *mainTabs) showShortcuts(a fyne.App) {
	dialog.ShowCustom(itemShortcuts(), i18n.T("dialog.close"), m.shortcutsContent(a), m.win)
}

// shortcutsSize is the dialog's list area, in Fyne units: it fits the
// smallest classroom screen whatever the text size, and scrolls.
var shortcutsSize = fyne.NewSize(560, 420)

func (m *mainTabs) shortcutsContent(a fyne.App) fyne.CanvasObject {
	var cells []fyne.CanvasObject
	for _, k := range m.allKeyActions(a) {
		cells = append(cells,
			&widget.Label{Text: shortcutText(k.key), TextStyle: fyne.TextStyle{Bold: true}},
			widget.NewLabel(k.label))
	}
	scroll := container.NewVScroll(container.NewVBox(
		&widget.Label{Text: shortcutsIntro(), Wrapping: fyne.TextWrapWord},
		widget.NewLabel(shortcutsEverywhere()),
		container.New(layout.NewFormLayout(), cells...),
	))
	scroll.SetMinSize(shortcutsSize)
	return scroll
}
