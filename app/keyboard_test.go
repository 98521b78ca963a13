package app

import (
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.uber.org/goleak"
)

// keyboard types into a test window as Fyne's desktop driver does: runes
// and keys go to the focused widget, Tab moves the focus, and a key with
// Ctrl or Alt is first looked up in the main menu (triggerMainMenuShortcut),
// then offered to the focused widget. Every step runs on the test's UI
// goroutine.
type keyboard struct {
	t    *testing.T
	ui   *testPump
	w    fyne.Window
	menu *fyne.MainMenu
}

func (k *keyboard) focused() fyne.Focusable {
	k.t.Helper()
	f := k.w.Canvas().Focused()
	require.NotNil(k.t, f, "nothing has the focus")
	return f
}

// shortcut presses a chord; it fails when no menu item has it.
func (k *keyboard) shortcut(s *desktop.CustomShortcut) {
	k.t.Helper()
	k.ui.run(func() {
		item := findMenuShortcut(k.menu.Items, s)
		require.NotNil(k.t, item, "no menu item has %s", shortcutText(s))
		item.Action()
	})
}

func findMenuShortcut(menus []*fyne.Menu, s fyne.Shortcut) *fyne.MenuItem {
	for _, m := range menus {
		for _, it := range m.Items {
			if it.Shortcut != nil && it.Shortcut.ShortcutName() == s.ShortcutName() {
				return it
			}
			if it.ChildMenu != nil {
				if found := findMenuShortcut([]*fyne.Menu{it.ChildMenu}, s); found != nil {
					return found
				}
			}
		}
	}
	return nil
}

func (k *keyboard) key(name fyne.KeyName) {
	k.t.Helper()
	k.ui.run(func() { k.focused().TypedKey(&fyne.KeyEvent{Name: name}) })
}

func (k *keyboard) typeText(s string) {
	k.t.Helper()
	k.ui.run(func() {
		f := k.focused()
		for _, r := range s {
			f.TypedRune(r)
		}
	})
}

// replaceText selects all (Ctrl+A reaches the focused entry: the menu has
// no Ctrl+A) and types s over it.
func (k *keyboard) replaceText(s string) {
	k.t.Helper()
	k.ui.run(func() {
		sc, ok := k.focused().(fyne.Shortcutable)
		require.True(k.t, ok, "the focused widget takes no shortcuts")
		sc.TypedShortcut(&fyne.ShortcutSelectAll{})
	})
	k.typeText(s)
}

// tabTo presses Tab until target has the focus, at most limit times.
func (k *keyboard) tabTo(target fyne.Focusable, limit int, what string) int {
	k.t.Helper()
	presses := 0
	k.ui.run(func() {
		for ; presses < limit && k.w.Canvas().Focused() != target; presses++ {
			k.w.Canvas().FocusNext()
		}
	})
	require.Equal(k.t, target, get1(k.ui, func() fyne.Focusable { return k.w.Canvas().Focused() }),
		"Tab did not reach %s in %d presses", what, limit)
	return presses
}

func get1[T any](ui *testPump, f func() T) T {
	var v T
	ui.run(func() { v = f() })
	return v
}

func (k *keyboard) eventually(cond func() bool, what string) {
	k.t.Helper()
	require.Eventually(k.t, func() bool { return get1(k.ui, cond) }, 10*time.Second, 5*time.Millisecond, what)
}

// newKeyboardWindow is the whole window (both tabs, the menu) in a test
// window, on loopback only.
func newKeyboardWindow(t *testing.T) (*mainTabs, *keyboard) {
	ignore := goleak.IgnoreCurrent()
	a := test.NewTempApp(t)
	// Remembered from an earlier run: the server binds loopback only, as
	// every test must.
	a.Preferences().SetString(prefServerInterface, ifaceLoopbackKey)
	ui := newTestPump(t)
	w := test.NewWindow(nil)
	var m *mainTabs
	var menu *fyne.MainMenu
	ui.run(func() {
		m = newMainTabs(a, w, ui.uiPump, withDiscovery("127.0.0.1:0", discoveryTTL, discoveryEvery))
		m.server.discoveryPort = freeUDPPort(t)
		w.SetContent(m.tabs)
		menu = m.addKeyboardMenus(a, newMainMenu(w, Metadata{Name: "Socket Lab"}))
		w.SetMainMenu(menu)
		w.Resize(defaultWindowSize)
	})
	t.Cleanup(func() {
		ui.run(func() {
			m.server.shutdown()
			m.client.shutdown()
		})
		ui.drain()
		ui.stop()
		w.Close()
		goleak.VerifyNone(t, ignore)
	})
	return m, &keyboard{t: t, ui: ui, w: w, menu: menu}
}

