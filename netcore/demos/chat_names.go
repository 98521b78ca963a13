package demos

import (
	"strings"
	"unicode/utf8"

	"golang.org/x/text/secure/precis"

	"github.com/socketlab/socketlab/netcore"
)

// Replies to a /nick that is refused, sent to the one who asked.
const (
	ChatNameTooLong  = netcore.ErrorPrefix + "a name has at most 32 characters"
	ChatNameBadStart = netcore.ErrorPrefix + "a name cannot contain ':' or start with '*'"
	ChatNameHidden   = netcore.ErrorPrefix + "a name cannot contain control or invisible characters"
	ChatNameUnusable = netcore.ErrorPrefix + "a name cannot contain that character"
	ChatNameReserved = netcore.ErrorPrefix + "the name server is kept for the teacher"
	ChatNameTaken    = netcore.ErrorPrefix + "that name is in use"
)

// maxNick keeps one student from filling everyone's screen with a name. It
// counts characters, not bytes, so "Zoë" and "日本" are as welcome as "Zoe".
const maxNick = 32

// chatTeacherName is the name lines typed on the server's screen carry
// (ChatServerPrefix without ": ").
const chatTeacherName = "server"

// checkNick returns why nick cannot be a name, or "" when it can. Whether
// it is in use is the room's to check, with its lock held.
func checkNick(nick string) string {
	switch {
	case nick == "":
		return ChatUsage
	case netcore.HasHidden(nick):
		return ChatNameHidden
	case utf8.RuneCountInString(nick) > maxNick:
		return ChatNameTooLong
	case strings.Contains(nick, ":") || strings.HasPrefix(nick, "*"):
		// ':' would let a name end early ("ann: hi" from "ann: hi: x"),
		// '*' pass for a notice ("* ann left").
		return ChatNameBadStart
	}
	key, err := precis.Nickname.CompareKey(nick)
	switch {
	case err != nil:
		// Unassigned code points and the like, which PRECIS (RFC 8266)
		// refuses in nicknames.
		return ChatNameUnusable
	case key == chatTeacherName:
		return ChatNameReserved
	}
	return ""
}

// nameKey is what two names must differ in to be told apart: case, width
// and spacing do not count ("Bob", "ＢＯＢ" and " bob " are one name). It
// uses the PRECIS nickname profile (RFC 8266) rather than home-made
// folding. nick has passed checkNick.
func nameKey(nick string) string {
	key, err := precis.Nickname.CompareKey(nick)
	if err != nil {
		return nick // unreachable after checkNick; keeps the name distinct
	}
	return key
}
