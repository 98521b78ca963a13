package netcore

import (
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"sync"
	"sync/atomic"
	"syscall"
	"time"
)

// conn is one TCP client. Its serve goroutine reads and hands messages to the
// demo. Replies are written at once, without blocking, when nothing is
// waiting to be written before them (directWriter); whatever the socket cannot
// take right away goes to a second goroutine that writes, so a demo (or a
// chat broadcast) never waits for a slow client.
type conn struct {
	srv     *Server
	id      int
	nc      net.Conn // what the demo's bytes go through: under TLS, the TLS layer
	raw     net.Conn // the socket itself, for a Shutdown that must not wait
	tap     *WireTap // the socket's bytes, with Config.WireTap; else nil
	peer    string
	addrKey string // the peer's IP, for the per-address limit
	since   time.Time
	readEnd string // why reading ended; see EndReason

	bytesIn, bytesOut atomic.Int64
	ending            atomic.Int32 // Ending of the client's last message
	kicked            atomic.Bool
	waiting           atomic.Bool
	gone              chan struct{} // closed on kick, to free a waiting client
	goneOnce          sync.Once
	kickCut           atomic.Pointer[time.Timer] // the hard close after a kick; stopped when serve ends
	served            atomic.Bool                // serve has ended: no kick timer may stay

	// The queue is a slice, not a channel of outQueue slots: a buffered
	// channel is allocated whole up front (48 KiB a connection), and most
	// connections never queue anything because direct writes take it all.
	out        []outMsg      // waiting for the writer; guarded by mu
	wake       chan struct{} // one slot: the writer has work, or must end
	writerStop bool          // serve is done: write what is queued, then end
	mu         sync.Mutex    // guards closing, queued, out, writerStop and direct writes
	closing    bool          // no more sends: a close was asked for
	closed     atomic.Bool   // closing, readable without c.mu by the reader
	closeWhy   string        // why the server ended the connection
	queued     int           // messages in out or being written by the writer
	writerEnd  chan struct{}
	direct     *directWriter // for direct writes; nil where there are none
	scratch    []byte        // the direct writes' buffer, guarded by mu

	mem     atomic.Int64 // bytes held for the memory budget: unfinished input, queued output
	evicted atomic.Bool  // closed for the memory budget; its bytes are on their way out
}

// outMsg is one write: text and its terminator. last asks the writer to
// close instead. The bytes are put together only when written, in a buffer
// the writing side reuses, so a reply costs no allocation of its own.
type outMsg struct {
	text string
	term string
	done int // bytes a direct write already sent
	last bool
}

// keepSmall drops a write buffer that a big message grew, so that ten
// thousand connections that once sent 64 KiB do not keep 64 KiB each.
func keepSmall(buf []byte) []byte {
	if cap(buf) > 4096 {
		return nil
	}
	return buf
}

// appendTo puts the message's bytes on buf.
func (m outMsg) appendTo(buf []byte) []byte {
	return append(append(buf[:0], m.text...), m.term...)
}

// size is what a queued message counts against the memory budget. A chat
// line queued for many clients shares one string, so this counts it once
// per client: on the safe side.
func (m outMsg) size() int { return len(m.text) + len(m.term) }

func newConn(s *Server, id int, nc net.Conn, addrKey string) *conn {
	c := &conn{
		srv:       s,
		id:        id,
		nc:        nc,
		raw:       nc,
		peer:      nc.RemoteAddr().String(),
		addrKey:   addrKey,
		since:     time.Now(),
		wake:      make(chan struct{}, 1),
		writerEnd: make(chan struct{}),
		gone:      make(chan struct{}),
	}
	// Only a bare socket offers a file descriptor: a TLS layer or a wire
	// tap must see every byte, so for them every write goes through
	// nc.Write (the writer goroutine) instead.
	if sc, ok := nc.(syscall.Conn); ok {
		c.direct = newDirectWriter(sc)
	}
	return c
}

func (c *conn) ID() int      { return c.id }
func (c *conn) Addr() string { return c.peer }

func (c *conn) info() ClientInfo {
	return ClientInfo{ID: c.id, Peer: c.peer, Since: c.since, BytesIn: c.bytesIn.Load(), BytesOut: c.bytesOut.Load(), Waiting: c.waiting.Load()}
}

