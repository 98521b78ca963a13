package i18n

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestClosestMatchesSystemLocales(t *testing.T) {
	for _, c := range []struct {
		locales []string
		want    string
	}{
		{nil, "en"},
		{[]string{"C"}, "en"},
		{[]string{"en-US"}, "en"},
		{[]string{"fr-FR"}, "fr"},
		{[]string{"fr-CA"}, "fr"},
		{[]string{"de-AT"}, "de"},
		{[]string{"es-MX"}, "es"},
		{[]string{"pt-BR"}, "pt-BR"},
		{[]string{"pt-PT"}, "pt-BR"},
		{[]string{"zh-CN"}, "zh-Hans"},
		{[]string{"zh-SG"}, "zh-Hans"},
		{[]string{"ja-JP"}, "en"},              // a language the app lacks
		{[]string{"ja-JP", "de-DE"}, "de"},     // LANGUAGE=ja:de — the first the app has
		{[]string{"not a locale", "es"}, "es"}, // junk is skipped
	} {
		assert.Equal(t, c.want, Closest(c.locales).Code, "%v", c.locales)
	}
}

// On Linux the system's language comes from the environment as gettext
// reads it: LC_ALL over LC_MESSAGES over LANG, and LANGUAGE's list unless
// the locale is C.
func TestSystemLanguageFollowsLinuxEnvironment(t *testing.T) {
	for _, c := range []struct {
		lcAll, lang, language string
		want                  string
	}{
		{"", "fr_FR.UTF-8", "", "fr"},
		{"de_DE.UTF-8", "fr_FR.UTF-8", "", "de"},
		{"", "zh_CN.UTF-8", "", "zh-Hans"},
		{"", "pt_BR.UTF-8", "", "pt-BR"},
		{"", "es_ES.UTF-8", "ja:fr", "fr"},
		{"C", "", "fr", "en"},
		{"", "C.UTF-8", "", "en"},
	} {
		t.Setenv("LC_ALL", c.lcAll)
		t.Setenv("LC_MESSAGES", "")
		t.Setenv("LANG", c.lang)
		t.Setenv("LANGUAGE", c.language)
		assert.Equal(t, c.want, SystemLanguage().Code, "LC_ALL=%q LANG=%q LANGUAGE=%q", c.lcAll, c.lang, c.language)
	}
}

// A language chosen in the app wins over the system's; an empty or
// unknown choice (a preference from a newer version) means the system's.
func TestUseFollowsChoiceThenSystem(t *testing.T) {
	t.Cleanup(func() { Use(English.Code) })
	t.Setenv("LC_ALL", "")
	t.Setenv("LC_MESSAGES", "")
	t.Setenv("LANGUAGE", "")
	t.Setenv("LANG", "de_DE.UTF-8")

	assert.Equal(t, "de", Use("").Code)
	assert.Equal(t, "Datei", T("menu.file"))
	assert.Equal(t, "de", Current().Code)

	assert.Equal(t, "es", Use("es").Code)
	assert.Equal(t, "Archivo", T("menu.file"))

	assert.Equal(t, "de", Use("tlh").Code, "an unknown choice falls back to the system's")

	assert.Equal(t, "zh-Hans", Use("zh-Hans").Code)
	assert.Equal(t, "版本 2.0", T("about.version", map[string]any{"Version": "2.0"}))
}

func TestMissingKeyShowsTheKey(t *testing.T) {
	assert.Equal(t, "no.such.key", For(English).T("no.such.key"))
	assert.Equal(t, "no.such.key", For(mustLang(t, "fr")).T("no.such.key"))
}
