package app

import (
	"bytes"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/socketlab/socketlab/netcore"
)

// A typed password must not show anywhere, nor its length: "letmein" is 7
// bytes and 8 with its newline, so no "7"/"8" byte count may appear next to
// it either.

func assertNoPassword(t *testing.T, where, text string) {
	t.Helper()
	assert.NotContains(t, text, "letmein", where)
	assert.NotContains(t, text, "•••••••", where+": no dot per character")
	for _, n := range []string{"(7 B", "(8 B", "7 bytes", "8 bytes", "→ 7", "→ 8"} {
		assert.NotContains(t, text, n, where+": no byte count of the password")
	}
}

func TestServerTabHidesPasswordsInLogHexAndLessons(t *testing.T) {
	h := newServerHarness(t)
	f, _ := newTestLessons(t, h.ui)
	h.tab.onEvent = f.ServerEvent
	h.selectDemo("password")
	port := h.start()
	c := dialTest(t, port)
	c.send("letmein")
	require.Equal(t, "access denied", c.readLine())
	h.eventually(func() bool { return h.logHas("received", netcore.HiddenText) }, "the attempt is logged")
	h.eventually(func() bool {
		return strings.Contains(strings.Join(callNames(f.server.calls()), " "), "recv")
	}, "the Lessons tab shows the recv")

	for _, r := range h.tab.log.Rows() {
		assertNoPassword(t, "log row "+r.Kind, r.Text)
		if r.Kind == "received" {
			assert.Equal(t, netcore.HiddenText, r.Text)
			assert.Empty(t, r.Raw, "nothing for the hex view")
		}
	}
	var saved bytes.Buffer
	_, err := h.tab.log.WriteTo(&saved)
	require.NoError(t, err)
	assertNoPassword(t, "saved log", saved.String())
	recv := 0
	for _, call := range f.server.calls() {
		assertNoPassword(t, "server call", call.Text)
		if call.Name == "recv" {
			recv++
			assert.Contains(t, call.Text, "hidden")
		}
	}
	assert.Equal(t, 1, recv)
}

func TestClientTabHidesPasswordsInTranscriptHexAndLessons(t *testing.T) {
	a := test.NewTempApp(t)
	ui := newTestPump(t)
	srv, log := startDemoServer(t, "password", nil)
	h := newClientHarness(t, a, ui)
	f, _ := newTestLessons(t, ui)
	h.ui.run(func() { h.tab.onEvent = f.ClientEvent })
	h.connect(srv.Addr().String())
	h.waitStatus("connected")
	h.ui.run(func() { h.tab.sendSecretLine("letmein") })
	h.eventually(func() bool {
		names := strings.Join(callNames(f.client.calls()), " ")
		return strings.Contains(names, "send") && strings.Contains(names, "recv")
	}, "the send and the reply reach the Lessons tab")

	sent := 0
	for _, r := range h.transcriptRowsOf(rowSent) {
		sent++
		assertNoPassword(t, "transcript", r.line())
		assert.Empty(t, r.hex())
	}
	assert.Equal(t, 1, sent)
	var saved bytes.Buffer
	h.ui.run(func() { h.tab.transcript.WriteTo(&saved) })
	assertNoPassword(t, "saved transcript", saved.String())
	for _, call := range f.client.calls() {
		assertNoPassword(t, "client call", call.Text)
		if call.Name == "send" {
			assert.Contains(t, call.Text, "hidden")
		}
	}
	received := log.received()
	require.Len(t, received, 1)
	assertNoPassword(t, "server event", received[0].String())
}