// kick tells the client why (KickedReply), then hangs up like any other
// close: the reply is written and given lingerTime to be read. A client
// that does not read is cut off after kickGrace all the same, so a kick
// never waits for writeTimeout.
func (c *conn) kick() {
	c.kicked.Store(true)
	c.Send(KickedReply)
	c.closeAfter("kicked by the server")
	c.goneOnce.Do(func() { close(c.gone) })
	t := time.AfterFunc(kickGrace, func() { c.raw.Close() })
	if old := c.kickCut.Swap(t); old != nil {
		old.Stop()
	}
	if c.served.Load() { // serve ended before the timer was stored
		t.Stop()
	}
}

// waitTurn blocks a client of a one-at-a-time server until no one else is
// served. It returns "" once it is this client's turn, or why it left the
// line: the server stopped, the client was kicked, or it waited as long as
// an idle client may stay (a waiting client is not read, so it is idle).
func (c *conn) waitTurn() string {
	select {
	case c.srv.turn <- struct{}{}:
		return ""
	default:
	}
	c.waiting.Store(true)
	defer c.waiting.Store(false)
	c.emit(Event{Kind: EventWaiting, Text: "waiting: the server serves one client at a time"})
	idle := time.NewTimer(time.Until(c.since.Add(c.srv.cfg.IdleTimeout)))
	defer idle.Stop()
	select {
	case c.srv.turn <- struct{}{}:
		return ""
	case <-idle.C:
		c.Send(IdleReply(c.srv.cfg.IdleTimeout))
		c.closeAfter("idle timeout while waiting")
		c.linger(make([]byte, 512))
		return "idle timeout while waiting"
	case <-c.srv.quit:
	case <-c.gone:
	}
	return "left the waiting line"
}

func (c *conn) emit(e Event) {
	e.ConnID, e.Peer = c.id, c.peer
	c.srv.events.emit(e)
}

// Send implements Peer.
func (c *conn) Send(text string) {
	c.enqueue(outMsg{text: text, term: Ending(c.ending.Load()).Terminator()})
}

// SendRaw implements Peer: the bytes go out as given, through the same
// queue and direct write as Send, so they keep their place among replies.
func (c *conn) SendRaw(b []byte) { c.enqueue(outMsg{text: string(b)}) }

// Pause implements Peer.
func (c *conn) Pause(d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-c.gone:
	case <-c.srv.quit:
	}
	return false
}

// Close implements Peer: finish writing, then hang up.
func (c *conn) Close() { c.closeAfter("") }

// closeAfter queues a hang-up behind everything already queued.
func (c *conn) closeAfter(why string) {
	c.mu.Lock()
	if !c.closing && why != "" {
		c.closeWhy = why
	}
	c.mu.Unlock()
	c.enqueue(outMsg{last: true})
}

func (c *conn) enqueue(m outMsg) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.closing {
		return
	}
	if c.queued >= outQueue {
		// The client stopped reading and its queue is full: cut it off
		// rather than let it hold memory or slow the others.
		c.setClosing()
		c.closeWhy = "client stopped reading; disconnected"
		c.nc.Close()
		return
	}
	if m.last {
		c.setClosing()
	} else if c.queued == 0 && c.direct != nil {
		// Nothing is waiting to be written and the writer is idle: write
		// now, from this goroutine, and skip the hand-off (a goroutine
		// wake-up per reply). Holding c.mu keeps every later message
		// behind this one. The write never blocks, so a client that stopped
		// reading cannot hold up the sender.
		c.scratch = m.appendTo(c.scratch)
		n, err := c.direct.write(c.scratch)
		whole := err == nil && n == len(c.scratch)
		c.scratch = keepSmall(c.scratch)
		c.bytesOut.Add(int64(n))
		if whole {
			c.emitSent(m, n)
			return
		}
		// The rest goes to the writer: a full buffer waits there, and an
		// error is met again and reported there.
		m.done = n
	}
	c.out = append(c.out, m)
	c.queued++
	c.charge(m.size())
	c.wakeWriter()
}

func (c *conn) wakeWriter() {
	select {
	case c.wake <- struct{}{}:
	default: // already woken
	}
}

// nextOut waits for the next message to write; false once serve has ended
// and the queue is empty.
func (c *conn) nextOut() (outMsg, bool) {
	for {
		c.mu.Lock()
		if len(c.out) > 0 {
			m := c.out[0]
			c.out[0] = outMsg{}
			c.out = c.out[1:]
			if len(c.out) == 0 {
				c.out = nil // let a queue that grew go
			}
			c.mu.Unlock()
			return m, true
		}
		stop := c.writerStop
		c.mu.Unlock()
		if stop {
			return outMsg{}, false
		}
		<-c.wake
	}
}

