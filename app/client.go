package app

import (
	"context"
	"strings"
	"sync"
	"time"

	"github.com/socketlab/socketlab/app/i18n"

	"github.com/socketlab/socketlab/netcore/demos"
	"github.com/socketlab/socketlab/netcore/reach"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/socketlab/socketlab/netcore"
)

// Preference keys for the Client tab.
const (
	prefClientHost      = "client.host"
	prefClientPort      = "client.port"
	prefClientRecent    = "client.recent"
	prefClientTransport = "client.transport"
	prefClientPanel     = "client.panel"
	prefClientNickname  = "client.nickname"
)

const (
	// hostMinWidth keeps room for an address like "192.168.0.25" beside
	// the recent-servers button at Normal text size: as much as the row
	// can spare on the smallest screen (window_fit_test.go).
	hostMinWidth = 140

	maxRecentServers = 10
	defaultPanel     = "echo"
	// sendQueue is how many messages may wait for the sender goroutine; a
	// student cannot click faster than this drains unless the network hangs.
	sendQueue = 256
	// maxInbox bounds received texts waiting for the panel between flushes.
	maxInbox = transcriptMaxRows
	// shutdownWait bounds how long closing the window waits for the
	// connection goroutines; they never wait for the UI, so this is a guard.
	shutdownWait = 3 * time.Second
)

type connState int

const (
	stateIdle connState = iota
	stateConnecting
	stateConnected
)

// clientTab is the Client tab: it connects to a classmate's server, shows
// the traffic, and offers a panel per demo that turns clicks into messages.
type clientTab struct {
	app   fyne.App
	win   fyne.Window
	prefs fyne.Preferences
	// pump runs work on the UI goroutine: the session's news (post) and
	// received texts for the panel (inboxSlot).
	pump      *uiPump
	inboxSlot *uiSlot

	content fyne.CanvasObject

	host          *widget.Entry
	port          *widget.Entry
	transport     *widget.RadioGroup
	tlsCheck      *widget.Check // client_tls.go
	fingerprint   *widget.Entry // the expected fingerprint, optional
	tlsRow        *fyne.Container
	connectButton *widget.Button
	checkButton   *widget.Button // "Can I reach it?"
	serverButton  *widget.Button // "Check this server" (client_check.go)
	statusIcon    *widget.Icon
	status        *widget.Label
	hints         *widget.Label
	hintsCheck    *widget.Button // "Check what's wrong", shown with the hints

	discovery *discoveryView

	demoSelect *widget.Select
	demoTitle  *widget.Label
	demoDesc   *widget.Label
	panelBox   *fyne.Container
	panels     map[string]demoPanel // made on first use, kept so switching back keeps their state
	// panelViews are the panels' views, each in a theme override of its
	// own made once: the tab's override is a steadyTheme, which does not
	// theme children swapped in later.
	panelViews map[string]fyne.CanvasObject
	panel      demoPanel

	message    *shortcutEntry
	sendMode   *widget.Select  // Text / Escapes / Hex (send_mode.go)
	messageBar *fyne.Container // the transcript's message box and saved messages; hidden while a panel has its own (messageBoxPanel)
	sendButton *widget.Button
	noNewline  *widget.Check

	saved *savedView // saved messages under the send box (saved_view.go)

	transcript *transcript

	// showFindings shows the result of a reachability check; tests replace
	// it to read the findings without a dialog.
	showFindings func(w fyne.Window, title string, findings []reach.Finding)

	// onEvent, when set, sees every event of the current connection's
	// client (the Lessons tab follows along with it). It is called on the
	// connection's reading goroutine, so it must be safe from any
	// goroutine and must not block. Set it before the first Connect.
	onEvent func(netcore.Event)

	// UI goroutine only.
	state    connState
	sess     *clientSession
	lastID   int
	checking bool // a reachability check is running
	closed   bool // shutdown has run

	// serverCheck is the open "Check this server" dialog; nil when none.
	serverCheck *serverCheck

	// sessTexts are the current connection's latest received texts, so a
	// panel chosen after connecting can catch up (see catchUpPanel);
	// sessCount counts every text of the connection, and seen how far
	// each panel got.
	sessTexts []string
	sessCount int
	seen      map[demoPanel]panelSeen

	inbox *backlog[string] // received texts for the panel, filled by network goroutines

	// life ends at shutdown; reachability checks run under it so that
	// closing the window does not wait for their timeouts.
	life    context.Context
	endLife context.CancelFunc

	stop     chan struct{}
	stopOnce sync.Once
	wg       sync.WaitGroup // every goroutine this tab started
}

