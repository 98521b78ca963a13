package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"

	"github.com/socketlab/socketlab/app/i18n"
)

// Keyboard use. Every action has a key: Tab walks the widgets in the
// order they read (Fyne's focus order is the layout's), Enter in an entry
// does what the button beside it does (start from the port, connect from
// the address, send from the message box), Space presses a focused button,
// and the shortcuts below do the rest from anywhere in the window.
//
// The shortcuts live in the main menu, next to the actions' names, which
// is where people look for them, and where Fyne's desktop driver looks
// first when a key is pressed with Ctrl or Alt: before the focused entry,
// which would otherwise swallow them. Tabs are switched with Alt+1…3, not
// Ctrl+1…9, which the Client tab keeps for saved messages.

// Texts of the keyboard menus and the shortcuts dialog, worded when the
// menus are built (after Run chose the language).
func menuServer() string          { return i18n.T("views.keys.menu.server") }
func menuClient() string          { return i18n.T("views.keys.menu.client") }
func itemStartServer() string     { return i18n.T("views.keys.start") }
func itemStopServer() string      { return i18n.T("views.keys.stop") }
func itemConnect() string         { return i18n.T("views.keys.connect") }
func itemGoToAddress() string     { return i18n.T("views.keys.address") }
func itemGoToMessage() string     { return i18n.T("views.keys.message") }
func itemSend() string            { return i18n.T("views.keys.send") }
func itemServerTab() string       { return i18n.T("views.keys.tab.server") }
func itemClientTab() string       { return i18n.T("views.keys.tab.client") }
func itemLessonsTab() string      { return i18n.T("views.keys.tab.lessons") }
func itemShortcuts() string       { return i18n.T("views.keys.shortcuts") }
func shortcutsIntro() string      { return i18n.T("views.keys.intro") }
func shortcutsEverywhere() string { return i18n.T("views.keys.anywhere") }

// keyAction is one action with its shortcut, for the menu and the
// shortcuts dialog alike.
type keyAction struct {
	label string
	key   *desktop.CustomShortcut
	run   func()
}

func ctrl(k fyne.KeyName) *desktop.CustomShortcut {
	return &desktop.CustomShortcut{KeyName: k, Modifier: fyne.KeyModifierShortcutDefault}
}

func ctrlShift(k fyne.KeyName) *desktop.CustomShortcut {
	return &desktop.CustomShortcut{KeyName: k, Modifier: fyne.KeyModifierShortcutDefault | fyne.KeyModifierShift}
}

func alt(k fyne.KeyName) *desktop.CustomShortcut {
	return &desktop.CustomShortcut{KeyName: k, Modifier: fyne.KeyModifierAlt}
}

// Tab indexes, in the order newMainTabs adds them.
const (
	tabServer = iota
	tabClient
	tabLessons
)

func (m *mainTabs) serverActions() []keyAction {
	return []keyAction{
		{itemStartServer(), ctrl(fyne.KeyR), func() { m.showTab(tabServer); m.server.onStartTapped() }},
		{itemStopServer(), ctrlShift(fyne.KeyR), m.server.onStopTapped},
	}
}

func (m *mainTabs) clientActions() []keyAction {
	return []keyAction{
		{itemConnect(), ctrl(fyne.KeyK), func() { m.showTab(tabClient); m.client.onConnectTapped() }},
		{itemGoToAddress(), ctrl(fyne.KeyL), func() { m.selectTab(tabClient); m.focus(m.client.host) }},
		{itemGoToMessage(), ctrl(fyne.KeyE), m.focusMessageBox},
		{itemSend(), ctrl(fyne.KeyReturn), m.sendShown},
	}
}

func (m *mainTabs) viewActions() []keyAction {
	return []keyAction{
		{itemServerTab(), alt(fyne.Key1), func() { m.showTab(tabServer) }},
		{itemClientTab(), alt(fyne.Key2), func() { m.showTab(tabClient) }},
		{itemLessonsTab(), alt(fyne.Key3), func() { m.showTab(tabLessons) }},
	}
}

