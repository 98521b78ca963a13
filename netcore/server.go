package netcore

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"net"
	"net/netip"
	"sort"
	"strconv"
	"sync"
	"sync/atomic"
	"time"
)

// Config says what a server runs and how, the way http.Server carries a
// Handler: Demo is the protocol itself (package demos makes them). Start
// from NewConfig; every zero means the default.
type Config struct {
	Demo    Demo
	Network string // "tcp" (default) or "udp"
	Addr    string // host:port for Start; host "" or "0.0.0.0"/"::" listens on every interface

	MaxClients int // 0 means no limit; extra clients get "server busy"
	// MaxPerAddress is how many connections one IP address may hold, so
	// that one student's script cannot take every place (default 64,
	// NoLimit for none); extra ones get BusyAddressReply.
	MaxPerAddress int
	// OneAtATime serves a single client at a time, as the simplest lesson
	// servers do: the others wait, unserved, until it leaves (or until
	// IdleTimeout, like an idle client).
	OneAtATime  bool
	IdleTimeout time.Duration // close clients silent this long (default 5 min)
	MaxMessage  int           // longest message in bytes (default 64 KiB)
	// SlowMessage is how long an unfinished message may keep growing
	// without a 100 ms pause before the connection is ended with
	// TooSlowReply (default 10 s).
	SlowMessage time.Duration
	// MaxMemory bounds the bytes all clients together hold in unfinished
	// messages and queued replies (default 256 MiB, NoLimit for none).
	// Over it, the client that holds the most is told MemoryFullReply and
	// closed.
	MaxMemory   int64
	EventBuffer int // events held for a slow consumer before dropping

	// TLS, when set, wraps every TCP connection in TLS once it is admitted
	// (netcore/tlslab makes one for the classroom lesson). The demo,
	// framing and events are the same as without: only the bytes on the
	// socket change. TCP only.
	TLS *tls.Config
	// Allow, when not empty, is who may connect (TCP) or be answered
	// (UDP): addresses and subnets (ParseAllowList). Anyone else is told
	// NotAllowedReply and the log says they were turned away.
	Allow []netip.Prefix
	// WireTap, when > 0, keeps the latest WireTap bytes that crossed each
	// TCP connection's socket, under any TLS layer (Server.Wire shows
	// them): what TLS hides, next to what the demo saw.
	WireTap int
}

// NoLimit turns off MaxPerAddress or MaxMemory, whose zero means the
// default.
const NoLimit = -1

// Defaults for Config.
const (
	DefaultIdleTimeout   = 5 * time.Minute
	DefaultMaxPerAddress = 64
	DefaultSlowMessage   = 10 * time.Second
	DefaultMaxMemory     = 256 << 20
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
	// kickGrace is how long a kicked client has to read KickedReply before
	// its socket is closed whatever the writer is doing: more than
	// lingerTime, so a client that reads gets the reply and a clean close.
	kickGrace = 3 * time.Second
)

