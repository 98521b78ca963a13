package netcore

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"net"
	"sync"
	"time"
)

// DefaultDialTimeout is how long Dial waits for the server to answer.
const DefaultDialTimeout = 5 * time.Second

// Client is one connection to a server, as a student's laptop makes it.
// Received messages arrive on Events, framed by the same rules as the
// server (newline, zero byte, or 100 ms of quiet).
type Client struct {
	network string
	nc      net.Conn
	tap     *WireTap // with DialOptions.WireTap; else nil
	events  *eventQueue
	max     int

	mu     sync.Mutex // serialises writes
	closed bool
	done   chan struct{}
}

// Dial connects to addr ("host:port") over "tcp" or "udp". Errors are
// advice: "connection refused — is the server started on …?".
func Dial(ctx context.Context, network, addr string, timeout time.Duration) (*Client, error) {
	return DialWith(ctx, network, addr, timeout, DialOptions{})
}

// DialOptions are what DialWith adds to a plain Dial.
type DialOptions struct {
	// TLS, when set, speaks TLS over the TCP connection (netcore/tlslab's
	// Pin makes one that checks the server's fingerprint). The handshake
	// is done before DialWith returns, so a refused certificate is its
	// error.
	TLS *tls.Config
	// WireTap, when > 0, keeps the latest WireTap bytes that crossed the
	// socket, under any TLS layer, for Client.Wire.
	WireTap int
}

// DialWith is Dial with TLS or a wire tap.
func DialWith(ctx context.Context, network, addr string, timeout time.Duration, opts DialOptions) (*Client, error) {
	if network == "" {
		network = "tcp"
	}
	if network != "tcp" && network != "udp" {
		return nil, fmt.Errorf("unknown transport %q: use tcp or udp", network)
	}
	if opts.TLS != nil && network != "tcp" {
		return nil, errors.New("TLS needs a connection: use TCP")
	}
	if port, err := SplitHostPort(addr); err != nil {
		return nil, err
	} else if port == 0 {
		return nil, friendly(FriendlyPortZero, nil, nil)
	}
	if timeout <= 0 {
		timeout = DefaultDialTimeout
	}
	d := net.Dialer{Timeout: timeout}
	nc, err := d.DialContext(ctx, network, addr)
	if err != nil {
		return nil, explainDial(err, addr, timeout)
	}
	var tap *WireTap
	if opts.WireTap > 0 {
		tap = NewWireTap(opts.WireTap)
		nc = TapConn(nc, tap)
	}
	if opts.TLS != nil {
		if nc, err = handshake(ctx, nc, opts.TLS, addr, timeout); err != nil {
			return nil, err
		}
	}
	c := &Client{
		network: network,
		nc:      nc,
		tap:     tap,
		events:  newEventQueue(0),
		max:     DefaultMaxMessage,
		done:    make(chan struct{}),
	}
	c.events.emit(Event{Kind: EventConnected, Peer: c.RemoteAddr(), Text: network + " from " + nc.LocalAddr().String()})
	go c.readLoop()
	return c, nil
}

// handshake wraps nc in TLS and completes the handshake within timeout;
// on failure nc is closed.
func handshake(ctx context.Context, nc net.Conn, cfg *tls.Config, addr string, timeout time.Duration) (net.Conn, error) {
	hctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	tc := tls.Client(nc, cfg)
	if err := tc.HandshakeContext(hctx); err != nil {
		nc.Close()
		if errors.Is(err, context.DeadlineExceeded) {
			return nil, fmt.Errorf("no TLS answer from %s within %s: is the server using TLS?", addr, timeout)
		}
		var rh tls.RecordHeaderError
		if errors.As(err, &rh) {
			return nil, fmt.Errorf("%s does not speak TLS (its first bytes were not a TLS record): start it with TLS, or connect without", addr)
		}
		return nil, fmt.Errorf("TLS with %s failed: %w", addr, err)
	}
	return tc, nil
}

// TLS says whether the connection is encrypted, and its state (the
// server's certificate, the version and cipher agreed) when it is.
func (c *Client) TLS() (tls.ConnectionState, bool) {
	if tc, ok := c.nc.(*tls.Conn); ok {
		return tc.ConnectionState(), true
	}
	return tls.ConnectionState{}, false
}

// Wire returns the bytes that crossed the socket, oldest first, when
// DialOptions.WireTap was set (nil otherwise).
func (c *Client) Wire() []WireRecord {
	if c.tap == nil {
		return nil
	}
	return c.tap.Records()
}

// Events delivers what the server sent, then one EventClosed; the channel
// is closed after that.
func (c *Client) Events() <-chan Event { return c.events.ch }

// Dropped counts the message events (received, sent) the consumer never got
// because it fell behind. Lifecycle events (accepted, waiting, closed,
// errors, stopped) are not dropped.
func (c *Client) Dropped() int64 { return c.events.dropped.Load() }

