package netcore

import (
	"errors"
	"fmt"
	"net"
	"sort"
	"strconv"
	"sync"
	"sync/atomic"
	"time"
)

// Config says what a server runs and how. Start from NewConfig: the zero
// value of Welcome means "no welcome", every other zero means the default.
type Config struct {
	Demo    string
	Network string // "tcp" (default) or "udp"
	Addr    string // host:port; host "" or "0.0.0.0"/"::" listens on every interface
	Options

	MaxClients int // 0 means no limit; extra clients get "server busy"
	// OneAtATime serves a single client at a time, as the simplest lesson
	// servers do: the others wait, unserved, until it leaves.
	OneAtATime  bool
	IdleTimeout time.Duration // close clients silent this long (default 5 min)
	MaxMessage  int           // longest message in bytes (default 64 KiB)
	EventBuffer int           // events held for a slow consumer before dropping
}

// Defaults for Config.
const (
	DefaultIdleTimeout = 5 * time.Minute
	// IdleFlush is how long unterminated bytes wait before they count as a
	// whole message: long enough for one send() to arrive in pieces, short
	// enough that a person never notices.
	IdleFlush = 100 * time.Millisecond
	// writeTimeout bounds how long one client that stopped reading can keep
	// a write pending before it is disconnected.
	writeTimeout = 10 * time.Second
	// outQueue is how many messages may wait for one client.
	outQueue = 1024
	// lingerTime is how long a closing connection still reads (and drops)
	// input, so the client reads our last reply before it sees a reset.
	lingerTime = time.Second
)

// NewConfig returns the defaults for a demo: its classic port on the best
// guess LAN address, the classic welcome and password, secrets 0–9.
func NewConfig(demo string) Config {
	port := 8000
	if info, ok := LookupDemo(demo); ok {
		port = info.ClassicPort
	}
	return Config{
		Demo:    demo,
		Network: "tcp",
		Addr:    net.JoinHostPort(BestLANAddress(), strconv.Itoa(port)),
		Options: Options{
			Welcome:     DefaultWelcome,
			Password:    DefaultPassword,
			MaxAttempts: DefaultMaxAttempts,
			GuessMin:    0,
			GuessMax:    9,
		},
		IdleTimeout: DefaultIdleTimeout,
		MaxMessage:  DefaultMaxMessage,
	}
}

// ClientInfo is one row of the connected-clients list.
type ClientInfo struct {
	ID       int
	Peer     string
	Since    time.Time
	BytesIn  int64
	BytesOut int64
	Waiting  bool // connected but not served yet (one client at a time)
}

// Server runs one demo on one address. Use it once: NewServer, Start, Stop.
type Server struct {
	cfg    Config
	demo   Demo
	events *eventQueue

	ln   net.Listener   // TCP
	pc   net.PacketConn // UDP
	addr net.Addr

	mu     sync.Mutex
	conns  map[int]*conn
	nextID int
	udp    map[string]*ClientInfo // UDP peers seen, by address

	turn chan struct{} // one token: who is served, with OneAtATime
	quit chan struct{} // closed by Stop

	started  atomic.Bool
	stopping atomic.Bool
	stopOnce sync.Once
	wg       sync.WaitGroup
}

// NewServer checks the configuration and prepares the demo. Nothing is bound
// until Start.
func NewServer(cfg Config) (*Server, error) {
	if cfg.Network == "" {
		cfg.Network = "tcp"
	}
	if cfg.Network != "tcp" && cfg.Network != "udp" {
		return nil, fmt.Errorf("unknown transport %q: use tcp or udp", cfg.Network)
	}
	if cfg.IdleTimeout <= 0 {
		cfg.IdleTimeout = DefaultIdleTimeout
	}
	if cfg.MaxMessage <= 0 {
		cfg.MaxMessage = DefaultMaxMessage
	}
	if cfg.MaxClients < 0 {
		return nil, errors.New("max clients cannot be negative")
	}
	if _, err := SplitHostPort(cfg.Addr); err != nil {
		return nil, err
	}
	demo, err := NewDemo(cfg.Demo, cfg.Options)
	if err != nil {
		return nil, err
	}
	if _, ok := demo.(DatagramDemo); cfg.Network == "udp" && !ok {
		return nil, fmt.Errorf("the %s demo needs a connection: use TCP (UDP works for echo and time)", cfg.Demo)
	}
	return &Server{
		cfg:    cfg,
		demo:   demo,
		events: newEventQueue(cfg.EventBuffer),
		conns:  map[int]*conn{},
		udp:    map[string]*ClientInfo{},
		turn:   make(chan struct{}, 1),
		quit:   make(chan struct{}),
	}, nil
}