// The pair exercise with the keyboard alone: start the echo server, connect
// to it from the Client tab, send a line, read the echo, disconnect, stop.
func TestPairExerciseByKeyboardAlone(t *testing.T) {
	m, k := newKeyboardWindow(t)
	port := strconv.Itoa(freePort(t))

	// Server tab: Alt+1 puts the focus in the port; Enter starts.
	k.shortcut(alt(fyne.Key1))
	require.Equal(t, tabServer, m.tabs.SelectedIndex())
	require.Equal(t, fyne.Focusable(m.server.portEntry), k.focused(), "Alt+1 focuses the port")
	k.replaceText(port)
	k.key(fyne.KeyReturn)
	k.eventually(func() bool { return m.server.state == serverRunning }, "Enter in the port starts the server")
	assert.Equal(t, "127.0.0.1 : "+port, get1(k.ui, func() string { return m.server.bannerAddr.Text }))

	// Client tab: Alt+2 focuses the address; Tab reaches the port.
	k.shortcut(alt(fyne.Key2))
	require.Equal(t, tabClient, m.tabs.SelectedIndex())
	require.Equal(t, fyne.Focusable(m.client.host), k.focused(), "Alt+2 focuses the address")
	k.replaceText("127.0.0.1")
	k.tabTo(m.client.port, 3, "the client's port") // past the recent-servers button
	k.replaceText(port)
	// Tab on to Connect and press it with Space, as a button is pressed.
	k.tabTo(m.client.connectButton, 4, "Connect")
	k.key(fyne.KeySpace)
	k.eventually(func() bool { return m.client.state == stateConnected }, "Space on Connect connects")

	// Ctrl+E goes to the message box; Enter sends, and the echo comes back.
	k.shortcut(ctrl(fyne.KeyE))
	require.Equal(t, fyne.Focusable(m.client.message), k.focused())
	k.typeText("hello by keyboard")
	k.key(fyne.KeyReturn)
	k.eventually(func() bool { return transcriptHas(m.client, "← hello by keyboard") }, "the echo comes back")
	// Ctrl+Enter sends as well, wherever the focus is.
	k.typeText("again")
	k.ui.run(func() { k.w.Canvas().Unfocus() })
	k.shortcut(ctrl(fyne.KeyReturn))
	k.eventually(func() bool { return transcriptHas(m.client, "← again") }, "Ctrl+Enter sends")

	// Ctrl+K disconnects, Ctrl+Shift+R stops the server.
	k.shortcut(ctrl(fyne.KeyK))
	k.eventually(func() bool { return m.client.state == stateIdle }, "Ctrl+K disconnects")
	k.shortcut(ctrlShift(fyne.KeyR))
	k.eventually(func() bool { return m.server.state == serverStopped }, "Ctrl+Shift+R stops the server")
	// Ctrl+R starts it again, from any tab.
	k.shortcut(ctrl(fyne.KeyR))
	k.eventually(func() bool { return m.server.state == serverRunning }, "Ctrl+R starts the server")
	assert.Equal(t, tabServer, get1(k.ui, m.tabs.SelectedIndex), "Ctrl+R shows the Server tab")
	k.shortcut(ctrlShift(fyne.KeyR))
	k.eventually(func() bool { return m.server.state == serverStopped }, "stopped again")
}

func transcriptHas(c *clientTab, line string) bool {
	for i := 0; i < c.transcript.length(); i++ {
		r := c.transcript.row(i)
		if strings.HasPrefix(r.arrow()+" "+visibleText(r.text), line) {
			return true
		}
	}
	return false
}

