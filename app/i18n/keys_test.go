package i18n

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const importPath = "github.com/socketlab/socketlab/app/i18n"

// keyUse is one T call found in the code.
type keyUse struct {
	key  string // "" when the key is not a string literal
	pos  token.Position
	test bool // in a _test.go file: must exist, but does not count as a use
}

// usedKeys finds every .T(key, …) call in the module's Go files that import
// this package (its own files pass keys through, and its tests ask for
// missing keys on purpose). Keys must be string literals so that this
// check sees them all.
func usedKeys(t *testing.T, root string) []keyUse {
	t.Helper()
	var uses []keyUse
	fset := token.NewFileSet()
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == "testdata" || strings.HasPrefix(d.Name(), ".")) && p != root {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(p, ".go") {
			return nil
		}
		f, err := parser.ParseFile(fset, p, nil, 0)
		if err != nil {
			return err
		}
		isTest := strings.HasSuffix(p, "_test.go")
		if !importsI18n(f) {
			return nil
		}
		ast.Inspect(f, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok || len(call.Args) == 0 {
				return true
			}
			sel, ok := call.Fun.(*ast.SelectorExpr)
			if !ok || sel.Sel.Name != "T" {
				return true
			}
			use := keyUse{pos: fset.Position(call.Pos()), test: isTest}
			if lit, ok := call.Args[0].(*ast.BasicLit); ok && lit.Kind == token.STRING {
				use.key, _ = strconv.Unquote(lit.Value)
			}
			uses = append(uses, use)
			return true
		})
		return nil
	})
	require.NoError(t, err)
	return uses
}

func importsI18n(f *ast.File) bool {
	for _, imp := range f.Imports {
		if p, _ := strconv.Unquote(imp.Path.Value); p == importPath {
			return true
		}
	}
	return false
}

// Every key the code asks for is in English (so in every language, by the
// catalog test), and every English key is asked for somewhere: a typo in a
// key, or a text left behind when its widget went, fails here.
func TestKeysInCodeAreInCatalog(t *testing.T) {
	root, err := filepath.Abs("../..")
	require.NoError(t, err)
	_, err = os.Stat(filepath.Join(root, "go.mod"))
	require.NoError(t, err, "the module root is two levels up")

	en := readCatalog(t, English.Code)
	used := map[string]bool{}
	uses := usedKeys(t, root)
	for _, u := range uses {
		if !assert.NotEmpty(t, u.key, "%s: the key of a T call must be a string literal", u.pos) {
			continue
		}
		_, ok := en[u.key]
		assert.True(t, ok, "%s: key %q is not in en.json", u.pos, u.key)
		if ok && !u.test {
			used[u.key] = true
		}
	}
	for key := range en {
		assert.True(t, used[key], "en.json has %q, which no code uses", key)
	}
}