// NewConfig returns the defaults for a demo: TCP on its classic port at the
// best guess LAN address.
func NewConfig(d Demo) Config {
	port := 8000
	if d != nil {
		port = d.Info().ClassicPort
	}
	return Config{
		Demo:          d,
		Network:       "tcp",
		Addr:          net.JoinHostPort(BestLANAddress(), strconv.Itoa(port)),
		IdleTimeout:   DefaultIdleTimeout,
		MaxMessage:    DefaultMaxMessage,
		MaxPerAddress: DefaultMaxPerAddress,
		SlowMessage:   DefaultSlowMessage,
		MaxMemory:     DefaultMaxMemory,
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
	// Name is the name the client picked in a demo that has names (see
	// Namer), with hidden characters escaped; "" if none.
	Name string
}

// ErrServerClosed is returned by Serve and ServePacket once Shutdown or
// Close has stopped the server, like http.ErrServerClosed.
var ErrServerClosed = errors.New("netcore: server closed")

// Server runs one demo on one listener. Use it once: NewServer, then Serve
// (or ServePacket, or Start), then Shutdown or Close.
type Server struct {
	cfg    Config
	demo   Demo
	name   string // the demo's name, for the log
	events *eventQueue

	mu     sync.Mutex
	ln     net.Listener   // TCP; guarded by mu
	pc     net.PacketConn // UDP; guarded by mu
	addr   net.Addr       // guarded by mu
	conns  map[int]*conn
	nextID int
	udp    map[string]*ClientInfo // UDP peers seen, by address
	// refusedUDP are the sources not on Config.Allow already logged;
	// guarded by mu, bounded by maxUDPPeers.
	refusedUDP map[netip.Addr]bool
	// perAddr counts connections by peer IP, for MaxPerAddress; guarded
	// by mu.
	perAddr map[string]int
	// fileCap is how many connections the process's descriptor limit
	// leaves room for, after a reserve for everything else; 0: no cap.
	fileCap int

	spare      *spareFile    // a descriptor in reserve for saying "busy"; TCP only
	mem        atomic.Int64  // bytes held by all connections (conn.mem)
	overBudget chan struct{} // one slot: mem went over cfg.MaxMemory

	probes ownProbes // the server's own reachability checks (probe.go)

	turn chan struct{} // one token: who is served, with OneAtATime
	quit chan struct{} // closed by Shutdown

	started  bool        // Serve or ServePacket was called; guarded by mu
	stopping atomic.Bool // set under mu, so nothing joins wg after it
	stopOnce sync.Once
	stopped  chan struct{} // closed once every goroutine has ended
	wg       sync.WaitGroup
}

// NewServer checks the configuration. Nothing is bound until Start, and
// nothing is served until Serve, ServePacket or Start.
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
	if cfg.SlowMessage <= 0 {
		cfg.SlowMessage = DefaultSlowMessage
	}
	if cfg.MaxClients < 0 {
		return nil, errors.New("max clients cannot be negative")
	}
	switch {
	case cfg.MaxPerAddress == 0:
		cfg.MaxPerAddress = DefaultMaxPerAddress
	case cfg.MaxPerAddress < NoLimit:
		return nil, errors.New("max connections per address cannot be negative")
	}
	switch {
	case cfg.MaxMemory == 0:
		cfg.MaxMemory = DefaultMaxMemory
	case cfg.MaxMemory < NoLimit:
		return nil, errors.New("max memory cannot be negative")
	}
	if cfg.Addr != "" {
		// Checked here too, so a typo is reported before anything starts.
		if _, err := SplitHostPort(cfg.Addr); err != nil {
			return nil, err
		}
	}
	if cfg.TLS != nil && cfg.Network == "udp" {
		return nil, errors.New("TLS needs a connection: use TCP (UDP has no TLS here)")
	}
	if cfg.Demo == nil {
		return nil, errors.New("no demo: choose the demo the server runs")
	}
	name := cfg.Demo.Info().Name
	if _, ok := cfg.Demo.(DatagramDemo); cfg.Network == "udp" && !ok {
		return nil, fmt.Errorf("the %s demo needs a connection: use TCP (UDP works for echo and time)", name)
	}
	return &Server{
		cfg:        cfg,
		demo:       cfg.Demo,
		name:       name,
		events:     newEventQueue(cfg.EventBuffer),
		conns:      map[int]*conn{},
		udp:        map[string]*ClientInfo{},
		perAddr:    map[string]int{},
		fileCap:    connectionCap(fileLimit()),
		overBudget: make(chan struct{}, 1),
		turn:       make(chan struct{}, 1),
		quit:       make(chan struct{}),
		stopped:    make(chan struct{}),
	}, nil
}

// Config returns the configuration the server runs with.
func (s *Server) Config() Config { return s.cfg }

// Events is the stream of everything that happens. It is closed after
// Shutdown, once the final EventStopped has been delivered.
func (s *Server) Events() <-chan Event { return s.events.ch }

// EventBatches is Events a batch at a time, as they gathered (at most one
// batch every 10 ms under load): for a consumer that keeps up with
// thousands of events a second, one channel hand-over per batch instead of
// one per event, which was a tenth of `socketlab serve`'s CPU under an
// echo load. Call it before Start and read only it, never Events; both
// close together. A batch is the consumer's until it receives the next
// one (its slice is then reused): copy out what must be kept longer. What
// waits stays bounded as for Events: the batch being handed over and the
// one gathering each hold at most Config.EventBuffer message events and
// 32 MB of their texts.
func (s *Server) EventBatches() <-chan []Event { return s.events.batchesFor() }

