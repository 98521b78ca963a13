package app

import (
	"runtime"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/stretchr/testify/assert"
)

// liveHeapMB is the live heap after a collection.
func liveHeapMB() float64 {
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return float64(ms.HeapAlloc) / (1 << 20)
}

// refreshGrowth is how much the live heap grows over rounds refreshes of
// an override made by wrap, each drawn.
func refreshGrowth(t *testing.T, wrap func(fyne.CanvasObject) fyne.CanvasObject) float64 {
	w := test.NewWindow(nil)
	defer w.Close()
	o := wrap(container.NewVBox(widget.NewLabel("plain"), &widget.Label{Text: "mono", TextStyle: fyne.TextStyle{Monospace: true}}))
	w.SetContent(o)
	w.Canvas().Capture()
	start := liveHeapMB()
	for range 10 {
		o.Refresh()
		w.Canvas().Capture()
	}
	return liveHeapMB() - start
}

// Refreshing a steadyTheme keeps its memory: a container.ThemeOverride
// makes Fyne parse and keep its fonts again on every refresh, which took
// the app to 1.5 GB in a class. The plain override is measured too, so the
// test shows it would see the leak.
func TestSteadyThemeRefreshKeepsMemory(t *testing.T) {
	test.NewTempApp(t)
	leaky := refreshGrowth(t, func(c fyne.CanvasObject) fyne.CanvasObject { return container.NewThemeOverride(c, compactTheme()) })
	steady := refreshGrowth(t, func(c fyne.CanvasObject) fyne.CanvasObject { return newSteadyTheme(c, compactTheme()) })
	t.Logf("10 refreshes: ThemeOverride +%.1f MB live heap, steadyTheme %+.1f MB", leaky, steady)
	assert.Less(t, steady, 5.0, "steadyTheme's refreshes keep memory")
	assert.Greater(t, leaky, 5*max(steady, 1), "the yardstick no longer leaks: Fyne fixed it, and steadyTheme may go")
}
