// Package app is the Socket Lab window: a Server tab and a Client tab. It
// turns netcore events into widgets and clicks into netcore calls, and does
// no networking of its own.
package app

import (
	"fyne.io/fyne/v2"
	fyneapp "fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/container"

	"github.com/socketlab/socketlab/assets"
)

// AppID names the app for preferences and packaging (as in FyneApp.toml).
const AppID = "io.github.socketlab.socketlab"

// Preference keys for the window.
const (
	prefWindowWidth  = "window.width"
	prefWindowHeight = "window.height"
)

// Run opens the window and returns when it is closed.
func Run(version string) {
	a := fyneapp.NewWithID(AppID)
	a.SetIcon(assets.Icon)
	w := NewMainWindow(a, version)
	w.ShowAndRun()
}

// NewMainWindow builds the window with both tabs. Closing it stops the
// server and disconnects the client before the app quits.
func NewMainWindow(a fyne.App, version string) fyne.Window {
	w := a.NewWindow("Socket Lab")
	w.SetIcon(assets.Icon)

	server := newServerTab(a, w)
	client := newClientTab(a, w)
	tabs := container.NewAppTabs(
		container.NewTabItem("Server", server.content),
		container.NewTabItem("Client", client.content),
	)
	w.SetContent(tabs)

	prefs := a.Preferences()
	w.Resize(fyne.NewSize(
		float32(prefs.FloatWithFallback(prefWindowWidth, 1100)),
		float32(prefs.FloatWithFallback(prefWindowHeight, 720)),
	))
	w.SetCloseIntercept(func() {
		size := w.Canvas().Size()
		prefs.SetFloat(prefWindowWidth, float64(size.Width))
		prefs.SetFloat(prefWindowHeight, float64(size.Height))
		server.shutdown()
		client.shutdown()
		w.Close()
	})
	_ = version
	return w
}