// Dropped counts the message events (received, sent) the consumer never got
// because it fell behind. Lifecycle events (accepted, waiting, closed,
// errors, stopped) are not dropped.
func (s *Server) Dropped() int64 { return s.events.dropped.Load() }

// Addr is the bound address (with the real port when 0 was asked for), or
// nil before the server has a listener.
func (s *Server) Addr() net.Addr {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.addr
}

// Start binds Config.Addr (see Listen: its errors are written for people)
// and serves in a goroutine of the server's own. It returns once the server
// is listening.
func (s *Server) Start() error {
	if s.cfg.Network == "udp" {
		pc, err := ListenPacket("udp", s.cfg.Addr)
		if err != nil {
			return err
		}
		if err := s.begin(nil, pc); err != nil {
			return err
		}
		go func() { defer s.wg.Done(); s.serveUDP(pc) }()
		return nil
	}
	ln, err := Listen("tcp", s.cfg.Addr)
	if err != nil {
		return err
	}
	if err := s.begin(ln, nil); err != nil {
		return err
	}
	go func() { defer s.wg.Done(); s.acceptLoop(ln) }()
	return nil
}

// Serve accepts TCP connections on ln and serves the demo on each. It
// blocks until Shutdown or Close and then returns ErrServerClosed; any other
// error means ln failed (the server then still needs a Shutdown). Serve
// closes ln.
func (s *Server) Serve(ln net.Listener) error {
	if s.cfg.Network != "tcp" {
		ln.Close()
		return errors.New("this server is configured for UDP: use ServePacket")
	}
	if err := s.begin(ln, nil); err != nil {
		return err
	}
	defer s.wg.Done()
	return s.acceptLoop(ln)
}

// ServePacket answers each datagram on pc with one datagram. It blocks
// until Shutdown or Close and then returns ErrServerClosed. It closes pc.
func (s *Server) ServePacket(pc net.PacketConn) error {
	if s.cfg.Network != "udp" {
		pc.Close()
		return errors.New("this server is configured for TCP: use Serve")
	}
	if err := s.begin(nil, pc); err != nil {
		return err
	}
	defer s.wg.Done()
	return s.serveUDP(pc)
}

// begin records the listener and counts the serving loop in wg, the caller
// running it; on refusal the listener is closed.
func (s *Server) begin(ln net.Listener, pc net.PacketConn) error {
	closer := io.Closer(ln)
	addr := func() net.Addr { return ln.Addr() }
	if pc != nil {
		closer, addr = pc, pc.LocalAddr
	}
	s.mu.Lock()
	var err error
	switch {
	case s.stopping.Load():
		err = ErrServerClosed
	case s.started:
		err = errors.New("server already started")
	}
	if err != nil {
		s.mu.Unlock()
		closer.Close()
		return err
	}
	bound := addr()
	s.started = true
	s.ln, s.pc, s.addr = ln, pc, bound
	if ln != nil {
		s.spare = holdSpareFile()
	}
	s.wg.Add(1)
	if ln != nil && s.cfg.MaxMemory > 0 {
		s.wg.Add(1)
		go s.keepBudget()
	}
	s.mu.Unlock()
	s.events.emit(Event{Kind: EventListening, Text: s.cfg.Network + " " + bound.String() + " (" + s.name + ")"})
	return nil
}

