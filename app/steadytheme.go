package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
)

// steadyTheme shows Content in theme th, as container.ThemeOverride does,
// but gives it a theme scope once and for all. Fyne gives an override a
// new scope each time it is refreshed or its renderer is made again (a
// minute after it was last drawn), and keeps the fonts it parses for each
// scope for good: its font cache is keyed by scope and emptied only when
// the app's theme changes. That is tens of MB for each refresh of a
// container holding an override; clicking through the demos refreshes
// them all the time, which is how the app reached 1.5 GB in 15 minutes of
// class (docs/benchmarks.md). Rows that lists create later take their
// list's scope, so nothing here needs the theme again; content that gains
// children later (a panel swapped in) must bring its own override.
type steadyTheme struct {
	widget.BaseWidget
	Content fyne.CanvasObject
}

func newSteadyTheme(content fyne.CanvasObject, th fyne.Theme) *steadyTheme {
	// The override is made only to theme content; it is never shown,
	// refreshed or rendered, so it never picks a scope again.
	container.NewThemeOverride(content, th)
	s := &steadyTheme{Content: content}
	s.ExtendBaseWidget(s)
	return s
}

func (s *steadyTheme) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(s.Content)
}

// Refresh refreshes the content, keeping its scope.
func (s *steadyTheme) Refresh() { s.Content.Refresh() }