// RemoteAddr is the server's address.
func (c *Client) RemoteAddr() string { return c.nc.RemoteAddr().String() }

// LocalAddr is this side's address.
func (c *Client) LocalAddr() string { return c.nc.LocalAddr().String() }

// ErrNotConnected is what Send returns once the connection has ended.
var ErrNotConnected = errors.New("not connected")

// SendFailed is the Text of the EventError that follows an EventSent whose
// write failed; the event's Err says why.
const SendFailed = "not sent"

// Send writes text exactly as given: add "\n" for a line, or leave it off
// to send the way sock.send(b"5") does.
//
// The EventSent is emitted just before the write, so it always comes before
// any reply to the message: reported after the write, a quick server's
// answer could overtake it. If the write then fails, an EventError with
// Text SendFailed follows, and Send returns the error too. A Send after the
// connection ended emits nothing and returns ErrNotConnected.
func (c *Client) Send(text string) error { return c.send(text, false) }

// SendHidden is Send for a secret (a password): its sent event is Hidden,
// so neither the text nor its length reaches a log, transcript or timeline.
func (c *Client) SendHidden(text string) error { return c.send(text, true) }

func (c *Client) send(text string, hidden bool) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.closed {
		return ErrNotConnected
	}
	m := SplitDatagram([]byte(text))
	e := Event{Kind: EventSent, Peer: c.RemoteAddr(), Text: m.Text, Ending: m.Ending, Term: m.Term, Bytes: len(text)}
	if hidden {
		e.Text, e.Bytes, e.Hidden = HiddenText, 0, true
	}
	c.events.emit(e)
	c.nc.SetWriteDeadline(time.Now().Add(writeTimeout))
	if _, err := c.nc.Write([]byte(text)); err != nil {
		err = explainDial(err, c.RemoteAddr(), writeTimeout)
		c.events.emit(Event{Kind: EventError, Peer: c.RemoteAddr(), Text: SendFailed, Err: err})
		return err
	}
	return nil
}

// Close disconnects and waits until the reader has stopped.
func (c *Client) Close() {
	c.mu.Lock()
	c.closed = true
	c.mu.Unlock()
	c.nc.Close()
	<-c.done
}

// CloseWrite tells the server we have nothing more to send (a TCP
// half-close, as nc does at the end of its input) while replies still arrive.
func (c *Client) CloseWrite() error {
	// Over TLS this is its close_notify alert.
	if cw, ok := c.nc.(interface{ CloseWrite() error }); ok {
		return cw.CloseWrite()
	}
	return nil
}

// Done is closed once the connection has ended, whoever ended it.
func (c *Client) Done() <-chan struct{} { return c.done }

func (c *Client) readLoop() {
	why := c.read()
	c.mu.Lock()
	c.closed = true
	c.mu.Unlock()
	c.nc.Close()
	c.events.close(Event{Kind: EventClosed, Peer: c.RemoteAddr(), Text: why})
	close(c.done)
}

func (c *Client) received(m Message, n int) {
	c.events.emit(Event{Kind: EventReceived, Peer: c.RemoteAddr(), Text: m.Text, Bytes: n, Ending: m.Ending, Term: m.Term})
}

// read returns why the connection ended.
func (c *Client) read() string {
	buf := make([]byte, 64<<10)
	if c.network == "udp" {
		for {
			n, err := c.nc.Read(buf)
			if err != nil {
				return c.endReason(err)
			}
			c.received(SplitDatagram(buf[:n]), n)
		}
	}
	fr := NewFramer(c.max)
	for {
		if fr.Pending() > 0 {
			c.nc.SetReadDeadline(time.Now().Add(IdleFlush))
		} else {
			c.nc.SetReadDeadline(time.Time{})
		}
		n, err := c.nc.Read(buf)
		if n > 0 {
			msgs, ferr := fr.Feed(buf[:n])
			for _, m := range msgs {
				c.received(m, len(m.Wire()))
			}
			if ferr != nil {
				return "the server sent a message longer than 64 KiB"
			}
		}
		if err != nil {
			if m, ok := fr.Flush(); ok && (isDeadline(err) || errors.Is(err, io.EOF)) {
				c.received(m, len(m.Text))
			}
			if isDeadline(err) {
				continue
			}
			return c.endReason(err)
		}
	}
}

func (c *Client) endReason(err error) string {
	c.mu.Lock()
	closedByUs := c.closed
	c.mu.Unlock()
	switch {
	case closedByUs:
		return "disconnected"
	case errors.Is(err, io.EOF):
		return "the server closed the connection"
	case IsRefused(err):
		// UDP learns of a missing server only when a reply bounces.
		return fmt.Sprintf("connection refused — is the server started on %s?", c.RemoteAddr())
	case isReset(err):
		return "connection reset by the server"
	}
	return err.Error()
}