// Shutdown closes the listener and every connection, then waits until every
// goroutine the server started has ended, the final EventStopped is
// delivered and Events is closed. If ctx ends first it returns ctx.Err():
// the connections are already force-closed then, so the goroutines still end
// on their own (nothing they wait for can block for long), and a later
// Shutdown or Close waits for them again. It is safe to call more than once,
// from any goroutine, and before Serve.
func (s *Server) Shutdown(ctx context.Context) error {
	s.stopOnce.Do(func() {
		s.mu.Lock()
		s.stopping.Store(true)
		close(s.quit)
		if s.ln != nil {
			s.ln.Close()
		}
		if s.pc != nil {
			s.pc.Close()
		}
		for _, c := range s.conns {
			// The socket itself: closing a TLS layer could first wait
			// to say goodbye to a client that does not read.
			c.raw.Close()
		}
		s.mu.Unlock()
		// The waiting runs apart from the caller so that a caller with a
		// deadline can leave; it ends with the last of the server's
		// goroutines.
		go func() {
			s.wg.Wait()
			s.events.close(Event{Kind: EventStopped})
			close(s.stopped)
		}()
	})
	select {
	case <-s.stopped:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// Close is Shutdown with no deadline: it returns once everything has ended.
func (s *Server) Close() error { return s.Shutdown(context.Background()) }

// acceptLoop serves ln until it is closed; run by Serve or Start.
func (s *Server) acceptLoop(ln net.Listener) error {
	var backoff time.Duration
	spare := s.spare // taken in begin, before anything else could take it
	defer func() { spare.release() }()
	for {
		nc, err := ln.Accept()
		if err != nil {
			if s.stopping.Load() {
				return ErrServerClosed
			}
			if errors.Is(err, net.ErrClosed) {
				return err
			}
			if isOutOfFiles(err) {
				// Something else in the process took the descriptors our
				// cap left: the spare one lets us answer the client
				// that waits instead of leaving it hanging.
				if spare.release() {
					s.turnAwayNext(ln)
				}
				spare = holdSpareFile()
				if spare.held() {
					continue
				}
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
	if s.takeProbe(nc) {
		nc.Close() // the check only needed the connection to succeed
		return
	}
	peer := nc.RemoteAddr().String()
	s.mu.Lock()
	if s.stopping.Load() {
		s.mu.Unlock()
		nc.Close()
		return
	}
	key := addrKeyOf(nc.RemoteAddr())
	reply, why := s.refusal(key)
	if !s.allowed(nc.RemoteAddr()) {
		reply, why = NotAllowedReply, s.notAllowedWhy()
	}
	if reply != "" {
		s.turnAway(nc, reply) // unlocks s.mu
		s.events.emit(Event{Kind: EventClosed, Peer: peer, Text: "turned away: " + why})
		return
	}
	raw := nc
	var tap *WireTap
	if s.cfg.WireTap > 0 {
		tap = NewWireTap(s.cfg.WireTap)
		nc = TapConn(nc, tap)
	}
	if s.cfg.TLS != nil {
		nc = tls.Server(nc, s.cfg.TLS)
	}
	s.nextID++
	c := newConn(s, s.nextID, nc, key)
	c.raw, c.tap = raw, tap
	s.conns[c.id] = c
	s.perAddr[key]++
	s.wg.Add(1)
	s.mu.Unlock()
	go c.serve()
}

func (s *Server) forget(c *conn) {
	s.mu.Lock()
	delete(s.conns, c.id)
	if s.perAddr[c.addrKey]--; s.perAddr[c.addrKey] <= 0 {
		delete(s.perAddr, c.addrKey)
	}
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
	// Asked without s.mu: a demo takes its own lock, and holds it while
	// it sends to peers.
	if n, ok := s.demo.(Namer); ok {
		for i := range out {
			if name, ok := n.Name(out[i].ID); ok {
				out[i].Name = Escape(name)
			}
		}
	}
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

// Wire returns the bytes that crossed one client's socket, oldest first,
// when Config.WireTap is on (nil otherwise): under TLS, the encrypted
// records.
func (s *Server) Wire(id int) ([]WireRecord, error) {
	c, err := s.lookup(id)
	if err != nil || c.tap == nil {
		return nil, err
	}
	return c.tap.Records(), nil
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

// serveUDP answers each datagram with one datagram until pc is closed; run
// by ServePacket or Start. It never answers itself, and answers each source
// at most udpRate times and udpByteRate bytes a second (see udpGuard).
func (s *Server) serveUDP(pc net.PacketConn) error {
	dd := s.demo.(DatagramDemo)
	guard := newUDPGuard(addrPortOf(pc.LocalAddr()))
	buf := make([]byte, 64<<10)
	loggedSelf := false
	for {
		n, from, err := pc.ReadFrom(buf)
		if err != nil {
			if s.stopping.Load() {
				return ErrServerClosed
			}
			if errors.Is(err, net.ErrClosed) {
				return err
			}
			s.events.emit(Event{Kind: EventError, Err: err})
			continue
		}
		peer := from.String()
		src, now := addrPortOf(from), time.Now()
		if guard.fromSelf(src, now) {
			if !loggedSelf {
				loggedSelf = true
				s.events.emit(Event{Kind: EventError, Peer: peer, Err: errFromSelf})
			}
			continue
		}
		if !s.allowed(from) {
			s.refuseDatagram(pc, guard, from, src, now)
			continue
		}
		info := s.udpPeer(peer)
		s.mu.Lock()
		info.BytesIn += int64(n)
		s.mu.Unlock()
		reply, m := Message{Text: TooLongReply, Ending: EndNewline}, Message{}
		if n <= s.cfg.MaxMessage {
			m = SplitDatagram(buf[:n])
			reply = Message{Text: dd.Datagram(m.Text), Ending: m.Ending}
		}
		if ok, started := guard.allow(src.Addr(), len(reply.Text), now); !ok {
			if started {
				s.events.emit(Event{Kind: EventError, ConnID: info.ID, Peer: peer, Err: errUDPRateLimited})
			}
			continue
		}
		if n <= s.cfg.MaxMessage {
			s.events.emit(Event{Kind: EventReceived, ConnID: info.ID, Peer: peer, Text: m.Text, Bytes: n, Ending: m.Ending, Term: m.Term})
		}
		s.reply(pc, info, from, reply)
	}
}

var (
	errFromSelf       = errors.New("a datagram from this server's own address and port was not answered (answering it would start an endless loop); such datagrams are ignored from now on without a log line")
	errUDPRateLimited = fmt.Errorf("over %d datagrams or %d KB a second to this address: not answered until it slows down", udpRate, udpByteRate>>10)
)

// addrPortOf is a UDP address as a netip.AddrPort (the zero value for any
// other kind of address, which no guard rule matches).
func addrPortOf(a net.Addr) netip.AddrPort {
	if u, ok := a.(*net.UDPAddr); ok {
		return u.AddrPort()
	}
	return netip.AddrPort{}
}

// refuseDatagram answers a datagram from a source not on Config.Allow
// with NotAllowedReply, within the source's reply budget like any answer,
// and logs the source once while the list of sources told stays small.
func (s *Server) refuseDatagram(pc net.PacketConn, guard *udpGuard, from net.Addr, src netip.AddrPort, now time.Time) {
	if ok, _ := guard.allow(src.Addr(), len(NotAllowedReply)+1, now); !ok {
		return
	}
	pc.SetWriteDeadline(now.Add(writeTimeout))
	pc.WriteTo([]byte(NotAllowedReply+"\n"), from)
	s.mu.Lock()
	if s.refusedUDP == nil || len(s.refusedUDP) >= maxUDPPeers {
		s.refusedUDP = map[netip.Addr]bool{}
	}
	first := !s.refusedUDP[src.Addr()]
	s.refusedUDP[src.Addr()] = true
	s.mu.Unlock()
	if first {
		s.events.emit(Event{Kind: EventClosed, Peer: from.String(), Text: "turned away: " + s.notAllowedWhy()})
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

// reply sends m to one UDP peer, or TooLongReply when m would not fit in
// one datagram (the time demo adds 27 bytes to what it was sent).
func (s *Server) reply(pc net.PacketConn, info *ClientInfo, to net.Addr, m Message) {
	b := m.Ending.Frame(m.Text)
	if ap := addrPortOf(to); ap.IsValid() && len(b) > maxPayloadTo(ap) {
		m = Message{Text: TooLongReply, Ending: EndNewline}
		b = m.Ending.Frame(m.Text)
	}
	pc.SetWriteDeadline(time.Now().Add(writeTimeout))
	if _, err := pc.WriteTo(b, to); err != nil {
		s.events.emit(Event{Kind: EventError, ConnID: info.ID, Peer: info.Peer, Err: err})
		return
	}
	s.mu.Lock()
	info.BytesOut += int64(len(b))
	s.mu.Unlock()
	s.events.emit(Event{Kind: EventSent, ConnID: info.ID, Peer: info.Peer, Text: m.Text, Term: string(b[len(m.Text):]), Bytes: len(b)})
}
