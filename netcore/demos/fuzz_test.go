package demos

import (
	"math/rand/v2"
	"strings"
	"testing"
	"time"
)

// fakePeer records what a demo sends, for fuzzing demos without sockets.
type fakePeer struct {
	sent   []string
	closed bool
}

func (p *fakePeer) ID() int          { return 1 }
func (p *fakePeer) Addr() string     { return "127.0.0.1:5555" }
func (p *fakePeer) Send(text string) { p.sent = append(p.sent, text) }
func (p *fakePeer) SendRaw(b []byte) { p.sent = append(p.sent, string(b)) }
func (p *fakePeer) Close()           { p.closed = true }

// Pause does not wait: a fuzzed message is handled at once.
func (p *fakePeer) Pause(time.Duration) bool { return true }

// FuzzDemoHandlers feeds arbitrary messages to every demo: none may panic,
// each message gets at most a bounded reply, and the replies are the
// documented ones.
func FuzzDemoHandlers(f *testing.F) {
	for _, seed := range []string{"", "5", "-1", "rock", "P", "2+3*4", "9**9**9", "/nick ada", "/nick", "quit", "secret", "\xff\xfe", "((((((", "1e309"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, msg string) {
		for _, info := range All() {
			demo, err := New(info.Name, nil, rand.New(rand.NewPCG(3, 4)))
			if err != nil {
				t.Fatal(err)
			}
			p := &fakePeer{}
			s := demo.Open(p)
			greeting := len(p.sent)
			s.Handle(msg)
			if info.Name == "http" {
				if msg == "" {
					s.Close()
					continue // empty lines before a request are skipped
				}
				s.Handle("") // the request ends; now it must be answered
			}
			s.Close()
			replies := p.sent[greeting:]
			if (info.Name == "duel" || info.Name == "mancala") && len(replies) > 0 && replies[0] == WaitingForOpponent {
				// Seated, and so greeted, by its first message
				// (pairing.go): the greeting comes with the reply.
				replies = replies[1:]
			}
			if info.Name == "chat" {
				continue // replies are notices and the message itself
			}
			if len(replies) > 1 {
				t.Fatalf("%s answered %q with %d replies", info.Name, msg, len(replies))
			}
			if len(replies) == 0 {
				if !p.closed {
					t.Fatalf("%s neither answered %q nor hung up", info.Name, msg)
				}
				continue
			}
			r := replies[0]
			if info.Name != "echo" && info.Name != "time" && info.Name != "http" && len(r) > 2000 {
				t.Fatalf("%s reply to %q is %d bytes", info.Name, msg, len(r))
			}
			switch info.Name {
			case "guess":
				if r != "too low" && r != "too high" && r != "found the secret" && r != "please send a whole number from 0 to 9" {
					t.Fatalf("guess replied %q", r)
				}
			case "http":
				if !strings.HasPrefix(r, HTTPStatusOK+"\r\n") && !strings.HasPrefix(r, HTTPStatusBadRequest+"\r\n") && !strings.HasPrefix(r, HTTPStatusMethodNotAllowed+"\r\n") || !p.closed {
					t.Fatalf("http answered %q with %q (closed: %v)", msg, r, p.closed)
				}
			case "password":
				if r != "access granted" && r != "access denied" {
					t.Fatalf("password replied %q", r)
				}
			}
		}
	})
}
