package i18n

import (
	"encoding/json"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/socketlab/socketlab/netcore"
	"github.com/socketlab/socketlab/netcore/check"
	"github.com/socketlab/socketlab/netcore/demos"
	"github.com/socketlab/socketlab/netcore/reach"
)

// netcoreEnglish walks netcore's own tables — every registered demo and
// its settings, the checker's rule and note sentences, reach's findings,
// the network errors' advice — and gives each
// keyed text's English by catalog key. English lives only there, so this
// is the source every language is held to.
func netcoreEnglish(t *testing.T) map[string]string {
	t.Helper()
	en := map[string]string{}
	add := func(family, id, english string) {
		key := KeyedKey(family, id)
		_, dup := en[key]
		require.False(t, dup, "two netcore texts share the key %q", key)
		en[key] = english
	}
	for _, d := range demos.All() {
		add(FamilyDemo, d.Name+".title", d.Title)
		add(FamilyDemo, d.Name+".desc", d.Description)
		for _, st := range d.Settings {
			add(FamilyDemo, d.Name+"."+st.Key+".label", st.Label)
			if st.Help != "" {
				add(FamilyDemo, d.Name+"."+st.Key+".help", st.Help)
			}
		}
	}
	for id, s := range check.RuleTexts() {
		add(FamilyCheckRule, id, s)
	}
	for code, s := range check.NoteTexts() {
		add(FamilyCheckNote, code, s)
	}
	for code, s := range reach.FindingTexts() {
		add(FamilyReach, code, s)
	}
	for code, s := range netcore.FriendlyTexts() {
		add(FamilyNetError, string(code), s)
	}
	return en
}

// readNetcoreCatalog is one language's file of netcore texts.
func readNetcoreCatalog(t *testing.T, code string) map[string]string {
	t.Helper()
	b, err := fs.ReadFile(netcoreCatalog, "netcore/"+code+".json")
	require.NoError(t, err, "every language but English has a netcore/%s.json", code)
	var m map[string]string
	require.NoError(t, json.Unmarshal(b, &m), "netcore/%s.json is a flat map of key to text", code)
	return m
}

// englishPlaceholders are the {name}s of netcore's English, sorted.
func englishPlaceholders(english string) []string {
	var out []string
	for rest := english; ; {
		i := strings.IndexByte(rest, '{')
		if i < 0 {
			break
		}
		// {{.key}}, a setting's value in a demo's description (Describe).
		if strings.HasPrefix(rest[i:], "{{.") {
			if j := strings.Index(rest[i:], "}}"); j > 0 {
				out = append(out, rest[i+3:i+j])
				rest = rest[i+j+2:]
				continue
			}
		}
		j := strings.IndexByte(rest[i:], '}')
		if j < 0 {
			break
		}
		if name := rest[i+1 : i+j]; name != "" && !strings.ContainsAny(name, " {") {
			out = append(out, name)
		}
		rest = rest[i+j+1:]
	}
	sort.Strings(out)
	return out
}

// Every text netcore words for people has its English there and a
// translation in every other language, with exactly English's {name}s as
// {{.name}}s; no language keeps a key netcore no longer has. A demo, a
// setting or a check rule added to netcore fails here until it is
// translated.
func TestNetcoreTextsAreTranslated(t *testing.T) {
	en := netcoreEnglish(t)
	require.Greater(t, len(en), 100, "the walk found netcore's tables")
	for key, s := range en {
		assert.NotEmpty(t, strings.TrimSpace(s), "netcore's English for %q is empty", key)
	}
	for _, lang := range Languages[1:] {
		t.Run(lang.Code, func(t *testing.T) {
			tr := readNetcoreCatalog(t, lang.Code)
			for key, english := range en {
				msg, ok := tr[key]
				if !assert.True(t, ok, "%s lacks %q (%q)", lang.Code, key, english) {
					continue
				}
				assert.NotEmpty(t, strings.TrimSpace(msg), "%s %q is empty", lang.Code, key)
				assert.Equal(t, englishPlaceholders(english), fields(t, lang.Code, key, msg),
					"%s %q keeps the placeholders of %q", lang.Code, key, english)
				if len(english) > 12 {
					assert.NotEqual(t, english, msg, "%s %q is English, not a translation", lang.Code, key)
				}
			}
			for key := range tr {
				_, ok := en[key]
				assert.True(t, ok, "%s has %q, which netcore has not", lang.Code, key)
			}
		})
	}
}

// The netcore catalog holds a file for each language but English (whose
// texts are netcore's own) and nothing else.
func TestNetcoreCatalogFilesAreTheLanguages(t *testing.T) {
	assertFilesAreLanguages(t, netcoreCatalog, "netcore/*", Languages[1:])
}

// Keyed words a text in the language asked for, fills its values, and
// falls back to netcore's (already filled) English for a key the language
// lacks and for English itself.
func TestKeyedWordsNetcoreTexts(t *testing.T) {
	de := For(mustLang(t, "de"))
	assert.Equal(t, "Begrüßung", de.Keyed(FamilyDemo, "echo.welcome.label", "Welcome", nil))
	assert.Equal(t, "die Verbindung ist fehlgeschlagen: refused",
		de.Keyed(FamilyCheckNote, "conn-error", "the connection failed: refused", map[string]string{"error": "refused"}))
	assert.Equal(t, "A new demo", de.Keyed(FamilyDemo, "new.title", "A new demo", nil))
	assert.Equal(t, "Welcome", For(English).Keyed(FamilyDemo, "echo.welcome.label", "Welcome", nil))
	zh := For(mustLang(t, "zh-Hans"))
	assert.NotEqual(t, "Echo", zh.Keyed(FamilyDemo, "echo.title", "Echo", nil))
}

// Keyed is the one place a key is built at run time, so its family must be
// one of the Family constants: a typo in a literal family would silently
// show English forever. (The ids come from netcore's tables, which
// TestNetcoreTextsAreTranslated walks.)
func TestKeyedFamiliesAreTheConstants(t *testing.T) {
	root, err := filepath.Abs("../..")
	require.NoError(t, err)
	families := map[string]bool{"FamilyDemo": true, "FamilyCheckRule": true, "FamilyCheckNote": true,
		"FamilyReach": true, "FamilyNetError": true}
	fset := token.NewFileSet()
	calls := 0
	err = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".go") || strings.HasSuffix(p, "_test.go") {
			return err
		}
		f, err := parser.ParseFile(fset, p, nil, 0)
		if err != nil || !importsI18n(f) {
			return err
		}
		ast.Inspect(f, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok || len(call.Args) == 0 {
				return true
			}
			if sel, ok := call.Fun.(*ast.SelectorExpr); !ok || sel.Sel.Name != "Keyed" {
				return true
			}
			calls++
			arg, ok := call.Args[0].(*ast.SelectorExpr)
			assert.True(t, ok && families[arg.Sel.Name], "%s: Keyed's family must be an i18n.Family constant",
				fset.Position(call.Pos()))
			return true
		})
		return nil
	})
	require.NoError(t, err)
	assert.Positive(t, calls, "the app words netcore's texts through Keyed")
}