// Config returns the configuration the server runs with.
func (s *Server) Config() Config { return s.cfg }

// Events is the stream of everything that happens. It is closed after Stop,
// once the final EventStopped has been delivered.
func (s *Server) Events() <-chan Event { return s.events.ch }

// Dropped counts events lost because the consumer was too slow.
func (s *Server) Dropped() int64 { return s.events.dropped.Load() }

// Addr is the bound address (with the real port when 0 was asked for).
func (s *Server) Addr() net.Addr { return s.addr }

// Start binds the address and begins serving in the background. Errors are
// written for people: "port 8000 on 192.168.0.5 is already in use — …".
func (s *Server) Start() error {
	if !s.started.CompareAndSwap(false, true) {
		return errors.New("server already started")
	}
	if s.cfg.Network == "udp" {
		pc, err := net.ListenPacket("udp", s.cfg.Addr)
		if err != nil {
			return explainListen(err, s.cfg.Addr)
		}
		s.pc, s.addr = pc, pc.LocalAddr()
		s.wg.Add(1)
		go s.serveUDP()
	} else {
		ln, err := net.Listen("tcp", s.cfg.Addr)
		if err != nil {
			return explainListen(err, s.cfg.Addr)
		}
		s.ln, s.addr = ln, ln.Addr()
		s.wg.Add(1)
		go s.acceptLoop()
	}
	s.events.emit(Event{Kind: EventListening, Text: s.cfg.Network + " " + s.addr.String() + " (" + s.cfg.Demo + ")"})
	return nil
}

// Stop closes the listener and every connection and returns once every
// goroutine the server started has ended. It is safe to call more than once
// and before Start.
func (s *Server) Stop() {
	s.stopOnce.Do(func() {
		s.stopping.Store(true)
		close(s.quit)
		if s.ln != nil {
			s.ln.Close()
		}
		if s.pc != nil {
			s.pc.Close()
		}
		s.mu.Lock()
		for _, c := range s.conns {
			c.nc.Close()
		}
		s.mu.Unlock()
		s.wg.Wait()
		s.events.close(Event{Kind: EventStopped})
	})
}

func (s *Server) acceptLoop() {
	defer s.wg.Done()
	var backoff time.Duration
	for {
		nc, err := s.ln.Accept()
		if err != nil {
			if s.stopping.Load() || errors.Is(err, net.ErrClosed) {
				return
			}
			// Out of file descriptors and similar: say so, wait, go on
			// serving the clients we have.
			backoff = min(max(2*backoff, 5*time.Millisecond), time.Second)
			s.events.emit(Event{Kind: EventError, Err: err})
			time.Sleep(backoff)
			continue
		}
		backoff = 0
		s.admit(nc)
	}
}

// admit registers a new connection, or turns it away when the server is
// full or stopping.
func (s *Server) admit(nc net.Conn) {
	peer := nc.RemoteAddr().String()
	s.mu.Lock()
	if s.stopping.Load() {
		s.mu.Unlock()
		nc.Close()
		return
	}
	if s.cfg.MaxClients > 0 && len(s.conns) >= s.cfg.MaxClients {
		s.mu.Unlock()
		nc.SetWriteDeadline(time.Now().Add(time.Second))
		nc.Write([]byte("server busy\n"))
		nc.Close()
		s.events.emit(Event{Kind: EventClosed, Peer: peer, Text: "turned away: server busy (max " + strconv.Itoa(s.cfg.MaxClients) + " clients)"})
		return
	}
	s.nextID++
	c := newConn(s, s.nextID, nc)
	s.conns[c.id] = c
	s.wg.Add(1)
	s.mu.Unlock()
	go c.serve()
}

func (s *Server) forget(c *conn) {
	s.mu.Lock()
	delete(s.conns, c.id)
	s.mu.Unlock()
}

