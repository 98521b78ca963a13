package app

import (
	"image/color"
	"math"
	"strings"
	"testing"

	"github.com/socketlab/socketlab/netcore/reach"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestShowFindingsOneRowPerFinding(t *testing.T) {
	test.NewTempApp(t)
	w := test.NewWindow(nil)
	defer w.Close()
	w.Resize(fyne.NewSize(1000, 700))
	findings := []reach.Finding{
		{Severity: reach.Good, Text: "works"},
		{Severity: reach.Note, Text: "worth knowing"},
		{Severity: reach.Warning, Text: "likely to stop the partner"},
		{Severity: reach.Problem, Text: "will stop the partner"},
	}
	showFindings(w, "Can my partner reach me?", findings)
	top := w.Canvas().Overlays().Top()
	require.NotNil(t, top, "a dialog is shown")
	text := overlayText(w)
	for _, f := range findings {
		assert.Contains(t, text, f.Text)
	}
	assert.Contains(t, text, "Can my partner reach me?")

	// Each severity has its word and colour; the sentence wraps in the
	// normal text colour.
	for _, c := range []struct {
		word string
		imp  widget.Importance
	}{
		{"OK", widget.SuccessImportance},
		{"Note", widget.HighImportance},
		{"Warning", widget.WarningImportance},
		{"Problem", widget.DangerImportance},
	} {
		l := findVisibleLabel(top, c.word)
		require.NotNil(t, l, c.word)
		assert.Equal(t, c.imp, l.Importance, c.word)
		assert.True(t, l.TextStyle.Bold, c.word)
	}
	sentence := findVisibleLabel(top, "will stop the partner")
	assert.Equal(t, fyne.TextWrapWord, sentence.Wrapping)
	assert.Equal(t, widget.MediumImportance, sentence.Importance)
	assert.GreaterOrEqual(t, sentence.Size().Width, float32(300), "wide enough to read, not a column of words")

	// A long sentence wraps instead of widening the dialog past the window.
	top.Hide()
	long := reach.Finding{Severity: reach.Warning, Text: "The server listens on loopback (this computer only), so no other laptop can reach it: pick your Wi-Fi or Ethernet interface, or All interfaces, and start again."}
	showFindings(w, "x", []reach.Finding{long})
	l := findVisibleLabel(w.Canvas().Overlays().Top(), "loopback")
	require.NotNil(t, l)
	assert.LessOrEqual(t, l.Size().Width, float32(findingsWidth))
	assert.Greater(t, l.Size().Height, l.MinSize().Height/2, "laid out over lines")
}

func TestShowFindingsNothing(t *testing.T) {
	test.NewTempApp(t)
	w := test.NewWindow(nil)
	defer w.Close()
	showFindings(w, "x", nil)
	assert.Contains(t, overlayText(w), "Nothing to report")
}

func TestSeverityIcons(t *testing.T) {
	test.NewTempApp(t)
	// Coloured by the theme's status colours, and four different shapes.
	names := map[string]bool{}
	for s, colour := range map[reach.Severity]string{
		reach.Good:    "success_",
		reach.Note:    "primary_",
		reach.Warning: "warning_",
		reach.Problem: "error_",
	} {
		icon, _, _ := severityLook(s)
		assert.True(t, strings.HasPrefix(icon.Name(), colour), "%s: %s", s, icon.Name())
		names[strings.TrimPrefix(icon.Name(), colour)] = true
	}
	assert.Len(t, names, 4)
}

// The light theme's status colours are darkened to be readable as text on
// white; dark keeps the theme's own.
func TestReadableStatusTheme(t *testing.T) {
	test.NewTempApp(t)
	th := readableTheme()
	for _, n := range []fyne.ThemeColorName{theme.ColorNameSuccess, theme.ColorNameWarning, theme.ColorNameError} {
		light := th.Color(n, theme.VariantLight)
		assert.GreaterOrEqual(t, wcagContrast(light, color.White), 4.5, string(n))
		assert.Equal(t, fyne.CurrentApp().Settings().Theme().Color(n, theme.VariantDark), th.Color(n, theme.VariantDark), string(n))
	}
}

// wcagContrast is the WCAG contrast ratio of two colours.
func wcagContrast(a, b color.Color) float64 {
	lum := func(c color.Color) float64 {
		r, g, b, _ := c.RGBA()
		lin := func(v uint32) float64 {
			x := float64(v) / 0xffff
			if x <= 0.03928 {
				return x / 12.92
			}
			return math.Pow((x+0.055)/1.055, 2.4)
		}
		return 0.2126*lin(r) + 0.7152*lin(g) + 0.0722*lin(b)
	}
	la, lb := lum(a)+0.05, lum(b)+0.05
	if la < lb {
		la, lb = lb, la
	}
	return la / lb
}
