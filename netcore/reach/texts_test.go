package reach

import (
	"go/ast"
	"go/parser"
	"go/token"
	"net/netip"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Every finding code the checks use has its English in findingTexts (else
// the command line would print the bare code and no language could word
// it), and every sentence of the table is used. Codes are the string
// literals given to finding, to explain's one and to probeFinding's pick.
func TestFindingCodesAreTheTable(t *testing.T) {
	fset := token.NewFileSet()
	pkgs, err := parser.ParseDir(fset, ".", nil, 0)
	require.NoError(t, err)
	used := map[string]bool{}
	for _, f := range pkgs["reach"].Files {
		ast.Inspect(f, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok {
				return true
			}
			if id, ok := call.Fun.(*ast.Ident); !ok || (id.Name != "finding" && id.Name != "one" && id.Name != "pick") {
				return true
			}
			for _, arg := range call.Args {
				if lit, ok := arg.(*ast.BasicLit); ok && lit.Kind == token.STRING {
					code, _ := strconv.Unquote(lit.Value)
					used[code] = true
					assert.Contains(t, findingTexts, code, "%s: code without English", fset.Position(lit.Pos()))
				}
			}
			return true
		})
	}
	for code := range findingTexts {
		assert.True(t, used[code], "findingTexts has %q, which no check gives", code)
	}
}

// FindingText fills every value, so the English the command line prints
// is what it printed before the table.
func TestFindingTextFillsValues(t *testing.T) {
	f := finding(Problem, "rejected", map[string]string{"addr": "10.0.0.9:8000", "ip": "10.0.0.9", "other": "1", "port": "8000"})
	assert.Equal(t, "10.0.0.9:8000 is rejected while 10.0.0.9 itself answers (on port 1): a firewall on that computer rejects port 8000; allow Socket Lab (or port 8000) in its firewall.", f.Text)
	assert.Equal(t, "rejected", f.Code)
	none := subnetFindings([]netip.Addr{netip.MustParseAddr("10.4.4.4")}, nil)
	assert.Equal(t, []string{"warning: None of this computer's networks contains 10.4.4.4: are you both on the same Wi-Fi? (Your IPv4 addresses: none.)"}, said(none))
}
