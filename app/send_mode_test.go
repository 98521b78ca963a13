package app

import (
	"io"
	"net"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// rawSink is a loopback server that sends nothing and keeps every byte it
// receives, so a test sees exactly what went on the wire.
type rawSink struct {
	addr string
	mu   sync.Mutex
	got  []byte
	conn net.Conn
}

func newRawSink(t *testing.T) *rawSink {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	s := &rawSink{addr: ln.Addr().String()}
	done := make(chan struct{})
	go func() {
		defer close(done)
		nc, err := ln.Accept()
		ln.Close()
		if err != nil {
			return
		}
		s.mu.Lock()
		s.conn = nc
		s.mu.Unlock()
		buf := make([]byte, 4096)
		for {
			n, err := nc.Read(buf)
			s.mu.Lock()
			s.got = append(s.got, buf[:n]...)
			s.mu.Unlock()
			if err != nil {
				return
			}
		}
	}()
	t.Cleanup(func() {
		ln.Close()
		s.hangUp()
		<-done
	})
	return s
}

func (s *rawSink) bytes() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return string(s.got)
}

// hangUp closes the server's side, as a server that stops would.
func (s *rawSink) hangUp() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.conn != nil {
		s.conn.Close()
	}
}

func (s *rawSink) waitFor(t *testing.T, want string) {
	t.Helper()
	require.Eventually(t, func() bool { return s.bytes() == want }, 10*time.Second, 5*time.Millisecond,
		"the server should have received exactly %q", want)
}

func (h *clientHarness) setSendMode(label string) {
	h.ui.run(func() { h.tab.sendMode.SetSelected(label) })
}

func (h *clientHarness) problemRows() []string {
	return get(h, func() []string {
		var out []string
		for i := 0; i < h.tab.transcript.length(); i++ {
			if r := h.tab.transcript.row(i); r.kind == rowProblem {
				out = append(out, r.text)
			}
		}
		return out
	})
}

func TestClientSendModesSendExactBytes(t *testing.T) {
	a := test.NewTempApp(t)
	sink := newRawSink(t)
	h := newClientHarness(t, a, newTestPump(t))
	h.connect(sink.addr)

	h.setSendMode("Escapes")
	assert.True(t, get(h, func() bool { return h.tab.noNewline.Disabled() }), "Escapes never adds a newline")
	assert.Contains(t, get(h, func() string { return h.tab.message.PlaceHolder }), `\r\n`)
	h.sendMessage(`Hi\r\n\0\xff`)
	sink.waitFor(t, "Hi\r\n\x00\xff")
	assert.Empty(t, get(h, func() string { return h.tab.message.Text }))
	// The transcript shows what was sent with the controls escaped.
	h.waitTranscript(`→ Hi\r\n\0\xff`)

	h.setSendMode("Hex")
	h.sendMessage("41 42 0d")
	sink.waitFor(t, "Hi\r\n\x00\xffAB\r")

	// A mistake is not sent, says where it is, and stays to be corrected.
	h.sendMessage("41 4")
	h.ui.run(func() {})
	assert.Equal(t, "41 4", get(h, func() string { return h.tab.message.Text }))
	require.Eventually(t, func() bool {
		for _, p := range h.problemRows() {
			if strings.Contains(p, "not sent (Hex): at character 4: '4' is half a byte") {
				return true
			}
		}
		return false
	}, 5*time.Second, 5*time.Millisecond, "the transcript should say why: %v", h.problemRows())

	// Text mode is as before: a line, or the bytes alone with No newline.
	h.ui.run(func() { h.tab.message.SetText("") })
	h.setSendMode("Text")
	assert.False(t, get(h, func() bool { return h.tab.noNewline.Disabled() }))
	h.sendMessage(`x\n`)
	sink.waitFor(t, "Hi\r\n\x00\xffAB\r"+`x\n`+"\n")
}

func TestServerTabSendModes(t *testing.T) {
	h := newServerHarness(t)
	h.selectDemo("echo")
	h.tab.settings.entry("echo", "welcome").SetText("")
	port := h.start()
	c1 := dialTest(t, port)
	h.eventually(func() bool { return h.clientCount() == 1 }, "first client listed")
	c2 := dialTest(t, port)
	h.eventually(func() bool { return h.clientCount() == 2 }, "second client listed")
	readN := func(c *testClient, n int) string {
		t.Helper()
		require.NoError(t, c.c.SetReadDeadline(time.Now().Add(5*time.Second)))
		b := make([]byte, n)
		_, err := io.ReadFull(c.rd, b)
		require.NoError(t, err)
		return string(b)
	}

	h.tab.sendMode.SetSelected("Hex")
	assert.Contains(t, h.tab.message.PlaceHolder, "48 69 0d 0a")
	h.tab.message.SetText("00 01 0d")
	test.Tap(h.tab.castButton)
	assert.Equal(t, "\x00\x01\r", readN(c1, 3))
	assert.Equal(t, "\x00\x01\r", readN(c2, 3))
	assert.Empty(t, h.tab.message.Text)

	h.tab.sendMode.SetSelected("Escapes")
	h.tab.clientList.Select(1)
	h.tab.message.SetText(`only\tyou\0`)
	h.tab.message.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	assert.Equal(t, "only\tyou\x00", readN(c2, 9))

	// A mistake goes nowhere and is explained.
	h.tab.message.SetText(`bad\q`)
	test.Tap(h.tab.sendButton)
	assert.Equal(t, `bad\q`, h.tab.message.Text, "kept to be corrected")
	h.eventually(func() bool { return h.logHas("error", `at character 4: \q is not an escape`) }, "the log says why")
	c1.send("marker")
	assert.Equal(t, "marker", c1.readLine(), "c1 got nothing in between")
	c2.send("marker2")
	assert.Equal(t, "marker2", c2.readLine(), "c2 got nothing in between")
}
