package netcore

import (
	"errors"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

// The log line of each kind of event, as the command line prints it.
func TestEventText(t *testing.T) {
	at := time.Date(2026, 12, 3, 10, 4, 5, 123e6, time.UTC)
	for _, c := range []struct {
		e    Event
		want string
	}{
		{Event{Time: at, Kind: EventReceived, ConnID: 3, Peer: "192.168.0.7:51522", Text: "hello", Bytes: 6, Ending: EndNewline},
			`10:04:05.123 #3 192.168.0.7:51522 received 6 B: "hello" (ending \n)`},
		{Event{Time: at, Kind: EventSent, ConnID: 12, Peer: "[::1]:9", Text: "say \"hi\"\\\x1b\x7f", Bytes: 12},
			`10:04:05.123 #12 [::1]:9 sent 12 B: "say \"hi\"\\\x1b\x7f"`},
		{Event{Time: at, Kind: EventReceived, ConnID: 1, Text: HiddenText, Hidden: true},
			`10:04:05.123 #1 received (hidden)`},
		{Event{Time: at, Kind: EventClosed, ConnID: 2, Peer: "127.0.0.1:5", Text: "client disconnected"},
			`10:04:05.123 #2 127.0.0.1:5 closed client disconnected`},
		{Event{Time: at, Kind: EventError, Err: errors.New("boom")},
			`10:04:05.123 error: boom`},
	} {
		assert.Equal(t, c.want, c.e.String())
		assert.Equal(t, "> "+c.want, string(c.e.AppendText([]byte("> "))))
	}
}

// The shortcut for plain text quotes exactly as strconv.Quote does.
func TestAppendQuotedMatchesStrconv(t *testing.T) {
	for _, s := range []string{"", "plain", `a"b`, `a\b`, "tab\t", "nl\n", "del\x7f", "é", "\xff", "~ !"} {
		assert.Equal(t, strconv.Quote(s), string(appendQuoted(nil, s)), "%q", s)
	}
}
