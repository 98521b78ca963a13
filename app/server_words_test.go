package app

import (
	"net"
	"strconv"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.uber.org/goleak"

	"github.com/socketlab/socketlab/app/i18n"
)

// With German chosen, the Server tab's own texts are German — the form, the
// buttons, the banner, the clients list and the status of a running server
// — while the choices it remembers and the demo names on the wire stay what
// they are.
func TestServerTabIsWordedInGerman(t *testing.T) {
	useLanguage(t, "de")
	h := newServerHarness(t)
	h.selectDemo("echo")

	labels := labelTexts(h.tab.content)
	for _, want := range []string{"Server-Einstellungen\n", "Schnittstelle\n", "Max. pro Adresse\n", "Clients bedienen\n",
		"Der Server läuft nicht\n", "Verbundene Clients\n", "Empfangen\n", "Starte den Server, um zu sehen, wer sich verbindet.\n"} {
		assert.Contains(t, labels, want)
	}
	for _, english := range []string{"Server settings\n", "Interface\n", "Connected clients\n"} {
		assert.NotContains(t, labels, english, "no English label is left")
	}
	assert.Equal(t, "Server starten", h.tab.startButton.Text)
	assert.Equal(t, "Erreicht mich mein Partner?", h.tab.reachButton.Text)
	assert.Equal(t, []string{"Einzeln", "Alle zugleich"}, h.tab.serveMode.Options)
	assert.Contains(t, h.tab.ifaceSelect.Options, "Nur dieser Computer — 127.0.0.1")
	assert.Equal(t, "Gestoppt.", h.tab.status.Text)

	h.tab.maxClients.SetText("x")
	assert.EqualError(t, h.tab.maxClients.Validate(), `muss eine ganze Zahl von 0 bis 10000 sein, nicht "x"`)
	_, err := h.tab.config()
	assert.EqualError(t, err, `Max. Clients muss eine ganze Zahl von 0 bis 10000 sein, nicht "x"`)
	h.tab.maxClients.SetText("0")

	port := h.start()
	assert.Equal(t, "Die Demo echo läuft über TCP. Server stoppen beendet alle Verbindungen.", h.tab.status.Text)
	assert.Equal(t, "Dein Partner verbindet sich mit", h.tab.bannerTitle.Text)
	assert.Contains(t, h.tab.bannerNote.Text, "Demo Echo über TCP.")
	c, err := net.Dial("tcp", net.JoinHostPort("127.0.0.1", strconv.Itoa(port)))
	require.NoError(t, err)
	defer c.Close()
	h.eventually(func() bool { return h.tab.clientsTitle.Text == "Verbundene Clients (1)" }, "the German count")
	assert.Equal(t, "An alle", h.tab.castButton.Text)
	c.Close()
	h.stop()
}

// The Server tab still fits a 1024×600 netbook in every language: German
// and French labels are the longest, and a wide button or heading would
// push the window past the screen.
func TestServerTabFitsSmallScreensInEveryLanguage(t *testing.T) {
	for _, lang := range i18n.Languages {
		t.Run(lang.Code, func(t *testing.T) {
			useLanguage(t, lang.Code)
			ignore := goleak.IgnoreCurrent()
			a := test.NewTempApp(t)
			ui := newTestPump(t)
			w := test.NewWindow(nil)
			m := newMainTabs(a, w, ui.uiPump, withDiscovery("127.0.0.1:0", discoveryTTL, discoveryEvery))
			w.SetContent(m.tabs)
			room := fitWindowSize(defaultWindowSize, fyne.Size{}, 1024, 600, 1, true)
			room.Height -= menuBarHeight
			w.Resize(room)
			m.tabs.SelectIndex(0)
			w.Resize(room.AddWidthHeight(1, 1)) // twice: wrapped labels measure at the width they got
			w.Resize(room)
			item := m.tabs.Items[0]
			need, have := tabContent(item).MinSize(), item.Content.Size()
			assert.LessOrEqual(t, need.Width, have.Width, "the Server tab is wider than the window")
			assert.LessOrEqual(t, need.Height, have.Height, "the Server tab is taller than the window")
			m.shutdown()
			ui.drain()
			w.Close()
			goleak.VerifyNone(t, ignore)
		})
	}
}
