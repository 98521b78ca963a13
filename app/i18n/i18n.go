// Package i18n words the app's texts in the language the user reads: the
// system's (LANGUAGE, LC_ALL, LC_MESSAGES, LANG on Linux; the user's
// language list on Windows and macOS) or the one chosen in the app.
//
// It uses github.com/nicksnyder/go-i18n directly, the library Fyne's own
// lang package is built on, because lang picks its language from the
// system once and has no public way to pick another. Fyne's own texts (the
// buttons of its stock dialogs) keep following the system through lang.
//
// Every text has a key ("menu.file") and an English message in
// translations/en.json or translations/<part>/en.json (one folder per part
// of the app, so the parts are translated and merged apart); each other
// language has a file of its own beside it with the same keys. Values are Go templates: {{.Name}} is filled from the data
// passed to T.
package i18n

import (
	"embed"
	"encoding/json"
	"fmt"
	"io/fs"
	"sync/atomic"

	goi18n "github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"
)

//go:embed translations
var catalog embed.FS

// bundle holds every language's messages; English is the fallback for a
// key a language lacks (the catalog tests keep that from happening).
var bundle = loadBundle()

// current is the localizer T uses: English until Use picks another. It is
// atomic because tests switch languages while other tests' UI goroutines
// may be wording texts.
var current atomic.Pointer[Translator]

func init() { current.Store(For(English)) }

func loadBundle() *goi18n.Bundle {
	b := goi18n.NewBundle(language.English)
	b.RegisterUnmarshalFunc("json", json.Unmarshal)
	for _, name := range catalogFiles() {
		if _, err := b.LoadMessageFileFS(catalog, name); err != nil {
			// The files are embedded and the catalog tests parse them: only
			// a broken build gets here.
			panic(fmt.Sprintf("i18n: %s: %v", name, err))
		}
	}
	loadNetcoreTexts(b)
	return b
}

// catalogFiles are the embedded message files: translations/<code>.json
// and translations/<part>/<code>.json.
func catalogFiles() []string {
	var files []string
	for _, pattern := range []string{"translations/*.json", "translations/*/*.json"} {
		m, err := fs.Glob(catalog, pattern)
		if err != nil {
			panic(err) // the patterns are constant
		}
		files = append(files, m...)
	}
	return files
}

// Translator words texts in one language.
type Translator struct {
	lang Language
	loc  *goi18n.Localizer
}

// For is a Translator for lang, whatever the app's current language: the
// Language dialog says "restart to see it" in the language just chosen.
func For(lang Language) *Translator {
	return &Translator{lang: lang, loc: goi18n.NewLocalizer(bundle, lang.Code)}
}

// T is the text for key in t's language, its {{.Field}}s filled from data
// (a map or a struct, optional). A key missing from the catalog gives the
// key itself, so a mistake shows on screen rather than an empty label; the
// tests keep keys and catalog in step.
func (t *Translator) T(key string, data ...any) string {
	cfg := &goi18n.LocalizeConfig{MessageID: key}
	if len(data) > 0 {
		cfg.TemplateData = data[0]
	}
	s, err := t.loc.Localize(cfg)
	if s == "" && err != nil {
		return key
	}
	return s
}

// T is the text for key in the app's current language (see Translator.T).
func T(key string, data ...any) string { return current.Load().T(key, data...) }

// Current is the language T words texts in.
func Current() Language { return current.Load().lang }

// Use makes T word texts in the language a preference names (a Code from
// Languages), or in the system's language when the preference is empty or
// names no language the app has. It returns the language now in use. The
// app calls it once, before it builds the window: texts already on screen
// do not change.
func Use(pref string) Language {
	lang, ok := ByCode(pref)
	if !ok {
		lang = SystemLanguage()
	}
	current.Store(For(lang))
	return lang
}