// Clients lists who is connected, oldest first. For UDP it lists the
// addresses datagrams came from.
func (s *Server) Clients() []ClientInfo {
	s.mu.Lock()
	out := make([]ClientInfo, 0, len(s.conns)+len(s.udp))
	for _, c := range s.conns {
		out = append(out, c.info())
	}
	for _, u := range s.udp {
		out = append(out, *u)
	}
	s.mu.Unlock()
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

func (s *Server) lookup(id int) (*conn, error) {
	s.mu.Lock()
	c := s.conns[id]
	s.mu.Unlock()
	if c == nil {
		if s.cfg.Network == "udp" {
			return nil, errors.New("UDP has no connections: a UDP server only answers datagrams")
		}
		return nil, fmt.Errorf("client #%d is no longer connected", id)
	}
	return c, nil
}

// Kick disconnects one client.
func (s *Server) Kick(id int) error {
	c, err := s.lookup(id)
	if err != nil {
		return err
	}
	c.kick()
	return nil
}

// SendTo sends one line to one client, framed like that client's messages.
func (s *Server) SendTo(id int, text string) error {
	c, err := s.lookup(id)
	if err != nil {
		return err
	}
	c.Send(text)
	return nil
}

// Broadcast sends a line to every client; in chat it appears as
// "server: <text>".
func (s *Server) Broadcast(text string) error {
	if s.cfg.Network == "udp" {
		return errors.New("UDP has no connections: a UDP server only answers datagrams")
	}
	if p, ok := s.demo.(Poster); ok {
		p.Post(text)
		return nil
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, c := range s.conns {
		c.Send(text)
	}
	return nil
}

// serveUDP answers each datagram with one datagram.
func (s *Server) serveUDP() {
	defer s.wg.Done()
	dd := s.demo.(DatagramDemo)
	buf := make([]byte, 64<<10)
	for {
		n, from, err := s.pc.ReadFrom(buf)
		if err != nil {
			if s.stopping.Load() || errors.Is(err, net.ErrClosed) {
				return
			}
			s.events.emit(Event{Kind: EventError, Err: err})
			continue
		}
		peer := from.String()
		info := s.udpPeer(peer)
		if n > s.cfg.MaxMessage {
			s.reply(info, from, Message{Text: "error: message too long", Ending: EndNewline})
			continue
		}
		m := SplitDatagram(buf[:n])
		s.mu.Lock()
		info.BytesIn += int64(n)
		s.mu.Unlock()
		s.events.emit(Event{Kind: EventReceived, ConnID: info.ID, Peer: peer, Text: m.Text, Bytes: n, Ending: m.Ending, Term: m.Term})
		s.reply(info, from, Message{Text: dd.Datagram(m.Text), Ending: m.Ending})
	}
}

// maxUDPPeers bounds the UDP peers remembered for the clients list.
const maxUDPPeers = 1000

func (s *Server) udpPeer(peer string) *ClientInfo {
	s.mu.Lock()
	defer s.mu.Unlock()
	if info, ok := s.udp[peer]; ok {
		return info
	}
	if len(s.udp) >= maxUDPPeers {
		oldest := ""
		for k, v := range s.udp {
			if oldest == "" || v.ID < s.udp[oldest].ID {
				oldest = k
			}
		}
		delete(s.udp, oldest)
	}
	s.nextID++
	info := &ClientInfo{ID: s.nextID, Peer: peer, Since: time.Now()}
	s.udp[peer] = info
	return info
}

func (s *Server) reply(info *ClientInfo, to net.Addr, m Message) {
	b := m.Ending.Frame(m.Text)
	s.pc.SetWriteDeadline(time.Now().Add(writeTimeout))
	if _, err := s.pc.WriteTo(b, to); err != nil {
		s.events.emit(Event{Kind: EventError, ConnID: info.ID, Peer: info.Peer, Err: err})
		return
	}
	s.mu.Lock()
	info.BytesOut += int64(len(b))
	s.mu.Unlock()
	s.events.emit(Event{Kind: EventSent, ConnID: info.ID, Peer: info.Peer, Text: m.Text, Term: string(b[len(m.Text):]), Bytes: len(b)})
}
