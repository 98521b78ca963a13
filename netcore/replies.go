package netcore

import (
	"fmt"
	"time"
)

// What the server itself says to a client when it turns it away or ends the
// connection (docs/protocols.md, "Limits"). Plain ASCII, one line each.
const (
	// ErrorPrefix starts every error reply a server sends (the ones below,
	// a demo's refusals), so a client can tell them from answers.
	ErrorPrefix = "error: "
	// BusyReply turns away a client when the server is full: Config.MaxClients,
	// or as many connections as the process may open files for.
	BusyReply = "server busy"
	// BusyAddressReply turns away a client whose address already holds
	// Config.MaxPerAddress connections. It starts like BusyReply, so a
	// script that checks for "server busy" still understands it.
	BusyAddressReply = "server busy: too many connections from your address"
	// TooLongReply ends a message longer than Config.MaxMessage; over UDP
	// it also answers a request whose reply would not fit in one datagram.
	TooLongReply = ErrorPrefix + "message too long"
	// TooSlowReply ends a message that kept growing, without a terminator
	// and without a 100 ms pause, for Config.SlowMessage.
	TooSlowReply = ErrorPrefix + "message too slow"
	// MemoryFullReply is told to the client that holds the most memory when
	// all clients together hold more than Config.MaxMemory; it is then
	// closed.
	MemoryFullReply = ErrorPrefix + "server memory full; closing the connection that holds the most"
	// KickedReply is the last line a client kicked by the teacher (the
	// Server tab's Kick, Server.Kick) reads before the server hangs up, so
	// a student knows it was not a crash.
	KickedReply = "kicked by the teacher"
	// idleReplyFormat closes a client silent for Config.IdleTimeout, or
	// waiting that long for its turn in one-at-a-time mode.
	idleReplyFormat = "idle for %s; closing"
)

// IdleReply is what a client idle (or waiting) for d is told before it is
// closed: "idle for 5m0s; closing".
func IdleReply(d time.Duration) string { return fmt.Sprintf(idleReplyFormat, d) }
