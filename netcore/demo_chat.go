package netcore

import (
	"strings"
	"sync"
)

func init() {
	register(DemoInfo{
		Name:        "chat",
		Title:       "Chat room",
		Description: "Every message goes to everyone connected as \"name: text\". Send /nick NAME to pick a name.",
		ClassicPort: 8001,
	}, func(Options) Demo { return &chatDemo{members: map[*chatSession]struct{}{}} })
}

// maxNick keeps one student from filling everyone's screen with a name.
const maxNick = 32

// chatDemo is the room: the set of connected members. Delivery is Peer.Send,
// which never blocks, so a member who vanished or stopped reading cannot
// hold up the others.
type chatDemo struct {
	mu      sync.Mutex
	members map[*chatSession]struct{}
}

type chatSession struct {
	room *chatDemo
	p    Peer
	name string // guarded by room.mu
}

func (*chatDemo) Info() DemoInfo { info, _ := LookupDemo("chat"); return info }

func (d *chatDemo) Open(p Peer) Session {
	s := &chatSession{room: d, p: p, name: p.Addr()}
	d.mu.Lock()
	d.members[s] = struct{}{}
	d.mu.Unlock()
	d.broadcast("* " + s.name + " joined")
	return s
}

// Post is a message typed on the server's screen.
func (d *chatDemo) Post(text string) { d.broadcast("server: " + text) }

func (d *chatDemo) broadcast(line string) {
	d.mu.Lock()
	defer d.mu.Unlock()
	for m := range d.members {
		m.p.Send(line)
	}
}

func (s *chatSession) Handle(text string) {
	if nick, ok := strings.CutPrefix(text, "/nick"); ok && (nick == "" || nick[0] == ' ') {
		s.rename(strings.TrimSpace(nick))
		return
	}
	s.room.mu.Lock()
	name := s.name
	s.room.mu.Unlock()
	s.room.broadcast(name + ": " + text)
}

func (s *chatSession) rename(nick string) {
	switch {
	case nick == "":
		s.p.Send("usage: /nick NAME")
		return
	case len(nick) > maxNick || strings.ContainsAny(nick, ":\x00"):
		s.p.Send("error: a name has at most 32 characters and no ':'")
		return
	}
	s.room.mu.Lock()
	old := s.name
	s.name = nick
	s.room.mu.Unlock()
	if old != nick {
		s.room.broadcast("* " + old + " is now " + nick)
	}
}

func (s *chatSession) Close() {
	s.room.mu.Lock()
	delete(s.room.members, s)
	name := s.name
	s.room.mu.Unlock()
	s.room.broadcast("* " + name + " left")
}