// addKeyboardMenus puts the Server and Client menus before View, the tab
// switches and text sizes (textsize.go) into View, and Keyboard shortcuts
// under Help, and has switching tabs move the focus into the tab shown.
func (m *mainTabs) addKeyboardMenus(a fyne.App, menu *fyne.MainMenu) *fyne.MainMenu {
	items := func(actions []keyAction) []*fyne.MenuItem {
		var out []*fyne.MenuItem
		for _, k := range actions {
			out = append(out, &fyne.MenuItem{Label: k.label, Shortcut: k.key, Action: k.run})
		}
		return out
	}
	view := append(items(m.viewActions()), fyne.NewMenuItemSeparator())
	view = append(view, textSizeMenuItems(a, func() {
		if mm := m.win.MainMenu(); mm != nil {
			mm.Refresh()
		}
	})...)
	added := []*fyne.Menu{
		fyne.NewMenu(menuServer(), items(m.serverActions())...),
		fyne.NewMenu(menuClient(), items(m.clientActions())...),
	}

	// newMainMenu's View menu (with the Language… item) gets the tab
	// switches and text sizes first, and the Server and Client menus go
	// before it; its Help menu gets Keyboard shortcuts first. Menus are
	// found by their worded label, the same T in both places.
	var menus []*fyne.Menu
	for _, mn := range menu.Items {
		switch mn.Label {
		case i18n.T("menu.view"):
			menus = append(menus, added...)
			mn.Items = append(view, mn.Items...)
		case i18n.T("menu.help"):
			mn.Items = append(items(m.helpActions(a)), mn.Items...)
		}
		menus = append(menus, mn)
	}
	menu.Items = menus

	// After whatever the tabs already do when one is selected (the Lessons
	// tab builds its calls then, app.go).
	selected := m.tabs.OnSelected
	m.tabs.OnSelected = func(it *container.TabItem) {
		if selected != nil {
			selected(it)
		}
		m.focusTab()
	}
	m.focusTab() // at start too: typing goes to the first field of the tab shown
	return menu
}

// showTab shows tab i and puts the focus in it.
func (m *mainTabs) showTab(i int) {
	if m.tabs.SelectedIndex() != i {
		m.tabs.SelectIndex(i) // OnSelected focuses
		return
	}
	m.focusTab()
}

// selectTab shows tab i, leaving the focus to the caller.
func (m *mainTabs) selectTab(i int) {
	if m.tabs.SelectedIndex() != i {
		m.tabs.SelectIndex(i)
	}
}

// focusTab moves the focus to where work starts in the tab shown, so that
// keys never go to a widget of a tab out of sight: the port on the Server
// tab (Enter starts), the address on the Client tab (Enter connects) or
// the message box once connected.
func (m *mainTabs) focusTab() {
	switch m.tabs.SelectedIndex() {
	case tabServer:
		if m.server.state == serverStopped {
			m.focus(m.server.portEntry)
		} else {
			m.focus(m.server.message)
		}
	case tabClient:
		if m.client.state == stateIdle {
			m.focus(m.client.host)
		} else {
			box, _ := m.messageBox()
			m.focus(box)
		}
	default:
		m.focus(nil)
	}
}

func (m *mainTabs) focus(f fyne.Focusable) {
	if m.win == nil {
		return
	}
	if f == nil {
		m.win.Canvas().Unfocus()
		return
	}
	m.win.Canvas().Focus(f)
}

// messageBox is the Client tab's box that sends: the transcript's, or the
// chat panel's while it hides that one (then also returned as chat).
func (m *mainTabs) messageBox() (box fyne.Focusable, chat *widget.Entry) {
	if p, ok := m.client.panel.(*chatPanel); ok && !m.client.messageBar.Visible() {
		return p.entry, p.entry
	}
	return m.client.message, nil
}

func (m *mainTabs) focusMessageBox() {
	m.selectTab(tabClient)
	box, _ := m.messageBox()
	m.focus(box)
}

// sendShown sends what the shown tab's message box holds, as Enter in it
// would: to the partner on the Client tab, to the chosen client (or all)
// on the Server tab.
func (m *mainTabs) sendShown() {
	switch m.tabs.SelectedIndex() {
	case tabServer:
		m.server.onMessageSubmitted(m.server.message.Text)
	case tabClient:
		if _, chat := m.messageBox(); chat != nil {
			chat.OnSubmitted(chat.Text)
			return
		}
		m.client.onSendTapped()
	}
}
