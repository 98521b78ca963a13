package netcore

// What a wrapper demo (the client checker in netcore/check) may learn about
// a connection beyond Peer: optional methods of the server's Peer, found by
// a type assertion, so that Peer itself stays small.

// LastEnding is the framing of the client's last message.
func (c *conn) LastEnding() Ending { return Ending(c.ending.Load()) }

// EndReason is why reading ended ("client disconnected", "connection reset
// by the client", ...); it is set before Session.Close runs.
func (c *conn) EndReason() string { return c.readEnd }

// EndReset is EndReason for a client that reset the connection.
const EndReset = "connection reset by the client"
