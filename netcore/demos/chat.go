package demos

import (
	"strings"
	"sync"

	"github.com/socketlab/socketlab/netcore"
)

// Texts of the chat demo. Every line is "name: text", a notice starting
// with ChatNotice, or one of the replies to the sender alone (errors, the
// usage, the flood warning). Names and relayed text never carry control
// or invisible characters (see netcore.Escape), so no line can pass for
// another's.
const (
	ChatNick         = "/nick"        // command: /nick NAME renames
	ChatNotice       = "* "           // joined, left, is now
	ChatJoined       = " joined"      // after "* name"
	ChatLeft         = " left"        // after "* name"
	ChatRenamed      = " is now "     // between "* old" and the new name
	ChatMoreJoined   = " more joined" // after "* N": joins not announced one by one (a burst)
	ChatMoreLeft     = " more left"   // after "* N": leaves not announced one by one
	ChatServerPrefix = "server: "     // a message typed on the server's screen
	ChatUsage        = "usage: /nick NAME"
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
		return &chatDemo{members: map[*chatSession]struct{}{}, names: map[string]*chatSession{}, byID: map[int]*chatSession{}, gate: newNoticeGate()}, nil
	})
}

// chatDemo is the room: the set of connected members. Delivery is Peer.Send,
// which never blocks, so a member who vanished or stopped reading cannot
// hold up the others.
type chatDemo struct {
	mu      sync.Mutex
	members map[*chatSession]struct{}
	names   map[string]*chatSession // by nameKey, for "that name is in use"
	byID    map[int]*chatSession    // by connection, for Name
	gate    *noticeGate             // which joins and leaves are announced one by one
}

type chatSession struct {
	room  *chatDemo
	p     netcore.Peer
	name  string     // guarded by room.mu
	key   string     // nameKey(name); guarded by room.mu
	flood floodGuard // used only by Handle, which runs on one goroutine
}

func (*chatDemo) Info() netcore.DemoInfo { return chatInfo }

func (d *chatDemo) Open(p netcore.Peer) netcore.Session {
	// The first name is the address, which has a ':' no chosen name may
	// have, so it never clashes with one.
	s := &chatSession{room: d, p: p, name: p.Addr(), key: p.Addr(), flood: newFloodGuard()}
	notice := ChatNotice + s.name + ChatJoined
	d.mu.Lock()
	d.members[s] = struct{}{}
	d.names[s.key] = s
	d.byID[p.ID()] = s
	announce := d.gate.announce(d, &d.gate.joined)
	d.mu.Unlock()
	if announce {
		d.broadcast(notice)
	} else {
		// In a burst the room hears a count later; the newcomer still
		// learns its own name at once.
		p.Send(notice)
	}
	return s
}

// Name is the name connection connID picked with /nick (netcore.Namer);
// before that it has only its address, which the list shows anyway.
func (d *chatDemo) Name(connID int) (string, bool) {
	d.mu.Lock()
	defer d.mu.Unlock()
	s := d.byID[connID]
	if s == nil || s.name == s.p.Addr() {
		return "", false
	}
	return s.name, true
}

// Post is a message typed on the server's screen.
func (d *chatDemo) Post(text string) { d.broadcast(ChatServerPrefix + netcore.Escape(text)) }

func (d *chatDemo) broadcast(line string) {
	d.mu.Lock()
	defer d.mu.Unlock()
	for m := range d.members {
		m.p.Send(line)
	}
}

func (s *chatSession) Handle(text string) {
	if !s.pace(len(text)) {
		return
	}
	if nick, ok := strings.CutPrefix(text, ChatNick); ok && (nick == "" || nick[0] == ' ') {
		s.rename(strings.TrimSpace(nick))
		return
	}
	s.room.mu.Lock()
	name := s.name
	s.room.mu.Unlock()
	// Escaped, so that a CR cannot send a terminal back to the line's
	// start to write "server: ..." over the name, nor ESC clear a screen.
	s.room.broadcast(name + ": " + netcore.Escape(text))
}

func (s *chatSession) rename(nick string) {
	if why := checkNick(nick); why != "" {
		s.p.Send(why)
		return
	}
	key := nameKey(nick)
	d := s.room
	d.mu.Lock()
	if other := d.names[key]; other != nil && other != s {
		d.mu.Unlock()
		s.p.Send(ChatNameTaken)
		return
	}
	old := s.name
	delete(d.names, s.key)
	s.name, s.key = nick, key
	d.names[key] = s
	d.mu.Unlock()
	if old != nick {
		d.broadcast(ChatNotice + old + ChatRenamed + nick)
	}
}

func (s *chatSession) Close() {
	d := s.room
	d.mu.Lock()
	delete(d.members, s)
	delete(d.names, s.key)
	delete(d.byID, s.p.ID())
	name := s.name
	announce := d.gate.announce(d, &d.gate.left)
	d.mu.Unlock()
	if announce {
		d.broadcast(ChatNotice + name + ChatLeft)
	}
}
