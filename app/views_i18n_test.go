package app

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/stretchr/testify/assert"
)

// shownTexts are the labels, buttons, checks and entry placeholders shown
// under root.
func shownTexts(root fyne.CanvasObject) []string {
	var out []string
	walkVisible(root, func(o fyne.CanvasObject) {
		switch x := o.(type) {
		case *widget.Label:
			out = append(out, x.Text)
		case *widget.Button:
			out = append(out, x.Text)
		case *widget.Check:
			out = append(out, x.Text)
		case *widget.Entry:
			out = append(out, x.PlaceHolder)
		}
	})
	return out
}

// The views (log, transcript, Lessons, shortcuts, text size) are worded in
// the language in use when they are built: German here, the longest.
func TestViewsAreWordedInGerman(t *testing.T) {
	useLanguage(t, "de")

	l, _, _ := newTestLogView(t)
	logTexts := shownTexts(l.content)
	for _, want := range []string{"Protokoll", "Sichern…", "0 Zeilen", "Zeit", "Ereignis", "Nachricht", "Leeren", "TLS-Records", "Filter (beliebiger Text der Zeile)"} {
		assert.Contains(t, logTexts, want)
	}
	assert.NotContains(t, logTexts, "Connection log")

	a := fyne.CurrentApp()
	ui := newTestPump(t)
	w := test.NewWindow(nil)
	defer w.Close()
	tr := newTranscript(a, w, ui.uiPump)
	w.SetContent(tr.content)
	trTexts := shownTexts(tr.content)
	for _, want := range []string{"Verlauf", "leer", "Kopieren", "Sichern…"} {
		assert.Contains(t, trTexts, want)
	}

	lessons := newLessonsFeed(ui.uiPump)
	lessonTexts := shownTexts(lessons.content)
	for _, want := range []string{"Aufrufe des Servers", "Aufrufe des Clients", "Starte einen Server auf dem Tab Server: Seine Aufrufe erscheinen hier."} {
		assert.Contains(t, lessonTexts, want)
	}

	assert.Equal(t, "Strg+Umschalt+R", shortcutText(ctrlShift(fyne.KeyR)))
	assert.Equal(t, "Groß (125 %)", textScaleLabel(textScales[1]))
	assert.Equal(t, "•••••• (Passwort verborgen)", hiddenText())
}
