package netcore

import (
	"bytes"
	"runtime"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestFramerEndings(t *testing.T) {
	f := NewFramer(0)
	msgs, err := f.Feed([]byte("one\ntwo\r\nthree\x00four"))
	require.NoError(t, err)
	assert.Equal(t, []Message{
		{Text: "one", Ending: EndNewline, Term: "\n"},
		{Text: "two", Ending: EndNewline, Term: "\r\n"},
		{Text: "three", Ending: EndNUL, Term: "\x00"},
	}, msgs)
	assert.Equal(t, 4, f.Pending())
	m, ok := f.Flush()
	require.True(t, ok)
	assert.Equal(t, Message{Text: "four", Ending: EndNone}, m)
	_, ok = f.Flush()
	assert.False(t, ok, "nothing is left after a flush")
}

func TestFramerJoinsPiecesAcrossReads(t *testing.T) {
	f := NewFramer(0)
	var got []Message
	for _, piece := range []string{"he", "llo\r", "\nwor", "ld", "\x00"} {
		msgs, err := f.Feed([]byte(piece))
		require.NoError(t, err)
		got = append(got, msgs...)
	}
	assert.Equal(t, []Message{{"hello", EndNewline, "\r\n"}, {"world", EndNUL, "\x00"}}, got)
}

func TestFramerTelnetCarriageReturnNUL(t *testing.T) {
	msgs, err := NewFramer(0).Feed([]byte("3\r\x00\r\n"))
	require.NoError(t, err)
	assert.Equal(t, []Message{{"3", EndNewline, "\r\x00"}, {"", EndNewline, "\r\n"}}, msgs)
}

func TestFramerEmptyMessagesAreMessages(t *testing.T) {
	msgs, err := NewFramer(0).Feed([]byte("\n\r\n\x00"))
	require.NoError(t, err)
	assert.Equal(t, []Message{{"", EndNewline, "\n"}, {"", EndNewline, "\r\n"}, {"", EndNUL, "\x00"}}, msgs)
}

func TestFramerTooLong(t *testing.T) {
	f := NewFramer(8)
	msgs, err := f.Feed([]byte("ok\n123456789"))
	assert.ErrorIs(t, err, ErrTooLong)
	assert.Equal(t, []Message{{Text: "ok", Ending: EndNewline, Term: "\n"}}, msgs, "messages before the overflow still count")

	f = NewFramer(8)
	_, err = f.Feed([]byte("12345"))
	require.NoError(t, err)
	_, err = f.Feed([]byte("6789\n"))
	assert.ErrorIs(t, err, ErrTooLong, "a terminated message over the limit is refused too")

	f = NewFramer(8)
	msgs, err = f.Feed([]byte("12345678\n"))
	require.NoError(t, err, "exactly the limit is fine")
	assert.Len(t, msgs, 1)
}

func TestEndingFrame(t *testing.T) {
	assert.Equal(t, []byte("hi\n"), EndNewline.Frame("hi"))
	assert.Equal(t, []byte("hi\x00"), EndNUL.Frame("hi"))
	assert.Equal(t, []byte("hi"), EndNone.Frame("hi"))
}

func TestSplitDatagram(t *testing.T) {
	assert.Equal(t, Message{"a", EndNewline, "\r\n"}, SplitDatagram([]byte("a\r\n")))
	assert.Equal(t, Message{"a", EndNewline, "\n"}, SplitDatagram([]byte("a\n")))
	assert.Equal(t, Message{"a", EndNewline, "\r\x00"}, SplitDatagram([]byte("a\r\x00")))
	assert.Equal(t, Message{"a", EndNUL, "\x00"}, SplitDatagram([]byte("a\x00")))
	assert.Equal(t, Message{"a b", EndNone, ""}, SplitDatagram([]byte("a b")))
	assert.Equal(t, Message{"", EndNone, ""}, SplitDatagram(nil))
}

// FuzzFramer checks that framing loses nothing: the messages, put back
// together with their terminators, are the input with "\r\n" and "\r\0"
// read as "\n",
// however the input is cut into reads.
func FuzzFramer(f *testing.F) {
	f.Add([]byte("hello\n"), uint8(3))
	f.Add([]byte("a\r\nb\x00c"), uint8(1))
	f.Add([]byte("\r\r\n\n\x00\x00"), uint8(2))
	f.Add([]byte("no terminator at all"), uint8(7))
	f.Add([]byte("\xff\xfe invalid utf-8\n"), uint8(4))
	f.Fuzz(func(t *testing.T, data []byte, cut uint8) {
		fr := NewFramer(1 << 20)
		step := int(cut)%16 + 1
		var rebuilt, wire bytes.Buffer
		for i := 0; i < len(data); i += step {
			msgs, err := fr.Feed(data[i:min(i+step, len(data))])
			if err != nil {
				t.Fatal(err)
			}
			for _, m := range msgs {
				if m.Ending == EndNone {
					t.Fatalf("Feed returned an unterminated message %q", m.Text)
				}
				if strings.ContainsAny(m.Text, "\n\x00") {
					t.Fatalf("message %q still holds a terminator", m.Text)
				}
				rebuilt.Write(m.Ending.Frame(m.Text))
				wire.Write(m.Wire())
			}
		}
		if m, ok := fr.Flush(); ok {
			rebuilt.WriteString(m.Text)
			wire.WriteString(m.Text)
		}
		if !bytes.Equal(wire.Bytes(), data) {
			t.Fatalf("wire forms %q, want the input %q", wire.Bytes(), data)
		}
		want := bytes.ReplaceAll(data, []byte("\r\n"), []byte("\n"))
		want = bytes.ReplaceAll(want, []byte("\r\x00"), []byte("\n"))
		if !bytes.Equal(rebuilt.Bytes(), want) {
			t.Fatalf("rebuilt %q, want %q", rebuilt.Bytes(), want)
		}
	})
}

// trickledLine feeds a size-byte line to f in pieces of step bytes, without
// its terminator.
func trickledLine(t testing.TB, f *Framer, size, step int) {
	piece := bytes.Repeat([]byte("t"), step)
	for n := 0; n < size; n += step {
		if _, err := f.Feed(piece[:min(step, size-n)]); err != nil {
			t.Fatal(err)
		}
	}
}

// A 60 KB line that trickles in is held in at most one chunk more than its
// bytes, and costs about its own size in allocations: a slice grown by
// append held up to a quarter more and left four times its size of garbage
// behind, which is what made a connection holding 60 KB cost ~168 KB.
func TestFramerHoldsATrickledLineWithoutWaste(t *testing.T) {
	const framers, size, step = 100, 60_000, 100
	fs := make([]*Framer, framers)
	for i := range fs {
		fs[i] = NewFramer(0)
	}
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	for _, f := range fs {
		trickledLine(t, f, size, step)
	}
	runtime.ReadMemStats(&after)
	for _, f := range fs {
		require.Equal(t, size, f.Pending())
		assert.LessOrEqual(t, f.Held(), size+chunkSize)
	}
	perLine := float64(after.TotalAlloc-before.TotalAlloc) / framers
	t.Logf("allocated %.0f bytes per trickled %d-byte line", perLine, size)
	assert.Less(t, perLine, float64(size+2*chunkSize), "each byte is copied into the framer once")

	msgs, err := fs[0].Feed([]byte("\n"))
	require.NoError(t, err)
	require.Len(t, msgs, 1)
	assert.Equal(t, strings.Repeat("t", size), msgs[0].Text)
	assert.Zero(t, fs[0].Held(), "the chunks go back once the line is whole")
	for _, f := range fs {
		f.Release()
	}
}

// BenchmarkFramerTrickle: a 60 KB line in 1 KB reads, as a slow client sends
// it; B/op is what the framer allocates for it.
func BenchmarkFramerTrickle(b *testing.B) {
	b.ReportAllocs()
	f := NewFramer(0)
	for b.Loop() {
		trickledLine(b, f, 60_000, 1000)
		if _, err := f.Feed([]byte("\n")); err != nil {
			b.Fatal(err)
		}
	}
}