// newClientTab builds the tab; its goroutines hand the UI work through
// pump. Call shutdown when the window closes.
func newClientTab(a fyne.App, w fyne.Window, pump *uiPump, opts ...clientOption) *clientTab {
	cfg := defaultClientConfig()
	for _, o := range opts {
		o(&cfg)
	}
	t := &clientTab{
		app:          a,
		win:          w,
		prefs:        a.Preferences(),
		pump:         pump,
		inbox:        newBacklog[string](maxInbox),
		panels:       map[string]demoPanel{},
		panelViews:   map[string]fyne.CanvasObject{},
		seen:         map[demoPanel]panelSeen{},
		showFindings: showFindings,
		stop:         make(chan struct{}),
	}
	t.life, t.endLife = context.WithCancel(context.Background())
	// The transcript registers first: rows reach the screen before the
	// panel reads the same replies.
	t.transcript = newTranscript(a, w, pump)
	t.inboxSlot = pump.register(t.flushInbox, 0)
	t.discovery = newDiscoveryView(t.onFoundConnect)
	top := t.buildConnectionBar()
	left := t.buildDemoArea()
	// Found servers go above the transcript rather than above the demo
	// panel: the transcript gives up the room gladly, while a game board
	// would be squeezed, or pushed about as servers come and go.
	right := container.NewBorder(
		container.NewVBox(t.discovery.content, widget.NewSeparator()),
		nil, nil, nil, t.buildSendArea())

	split := container.NewHSplit(left, right)
	split.Offset = 0.42
	t.content = newSteadyTheme(
		container.NewPadded(container.NewBorder(container.NewVBox(top, widget.NewSeparator()), nil, nil, nil, split)),
		readableTheme())

	name := t.prefs.StringWithFallback(prefClientPanel, defaultPanel)
	if _, ok := demos.Lookup(name); !ok {
		name = defaultPanel
	}
	t.selectDemo(name)
	t.setState(stateIdle)
	t.showStatus(i18n.T("client.status.idle"), theme.NewDisabledResource(theme.RadioButtonIcon()), widget.MediumImportance, "")

	t.startDiscovery(cfg)
	return t
}

