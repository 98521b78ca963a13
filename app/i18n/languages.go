package i18n

import (
	"github.com/jeandeaual/go-locale"
	"golang.org/x/text/language"
)

// Language is one language the app is translated into.
type Language struct {
	Code string // as kept in preferences and as a BCP 47 tag: "pt-BR"
	Name string // in the language itself, as the Language choice lists it
}

// English is the language of the keys' messages and the fallback.
var English = Language{Code: "en", Name: "English"}

// Languages are the app's languages, in the order the Language choice
// lists them. Each has translations/<Code>.json.
var Languages = []Language{
	English,
	{Code: "es", Name: "Español"},
	{Code: "fr", Name: "Français"},
	{Code: "de", Name: "Deutsch"},
	{Code: "pt-BR", Name: "Português (Brasil)"},
	{Code: "zh-Hans", Name: "简体中文"},
}

// ByCode is the language with that Code.
func ByCode(code string) (Language, bool) {
	for _, l := range Languages {
		if l.Code == code {
			return l, true
		}
	}
	return Language{}, false
}

// SystemLanguage is the app's language closest to the system's: go-locale
// (also what Fyne reads) gives the user's languages in order of preference
// (LANGUAGE, LC_ALL, LC_MESSAGES, LANG on Linux).
func SystemLanguage() Language {
	locales, err := locale.GetLocales()
	if err != nil {
		return English
	}
	return Closest(locales)
}

// Closest is the app's language that best matches locales (BCP 47 tags,
// most wanted first), or English when none is close: an unknown or "C"
// locale, or a language the app lacks (a region or script variant of one it
// has counts as close: pt-PT reads pt-BR, zh-CN reads zh-Hans).
func Closest(locales []string) Language {
	tags := make([]language.Tag, len(Languages))
	for i, l := range Languages {
		tags[i] = language.Make(l.Code)
	}
	want := make([]language.Tag, 0, len(locales))
	for _, s := range locales {
		if t, err := language.Parse(s); err == nil {
			want = append(want, t)
		}
	}
	_, i, conf := language.NewMatcher(tags).Match(want...)
	if conf == language.No {
		return English
	}
	return Languages[i]
}
