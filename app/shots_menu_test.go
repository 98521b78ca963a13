//go:build screenshots

package app

import (
	"testing"

	"fyne.io/fyne/v2"
	"github.com/stretchr/testify/assert"
)

// "menu LABEL" runs the items scripts/screenshots.sh uses: the shortcuts
// dialog and the text sizes; an unknown label lists the ones there are.
func TestShotsMenu(t *testing.T) {
	h := newShotsHarness(t)
	h.ui.run(func() {
		h.win.SetMainMenu(h.tabs.addKeyboardMenus(fyne.CurrentApp(), newMainMenu(h.win, Metadata{Name: "Socket Lab"})))
	})
	t.Cleanup(func() { h.ui.run(func() { setTextScale(fyne.CurrentApp(), 0) }) })

	h.fails("menu No such item", "Keyboard shortcuts")
	h.ok("menu Keyboard shortcuts")
	h.ok("dialog wait 5")
	assert.Contains(t, onUI(h, func() string { return overlayText(h.win) }), shortcutsIntro())
	h.ok("dialog close")

	h.ok("menu Larger (150 %)")
	assert.Equal(t, float32(1.5), onUI(h, appTextScale))
	h.ok("menu Normal (100 %)")
	assert.Equal(t, float32(1), onUI(h, appTextScale))
}
