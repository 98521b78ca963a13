package netcore

import (
	"bytes"
	"errors"
)

// Ending says how a message was terminated on the wire. Replies copy it, so
// a telnet user gets lines while a Python client that sent b"5" with no
// newline gets exactly "too low" back and can compare it with ==.
type Ending int

const (
	// EndNewline: the message ended in "\n" (a "\r" before it is dropped),
	// or in telnet's "\r\0".
	EndNewline Ending = iota
	// EndNUL: the message ended in a zero byte, as C clients often send.
	EndNUL
	// EndNone: the bytes arrived without a terminator and then sat idle.
	EndNone
)

// String names the ending the way the log shows it.
func (e Ending) String() string {
	switch e {
	case EndNewline:
		return `\n`
	case EndNUL:
		return `\0`
	default:
		return "none"
	}
}

// Frame appends the terminator for this ending to text.
func (e Ending) Frame(text string) []byte {
	b := make([]byte, 0, len(text)+1)
	b = append(b, text...)
	return append(b, e.Terminator()...)
}

// Terminator is what a reply with this ending ends in: "\n", "\0" or
// nothing.
func (e Ending) Terminator() string {
	switch e {
	case EndNewline:
		return "\n"
	case EndNUL:
		return "\x00"
	}
	return ""
}

// Message is one framed message without its terminator.
type Message struct {
	Text   string
	Ending Ending
	// Term is the terminator exactly as it was on the wire ("\r\n",
	// "\r\x00", "\n", "\x00" or ""), for views that show framing.
	Term string
}

// Wire is the message as it was on the wire, terminator included.
func (m Message) Wire() []byte { return append([]byte(m.Text), m.Term...) }

// ErrTooLong is returned when a message grows past the framer's limit
// before any terminator arrives.
var ErrTooLong = errors.New("message too long")

// DefaultMaxMessage is the largest message a server accepts by default.
const DefaultMaxMessage = 64 << 10

// TooLongReply is what the server answers a message longer than its
// MaxMessage, in every demo, before it closes a TCP connection.
const TooLongReply = ErrorPrefix + "message too long"

// ErrorPrefix starts every error reply a server sends ("error: message too
// long", a demo's refusals), so a client can tell them from answers.
const ErrorPrefix = "error: "

// Framer splits a byte stream into messages. It only knows about bytes; what
// a message means is each demo's business (as net/textproto keeps framing
// apart from meaning). The caller decides when "idle" has happened and calls
// Flush; that keeps the framer free of timers and easy to fuzz.
type Framer struct {
	max     int
	pending []byte
	out     []Message // reused by Feed: one allocation less per read
}

// NewFramer returns a framer that refuses messages longer than max bytes
// (DefaultMaxMessage when max <= 0).
func NewFramer(max int) *Framer {
	if max <= 0 {
		max = DefaultMaxMessage
	}
	return &Framer{max: max}
}

// Feed adds bytes read from the connection and returns every message they
// complete. On ErrTooLong the messages completed before the overflow are
// still returned and the framer should be discarded. The returned slice is
// reused by the next Feed.
func (f *Framer) Feed(p []byte) ([]Message, error) {
	clear(f.out) // drop the last call's texts
	out := f.out[:0]
	defer func() { f.out = out }()
	for len(p) > 0 {
		i := indexTerminator(p)
		if i < 0 {
			f.pending = append(f.pending, p...)
			if len(f.pending) > f.max {
				f.pending = nil
				return out, ErrTooLong
			}
			return out, nil
		}
		if len(f.pending)+i > f.max {
			f.pending = nil
			return out, ErrTooLong
		}
		var text []byte
		if len(f.pending) > 0 {
			text = append(f.pending, p[:i]...)
			f.pending = nil
		} else {
			text = p[:i]
		}
		m := Message{Ending: EndNUL, Term: string(p[i : i+1])}
		if p[i] == '\n' {
			m.Ending = EndNewline
		}
		if bytes.HasSuffix(text, []byte{'\r'}) {
			// "\r\n" is a line; so is "\r\0", which is how telnet sends a
			// bare carriage return (RFC 854).
			m.Ending = EndNewline
			m.Term = "\r" + m.Term
			text = text[:len(text)-1]
		}
		m.Text = string(text)
		out = append(out, m)
		p = p[i+1:]
	}
	return out, nil
}

// indexTerminator finds the first '\n' or '\0'. Two IndexByte calls use
// the vectorised search; bytes.IndexAny goes byte by byte and was the
// framer's whole cost for a 256-byte line.
func indexTerminator(p []byte) int {
	i := bytes.IndexByte(p, '\n')
	end := len(p)
	if i >= 0 {
		end = i
	}
	if j := bytes.IndexByte(p[:end], 0); j >= 0 {
		return j
	}
	return i
}

// Pending reports how many bytes wait for a terminator.
func (f *Framer) Pending() int { return len(f.pending) }

// Flush returns the waiting bytes as one unterminated message. The caller
// does this after the connection was idle for IdleFlush.
func (f *Framer) Flush() (Message, bool) {
	if len(f.pending) == 0 {
		return Message{}, false
	}
	m := Message{Text: string(f.pending), Ending: EndNone}
	f.pending = nil
	return m, true
}

// SplitDatagram frames one UDP datagram: a trailing "\n", "\r\n" or "\0" is
// the ending; anything else is a whole message with no ending.
func SplitDatagram(p []byte) Message {
	for _, t := range []struct {
		term   string
		ending Ending
	}{{"\r\n", EndNewline}, {"\r\x00", EndNewline}, {"\n", EndNewline}, {"\x00", EndNUL}} {
		if bytes.HasSuffix(p, []byte(t.term)) {
			return Message{Text: string(p[:len(p)-len(t.term)]), Ending: t.ending, Term: t.term}
		}
	}
	return Message{Text: string(p), Ending: EndNone}
}
