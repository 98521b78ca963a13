package app

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/socketlab/socketlab/netcore/demos"
)

// The rules and http demos from the Client tab: no panel of their own, the
// plain one says what to send.

// panelText is the text of the chosen demo's panel.
func (h *clientHarness) panelText() string {
	return get(h, func() string {
		var sb strings.Builder
		walkVisible(h.tab.panel.view(), func(o fyne.CanvasObject) {
			if l, ok := o.(*widget.Label); ok {
				sb.WriteString(l.Text + "\n")
			}
		})
		return sb.String()
	})
}

func (h *clientHarness) transcriptHas(prefix string) bool {
	for _, l := range h.transcriptLines() {
		if strings.HasPrefix(l, prefix) {
			return true
		}
	}
	return false
}

func TestClientPlaysTheRulesDemo(t *testing.T) {
	a := test.NewTempApp(t)
	ui := newTestPump(t)
	srv, _ := startDemoServer(t, "rules", nil)
	h := newClientHarness(t, a, ui)
	h.selectDemo("rules")
	assert.Contains(t, h.panelText(), "send hello, time, say something, add 2 3")
	h.connect(srv.Addr().String())
	h.sendMessage("hello")
	h.waitTranscript("← hi there" + markNewline)
	h.sendMessage("add 2 3")
	h.waitTranscript("← 2 plus 3: work it out yourself!" + markNewline)
}

func TestClientSpeaksHTTPByHand(t *testing.T) {
	a := test.NewTempApp(t)
	ui := newTestPump(t)
	srv, _ := startDemoServer(t, "http", nil)
	h := newClientHarness(t, a, ui)
	h.selectDemo("http")
	assert.Contains(t, h.panelText(), "send GET / HTTP/1.1, then press Enter on an empty box")
	h.connect(srv.Addr().String())
	h.sendMessage("GET /hello HTTP/1.1")
	h.sendMessage("") // the empty line that ends the request
	h.waitTranscript("→ " + markNewline)
	require.Eventually(t, func() bool { return h.transcriptHas("← " + demos.HTTPStatusOK) },
		10*time.Second, 5*time.Millisecond, "the status line arrives")
	require.Eventually(t, func() bool { return h.transcriptHas("← <li><code>GET /hello HTTP/1.1</code></li>") },
		10*time.Second, 5*time.Millisecond, "the page shows the request line")
	h.waitStatus("disconnected") // the server hangs up after its answer
}
