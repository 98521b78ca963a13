package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/socketlab/socketlab/app/i18n"
)

// prefLanguage keeps the language chosen in the app: an i18n.Language
// Code, or empty for the system's. Run reads it once, before the window is
// built, so a change shows from the next start.
const prefLanguage = "language"

// newLanguageMenuItem is View → Language…: it opens the Language choice.
func newLanguageMenuItem(w fyne.Window, meta Metadata) *fyne.MenuItem {
	return fyne.NewMenuItem(i18n.T("menu.view.language"), func() {
		showLanguageChoice(w, fyne.CurrentApp().Preferences(), meta)
	})
}

// languageChoice is the Language dialog's list: the system's language
// first, then each language under its own name, so a reader finds theirs
// whatever the app is in now.
type languageChoice struct {
	radio *widget.RadioGroup
	codes map[string]string // option → preference value
}

func newLanguageChoice(pref string) *languageChoice {
	c := &languageChoice{codes: map[string]string{}}
	system := i18n.T("language.system", map[string]string{"Language": i18n.SystemLanguage().Name})
	options := []string{system}
	c.codes[system] = ""
	selected := system
	for _, l := range i18n.Languages {
		options = append(options, l.Name)
		c.codes[l.Name] = l.Code
		if l.Code == pref {
			selected = l.Name
		}
	}
	c.radio = widget.NewRadioGroup(options, nil)
	c.radio.Required = true
	c.radio.SetSelected(selected)
	return c
}

// pref is the preference value of the option selected.
func (c *languageChoice) pref() string { return c.codes[c.radio.Selected] }

// showLanguageChoice lets the user pick a language; Apply keeps a changed
// choice in prefs and says, in the language chosen, that it shows from
// the next start.
func showLanguageChoice(w fyne.Window, prefs fyne.Preferences, meta Metadata) {
	old := prefs.String(prefLanguage)
	choice := newLanguageChoice(old)
	dialog.ShowCustomConfirm(i18n.T("language.title"), i18n.T("language.apply"), i18n.T("language.cancel"),
		choice.radio, func(apply bool) {
			pref := choice.pref()
			if !apply || pref == old {
				return
			}
			prefs.SetString(prefLanguage, pref)
			lang, ok := i18n.ByCode(pref)
			if !ok {
				lang = i18n.SystemLanguage()
			}
			// All of it in the language chosen, the button too (Fyne's
			// ShowInformation would word its OK in the system's).
			tr := i18n.For(lang)
			dialog.ShowCustom(tr.T("language.restart.title"), tr.T("dialog.close"),
				widget.NewLabel(tr.T("language.restart", meta)), w)
		}, w)
}
