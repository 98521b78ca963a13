// Package app is the Socket Lab window: a Server tab, a Client tab and a
// Lessons tab that retells both as socket calls. It turns netcore events
// into widgets and clicks into netcore calls, and does no networking of its
// own.
package app

import (
	"fyne.io/fyne/v2"
	fyneapp "fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/container"

	"github.com/socketlab/socketlab/app/i18n"
	"github.com/socketlab/socketlab/assets"
)

// Preference keys for the window.
const (
	prefWindowWidth  = "window.width"
	prefWindowHeight = "window.height"
)

// Run opens the window and returns when it is closed; meta is FyneApp.toml.
func Run(meta Metadata) {
	collectSooner()
	a := fyneapp.NewWithID(meta.ID)
	a.SetIcon(assets.Icon)
	// Before any text is worded: the language chosen in the app, or the
	// system's (language_menu.go).
	i18n.Use(a.Preferences().String(prefLanguage))
	applySavedTextScale(a)
	w := NewMainWindow(a, meta)
	// Once the window exists its scale is known, and the screen can be
	// asked: a first start, or a size remembered from a larger screen,
	// then fits.
	a.Lifecycle().SetOnStarted(func() { fitToScreen(w, rememberedSize(a.Preferences())) })
	w.ShowAndRun()
}

// startShotsHook lets scripts/screenshots.sh drive the window by widget
// names. It is nil except in builds with the screenshots tag
// (shots_hook.go), so the app people run never has it.
var startShotsHook func(w fyne.Window, m *mainTabs)

// NewMainWindow builds the window with its three tabs. Closing it stops the
// server (and its announcer) and disconnects the client before the app
// quits.
func NewMainWindow(a fyne.App, meta Metadata) fyne.Window {
	w := a.NewWindow(meta.Name)
	w.SetIcon(assets.Icon)

	m := newMainTabs(a, w, newUIPump(fyne.Do))
	w.SetContent(m.tabs)
	w.SetMainMenu(m.addKeyboardMenus(a, newMainMenu(w, meta)))
	if startShotsHook != nil {
		startShotsHook(w, m)
	}

	prefs := a.Preferences()
	w.Resize(rememberedSize(prefs))
	w.SetCloseIntercept(func() {
		m.closeWindow(func() {
			size := w.Canvas().Size()
			prefs.SetFloat(prefWindowWidth, float64(size.Width))
			prefs.SetFloat(prefWindowHeight, float64(size.Height))
			m.shutdown()
			w.Close()
		})
	})
	return w
}

// rememberedSize is the window's size when it was last closed, or the
// default; fitToScreen shrinks it to the screen.
func rememberedSize(prefs fyne.Preferences) fyne.Size {
	return fyne.NewSize(
		float32(prefs.FloatWithFallback(prefWindowWidth, float64(defaultWindowSize.Width))),
		float32(prefs.FloatWithFallback(prefWindowHeight, float64(defaultWindowSize.Height))),
	)
}

// scrollWhenSmall lets a tab scroll as a whole in a window smaller than
// its layout (a screen smaller than smallestScreen, or a larger font), so
// every button stays reachable and the window's minimum size stays small.
// In a window large enough it fills the window and shows no scroll bars.
func scrollWhenSmall(content fyne.CanvasObject) fyne.CanvasObject {
	return container.NewScroll(content)
}

// tabContent is what a tab shows, inside scrollWhenSmall's scroll.
func tabContent(it *container.TabItem) fyne.CanvasObject {
	if s, ok := it.Content.(*container.Scroll); ok {
		return s.Content
	}
	return it.Content
}

// mainTabs is the window's content: the three tabs, wired together, and
// the pump that brings their work to the UI goroutine.
type mainTabs struct {
	win     fyne.Window
	tabs    *container.AppTabs
	pump    *uiPump
	server  *serverTab
	client  *clientTab
	lessons *lessonsFeed
}

// newMainTabs builds the tabs, whose work reaches the UI goroutine through
// pump; shutdown stops it.
func newMainTabs(a fyne.App, w fyne.Window, pump *uiPump, clientOpts ...clientOption) *mainTabs {
	m := &mainTabs{
		win:     w,
		pump:    pump,
		server:  newServerTab(a, w, pump),
		client:  newClientTab(a, w, pump, clientOpts...),
		lessons: newLessonsFeed(pump),
	}
	// Both tabs tell the Lessons tab everything that happens, so it can
	// show the two programs' calls side by side.
	m.server.onEvent = m.lessons.ServerEvent
	m.client.onEvent = m.lessons.ClientEvent
	clientItem := container.NewTabItem(i18n.T("tab.client"), scrollWhenSmall(m.client.content))
	lessons := container.NewTabItem(i18n.T("tab.lessons"), scrollWhenSmall(m.lessons.content))
	m.tabs = container.NewAppTabs(
		container.NewTabItem(i18n.T("tab.server"), scrollWhenSmall(m.server.content)),
		clientItem,
		lessons,
	)
	// The Lessons tab builds its calls only while it is shown, and all that
	// waits the moment it is selected.
	m.lessons.shown = func() bool { return m.tabs.Selected() == lessons }
	m.tabs.OnSelected = func(it *container.TabItem) {
		if it == lessons {
			m.lessons.slot.markDirty()
		}
	}
	m.client.addSavedShortcuts(w.Canvas(), func() bool { return m.tabs.Selected() == clientItem })
	return m
}

// shutdown stops the server and its announcer, disconnects the client and
// stops the pump. It may block briefly while connections end.
func (m *mainTabs) shutdown() {
	m.server.shutdown()
	m.client.shutdown()
	// Last: the tabs above may still hand it their final work, which no
	// one will see now.
	m.pump.stop()
}