func (t *clientTab) buildConnectionBar() fyne.CanvasObject {
	t.host = &widget.Entry{
		Text:        t.prefs.String(prefClientHost),
		PlaceHolder: i18n.T("client.host.placeholder"),
		OnSubmitted: func(string) { t.onConnectTapped() },
	}
	t.host.ActionItem = &widget.Button{
		Icon:       theme.HistoryIcon(),
		Importance: widget.LowImportance,
		OnTapped:   t.onRecentTapped,
	}
	t.port = &widget.Entry{
		Text:        t.prefs.String(prefClientPort),
		PlaceHolder: i18n.T("client.port.placeholder"), // not a number: a grey 8000 looked like a value
		OnSubmitted: func(string) { t.onConnectTapped() },
	}
	t.transport = widget.NewRadioGroup([]string{"TCP", "UDP"}, t.onTransportChanged)
	t.transport.Horizontal = true
	t.transport.Required = true
	t.transport.Selected = "TCP"
	if t.prefs.String(prefClientTransport) == "udp" {
		t.transport.Selected = "UDP"
	}
	t.connectButton = &widget.Button{Text: i18n.T("client.connect"), Icon: theme.LoginIcon(), Importance: widget.HighImportance, OnTapped: t.onConnectTapped}
	t.checkButton = &widget.Button{Text: checkLabel(), Icon: theme.SearchIcon(), OnTapped: t.onCheckTapped}
	t.serverButton = t.newServerCheckButton()
	tlsCheck, tlsRow := t.buildTLSRow()

	t.statusIcon = widget.NewIcon(nil)
	t.status = &widget.Label{TextStyle: fyne.TextStyle{Bold: true}, Wrapping: fyne.TextWrapWord}
	t.hints = &widget.Label{Wrapping: fyne.TextWrapWord}
	t.hints.Hide()
	t.hintsCheck = &widget.Button{Text: i18n.T("client.hints.check"), Icon: theme.SearchIcon(), OnTapped: t.onCheckTapped}
	t.hintsCheck.Hide()

	// The port entry only ever holds five digits; a fixed width leaves the
	// rest of the row to the host, which keeps room for an IP address.
	// Both grow with the text size.
	portBox := newScaledWidth(90, t.port)
	row := container.NewBorder(nil, nil,
		widget.NewLabel(i18n.T("client.host")),
		container.NewHBox(widget.NewLabel(i18n.T("client.port")), portBox, t.transport, t.connectButton, t.checkButton, t.serverButton),
		newScaledWidth(hostMinWidth, t.host))
	// The TLS check sits under Connect, at the end of the status row: the
	// address row is already as wide as a small screen allows.
	statusRow := container.NewBorder(nil, nil, t.statusIcon, container.NewVBox(tlsCheck), t.status)
	// The check sits beside the hints rather than under them: the tab is
	// already at its tallest when the hints show.
	hints := container.NewBorder(nil, nil, nil, container.NewVBox(t.hintsCheck), t.hints)
	return container.NewVBox(row, tlsRow, statusRow, hints)
}

func (t *clientTab) buildDemoArea() fyne.CanvasObject {
	var names []string
	for _, d := range demos.All() {
		names = append(names, demoOption(d))
	}
	t.demoSelect = &widget.Select{Options: names, OnChanged: func(option string) { t.onDemoSelected(demoNameOf(option)) }}
	t.demoTitle = &widget.Label{TextStyle: fyne.TextStyle{Bold: true}}
	t.demoDesc = &widget.Label{Wrapping: fyne.TextWrapWord}
	t.panelBox = container.NewStack()
	picker := container.NewBorder(nil, nil, widget.NewLabel(i18n.T("client.demo")), nil, t.demoSelect)
	// The description scrolls past a few lines, so the panel keeps its
	// room on a small screen.
	header := container.NewVBox(picker, t.demoTitle, cappedHeight(t.demoDesc, 100), widget.NewSeparator())
	// A panel taller than a small screen (calc's keypad, the mancala
	// board) scrolls; with room it stretches as before.
	return container.NewBorder(header, nil, nil, nil, container.NewVScroll(t.panelBox))
}

// buildSendArea is the transcript with the send box and the saved
// messages under it (sendAreaLayout shares the height between them).
func (t *clientTab) buildSendArea() fyne.CanvasObject {
	sendRow := t.buildMessageBar()
	// The saved messages scroll when the window is short; the send row
	// never does.
	t.messageBar = container.NewBorder(sendRow, nil, nil, nil, container.NewVScroll(t.saved.content))
	l := &sendAreaLayout{transcript: t.transcript.content, bar: t.messageBar, sendRow: sendRow, saved: t.saved.content}
	return container.New(l, t.transcript.content, t.messageBar)
}

