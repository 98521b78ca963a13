package app

import "fyne.io/fyne/v2"

// Fitting the window to the screen. Fyne has no public call for the
// monitor's size, so screenWorkArea (screen_glfw.go) asks GLFW, the library
// Fyne's desktop driver runs on, for the primary monitor's work area; the
// test driver (ci tag) has no screen and keeps the size asked for.

// Window sizes, in Fyne units (pixels at scale 1).
var (
	// defaultWindowSize is what a first start opens at when the screen
	// has room for it.
	defaultWindowSize = fyne.NewSize(1100, 720)
	// smallestScreen is the smallest screen the layout must fit without
	// scrolling, in Fyne units: a 1366×768 laptop at 150 % (a 1024×600
	// netbook at 100 % is larger in these units).
	smallestScreen = fyne.NewSize(1366/1.5, 768/1.5)
)

// windowDecoration is room left on the screen, in screen pixels, for the
// window manager's title bar and borders, which GLFW cannot tell before the
// window is mapped.
const (
	decorationWidth  = 16
	decorationHeight = 40
)

// fitWindowSize is want made to fit a work area of screenW×screenH
// pixels shown at scale (Fyne units times scale are pixels), never smaller
// than minSize; ok false (no screen known) keeps want.
func fitWindowSize(want, minSize fyne.Size, screenW, screenH int, scale float32, ok bool) fyne.Size {
	if !ok || screenW <= 0 || screenH <= 0 {
		return want
	}
	if scale <= 0 {
		scale = 1
	}
	room := fyne.NewSize(
		float32(screenW-decorationWidth)/scale,
		float32(screenH-decorationHeight)/scale,
	)
	return fyne.NewSize(
		max(min(want.Width, room.Width), minSize.Width),
		max(min(want.Height, room.Height), minSize.Height),
	)
}

// fitToScreen resizes w to fit the screen it opens on: the remembered or
// default size, shrunk to the work area at the window's scale. It runs on
// the UI (main) goroutine once the window exists, when the scale is known.
func fitToScreen(w fyne.Window, want fyne.Size) {
	sw, sh, ok := screenWorkArea()
	min := w.Content().MinSize()
	w.Resize(fitWindowSize(want, min, sw, sh, w.Canvas().Scale(), ok))
}
