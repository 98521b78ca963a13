package app

import (
	"errors"
	"strconv"

	"github.com/socketlab/socketlab/app/i18n"
	"github.com/socketlab/socketlab/netcore"
	"github.com/socketlab/socketlab/netcore/check"
)

// The app's one way to the texts netcore gives in English (demo titles and
// descriptions, setting labels and help, check sentences, setting errors):
// each is worded by key in the user's language, netcore's English when the
// language lacks it (see docs/translating.md). Names, rule IDs and setting
// keys stay what they are, so nothing here changes what goes on the wire
// or into the preferences.

func demoTitleText(d netcore.DemoInfo) string {
	return i18n.Keyed(i18n.FamilyDemo, d.Name+".title", d.Title, nil)
}

// demoDescText is d's description with its settings' values filled in
// ({{.min}} in guess's), in the user's language.
func demoDescText(d netcore.DemoInfo) string {
	return i18n.Keyed(i18n.FamilyDemo, d.Name+".desc", d.Describe(), d.ShownValues())
}

func settingLabelText(demo string, st netcore.Setting) string {
	return i18n.Keyed(i18n.FamilyDemo, demo+"."+st.Key+".label", st.Label, nil)
}

func settingHelpText(demo string, st netcore.Setting) string {
	return i18n.Keyed(i18n.FamilyDemo, demo+"."+st.Key+".help", st.Help, nil)
}

// settingErrorText words a refusal of demo's setting: a *SettingError in
// the user's language, any other error as it is.
func settingErrorText(demo string, err error) string {
	var se *netcore.SettingError
	if !errors.As(err, &se) {
		return err.Error()
	}
	label := settingLabelText(demo, se.Setting)
	switch se.Code {
	case netcore.SettingEmpty:
		return i18n.T("setting.error.empty", map[string]string{"Setting": label})
	case netcore.SettingTooLong:
		return i18n.T("setting.error.long", map[string]string{"Setting": label,
			"Bytes": strconv.Itoa(se.Bytes), "Max": strconv.Itoa(se.Setting.MaxBytes)})
	}
	return i18n.T("setting.error.range", map[string]string{"Setting": label,
		"Min": strconv.Itoa(se.Setting.Min), "Max": strconv.Itoa(se.Setting.Max), "Value": strconv.Quote(se.Value)})
}

// settingCheckError is Setting.Check's refusal worded for the form, or nil.
func settingCheckError(demo string, err error) error {
	var se *netcore.SettingError
	if !errors.As(err, &se) {
		return err // nil, or an error that keeps what it carries (a rules file's line)
	}
	return errors.New(settingErrorText(demo, err))
}

// ruleText and noteText are check's sentences (netcore/check/texts.go).
func ruleText(id string) string {
	return i18n.Keyed(i18n.FamilyCheckRule, id, check.RuleText(id), nil)
}

func noteText(code string, args map[string]string) string {
	return i18n.Keyed(i18n.FamilyCheckNote, code, check.NoteText(code, args), args)
}
