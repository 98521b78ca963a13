package app

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/socketlab/socketlab/app/i18n"
	"github.com/socketlab/socketlab/netcore"
	"github.com/socketlab/socketlab/netcore/demos"
)

// The Client tab built in German shows German words around what stays as
// it is: the address typed, the demo's short name, the wire's bytes.
func TestClientTabInGerman(t *testing.T) {
	useLanguage(t, "de")
	a := test.NewTempApp(t)
	ui := newTestPump(t)
	srv, _ := startDemoServer(t, "echo", nil)
	h := newClientHarness(t, a, ui)
	h.selectDemo("echo")

	assert.Equal(t, "Verbinden", get(h, func() string { return h.tab.connectButton.Text }))
	assert.Equal(t, "nicht verbunden", h.status())
	assert.Equal(t, "Ohne Zeilenumbruch", get(h, func() string { return h.tab.noNewline.Text }))
	assert.Contains(t, get(h, func() string { return labelTexts(h.tab.panelBox) }), "Was du ausprobieren kannst")

	// A missing address is explained in German, not sent to the network.
	h.ui.run(func() {
		h.tab.host.SetText("")
		test.Tap(h.tab.connectButton)
	})
	assert.Equal(t, "gib die Adresse deines Partners bei Host ein, genau so, wie sein Server-Tab sie zeigt", h.status())

	addr := srv.Addr().String()
	h.typeAddress(addr)
	h.ui.run(func() { test.Tap(h.tab.connectButton) })
	h.waitStatus("verbunden mit " + addr)
	assert.Equal(t, "Trennen", get(h, func() string { return h.tab.connectButton.Text }))

	// Saving names its shortcut as a German keyboard does.
	h.ui.run(func() {
		h.tab.message.SetText("ping")
		h.tab.saved.name.SetText("p")
		test.Tap(h.tab.saved.save)
	})
	assert.Equal(t, `"p" (Strg+1) gespeichert`, get(h, func() string { return h.tab.saved.status.Text }))
	assert.Contains(t, get(h, func() string { return labelTexts(h.tab.saved.rows) }), "Strg+1")
	h.ui.run(func() { test.Tap(h.tab.saved.sendButtons()[0]) })
	h.waitTranscript("← ping" + markNewline) // the wire is the same in every language

	h.ui.run(func() { test.Tap(h.tab.connectButton) })
	assert.Equal(t, "getrennt: du hast auf Trennen gedrückt", h.status())
}

// The send mode is read back from its label, which is worded in the
// user's language: in Chinese every label differs from the English.
func TestSendModeLabelsReadBackInChinese(t *testing.T) {
	useLanguage(t, "zh-Hans")
	s := newSendModeSelect(nil)
	require.Equal(t, []string{"文本", "转义", "十六进制"}, s.Options)
	for _, m := range netcore.RawModes {
		s.SetSelected(sendModeLabel(m))
		assert.Equal(t, m, sendModeOf(s), s.Selected)
	}
	_, err := rawSendBytes(netcore.RawHex, "4")
	var re *netcore.RawError
	require.ErrorAs(t, err, &re, "the cause stays reachable under the worded error")
	assert.Contains(t, err.Error(), "未发送（十六进制）：")
}

// The Client tab fits the smallest classroom screen (1024×600, as
// TestWindowMinimumFitsSmallScreens measures it) in every language, with
// every demo's panel: a translated label longer than the English must not
// push the window wider or taller.
func TestClientTabFitsInEveryLanguage(t *testing.T) {
	for _, lang := range i18n.Languages {
		t.Run(lang.Code, func(t *testing.T) {
			useLanguage(t, lang.Code)
			a := test.NewTempApp(t)
			ui := newTestPump(t)
			w := test.NewWindow(nil)
			defer w.Close()
			m := newMainTabs(a, w, ui.uiPump, withDiscovery("127.0.0.1:0", discoveryTTL, discoveryEvery))
			defer func() {
				m.shutdown()
				ui.drain()
			}()
			w.SetContent(m.tabs)
			room := fitWindowSize(defaultWindowSize, fyne.Size{}, 1024, 600, 1, true)
			room.Height -= menuBarHeight
			m.tabs.SelectIndex(1)
			item := m.tabs.Items[1]
			for _, d := range demos.All() {
				m.client.selectDemo(d.Name)
				// Twice: wrapped labels measure at the width they got.
				w.Resize(room.AddWidthHeight(1, 1))
				w.Resize(room)
				need, have := tabContent(item).MinSize(), item.Content.Size()
				assert.LessOrEqual(t, need.Width, have.Width, "%s, %s panel: wider than the window", lang.Code, d.Name)
				assert.LessOrEqual(t, need.Height, have.Height, "%s, %s panel: taller than the window", lang.Code, d.Name)
			}
		})
	}
}
