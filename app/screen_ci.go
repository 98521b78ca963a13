//go:build ci

package app

// screenWorkArea: Fyne's test driver (ci tag) has no screen, so the window
// keeps the size it asks for.
func screenWorkArea() (width, height int, ok bool) { return 0, 0, false }