// setClosing is called with c.mu held.
func (c *conn) setClosing() {
	c.closing = true
	c.closed.Store(true)
}

// isClosing is checked by the reader before every message, so it reads the
// atomic copy instead of taking c.mu.
func (c *conn) isClosing() bool { return c.closed.Load() }

// serve is the connection's life: greet, read, frame, hand to the demo.
func (c *conn) serve() {
	defer c.srv.wg.Done()
	go c.writeLoop()

	var why string
	if c.srv.cfg.OneAtATime {
		why = c.waitTurn()
	}
	if why == "" {
		if c.srv.cfg.OneAtATime {
			defer func() { <-c.srv.turn }()
		}
		c.emit(Event{Kind: EventAccepted})
		session := c.srv.demo.Open(c)
		why = c.readLoop(session)
		c.readEnd = why // for EndReason, read by session.Close on this goroutine
		session.Close()
	}

	// Let the writer finish what is queued (a client that half-closed
	// still gets its replies; on Shutdown or kick the socket is already closed
	// and the writes fail at once), then hang up.
	c.mu.Lock()
	c.setClosing()
	if c.closeWhy != "" {
		why = c.closeWhy
	}
	c.writerStop = true
	c.mu.Unlock()
	c.wakeWriter()
	<-c.writerEnd
	c.nc.Close()
	c.served.Store(true)
	if t := c.kickCut.Load(); t != nil {
		t.Stop()
	}
	if c.kicked.Load() {
		why = "kicked by the server"
	}
	c.charge(-int(c.mem.Load())) // nothing of it is held any more
	c.srv.forget(c)
	c.emit(Event{Kind: EventClosed, Text: why})
}

// readLoop returns why the connection ended.
func (c *conn) readLoop(session Session) string {
	cfg := c.srv.cfg
	fr := NewFramer(cfg.MaxMessage)
	held := 0 // fr.Held() as charged to the memory budget
	defer func() {
		fr.Release()
		c.charge(-held)
	}()
	// growingSince is when the unfinished message began, for the rule that
	// a message may not trickle in for longer than cfg.SlowMessage.
	var growingSince time.Time
	buf := make([]byte, 4096)
	redact := c.srv.demo.Info().Redact
	handle := func(m Message) {
		if c.isClosing() {
			return
		}
		c.ending.Store(int32(m.Ending))
		if redact {
			// Neither the text nor its length: see Event.Hidden.
			c.emit(Event{Kind: EventReceived, Text: HiddenText, Hidden: true, Ending: m.Ending, Term: m.Term})
		} else {
			c.emit(Event{Kind: EventReceived, Text: m.Text, Bytes: len(m.Text) + len(m.Term), Ending: m.Ending, Term: m.Term})
		}
		session.Handle(m.Text)
	}
	// The idle deadline is set once and moved only when it fires early
	// (lastRead tells): setting a deadline before every read costs a timer
	// update per message, about 5 % of echo throughput.
	lastRead := time.Now()
	idleArmed := false
	for {
		if fr.Pending() > 0 {
			// A partial message: 100 ms of quiet after its last byte
			// makes it whole.
			c.nc.SetReadDeadline(lastRead.Add(IdleFlush))
			idleArmed = false
		} else if !idleArmed {
			c.nc.SetReadDeadline(lastRead.Add(cfg.IdleTimeout))
			idleArmed = true
		}
		// Checked after setting any deadline: the writer wakes us by
		// moving the deadline to now, and must not be overridden.
		if c.isClosing() {
			fr.Release() // an unfinished message is of no use any more
			c.charge(-held)
			held = 0
			return c.linger(buf)
		}
		n, err := c.nc.Read(buf)
		if n > 0 {
			lastRead = time.Now()
			c.bytesIn.Add(int64(n))
			wasPending := fr.Pending() > 0
			msgs, ferr := fr.Feed(buf[:n])
			if h := fr.Held(); h != held {
				c.charge(h - held)
				held = h
			}
			for _, m := range msgs {
				handle(m)
			}
			if len(msgs) > 0 {
				// Quiet counts from when the server can read again: after
				// a slow Handle the rest of a line is already waiting, and
				// must not be cut off as if the client had paused.
				lastRead = time.Now()
			}
			if ferr != nil {
				c.emit(Event{Kind: EventError, Err: fmt.Errorf("message longer than %d bytes; closing", cfg.MaxMessage)})
				c.enqueue(outMsg{text: TooLongReply, term: "\n"})
				c.closeAfter("message too long")
				continue
			}
			if fr.Pending() > 0 {
				if !wasPending || len(msgs) > 0 {
					growingSince = lastRead
				} else if lastRead.Sub(growingSince) >= cfg.SlowMessage {
					c.emit(Event{Kind: EventError, Err: fmt.Errorf("message still unfinished after %s; closing", cfg.SlowMessage)})
					c.enqueue(outMsg{text: TooSlowReply, term: "\n"})
					c.closeAfter("message too slow")
					continue
				}
			}
		}
		if err == nil {
			continue
		}
		if isDeadline(err) {
			if m, ok := fr.Flush(); ok {
				c.charge(-held)
				held = 0
				handle(m)
				continue
			}
			if c.isClosing() {
				continue
			}
			if time.Since(lastRead) < cfg.IdleTimeout {
				// Not idle long enough (the deadline was set before
				// the last message): move it on.
				idleArmed = false
				continue
			}
			c.Send(IdleReply(cfg.IdleTimeout))
			c.closeAfter("idle timeout")
			continue
		}
		if m, ok := fr.Flush(); ok && errors.Is(err, io.EOF) {
			c.charge(-held)
			held = 0
			// "printf 5 | nc host port" sends and half-closes at once.
			handle(m)
		}
		return describeEnd(err)
	}
}

