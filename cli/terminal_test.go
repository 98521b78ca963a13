package cli

import (
	"net"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// What a classmate can send to clear, retitle or beep a terminal, overwrite
// a line and reverse text.
const terminalAttack = "\x1b]0;pwned\x07\x1b[2Jhello\rserver: forged \u202etxt.exe\n"

func TestConnectEscapesControlsOnlyOnATerminal(t *testing.T) {
	addr, _ := serveInBackground(t, "--demo", "echo", "--addr", "127.0.0.1:0", "--welcome", "")

	code, out, errOut := runOn(t, true, terminalAttack, "connect", addr)
	require.Equal(t, 0, code, errOut)
	assert.Equal(t, `\x1b]0;pwned\x07\x1b[2Jhello\rserver: forged \u202etxt.exe`+"\n", out)

	code, out, errOut = runOn(t, false, terminalAttack, "connect", addr)
	require.Equal(t, 0, code, errOut)
	assert.Equal(t, terminalAttack, out, "piped output stays byte for byte")
}

// The serve log shows what clients sent quoted, and no line of it carries
// a control character, whoever sent what.
func TestServeLogHasNoControlCharacters(t *testing.T) {
	for _, demo := range []string{"echo", "chat"} {
		t.Run(demo, func(t *testing.T) {
			addr, log := serveInBackground(t, "--demo", demo, "--addr", "127.0.0.1:0")
			nc, err := net.Dial("tcp", addr)
			require.NoError(t, err)
			nc.Write([]byte("/nick \x1b[2Jevil\n" + terminalAttack))
			require.Eventually(t, func() bool { return strings.Contains(log.String(), `\u202etxt.exe`) }, 5*time.Second, 5*time.Millisecond)
			nc.Close()
			require.Eventually(t, func() bool { return strings.Contains(log.String(), " closed ") }, 5*time.Second, 5*time.Millisecond)
			text := log.String()
			for _, bad := range []string{"\x1b", "\r", "\a", "\u202e"} {
				assert.NotContains(t, text, bad)
			}
		})
	}
}
