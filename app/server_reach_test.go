package app

import (
	"testing"

	"fyne.io/fyne/v2/test"
	"github.com/stretchr/testify/assert"
)

// TestServerTabReachCheckIsNoClient checks that "Can my partner reach me?"
// connects to its own server without a row in the clients list or the log,
// and without being seated as the waiting player's opponent.
func TestServerTabReachCheckIsNoClient(t *testing.T) {
	h := newServerHarness(t)
	h.selectDemo("duel")
	port := h.start()
	player := dialTest(t, port)
	assert.Equal(t, "waiting for an opponent", player.readLine())
	h.eventually(func() bool { return h.clientCount() == 1 }, "the player is listed")

	for range 2 {
		test.Tap(h.tab.reachButton)
		h.eventually(func() bool { return h.tab.reachCancel == nil }, "the check is done")
		assert.Contains(t, overlayText(h.win), "answers from this computer", "the check connected")
		h.win.Canvas().Overlays().Remove(h.win.Canvas().Overlays().Top())
	}
	// A second real player: matched with the first, not with a check.
	second := dialTest(t, port)
	assert.Equal(t, "matched with "+second.c.LocalAddr().String()+": send rock, paper or scissors", player.readLine())
	h.eventually(func() bool { return h.clientCount() == 2 }, "both players are listed")
	h.tab.log.Flush()
	accepted, closed := 0, 0
	for _, r := range h.tab.log.Rows() {
		switch r.Kind {
		case "accepted":
			accepted++
		case "closed":
			closed++
		}
	}
	assert.Equal(t, 2, accepted, "the two players, not the checks")
	assert.Zero(t, closed, "no check was logged closing")
	assert.Equal(t, 2, h.clientCount())
}