// linger drops input for a moment after our last reply so that the client
// reads that reply before it could see a connection reset.
// The writer wakes the reader by moving the read deadline to now, which
// can land after linger set its own: so a deadline that fires early is set
// again, or a client still sending would get a reset (and lose the reply)
// at once.
func (c *conn) linger(buf []byte) string {
	until := time.Now().Add(lingerTime)
	for {
		c.nc.SetReadDeadline(until)
		if _, err := c.nc.Read(buf); err != nil {
			if isDeadline(err) && time.Now().Before(until) {
				continue
			}
			return "closed by the server"
		}
	}
}

func (c *conn) writeLoop() {
	defer close(c.writerEnd)
	var buf []byte
	failed := false
	for {
		m, ok := c.nextOut()
		if !ok {
			return
		}
		if failed {
			// Dropped, so that the memory goes; the reader will see the
			// closed socket and end the connection.
			c.dequeued(m)
			continue
		}
		if m.last {
			// A TCP half-close; over TLS, its close_notify alert.
			if cw, ok := c.nc.(interface{ CloseWrite() error }); ok {
				cw.CloseWrite()
			}
			// Wake the reader so it stops handling messages and lingers.
			c.nc.SetReadDeadline(time.Now())
			c.dequeued(m)
			continue
		}
		// The deadline bounds this blocking write only; cleared after, so
		// that direct writes never trip over a stale one.
		c.nc.SetWriteDeadline(time.Now().Add(writeTimeout))
		buf = m.appendTo(buf)
		n, err := c.nc.Write(buf[m.done:])
		buf = keepSmall(buf)
		c.nc.SetWriteDeadline(time.Time{})
		c.bytesOut.Add(int64(n))
		if err != nil {
			// A client that vanished is reported once, by the closed
			// event; only unexpected write failures are errors.
			if !errors.Is(err, net.ErrClosed) && !isReset(err) {
				c.emit(Event{Kind: EventError, Err: fmt.Errorf("write: %w", err)})
			}
			c.nc.Close()
			failed = true
			c.dequeued(m)
			continue
		}
		c.mu.Lock()
		c.emitSent(m, m.done+n)
		c.queued--
		c.mu.Unlock()
		c.charge(-m.size())
	}
}

// dequeued settles a message the writer is done with without sending it.
func (c *conn) dequeued(m outMsg) {
	c.mu.Lock()
	c.queued--
	c.mu.Unlock()
	c.charge(-m.size())
}

// emitSent logs a whole message written; called with c.mu held, so sent
// events keep the order of the writes.
func (c *conn) emitSent(m outMsg, n int) {
	c.emit(Event{Kind: EventSent, Text: m.text, Term: m.term, Bytes: n})
}

func isDeadline(err error) bool {
	return errors.Is(err, os.ErrDeadlineExceeded)
}

// describeEnd turns a read error into a log phrase.
func describeEnd(err error) string {
	switch {
	case errors.Is(err, io.EOF):
		return "client disconnected"
	case errors.Is(err, net.ErrClosed):
		return "closed by the server"
	case isReset(err):
		return EndReset
	}
	return err.Error()
}
