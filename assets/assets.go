// Package assets holds the files bundled into the binary.
package assets

import (
	_ "embed"

	"fyne.io/fyne/v2"
)

//go:embed icon.png
var iconPNG []byte

// Icon is the app icon, shown in the window title bar and task switcher.
var Icon = fyne.NewStaticResource("icon.png", iconPNG)
