package demos_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/socketlab/socketlab/netcore/demos"
	"github.com/socketlab/socketlab/netcore/internal/nettest"
)

// joinChat connects to a chat server, reads its own join notice and takes
// name.
func joinChat(t *testing.T, addr, name string) *nettest.Raw {
	t.Helper()
	c := nettest.DialRaw(t, "tcp", addr)
	me := c.Conn.LocalAddr().String()
	require.Equal(t, "* "+me+" joined\n", c.Line())
	c.Send("/nick " + name + "\n")
	require.Equal(t, "* "+me+" is now "+name+"\n", c.Line())
	return c
}

func TestChatNickRules(t *testing.T) {
	ts := nettest.StartServer(t, "127.0.0.1", nettest.Config(t, "chat", nil))
	ann := joinChat(t, ts.HostPort, "ann")
	bob := joinChat(t, ts.HostPort, "bob")
	assert.Equal(t, "* "+bob.Conn.LocalAddr().String()+" joined\n", ann.Line())
	assert.Equal(t, "* "+bob.Conn.LocalAddr().String()+" is now bob\n", ann.Line())

	for nick, why := range map[string]string{
		"":                      demos.ChatUsage,
		"   ":                   demos.ChatUsage,
		"server":                demos.ChatNameReserved,
		"  Server ":             demos.ChatNameReserved,
		"SERVER":                demos.ChatNameReserved,
		"ｓｅｒｖｅｒ":                demos.ChatNameReserved, // fullwidth letters
		"ann":                   demos.ChatNameTaken,
		"ANN":                   demos.ChatNameTaken,
		"ａｎｎ":                   demos.ChatNameTaken,
		strings.Repeat("x", 33): demos.ChatNameTooLong,
		strings.Repeat("é", 33): demos.ChatNameTooLong,
		"a:b":                   demos.ChatNameBadStart,
		"*ann left":             demos.ChatNameBadStart,
		"ann\x1b[2J":            demos.ChatNameHidden,
		"a\x07b":                demos.ChatNameHidden,
		"a\rserver":             demos.ChatNameHidden,
		"nn\u202eadmin":         demos.ChatNameHidden, // right-to-left override
		"a\u200bnn":             demos.ChatNameHidden, // zero-width space
		"a\u2066b":              demos.ChatNameHidden, // bidi isolate
		"bad\xffutf8":           demos.ChatNameHidden,
		"a\U0001FFFEb":          demos.ChatNameUnusable, // a noncharacter
	} {
		bob.Send("/nick " + nick + "\n")
		assert.Equal(t, why+"\n", bob.Line(), "/nick %q", nick)
	}
	// Refusals went to bob alone; ann heard nothing of them.
	bob.Send("still bob\n")
	assert.Equal(t, "bob: still bob\n", bob.Line())
	assert.Equal(t, "bob: still bob\n", ann.Line())

	// Characters, not bytes: 32 two-byte letters are a fine name.
	long := strings.Repeat("é", 32)
	bob.Send("/nick " + long + "\n")
	assert.Equal(t, "* bob is now "+long+"\n", bob.Line())
	assert.Equal(t, "* bob is now "+long+"\n", ann.Line())
	// Changing the case of one's own name is no clash.
	ann.Send("/nick Ann\n")
	assert.Equal(t, "* ann is now Ann\n", ann.Line())
	assert.Equal(t, "* ann is now Ann\n", bob.Line())
	// A name is free again once its owner leaves.
	ann.Conn.Close()
	assert.Equal(t, "* Ann left\n", bob.Line())
	bob.Send("/nick ann\n")
	assert.Equal(t, "* "+long+" is now ann\n", bob.Line())
}

func TestChatRelayCannotForgeLinesOrCarryControls(t *testing.T) {
	ts := nettest.StartServer(t, "127.0.0.1", nettest.Config(t, "chat", nil))
	ann := joinChat(t, ts.HostPort, "ann")
	eve := joinChat(t, ts.HostPort, "eve")
	ann.Line() // eve joined
	ann.Line() // eve's name

	for sent, relayed := range map[string]string{
		// CR sends a terminal back to the line's start: "eve: x" would be
		// overwritten by a teacher's line.
		"x\rserver: class is cancelled": `eve: x\rserver: class is cancelled`,
		"\x1b[2K\rann: I give up":       `eve: \x1b[2K\rann: I give up`,
		"\x1b]0;hacked\x07\x1b[2J":      `eve: \x1b]0;hacked\x07\x1b[2J`,
		"\u202egnp.exe":                 `eve: \u202egnp.exe`,
		"naïve café 日本 :)":              "eve: naïve café 日本 :)",
		"server: hi":                    "eve: server: hi",
	} {
		eve.Send(sent + "\n")
		for _, c := range []*nettest.Raw{ann, eve} {
			line := c.Line()
			assert.Equal(t, relayed+"\n", line, "%q", sent)
			assert.False(t, strings.HasPrefix(line, demos.ChatServerPrefix), "no student line starts like the teacher's")
		}
	}
	// Typed on the server's screen, a control character is shown too.
	require.NoError(t, ts.Broadcast("bell\a"))
	assert.Equal(t, "server: bell\\x07\n", ann.Line())
}

// The server's clients list learns each chat member's name (netcore.Namer),
// and no name for one who has not picked any.
func TestChatNamesReachTheClientsList(t *testing.T) {
	ts := nettest.StartServer(t, "127.0.0.1", nettest.Config(t, "chat", nil))
	joinChat(t, ts.HostPort, "ann")
	anon := nettest.DialRaw(t, "tcp", ts.HostPort)
	anon.Line() // its join notice
	names := map[string]bool{}
	for _, c := range ts.Clients() {
		names[c.Name] = true
	}
	assert.Equal(t, map[string]bool{"ann": true, "": true}, names)
}
