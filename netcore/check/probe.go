package check

import (
	"bytes"
	"context"
	"errors"
	"net"
	"os"
	"strconv"
	"strings"
	"time"
)

// How long the checker waits. A silent or hung server fails the rule that
// waited; it never stalls the run.
const (
	replyWait = 2 * time.Second        // for the first byte of a reply
	quietEnd  = 300 * time.Millisecond // quiet after bytes with no newline: the reply is whole
	dialWait  = 3 * time.Second
)

// probe is one connection of the checker to the server under test. TCP
// replies are read as lines, or as whatever arrived before quietEnd of
// silence (the classic Python servers send no newline); over UDP each
// datagram is one reply.
type probe struct {
	nc  net.Conn // the TLS layer in a TLS check, else raw
	raw net.Conn // the socket itself
	udp bool
	buf []byte
}

var errNoReply = errors.New("no reply")

func dial(ctx context.Context, t *Target) (*probe, error) {
	network := "tcp"
	if t.Opts.UDP {
		network = "udp"
	}
	d := net.Dialer{Timeout: dialWait, LocalAddr: t.Opts.LocalAddr}
	raw, err := d.DialContext(ctx, network, t.Addr)
	if err != nil {
		return nil, err
	}
	nc, err := t.wrapTLS(ctx, raw)
	if err != nil {
		return nil, err
	}
	p := &probe{nc: nc, raw: raw, udp: t.Opts.UDP}
	t.track(p)
	return p, nil
}

func (p *probe) send(s string) error {
	p.nc.SetWriteDeadline(time.Now().Add(replyWait))
	_, err := p.nc.Write([]byte(s))
	return err
}

// reply returns the next reply with its terminator as it came, waiting at
// most wait for it to begin.
func (p *probe) reply(wait time.Duration) (string, error) {
	if p.udp {
		b := make([]byte, 65536)
		p.nc.SetReadDeadline(time.Now().Add(wait))
		n, err := p.nc.Read(b)
		if err != nil {
			return "", noReply(err)
		}
		return string(b[:n]), nil
	}
	deadline := time.Now().Add(wait)
	chunk := make([]byte, 4096)
	for {
		if i := bytes.IndexByte(p.buf, '\n'); i >= 0 {
			line := string(p.buf[:i+1])
			p.buf = p.buf[i+1:]
			return line, nil
		}
		d := deadline
		if len(p.buf) > 0 {
			d = time.Now().Add(quietEnd)
		}
		p.nc.SetReadDeadline(d)
		n, err := p.nc.Read(chunk)
		p.buf = append(p.buf, chunk[:n]...)
		if err != nil {
			if len(p.buf) > 0 {
				s := string(p.buf)
				p.buf = nil
				return s, nil
			}
			return "", noReply(err)
		}
	}
}

func noReply(err error) error {
	if errors.Is(err, os.ErrDeadlineExceeded) {
		return errNoReply
	}
	return err
}

// ask sends msg and returns the reply.
func (p *probe) ask(msg string) (string, error) {
	if err := p.send(msg); err != nil {
		return "", err
	}
	return p.reply(replyWait)
}

// waitFor reads replies until one satisfies ok, returning it and the
// replies read before it.
func (p *probe) waitFor(wait time.Duration, ok func(line string) bool) (string, []string, error) {
	deadline := time.Now().Add(wait)
	var before []string
	for {
		left := time.Until(deadline)
		if left <= 0 {
			return "", before, errNoReply
		}
		r, err := p.reply(left)
		if err != nil {
			return "", before, err
		}
		if ok(trimEnd(r)) {
			return r, before, nil
		}
		before = append(before, r)
	}
}

// drain reads whatever arrives within wait (a welcome, notices).
func (p *probe) drain(wait time.Duration) []string {
	var out []string
	for {
		r, err := p.reply(wait)
		if err != nil {
			return out
		}
		out = append(out, r)
	}
}

// vanish ends the connection with a reset, as a client whose program
// crashed or whose network went away.
func (p *probe) vanish() {
	if tc, ok := p.raw.(*net.TCPConn); ok {
		tc.SetLinger(0)
	}
	p.raw.Close() // under TLS too: a crash sends no close_notify
}

func (p *probe) close() { p.nc.Close() }

// trimEnd removes one terminator: "\r\n", "\n" or "\x00".
func trimEnd(s string) string {
	for _, t := range []string{"\r\n", "\n", "\x00"} {
		if strings.HasSuffix(s, t) {
			return strings.TrimSuffix(s, t)
		}
	}
	return s
}

// quote shows wire bytes safely and with their framing.
func quote(s string) string { return strconv.Quote(s) }
