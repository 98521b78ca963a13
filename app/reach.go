package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"github.com/socketlab/socketlab/netcore/reach"

	"github.com/socketlab/socketlab/app/i18n"
)

// The "Can my partner reach me?" findings dialog, shared by the Server and
// Client tabs. Each finding is one row: a coloured icon and word for its
// severity, then the sentence itself in the normal text colour, wrapped, so
// long advice stays readable whatever the theme's status colours are.

// findingsWidth is the dialog's width: wide enough for a sentence of advice
// on two or three lines, narrow enough for a 1024-pixel screen.
const findingsWidth = 560

// showFindings shows findings in a dialog over w. Call it on the UI
// goroutine (post it from the goroutine that ran the check).
func showFindings(w fyne.Window, title string, findings []reach.Finding) {
	d := dialog.NewCustom(title, i18n.T("views.reach.close"), findingsContent(findings), w)
	// A wrapped label has no width of its own: without a size the dialog
	// would squeeze every sentence into a column of single words.
	d.Resize(fyne.NewSize(findingsWidth, d.MinSize().Height))
	d.Show()
}

// findingsContent builds the rows, keeping netcore's order (the order a
// student should act on them). A form layout lines the sentences up
// whatever the width of each severity word.
func findingsContent(findings []reach.Finding) fyne.CanvasObject {
	if len(findings) == 0 {
		return &widget.Label{Text: i18n.T("views.reach.nothing"), Wrapping: fyne.TextWrapWord}
	}
	var cells []fyne.CanvasObject
	for _, f := range findings {
		cells = append(cells, findingBadge(f.Severity), &widget.Label{Text: findingText(f), Wrapping: fyne.TextWrapWord})
	}
	rows := container.New(layout.NewFormLayout(), cells...)
	return newSteadyTheme(rows, readableTheme())
}

// findingBadge is a severity's icon and word, kept at the top of its row
// (level with the first line of the sentence).
func findingBadge(s reach.Severity) fyne.CanvasObject {
	icon, word, imp := severityLook(s)
	badge := container.NewHBox(
		widget.NewIcon(icon),
		&widget.Label{Text: word, Importance: imp, TextStyle: fyne.TextStyle{Bold: true}},
	)
	return container.NewBorder(badge, nil, nil, nil)
}

// severityLook picks the icon, word and colour of a severity. Colour is not
// the only cue: the word and icon shape say the same, for colour-blind eyes.
func severityLook(s reach.Severity) (fyne.Resource, string, widget.Importance) {
	switch s {
	case reach.Good:
		return theme.NewSuccessThemedResource(theme.ConfirmIcon()), i18n.T("views.reach.severity.good"), widget.SuccessImportance
	case reach.Warning:
		return theme.NewWarningThemedResource(theme.WarningIcon()), i18n.T("views.reach.severity.warning"), widget.WarningImportance
	case reach.Problem:
		return theme.NewErrorThemedResource(theme.ErrorIcon()), i18n.T("views.reach.severity.problem"), widget.DangerImportance
	}
	return theme.NewPrimaryThemedResource(theme.InfoIcon()), i18n.T("views.reach.severity.note"), widget.HighImportance
}
