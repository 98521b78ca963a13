package app

import (
	"testing"

	"fyne.io/fyne/v2/test"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.uber.org/goleak"

	"github.com/socketlab/socketlab/netcore/check"
)

// With German chosen, the Server tab shows the demo's description, its
// settings' labels and help, and a refused setting's error in German from
// netcore's keys, while the demo is still chosen by its name.
func TestServerTabWordsNetcoreTextsInGerman(t *testing.T) {
	useLanguage(t, "de")
	h := newServerHarness(t)
	h.selectDemo("password")

	assert.Contains(t, h.tab.demoDesc.Text, "Sende das Passwort.")
	assert.Contains(t, h.tab.demoSelect.Options, "Passwort-Dialog (password)")
	assert.Equal(t, "Passwort-Dialog (password)", h.tab.demoSelect.Selected)

	labels := labelTexts(h.tab.content)
	for _, want := range []string{"Passwort\n", "Versuche\n", "Das akzeptierte Passwort.\n"} {
		assert.Contains(t, labels, want)
	}
	assert.NotContains(t, labels, "Attempts\n", "no English setting label is left")

	attempts := h.tab.settings.entries[settingID("password", "attempts")]
	require.NotNil(t, attempts)
	attempts.SetText("0")
	assert.EqualError(t, attempts.Validate(), `Versuche muss eine ganze Zahl von 1 bis 100 sein, nicht "0"`)
	pw := h.tab.settings.entries[settingID("password", "password")]
	pw.SetText("")
	assert.EqualError(t, pw.Validate(), "Passwort darf nicht leer sein")
}

// The Client tab's picker names demos in the language in use and still
// maps each back to its name, which is what goes on the wire.
func TestClientTabNamesDemosInChinese(t *testing.T) {
	useLanguage(t, "zh-Hans")
	ignore := goleak.IgnoreCurrent()
	t.Cleanup(func() { goleak.VerifyNone(t, ignore) }) // after the tab's and pump's cleanups
	ui := newTestPump(t)
	h := newClientHarness(t, test.NewTempApp(t), ui)
	opts := get(h, func() []string { return h.tab.demoSelect.Options })
	assert.Contains(t, opts, "远程计算器 (calc)")
	assert.Equal(t, "calc", demoNameOf("远程计算器 (calc)"))
	get(h, func() bool { h.tab.demoSelect.SetSelected("远程计算器 (calc)"); return true })
	assert.Equal(t, "calc", get(h, h.tab.demoName))
	assert.Equal(t, "远程计算器", get(h, func() string { return h.tab.demoTitle.Text }))
}

// A check result is worded in the language in use: rule, kind and note
// with its values filled in.
func TestCheckWordsFollowTheLanguage(t *testing.T) {
	useLanguage(t, "fr")
	w := wordsOf(check.Result{Rule: "echo.crlf", Must: true, Status: check.Fail,
		Note: "conn-error", Args: map[string]string{"error": "refused"}})
	assert.Equal(t, "une ligne terminée par \\r\\n (telnet) revient inchangée", w.rule)
	assert.Equal(t, "obligatoire", w.kind)
	assert.Equal(t, "la connexion a échoué : refused", w.note)
}

// A help text becomes a sentence in its own script's punctuation.
func TestSentenceEndsInTheTextsOwnFullStop(t *testing.T) {
	assert.Equal(t, "The accepted password.", sentence("the accepted password"))
	assert.Equal(t, "Das akzeptierte Passwort.", sentence("das akzeptierte Passwort."))
	assert.Equal(t, "接受的密码。", sentence("接受的密码"))
	assert.Equal(t, "发给每个客户端的第一行（留空则不发送）。", sentence("发给每个客户端的第一行（留空则不发送）"))
}

// A translated description keeps the settings' values: German guess with
// 1 to 20 typed says so, not the default 0 to 9.
func TestGermanGuessDescriptionFollowsTheRange(t *testing.T) {
	useLanguage(t, "de")
	h := newServerHarness(t)
	h.selectDemo("guess")
	assert.Contains(t, h.tab.demoDesc.Text, "eine Zahl von 0 bis 9")
	h.tab.settings.entries[settingID("guess", "min")].SetText("1")
	h.tab.settings.entries[settingID("guess", "max")].SetText("20")
	assert.Contains(t, h.tab.demoDesc.Text, "eine Zahl von 1 bis 20")
	assert.NotContains(t, h.tab.demoDesc.Text, "{{")
}