func (t *clientTab) buildMessageBar() fyne.CanvasObject {
	t.message = newShortcutEntry(t.savedShortcut)
	t.message.PlaceHolder = textModeHint()
	t.message.OnSubmitted = func(string) { t.onSendTapped() }
	t.sendButton = &widget.Button{Text: i18n.T("client.send"), Icon: theme.MailSendIcon(), OnTapped: t.onSendTapped}
	t.noNewline = &widget.Check{Text: i18n.T("client.nonewline")}
	t.sendMode = newSendModeSelect(t.onSendModeChanged)
	t.saved = newSavedView(t)
	// The send box is one row, so the transcript keeps its height on a
	// small screen.
	return container.NewVBox(
		widget.NewSeparator(),
		container.NewBorder(nil, nil, t.sendMode, container.NewHBox(t.noNewline, t.sendButton), t.message))
}

// textModeHint fits the box beside the mode choice.
func textModeHint() string { return i18n.T("client.message.placeholder") }

// onSendModeChanged shows the chosen mode's syntax; "No newline" only
// applies to Text, as Escapes and Hex never add one.
func (t *clientTab) onSendModeChanged(m netcore.RawMode) {
	if hint, ok := sendModeHint(m); ok {
		t.message.SetPlaceHolder(hint)
		t.noNewline.Disable()
	} else {
		t.message.SetPlaceHolder(textModeHint())
		t.noNewline.Enable()
	}
}

func (t *clientTab) setState(st connState) {
	t.state = st
	idle := st == stateIdle
	for _, w := range []fyne.Disableable{t.host, t.port, t.transport} {
		if idle {
			w.Enable()
		} else {
			w.Disable()
		}
	}
	if idle {
		t.connectButton.SetText(i18n.T("client.connect"))
		t.connectButton.SetIcon(theme.LoginIcon())
		t.connectButton.Importance = widget.HighImportance
	} else {
		t.connectButton.SetText(i18n.T("client.disconnect"))
		t.connectButton.SetIcon(theme.LogoutIcon())
		t.connectButton.Importance = widget.MediumImportance
	}
	t.connectButton.Refresh()
	t.updateTLSRow()
	if st == stateConnected {
		t.sendButton.Enable()
	} else {
		t.sendButton.Disable()
		if t.panel != nil {
			t.panel.setSession(0)
		}
	}
}

func (t *clientTab) showStatus(text string, icon fyne.Resource, imp widget.Importance, hintAddr string) {
	t.statusIcon.SetResource(icon)
	t.status.Importance = imp
	t.status.SetText(text)
	if hintAddr == "" {
		t.hints.Hide()
		t.hintsCheck.Hide()
		return
	}
	t.hints.SetText(connectionHints(hintAddr))
	t.hints.Show()
	t.hintsCheck.Show()
}

// showProblem shows an error; hintAddr, when set, adds what to check.
func (t *clientTab) showProblem(text, hintAddr string) {
	t.showStatus(text, theme.NewErrorThemedResource(theme.ErrorIcon()), widget.DangerImportance, hintAddr)
}

func (t *clientTab) onTransportChanged(choice string) {
	if choice != "" {
		t.prefs.SetString(prefClientTransport, strings.ToLower(choice))
	}
	if t.tlsCheck != nil { // not while the bar is being built
		t.updateTLSRow()
	}
}

// shutdown ends the connection (or the pending dial) and stops every
// goroutine the tab started. It runs on the UI goroutine when the window
// closes; the goroutines it waits for never wait for the UI.
func (t *clientTab) shutdown() {
	t.stopOnce.Do(func() {
		t.closed = true
		t.endLife()
		if t.sess != nil {
			t.sess.cancel()
			t.sess = nil
		}
		close(t.stop)
		waitAtMost(&t.wg, shutdownWait)
	})
}

// waitAtMost waits for wg, but no longer than d; it reports whether wg was
// done in time.
func waitAtMost(wg *sync.WaitGroup, d time.Duration) bool {
	done := make(chan struct{})
	go func() {
		wg.Wait()
		close(done)
	}()
	select {
	case <-done:
		return true
	case <-time.After(d):
		return false
	}
}
