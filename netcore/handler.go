package netcore

import "time"

// Demo is one classroom protocol, the way http.Handler is one web
// application: a Server carries a Demo value (Config.Demo) and asks it for a
// Session per connection. The server does all the socket work: a demo only
// turns messages into replies, which is why adding a demo is one file and
// never another socket loop. Make one Demo value per server, so shared state
// such as a chat room lives exactly as long as the server.
type Demo interface {
	Info() DemoInfo
	// Open starts the conversation with a newly connected client. It may
	// send a welcome through p.
	Open(p Peer) Session
}

// Session is one client's conversation with a demo.
type Session interface {
	// Handle answers one framed message (its terminator already removed).
	Handle(text string)
	// Close runs once when the connection has ended, for any reason.
	Close()
}

// Peer is what a demo sees of one connection.
type Peer interface {
	ID() int
	Addr() string
	// Send queues text for the client, framed like the last message the
	// client sent (a newline before it has sent anything). Send never blocks.
	Send(text string)
	// SendRaw queues b exactly as given, with no terminator added: for
	// protocols whose bytes are fixed by someone else (an HTTP answer to a
	// browser). It never blocks and keeps its place among Sends.
	SendRaw(b []byte)
	// Close ends the connection once everything queued has been written.
	Close()
	// Pause holds back reading this client's messages for d: called from
	// Session.Handle, it slows a client that sends too fast by TCP itself
	// (its sends block once the buffers between fill), with nothing queued
	// in the server. It returns false early if the client is kicked or the
	// server stops meanwhile, so a paused client never delays a shutdown.
	Pause(d time.Duration) bool
}

// DatagramDemo is implemented by demos that also work over UDP, where each
// datagram is answered by exactly one datagram.
type DatagramDemo interface {
	Datagram(text string) string
}

// Poster is implemented by demos that frame server announcements
// themselves (chat writes "server: <text>"); other demos get the raw text.
type Poster interface {
	Post(text string)
}

// Namer is implemented by demos whose clients pick names (chat's /nick):
// the server's clients list shows the name next to the address. ok is
// false while connection connID has not picked one.
type Namer interface {
	Name(connID int) (name string, ok bool)
}

// DemoInfo describes a demo for the CLI help, the GUI picker and the server
// log. It is the one place a demo's texts for people live: Title,
// Description and the settings' labels are English defaults that a front
// end may translate, looking them up by Name (and Setting.Key).
type DemoInfo struct {
	Name        string // stable identifier: CLI --demo, preferences, beacons, translation key
	Order       int    // place in the teaching order (lists are sorted by it)
	Title       string
	Description string // what the demo does and what a client should send; {{.key}} names a setting (Describe)
	ClassicPort int    // the port the classic lesson scripts use
	UDP         bool   // also works over UDP
	Redact      bool   // never log what the client typed (passwords)
	// URLScheme, when set ("http"), says a browser is the client: front
	// ends show SCHEME://HOST:PORT/ to open rather than an address to type
	// into a socket client.
	URLScheme string
	// Settings are what a teacher may change before starting the server;
	// front ends build their forms and flags from them.
	Settings []Setting
	// Values are the settings a made demo runs with, by Setting.Key (its
	// Info() fills them); empty in the registry's descriptions, where
	// Value falls back to the defaults. Secrets are never put here: this
	// is what the server log, the CLI and the discovery beacon may show.
	Values map[string]string
	// A demo's own check rules (what a student's server of this protocol
	// must answer, for the coming server checker) belong here too, next to
	// the texts they check.
}