// Tab walks the Server tab's settings in reading order, down to Start; a
// tab's widgets are out of reach while another tab is shown.
func TestTabOrder(t *testing.T) {
	m, k := newKeyboardWindow(t)
	k.shortcut(alt(fyne.Key1))
	order := []struct {
		f    fyne.Focusable
		what string
	}{
		{m.server.portEntry, "port"},
		{m.server.maxClients, "max clients"},
		{m.server.maxPerAddress, "max per address"},
		{m.server.announce, "announce"},
		{m.server.startButton, "Start server"},
	}
	for _, o := range order {
		// Each next one within a few presses: demo settings and radio
		// buttons sit between some of them.
		k.tabTo(o.f, 12, o.what)
	}

	k.shortcut(alt(fyne.Key3))
	k.ui.run(func() {
		for range 200 {
			k.w.Canvas().FocusNext()
			f := k.w.Canvas().Focused()
			if f == nil {
				continue
			}
			assert.NotEqual(t, fyne.Focusable(m.server.startButton), f, "the hidden Server tab takes the focus")
			assert.NotEqual(t, fyne.Focusable(m.client.host), f, "the hidden Client tab takes the focus")
		}
	})
}

// Every action in the menus has a shortcut, no two the same, none of them
// Ctrl+1…9 (the Client tab's saved messages), and the shortcuts dialog
// lists each one.
func TestShortcutsAreUniqueAndListed(t *testing.T) {
	m, k := newKeyboardWindow(t)
	seen := map[string]string{}
	var walk func(items []*fyne.MenuItem)
	walk = func(items []*fyne.MenuItem) {
		for _, it := range items {
			if it.ChildMenu != nil {
				walk(it.ChildMenu.Items)
			}
			s, ok := it.Shortcut.(*desktop.CustomShortcut)
			if !ok {
				continue
			}
			name := shortcutText(s)
			if other, dup := seen[name]; dup {
				t.Errorf("%s is both %q and %q", name, other, it.Label)
			}
			seen[name] = it.Label
			if s.Modifier == fyne.KeyModifierShortcutDefault && s.KeyName >= fyne.Key1 && s.KeyName <= fyne.Key9 {
				t.Errorf("%q takes %s, which the Client tab keeps for saved messages", it.Label, name)
			}
		}
	}
	for _, mn := range k.menu.Items {
		walk(mn.Items)
	}
	for _, want := range []string{itemStartServer(), itemStopServer(), itemConnect(), itemSend(), itemServerTab(), itemClientTab(), itemLessonsTab(), itemTextLarger(), itemShortcuts()} {
		assert.Contains(t, seen, shortcutText(findByLabel(t, k.menu, want)), "%q has no shortcut", want)
	}

	// The dialog shows each shortcut and its action, side by side.
	var texts []string
	k.ui.run(func() {
		walkVisible(m.shortcutsContent(fyne.CurrentApp()), func(o fyne.CanvasObject) {
			if l, ok := o.(*widget.Label); ok {
				texts = append(texts, l.Text)
			}
		})
	})
	for name, label := range seen {
		i := slices.Index(texts, name)
		if assert.GreaterOrEqual(t, i, 0, "the shortcuts dialog lacks %s", name) && assert.Less(t, i+1, len(texts)) {
			assert.Equal(t, label, texts[i+1], "the shortcuts dialog: %s", name)
		}
	}
}

func findByLabel(t *testing.T, menu *fyne.MainMenu, label string) *desktop.CustomShortcut {
	t.Helper()
	var found *desktop.CustomShortcut
	var walk func(items []*fyne.MenuItem)
	walk = func(items []*fyne.MenuItem) {
		for _, it := range items {
			if it.Label == label {
				found, _ = it.Shortcut.(*desktop.CustomShortcut)
			}
			if it.ChildMenu != nil {
				walk(it.ChildMenu.Items)
			}
		}
	}
	for _, mn := range menu.Items {
		walk(mn.Items)
	}
	require.NotNil(t, found, "no menu item %q with a shortcut", label)
	return found
}

func TestShortcutText(t *testing.T) {
	assert.Equal(t, "Ctrl+Shift+R", shortcutText(&desktop.CustomShortcut{KeyName: fyne.KeyR, Modifier: fyne.KeyModifierControl | fyne.KeyModifierShift}))
	assert.Equal(t, "Alt+2", shortcutText(alt(fyne.Key2)))
	assert.Equal(t, "Ctrl+Enter", shortcutText(&desktop.CustomShortcut{KeyName: fyne.KeyReturn, Modifier: fyne.KeyModifierControl}))
}
