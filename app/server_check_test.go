package app

import (
	"fmt"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/socketlab/socketlab/netcore/check"
)

func TestServerTabCheckClientsOnlyForDemosWithClientRules(t *testing.T) {
	h := newServerHarness(t)
	for _, d := range h.tab.demos {
		h.selectDemo(d.Name)
		assert.Equal(t, check.ClientCheckable(d.Name), !h.tab.checkClients.Disabled(), d.Name)
	}
	// Over UDP there are no connections to watch.
	h.selectDemo("echo")
	h.tab.transport.SetSelected(transportUDP)
	assert.True(t, h.tab.checkClients.Disabled())
	h.tab.checkClients.SetChecked(true)
	cfg, err := h.tab.config()
	require.NoError(t, err)
	assert.False(t, isWatched(cfg.Demo), "a UDP server is not wrapped")
	h.tab.transport.SetSelected(transportTCP)
	assert.False(t, h.tab.checkClients.Disabled())
	cfg, err = h.tab.config()
	require.NoError(t, err)
	assert.True(t, isWatched(cfg.Demo))
}

// isWatched tells the checker's wrapper from a demo of the registry.
func isWatched(d any) bool { return strings.HasPrefix(fmt.Sprintf("%T", d), "*check.") }

func TestServerTabCheckClientsShowsVerdicts(t *testing.T) {
	h := newServerHarness(t)
	h.selectDemo("guess")
	h.tab.settings.entry("guess", "max").SetText("99")
	test.Tap(h.tab.checkClients)
	require.True(t, h.tab.checkClients.Checked)
	port := h.start()
	assert.True(t, h.tab.checkClients.Disabled(), "fixed while the server runs")
	assert.True(t, h.tab.verdictsButton.Disabled(), "no verdicts yet")

	// A player that guesses outside the range the server was started with
	// (0 to 99), then leaves.
	c := dialTest(t, port)
	c.send("50")
	c.readLine()
	c.send("500")
	c.readLine()
	require.NoError(t, c.c.Close())

	h.eventually(func() bool { return h.tab.verdictsButton.Text == verdictsLabel(1) }, "the client's verdicts arrive")
	assert.False(t, h.tab.verdictsButton.Disabled())
	// The log: a row per rule, coloured by its verdict.
	assert.True(t, h.logHas(logKindFailed, "✗ "+check.RuleText("client.guess.range")+" (must) — "+
		check.NoteText("not-a-number-guess", map[string]string{"min": "0", "max": "99"})+`; sent: "500"`))
	assert.True(t, h.logHas(logKindPassed, "✓ "+check.RuleText("client.clean-close")))
	assert.True(t, h.logHas(logKindRemark, check.RuleText("client.guess.tries")))
	assert.Equal(t, kindImportance("error"), kindImportance(logKindFailed))

	// The dialog shows each rule whole.
	test.Tap(h.tab.verdictsButton)
	text := overlayText(h.win)
	assert.Contains(t, text, "Client verdicts (1)")
	assert.Contains(t, text, "(guess): ✗ 1 failed")
	assert.Contains(t, text, check.RuleText("client.guess.found"))
	assert.Contains(t, text, `sent: "500"`)
	h.win.Canvas().Overlays().Top().Hide()

	// A new start forgets the last server's clients.
	h.stop()
	h.start()
	h.eventually(func() bool { return h.tab.verdictsButton.Text == verdictsLabel(0) }, "the verdicts are cleared")
	assert.True(t, h.tab.verdictsButton.Disabled())
}

func TestClientVerdictsAreBounded(t *testing.T) {
	ui := newTestPump(t)
	v := &clientVerdicts{slot: ui.register(func() {}, 0)}
	for i := 1; i <= verdictsKeep+5; i++ {
		v.add(check.ClientReport{ID: i})
	}
	kept, seen := v.snapshot()
	assert.Equal(t, verdictsKeep+5, seen)
	require.Len(t, kept, verdictsKeep)
	assert.Equal(t, verdictsKeep+5, kept[0].ID, "newest first")
	assert.Equal(t, 6, kept[len(kept)-1].ID)
	assert.Contains(t, labelTexts(verdictsContent(kept, seen)), "The newest 200 of 205 clients")
}
