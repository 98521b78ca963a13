//go:build !ci

package app

import "github.com/go-gl/glfw/v3.4/glfw"

// screenWorkArea is the primary monitor's work area (the screen less
// panels and docks, where the window manager says so) in pixels. Fyne's
// desktop driver runs on GLFW and has initialised it by the time the window
// exists; like every GLFW monitor call it must run on the main goroutine
// (fitToScreen is called from the app's OnStarted, which does). GLFW is the
// same package Fyne links, at the version go.mod pins for Fyne.
func screenWorkArea() (width, height int, ok bool) {
	m := glfw.GetPrimaryMonitor()
	if m == nil {
		return 0, 0, false
	}
	_, _, width, height = m.GetWorkarea()
	if width <= 0 || height <= 0 {
		if mode := m.GetVideoMode(); mode != nil {
			width, height = mode.Width, mode.Height
		}
	}
	return width, height, width > 0 && height > 0
}
