// Command minimalfyne is the smallest Fyne window there is, a label, so
// bench/app can set the app's memory next to what Fyne itself costs on the
// same display and drivers.
package main

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/widget"
)

func main() {
	a := app.NewWithID("org.socketlab.bench.minimal")
	w := a.NewWindow("Minimal Fyne")
	w.SetContent(widget.NewLabel("Hello"))
	w.Resize(fyne.NewSize(1100, 720)) // the size the Socket Lab window opens at
	w.ShowAndRun()
}
