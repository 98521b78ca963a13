package netcore

import (
	"context"
	"go/ast"
	"go/parser"
	"go/token"
	"net"
	"os"
	"strconv"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestListenErrorsAreAdvice(t *testing.T) {
	opErr := func(errno syscall.Errno) error {
		return &net.OpError{Op: "listen", Net: "tcp", Err: errno}
	}
	assert.Equal(t, "port 80 is below 1024 and needs administrator rights — pick a port from 1024 up, such as 8000",
		ListenError(opErr(syscall.EACCES), "192.168.0.5:80").Error())
	assert.Equal(t, "port 8000 on all interfaces is already in use — pick another or stop the other server",
		ListenError(opErr(syscall.EADDRINUSE), ":8000").Error())
	assert.Contains(t, ListenError(opErr(syscall.EADDRNOTAVAIL), "10.9.9.9:8000").Error(), "not an address of this computer")
}

func TestDialErrorsAreAdvice(t *testing.T) {
	timeout := &net.OpError{Op: "dial", Net: "tcp", Err: os.ErrDeadlineExceeded}
	assert.Equal(t, "timed out after 5 s — check the address, that you are on the same network, and the firewall",
		explainDial(timeout, "192.168.0.5:8000", 5*time.Second).Error())
	notFound := &net.OpError{Op: "dial", Net: "tcp", Err: &net.DNSError{Err: "no such host", Name: "labpc", IsNotFound: true}}
	assert.Equal(t, `host not found — check the spelling of "labpc" or type the IP address shown on the server`,
		explainDial(notFound, "labpc:8000", 5*time.Second).Error())
}

// Every FriendlyCode declared has its English in friendlyTexts, and the
// advice reads as it did before the table: values filled, nothing left in
// braces.
func TestFriendlyCodesAreTheTable(t *testing.T) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "friendly_texts.go", nil, 0)
	require.NoError(t, err)
	codes := 0
	ast.Inspect(f, func(n ast.Node) bool {
		vs, ok := n.(*ast.ValueSpec)
		if !ok || vs.Type == nil {
			return true
		}
		if id, ok := vs.Type.(*ast.Ident); ok && id.Name == "FriendlyCode" {
			for _, name := range vs.Names {
				codes++
				lit := vs.Values[0].(*ast.BasicLit)
				code, _ := strconv.Unquote(lit.Value)
				assert.Contains(t, friendlyTexts, FriendlyCode(code), "%s has no English", name.Name)
			}
		}
		return true
	})
	assert.Equal(t, len(friendlyTexts), codes, "one English sentence per code")
	err = ListenError(&net.OpError{Op: "listen", Net: "tcp", Err: syscall.EACCES}, "192.168.0.5:8080")
	assert.Equal(t, "not allowed to listen on 192.168.0.5 port 8080 — pick another port or check the firewall", err.Error())
	assert.NotContains(t, explainDial(context.Canceled, "h:1", time.Second).Error(), "{")
}
