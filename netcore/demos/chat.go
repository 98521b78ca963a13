package demos

import (
	"strings"
	"sync"

	"github.com/socketlab/socketlab/netcore"
)

// Texts of the chat demo. Every line is "name: text", a notice starting
// with ChatNotice, or one of the errors.
const (
	ChatNick         = "/nick"    // command: /nick NAME renames
	ChatNotice       = "* "       // joined, left, is now
	ChatJoined       = " joined"  // after "* name"
	ChatLeft         = " left"    // after "* name"
	ChatRenamed      = " is now " // between "* old" and the new name
	ChatServerPrefix = "server: " // a message typed on the server's screen
	ChatUsage        = "usage: /nick NAME"
	ChatBadName      = "error: a name has at most 32 characters and no ':'"
)

var chatInfo = netcore.DemoInfo{
	Name:        "chat",
	Order:       2,
	Title:       "Chat room",
	Description: "Every message goes to everyone connected as \"name: text\". Send /nick NAME to pick a name.",
	ClassicPort: 8001,
}

func init() {
	register(chatInfo, func(settings) (netcore.Demo, error) {
		return &chatDemo{members: map[*chatSession]struct{}{}}, nil
	})
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
	p    netcore.Peer
	name string // guarded by room.mu
}

func (*chatDemo) Info() netcore.DemoInfo { return chatInfo }

func (d *chatDemo) Open(p netcore.Peer) netcore.Session {
	s := &chatSession{room: d, p: p, name: p.Addr()}
	d.mu.Lock()
	d.members[s] = struct{}{}
	d.mu.Unlock()
	d.broadcast(ChatNotice + s.name + ChatJoined)
	return s
}

// Post is a message typed on the server's screen.
func (d *chatDemo) Post(text string) { d.broadcast(ChatServerPrefix + text) }

func (d *chatDemo) broadcast(line string) {
	d.mu.Lock()
	defer d.mu.Unlock()
	for m := range d.members {
		m.p.Send(line)
	}
}

func (s *chatSession) Handle(text string) {
	if nick, ok := strings.CutPrefix(text, ChatNick); ok && (nick == "" || nick[0] == ' ') {
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
		s.p.Send(ChatUsage)
		return
	case len(nick) > maxNick || strings.ContainsAny(nick, ":\x00"):
		s.p.Send(ChatBadName)
		return
	}
	s.room.mu.Lock()
	old := s.name
	s.name = nick
	s.room.mu.Unlock()
	if old != nick {
		s.room.broadcast(ChatNotice + old + ChatRenamed + nick)
	}
}

func (s *chatSession) Close() {
	s.room.mu.Lock()
	delete(s.room.members, s)
	name := s.name
	s.room.mu.Unlock()
	s.room.broadcast(ChatNotice + name + ChatLeft)
}
