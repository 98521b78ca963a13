package netcore

import (
	"bytes"
	"errors"
	"strings"
	"sync"
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

// Framer splits a byte stream into messages. It only knows about bytes; what
// a message means is each demo's business (as net/textproto keeps framing
// apart from meaning). The caller decides when "idle" has happened and calls
// Flush; that keeps the framer free of timers and easy to fuzz.
//
// An unfinished message is kept in fixed chunks, not one growing slice: a
// slice that grows as bytes trickle in is copied at every growth and ends up
// to a quarter larger than its bytes, and the copies left behind are garbage
// the heap keeps until the next collection (a 60 KB line trickled in cost
// about 168 KB a connection). Chunks hold at most one chunk more than the
// bytes, copy each byte once, and go back to a pool when the message ends.
type Framer struct {
	max     int
	chunks  []*chunk  // the unfinished message, in order; each full but the last
	pending int       // bytes in chunks
	out     []Message // reused by Feed: one allocation less per read
}

// chunkSize is the unit an unfinished message is held in: one read's worth.
const chunkSize = 4096

// chunk is a bare array, so that it fits its size class exactly (a length
// beside it would put it in the next one, 18 % bigger): how full the last
// one is follows from pending.
type chunk [chunkSize]byte

var chunkPool = sync.Pool{New: func() any { return new(chunk) }}

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
			if f.pending+len(p) > f.max {
				f.Release()
				return out, ErrTooLong
			}
			f.hold(p)
			return out, nil
		}
		if f.pending+i > f.max {
			f.Release()
			return out, ErrTooLong
		}
		m := Message{Ending: EndNUL, Term: string(p[i : i+1])}
		if p[i] == '\n' {
			m.Ending = EndNewline
		}
		text := f.take(p[:i])
		if strings.HasSuffix(text, "\r") {
			// "\r\n" is a line; so is "\r\0", which is how telnet sends a
			// bare carriage return (RFC 854).
			m.Ending = EndNewline
			m.Term = "\r" + m.Term
			text = text[:len(text)-1]
		}
		m.Text = text
		out = append(out, m)
		p = p[i+1:]
	}
	return out, nil
}

// hold appends p to the unfinished message.
func (f *Framer) hold(p []byte) {
	for len(p) > 0 {
		used := f.pending - (len(f.chunks)-1)*chunkSize // in the last chunk
		if len(f.chunks) == 0 || used == chunkSize {
			f.chunks = append(f.chunks, chunkPool.Get().(*chunk))
			used = 0
		}
		k := copy(f.chunks[len(f.chunks)-1][used:], p)
		f.pending += k
		p = p[k:]
	}
}

// take returns the unfinished message followed by tail as one string, and
// empties the framer. With nothing held it is a single copy of tail.
func (f *Framer) take(tail []byte) string {
	if f.pending == 0 {
		return string(tail)
	}
	var b strings.Builder
	b.Grow(f.pending + len(tail))
	for i, c := range f.chunks {
		b.Write(c[:min(chunkSize, f.pending-i*chunkSize)])
	}
	b.Write(tail)
	f.Release()
	return b.String()
}

// Release drops the unfinished message and gives its chunks back; a server
// calls it when a connection ends.
func (f *Framer) Release() {
	for i, c := range f.chunks {
		chunkPool.Put(c)
		f.chunks[i] = nil
	}
	f.chunks = f.chunks[:0]
	f.pending = 0
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
func (f *Framer) Pending() int { return f.pending }

// Held is the memory the unfinished message takes, for the server's memory
// budget: whole chunks, so at most one chunk more than Pending.
func (f *Framer) Held() int { return len(f.chunks) * chunkSize }

// Flush returns the waiting bytes as one unterminated message. The caller
// does this after the connection was idle for IdleFlush.
func (f *Framer) Flush() (Message, bool) {
	if f.pending == 0 {
		return Message{}, false
	}
	return Message{Text: f.take(nil), Ending: EndNone}, true
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
