package app

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.uber.org/goleak"

	"github.com/socketlab/socketlab/app/i18n"
)

// useLanguage words the app's texts in code for one test (the app's tests
// run one at a time), then in English again.
func useLanguage(t *testing.T, code string) {
	t.Helper()
	t.Cleanup(func() { i18n.Use(i18n.English.Code) })
	require.Equal(t, code, i18n.Use(code).Code)
}

// systemLocale makes the test's system language lang (a Linux locale).
func systemLocale(t *testing.T, lang string) {
	t.Setenv("LC_ALL", "")
	t.Setenv("LC_MESSAGES", "")
	t.Setenv("LANGUAGE", "")
	t.Setenv("LANG", lang)
}

// languageRadio is the open Language dialog's list.
func languageRadio(t *testing.T, w fyne.Window) *widget.RadioGroup {
	t.Helper()
	var radio *widget.RadioGroup
	walkVisible(w.Canvas().Overlays().Top(), func(o fyne.CanvasObject) {
		if r, ok := o.(*widget.RadioGroup); ok {
			radio = r
		}
	})
	require.NotNil(t, radio, "the Language dialog lists the languages")
	return radio
}

// View → Language… lists the system's language and every language under
// its own name; Apply keeps the choice and says, in the language chosen,
// that it shows from the next start; Cancel keeps nothing.
func TestLanguageChoiceIsKeptInPreferences(t *testing.T) {
	systemLocale(t, "de_DE.UTF-8")
	a := test.NewTempApp(t)
	w := test.NewWindow(nil)
	defer w.Close()
	w.Resize(fyne.NewSize(1100, 720))
	meta := Metadata{Name: "Socket Lab", Version: "1.2.3", Website: "https://example.org/lab", ID: "org.example.lab"}
	view := newMainMenu(w, meta).Items[1]
	require.Equal(t, "View", view.Label)
	require.Equal(t, "Language…", view.Items[0].Label)
	open := func() *widget.RadioGroup {
		view.Items[0].Action()
		return languageRadio(t, w)
	}

	radio := open()
	assert.Equal(t, []string{"System default (Deutsch)", "English", "Español", "Français", "Deutsch",
		"Português (Brasil)", "简体中文"}, radio.Options)
	assert.Equal(t, "System default (Deutsch)", radio.Selected, "no choice yet: the system's")
	radio.SetSelected("Français")
	test.Tap(findButtons(w.Canvas().Overlays().Top(), "Apply")[0])
	assert.Equal(t, "fr", a.Preferences().String(prefLanguage))
	text := overlayText(w)
	assert.Contains(t, text, "Langue modifiée")
	assert.Contains(t, text, "Socket Lab s’affichera dans cette langue au prochain démarrage.")
	test.Tap(findButtons(w.Canvas().Overlays().Top(), "Fermer")[0])
	require.Nil(t, w.Canvas().Overlays().Top())

	radio = open()
	assert.Equal(t, "Français", radio.Selected, "the list shows the choice kept")
	radio.SetSelected("简体中文")
	test.Tap(findButtons(w.Canvas().Overlays().Top(), "Cancel")[0])
	assert.Equal(t, "fr", a.Preferences().String(prefLanguage), "Cancel keeps nothing")
	require.Nil(t, w.Canvas().Overlays().Top())

	radio = open()
	radio.SetSelected("System default (Deutsch)")
	test.Tap(findButtons(w.Canvas().Overlays().Top(), "Apply")[0])
	assert.Equal(t, "", a.Preferences().String(prefLanguage), "back to following the system")
	assert.Contains(t, overlayText(w), "Socket Lab erscheint beim nächsten Start in dieser Sprache.")
}

// The window's tabs, menus and About dialog are worded in the language in
// use when they are built.
func TestMainWindowIsWordedInTheLanguageInUse(t *testing.T) {
	for _, c := range []struct {
		code                  string
		tabs                  []string
		menus                 []string
		quit, language, about string
		version, closeButton  string
		descriptionStartsWith string
	}{
		{"zh-Hans", []string{"服务器", "客户端", "课程"}, []string{"文件", "视图", "帮助"},
			"退出", "语言…", "关于 Socket Lab", "版本 1.2.3", "关闭", "面向课堂的套接字编程练习"},
		{"de", []string{"Server", "Client", "Lektionen"}, []string{"Datei", "Ansicht", "Hilfe"},
			"Beenden", "Sprache…", "Über Socket Lab", "Version 1.2.3", "Schließen", "Übungen zur Socket-Programmierung"},
	} {
		t.Run(c.code, func(t *testing.T) {
			useLanguage(t, c.code)
			ignore := goleak.IgnoreCurrent()
			a := test.NewTempApp(t)
			ui := newTestPump(t)
			w := test.NewWindow(nil)
			defer w.Close()
			w.Resize(fyne.NewSize(1100, 720))
			// Discovery listens on loopback only in tests.
			m := newMainTabs(a, w, ui.uiPump, withDiscovery("127.0.0.1:0", discoveryTTL, discoveryEvery))
			w.SetContent(m.tabs)
			defer func() {
				m.shutdown()
				goleak.VerifyNone(t, ignore)
			}()
			var tabs []string
			for _, it := range m.tabs.Items {
				tabs = append(tabs, it.Text)
			}
			assert.Equal(t, c.tabs, tabs)

			meta := Metadata{Name: "Socket Lab", Version: "1.2.3", Website: "https://example.org/lab", ID: "org.example.lab"}
			menu := newMainMenu(w, meta)
			var menus []string
			for _, it := range menu.Items {
				menus = append(menus, it.Label)
			}
			assert.Equal(t, c.menus, menus)
			assert.Equal(t, c.quit, menu.Items[0].Items[0].Label)
			assert.Equal(t, c.language, menu.Items[1].Items[0].Label)
			assert.Equal(t, c.about, menu.Items[2].Items[0].Label)

			menu.Items[2].Items[0].Action()
			text := overlayText(w)
			assert.Contains(t, text, c.about)
			assert.Contains(t, text, c.version)
			assert.Contains(t, text, "\n"+c.descriptionStartsWith)
			test.Tap(findButtons(w.Canvas().Overlays().Top(), c.closeButton)[0])
			assert.Nil(t, w.Canvas().Overlays().Top(), "the Close button, worded, closes it")
		})
	}
}
