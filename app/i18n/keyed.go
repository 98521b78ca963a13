package i18n

import (
	"embed"
	"fmt"
	"io/fs"

	goi18n "github.com/nicksnyder/go-i18n/v2/i18n"
)

// The texts netcore gives by key (demo titles and descriptions, setting
// labels and help, the checker's sentences) are worded in netcore/<code>.json,
// one file per language but English: netcore's own English is the source
// and the fallback, so the command line and the app cannot drift.
//
//go:embed netcore/*.json
var netcoreCatalog embed.FS

// Families of keyed texts: the first part of their keys.
const (
	FamilyDemo      = "demo"       // demo.<name>.title|desc, demo.<name>.<setting>.label|help
	FamilyCheckRule = "check.rule" // check.rule.<rule id>
	FamilyCheckNote = "check.note" // check.note.<note code>, values {name}
	FamilyReach     = "reach"      // reach.<finding code>, values {name} (netcore/reach/texts.go)
	FamilyNetError  = "net.error"  // net.error.<FriendlyCode>, values {name} (netcore/friendly_texts.go)
)

// loadNetcoreTexts adds netcore's keyed texts to b.
func loadNetcoreTexts(b *goi18n.Bundle) {
	files, err := fs.Glob(netcoreCatalog, "netcore/*.json")
	if err != nil {
		panic(err) // the pattern is constant
	}
	for _, name := range files {
		if _, err := b.LoadMessageFileFS(netcoreCatalog, name); err != nil {
			panic(fmt.Sprintf("i18n: %s: %v", name, err)) // embedded and tested
		}
	}
}

// KeyedKey is the catalog key of a keyed text: family.id.
func KeyedKey(family, id string) string { return family + "." + id }

// Keyed is netcore's text family.id in t's language, its {{.name}}s filled
// from values; english is netcore's own wording, already filled by netcore
// (check.NoteText), used as it is when the language has no such key: a
// demo or a rule added to netcore shows in English until it is translated,
// never as a key.
func (t *Translator) Keyed(family, id, english string, values map[string]string) string {
	if t.lang.Code != English.Code {
		s, err := t.loc.Localize(&goi18n.LocalizeConfig{MessageID: KeyedKey(family, id), TemplateData: values})
		if err == nil && s != "" {
			return s
		}
	}
	return english
}

// Keyed is t.Keyed in the app's current language.
func Keyed(family, id, english string, values map[string]string) string {
	return current.Load().Keyed(family, id, english, values)
}
