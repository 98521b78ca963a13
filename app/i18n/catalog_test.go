package i18n

import (
	"encoding/json"
	"io/fs"
	"path"
	"sort"
	"strings"
	"testing"
	"text/template/parse"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// readCatalog is one language's texts as key → message, from all its
// files (translations/<code>.json and translations/<part>/<code>.json); a
// key in two files fails, as go-i18n would keep only one of them.
func readCatalog(t *testing.T, code string) map[string]string {
	t.Helper()
	all := map[string]string{}
	found := 0
	for _, name := range catalogFiles() {
		if path.Base(name) != code+".json" {
			continue
		}
		found++
		b, err := fs.ReadFile(catalog, name)
		require.NoError(t, err)
		var m map[string]string
		require.NoError(t, json.Unmarshal(b, &m), "%s is a flat map of key to text", name)
		for k, v := range m {
			_, dup := all[k]
			require.False(t, dup, "%s: %q is in another file too", name, k)
			all[k] = v
		}
	}
	require.NotZero(t, found, "every language in Languages has a file")
	return all
}

// Every part's folder has one file per language, so a part cannot be
// translated into some languages and forgotten in others.
func TestEveryPartHasEveryLanguage(t *testing.T) {
	parts := map[string]map[string]bool{}
	for _, name := range catalogFiles() {
		dir := path.Dir(name)
		if parts[dir] == nil {
			parts[dir] = map[string]bool{}
		}
		parts[dir][strings.TrimSuffix(path.Base(name), ".json")] = true
	}
	for dir, codes := range parts {
		for _, lang := range Languages {
			assert.True(t, codes[lang.Code], "%s lacks %s.json", dir, lang.Code)
		}
		assert.Len(t, codes, len(Languages), "%s has only the languages in Languages", dir)
	}
}

// fields are the {{.Field}}s a message uses, sorted; a message that is
// not a valid template fails the test.
func fields(t *testing.T, code, key, msg string) []string {
	t.Helper()
	trees, err := parse.Parse(key, msg, "{{", "}}")
	require.NoError(t, err, "%s %s is a valid template", code, key)
	var out []string
	var walk func(parse.Node)
	walk = func(n parse.Node) {
		switch n := n.(type) {
		case *parse.ListNode:
			for _, c := range n.Nodes {
				walk(c)
			}
		case *parse.ActionNode:
			for _, cmd := range n.Pipe.Cmds {
				for _, arg := range cmd.Args {
					walk(arg)
				}
			}
		case *parse.FieldNode:
			out = append(out, strings.Join(n.Ident, "."))
		}
	}
	walk(trees[key].Root)
	sort.Strings(out)
	return out
}

// Every language has exactly English's keys, no empty text, and the same
// placeholders as English in each text: a translation that drops or
// renames {{.Addr}} would show a sentence with a hole in it.
func TestEveryLanguageHasEnglishKeysAndPlaceholders(t *testing.T) {
	en := readCatalog(t, English.Code)
	require.NotEmpty(t, en)
	for _, lang := range Languages[1:] {
		t.Run(lang.Code, func(t *testing.T) {
			other := readCatalog(t, lang.Code)
			for key, msg := range en {
				tr, ok := other[key]
				if !assert.True(t, ok, "%s lacks %q", lang.Code, key) {
					continue
				}
				assert.NotEmpty(t, strings.TrimSpace(tr), "%s %q is empty", lang.Code, key)
				assert.Equal(t, fields(t, "en", key, msg), fields(t, lang.Code, key, tr),
					"%s %q keeps English's placeholders", lang.Code, key)
			}
			for key := range other {
				_, ok := en[key]
				assert.True(t, ok, "%s has %q, which English lacks", lang.Code, key)
			}
		})
	}
}

// The catalog directory holds a file for each language and nothing else,
// so a language added there is also offered in the Language choice.
func TestCatalogFilesAreTheLanguages(t *testing.T) {
	assertFilesAreLanguages(t, catalog, "translations/*.json", Languages)
}

// assertFilesAreLanguages checks that the files pattern names in fsys are
// one <code>.json for each of langs and nothing else.
func assertFilesAreLanguages(t *testing.T, fsys fs.FS, pattern string, langs []Language) {
	t.Helper()
	files, err := fs.Glob(fsys, pattern)
	require.NoError(t, err)
	var got, want []string
	for _, f := range files {
		got = append(got, strings.TrimSuffix(path.Base(f), ".json"))
	}
	for _, l := range langs {
		want = append(want, l.Code)
	}
	assert.ElementsMatch(t, want, got)
}

// Each language's file is loaded under its own language: a file named for
// the wrong tag would be read as another language (or as English).
func TestEachLanguageWordsItsOwnFile(t *testing.T) {
	for _, lang := range Languages {
		want := readCatalog(t, lang.Code)
		tr := For(lang)
		for key, msg := range want {
			if len(fields(t, lang.Code, key, msg)) > 0 {
				continue // compared filled in below
			}
			assert.Equal(t, msg, tr.T(key), "%s %q", lang.Code, key)
		}
	}
	assert.Equal(t, "Versão 1.2.3", For(mustLang(t, "pt-BR")).T("about.version", map[string]string{"Version": "1.2.3"}))
	assert.Equal(t, "关于 Socket Lab", For(mustLang(t, "zh-Hans")).T("about.title", struct{ Name string }{"Socket Lab"}))
}

func mustLang(t *testing.T, code string) Language {
	t.Helper()
	l, ok := ByCode(code)
	require.True(t, ok, code)
	return l
}
