package app

import (
	"net"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
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
	assert.Equal(t, "An alle senden", h.tab.castButton.Text)
	c.Close()
	h.stop()
}
