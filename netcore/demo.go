package netcore

import (
	"fmt"
	"math/rand/v2"
	"sort"
	"sync"
)

// Demo is one classroom protocol. A server makes one Demo value when it
// starts (so shared state such as a chat room lives exactly as long as the
// server) and asks it for a Session per connection. The server does all the
// socket work: a demo only turns messages into replies, which is why adding a
// demo is one file and never another socket loop.
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
	// Close ends the connection once everything queued has been written.
	Close()
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

// DemoInfo describes a demo for the CLI help and the GUI picker.
type DemoInfo struct {
	Name        string
	Title       string
	Description string // what the demo does and what a client should send
	ClassicPort int    // the port the classic lesson scripts use
	UDP         bool   // also works over UDP
	Redact      bool   // never log what the client typed (passwords)
}

// Options are the settings a demo may use; NewConfig fills the defaults.
type Options struct {
	Welcome     string // echo: first line sent on connect; empty means none
	Password    string // password: the accepted password
	MaxAttempts int    // password: denials before the connection is closed
	GuessMin    int    // guess: smallest secret
	GuessMax    int    // guess: largest secret
	// Rand, when set, makes secrets and server moves reproducible in tests.
	Rand *rand.Rand
}

// seededMu guards Options.Rand: a rand.Rand is not safe for the many
// connections that share it.
var seededMu sync.Mutex

func (o Options) intn(n int) int {
	if o.Rand != nil {
		seededMu.Lock()
		defer seededMu.Unlock()
		return o.Rand.IntN(n)
	}
	return rand.IntN(n)
}

// Defaults used by NewConfig and the CLI.
const (
	DefaultWelcome     = "hello from server"
	DefaultPassword    = "secret"
	DefaultMaxAttempts = 3
)

type demoEntry struct {
	info DemoInfo
	make func(Options) Demo
}

var demos = map[string]demoEntry{}

// register is called from each demo file's init, so the list of demos is
// simply the set of demo files.
func register(info DemoInfo, make func(Options) Demo) {
	if _, dup := demos[info.Name]; dup {
		panic("netcore: demo registered twice: " + info.Name)
	}
	demos[info.Name] = demoEntry{info: info, make: make}
}

// Demos lists every demo in a stable, teaching-friendly order.
func Demos() []DemoInfo {
	order := map[string]int{"echo": 0, "time": 1, "chat": 2, "guess": 3, "password": 4, "calc": 5, "rps": 6, "duel": 7, "mancala": 8}
	out := make([]DemoInfo, 0, len(demos))
	for _, d := range demos {
		out = append(out, d.info)
	}
	sort.Slice(out, func(i, j int) bool {
		oi, iok := order[out[i].Name]
		oj, jok := order[out[j].Name]
		switch {
		case iok && jok:
			return oi < oj
		case iok != jok:
			return iok
		}
		return out[i].Name < out[j].Name
	})
	return out
}

// LookupDemo returns the description of the named demo.
func LookupDemo(name string) (DemoInfo, bool) {
	d, ok := demos[name]
	return d.info, ok
}

// NewDemo makes a fresh demo value for one server.
func NewDemo(name string, o Options) (Demo, error) {
	d, ok := demos[name]
	if !ok {
		return nil, fmt.Errorf("unknown demo %q (choose one of %s)", name, demoNames())
	}
	return d.make(o), nil
}

func demoNames() string {
	s := ""
	for i, d := range Demos() {
		if i > 0 {
			s += ", "
		}
		s += d.Name
	}
	return s
}
