package app

import (
	"context"
	"errors"
	"fmt"
	"image/color"
	"net"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/socketlab/socketlab/netcore/demos"
	"github.com/socketlab/socketlab/netcore/reach"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
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

// clientSession is one connection, from Dial to the end. Cancelling its
// context is the only way the UI ends it: that aborts a pending Dial or
// closes the Client, without the UI goroutine waiting for the network.
type clientSession struct {
	id      int
	network string
	addr    string
	ctx     context.Context
	cancel  context.CancelFunc
	out     chan outgoing // messages waiting for the sender goroutine
}

// outgoing is one message for the sender goroutine.
type outgoing struct {
	wire   string // exactly what goes on the wire, terminator included
	secret bool   // a password: the transcript shows dots
}

// clientTab is the Client tab: it connects to a classmate's server, shows
// the traffic, and offers a panel per demo that turns clicks into messages.
type clientTab struct {
	app   fyne.App
	win   fyne.Window
	prefs fyne.Preferences
	// do runs a function on the UI goroutine later, without waiting: it is
	// postToUI (fyne.Do) as it was when the tab was made. Tests give the tab
	// their own UI goroutine instead, because the test driver runs fyne.Do
	// inline on the calling goroutine, where network goroutines would
	// change widgets while the test reads them.
	do func(func())

	content fyne.CanvasObject

	host          *widget.Entry
	port          *widget.Entry
	transport     *widget.RadioGroup
	connectButton *widget.Button
	checkButton   *widget.Button // "Can I reach it?"
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
	panel      demoPanel

	message    *widget.Entry
	sendButton *widget.Button
	noNewline  *widget.Check

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
	// sessTexts are the current connection's latest received texts, so a
	// panel chosen after connecting can catch up (see catchUpPanel);
	// sessCount counts every text of the connection, and seen how far
	// each panel got.
	sessTexts []string
	sessCount int
	seen      map[demoPanel]panelSeen

	inboxMu     sync.Mutex
	inbox       []string // received texts for the panel, filled by network goroutines
	flushQueued atomic.Bool

	// life ends at shutdown; reachability checks run under it so that
	// closing the window does not wait for their timeouts.
	life    context.Context
	endLife context.CancelFunc

	stop     chan struct{}
	stopOnce sync.Once
	wg       sync.WaitGroup // every goroutine this tab started
}

func newClientTab(a fyne.App, w fyne.Window) *clientTab {
	return newClientTabWith(a, w, postToUI)
}

func newClientTabWith(a fyne.App, w fyne.Window, do func(func()), opts ...clientOption) *clientTab {
	cfg := defaultClientConfig()
	for _, o := range opts {
		o(&cfg)
	}
	t := &clientTab{
		app:          a,
		win:          w,
		prefs:        a.Preferences(),
		do:           do,
		panels:       map[string]demoPanel{},
		seen:         map[demoPanel]panelSeen{},
		showFindings: showFindings,
		stop:         make(chan struct{}),
	}
	t.life, t.endLife = context.WithCancel(context.Background())
	t.transcript = newTranscript(a, w)
	t.discovery = newDiscoveryView(t.onFoundConnect)
	top := t.buildConnectionBar()
	left := t.buildDemoArea()
	// Found servers go above the transcript rather than above the demo
	// panel: the transcript gives up the room gladly, while a game board
	// would be squeezed, or pushed about as servers come and go.
	right := container.NewBorder(
		container.NewVBox(t.discovery.content, widget.NewSeparator()),
		t.buildMessageBar(), nil, nil, t.transcript.content)

	split := container.NewHSplit(left, right)
	split.Offset = 0.42
	t.content = container.NewThemeOverride(
		container.NewPadded(container.NewBorder(container.NewVBox(top, widget.NewSeparator()), nil, nil, nil, split)),
		clientTheme{})

	name := t.prefs.StringWithFallback(prefClientPanel, defaultPanel)
	if _, ok := demos.Lookup(name); !ok {
		name = defaultPanel
	}
	t.demoSelect.SetSelected(name)
	t.setState(stateIdle)
	t.showStatus("not connected", theme.NewDisabledResource(theme.RadioButtonIcon()), widget.MediumImportance, "")

	t.wg.Add(1)
	go t.runFlusher()
	t.discovery.start(cfg)
	if b := t.discovery.browser; b != nil {
		t.wg.Add(1)
		go t.runDiscovery(b, cfg.discoveryEvery)
	}
	return t
}

func (t *clientTab) buildConnectionBar() fyne.CanvasObject {
	t.host = &widget.Entry{
		Text:        t.prefs.String(prefClientHost),
		PlaceHolder: "partner's address, e.g. 192.168.0.5",
		OnSubmitted: func(string) { t.onConnectTapped() },
	}
	t.host.ActionItem = &widget.Button{
		Icon:       theme.HistoryIcon(),
		Importance: widget.LowImportance,
		OnTapped:   t.onRecentTapped,
	}
	t.port = &widget.Entry{
		Text:        t.prefs.String(prefClientPort),
		PlaceHolder: "8000",
		OnSubmitted: func(string) { t.onConnectTapped() },
	}
	t.transport = widget.NewRadioGroup([]string{"TCP", "UDP"}, t.onTransportChanged)
	t.transport.Horizontal = true
	t.transport.Required = true
	t.transport.Selected = "TCP"
	if t.prefs.String(prefClientTransport) == "udp" {
		t.transport.Selected = "UDP"
	}
	t.connectButton = &widget.Button{Text: "Connect", Icon: theme.LoginIcon(), Importance: widget.HighImportance, OnTapped: t.onConnectTapped}
	t.checkButton = &widget.Button{Text: checkLabel, Icon: theme.SearchIcon(), OnTapped: t.onCheckTapped}

	t.statusIcon = widget.NewIcon(nil)
	t.status = &widget.Label{TextStyle: fyne.TextStyle{Bold: true}, Wrapping: fyne.TextWrapWord}
	t.hints = &widget.Label{Wrapping: fyne.TextWrapWord}
	t.hints.Hide()
	t.hintsCheck = &widget.Button{Text: "Check what's wrong", Icon: theme.SearchIcon(), OnTapped: t.onCheckTapped}
	t.hintsCheck.Hide()

	// The port entry only ever holds five digits; a fixed width leaves the
	// rest of the row to the host.
	portBox := container.NewGridWrap(fyne.NewSize(90, t.port.MinSize().Height), t.port)
	row := container.NewBorder(nil, nil,
		widget.NewLabel("Host"),
		container.NewHBox(widget.NewLabel("Port"), portBox, t.transport, t.connectButton, t.checkButton),
		t.host)
	statusRow := container.NewBorder(nil, nil, t.statusIcon, nil, t.status)
	// The check sits beside the hints rather than under them: the tab is
	// already at its tallest when the hints show.
	hints := container.NewBorder(nil, nil, nil, container.NewVBox(t.hintsCheck), t.hints)
	return container.NewVBox(row, statusRow, hints)
}

func (t *clientTab) buildDemoArea() fyne.CanvasObject {
	var names []string
	for _, d := range demos.All() {
		names = append(names, d.Name)
	}
	t.demoSelect = &widget.Select{Options: names, OnChanged: t.onDemoSelected}
	t.demoTitle = &widget.Label{TextStyle: fyne.TextStyle{Bold: true}}
	t.demoDesc = &widget.Label{Wrapping: fyne.TextWrapWord}
	t.panelBox = container.NewStack()
	picker := container.NewBorder(nil, nil, widget.NewLabel("Demo"), nil, t.demoSelect)
	header := container.NewVBox(picker, t.demoTitle, t.demoDesc, widget.NewSeparator())
	return container.NewBorder(header, nil, nil, nil, t.panelBox)
}

func (t *clientTab) buildMessageBar() fyne.CanvasObject {
	t.message = &widget.Entry{
		PlaceHolder: "Type a message and press Enter",
		OnSubmitted: func(string) { t.onSendTapped() },
	}
	t.sendButton = &widget.Button{Text: "Send", Icon: theme.MailSendIcon(), OnTapped: t.onSendTapped}
	t.noNewline = &widget.Check{Text: "Send without newline (shows framing)"}
	return container.NewVBox(
		widget.NewSeparator(),
		container.NewBorder(nil, nil, nil, t.sendButton, t.message),
		t.noNewline)
}

// onConnectTapped connects, or disconnects when a connection is under way:
// the same button does both so that cancelling is where the student looks.
func (t *clientTab) onConnectTapped() {
	if t.state != stateIdle {
		t.disconnect()
		return
	}
	host, port, err := splitTypedAddress(t.host.Text, t.port.Text)
	if err != nil {
		t.showProblem(err.Error(), "")
		return
	}
	// Show what will be used, e.g. after "192.168.0.5:8000" was typed into Host.
	t.host.SetText(host)
	t.port.SetText(port)
	network := strings.ToLower(t.transport.Selected)
	if network == "" {
		network = "tcp"
	}
	t.prefs.SetString(prefClientHost, host)
	t.prefs.SetString(prefClientPort, port)

	t.lastID++
	ctx, cancel := context.WithCancel(context.Background())
	s := &clientSession{
		id:      t.lastID,
		network: network,
		addr:    net.JoinHostPort(host, port),
		ctx:     ctx,
		cancel:  cancel,
		out:     make(chan outgoing, sendQueue),
	}
	t.sess = s
	t.setState(stateConnecting)
	t.showStatus("connecting to "+s.addr+"…", theme.ViewRefreshIcon(), widget.MediumImportance, "")

	t.wg.Add(1)
	go t.runSession(s)
}

// disconnect ends the current session at once as far as the student can
// see; the session's goroutine closes the socket in the background.
func (t *clientTab) disconnect() {
	s := t.sess
	if s == nil {
		return
	}
	why := "you pressed Disconnect"
	if t.state == stateConnecting {
		why = "cancelled before the server answered"
	}
	// The note goes in before the socket closes, so that it comes before
	// anything the closing adds.
	t.transcript.add(transcriptRow{kind: rowNote, text: "disconnected: " + why})
	t.sess = nil
	s.cancel()
	t.setState(stateIdle)
	t.showStatus("disconnected: "+why, theme.NewDisabledResource(theme.RadioButtonIcon()), widget.MediumImportance, "")
}

// runSession is the life of one connection, on its own goroutine.
func (t *clientTab) runSession(s *clientSession) {
	defer t.wg.Done()
	defer s.cancel()
	c, err := netcore.Dial(s.ctx, s.network, s.addr, netcore.DefaultDialTimeout)
	if err != nil {
		t.do(func() { t.sessionFailed(s, err) })
		return
	}
	// Disconnect, shutdown and a later Connect end the session by
	// cancelling it; Close waits for the reader, so it runs here and not
	// on the UI goroutine.
	closed := make(chan struct{})
	stopClose := context.AfterFunc(s.ctx, func() {
		c.Close()
		close(closed)
	})
	t.do(func() { t.sessionConnected(s) })

	t.wg.Add(1)
	go t.runSender(s, c)
	reason := t.readEvents(s, c)
	if !stopClose() {
		<-closed
	}
	t.do(func() { t.sessionEnded(s, reason) })
}

// runSender writes queued messages in order, so a slow network never holds
// up the UI goroutine that queued them. It puts each message in the
// transcript itself, before writing: netcore reports a send only after the
// write, by which time a quick server may already have answered, and a
// reply shown above its question would confuse anyone.
func (t *clientTab) runSender(s *clientSession, c *netcore.Client) {
	defer t.wg.Done()
	for {
		select {
		case m := <-s.out:
			r := sentRow(time.Now(), m.wire)
			if m.secret {
				// Hidden in the hex view too, where it would be plain.
				r.text, r.wire = "•••••• (password hidden)", ""
			}
			t.transcript.add(r)
			if err := c.Send(m.wire); err != nil {
				t.transcript.add(transcriptRow{kind: rowProblem, text: "not sent: " + err.Error()})
			}
		case <-c.Done():
			return
		}
	}
}

// readEvents copies the client's events into the transcript and hands
// received texts to the panel until the connection ends, and returns why it
// ended.
func (t *clientTab) readEvents(s *clientSession, c *netcore.Client) string {
	reason := "the connection ended"
	for e := range c.Events() {
		if t.onEvent != nil {
			t.onEvent(e)
		}
		switch e.Kind {
		case netcore.EventConnected:
			if s.ctx.Err() == nil { // not when Disconnect came first
				t.transcript.add(transcriptRow{at: e.Time, kind: rowNote, text: "connected to " + s.addr + " (" + e.Text + ")"})
			}
		case netcore.EventSent:
			// Shown by runSender, in the right order.
		case netcore.EventReceived:
			t.transcript.add(messageRow(rowReceived, e))
			t.queueForPanel(e.Text)
		case netcore.EventClosed:
			reason = e.Text
			if s.ctx.Err() == nil {
				// When we closed it, disconnect() has said so already.
				t.transcript.add(transcriptRow{at: e.Time, kind: rowNote, text: "closed: " + e.Text})
			}
		case netcore.EventError:
			if e.Err != nil {
				t.transcript.add(transcriptRow{at: e.Time, kind: rowProblem, text: e.Err.Error()})
			}
		}
	}
	if n := c.Dropped(); n > 0 {
		t.transcript.add(transcriptRow{kind: rowProblem, text: fmt.Sprintf("%d messages arrived faster than the window could show them and were skipped", n)})
	}
	return reason
}

func (t *clientTab) queueForPanel(text string) {
	t.inboxMu.Lock()
	t.inbox = append(t.inbox, text)
	if len(t.inbox) > 2*maxInbox {
		t.inbox = append(t.inbox[:0], t.inbox[len(t.inbox)-maxInbox:]...)
	}
	t.inboxMu.Unlock()
}

func (t *clientTab) inboxPending() bool {
	t.inboxMu.Lock()
	defer t.inboxMu.Unlock()
	return len(t.inbox) > 0
}

// sessionConnected runs on the UI goroutine once Dial has succeeded.
func (t *clientTab) sessionConnected(s *clientSession) {
	if t.sess != s {
		return // the student pressed Disconnect meanwhile; the session is closing
	}
	t.setState(stateConnected)
	t.sessTexts, t.sessCount = nil, 0
	clear(t.seen)
	msg := "connected to " + s.addr
	if s.network == "udp" {
		// UDP has no handshake: "connected" only means the address is set.
		msg += " (UDP: nothing checks the server is there until it replies)"
	}
	t.showStatus(msg, theme.NewSuccessThemedResource(theme.ConfirmIcon()), widget.MediumImportance, "")
	t.rememberRecent(s.addr)
	if t.panel != nil {
		t.panel.setSession(s.id)
		t.seen[t.panel] = panelSeen{session: s.id}
	}
}

// sessionFailed runs on the UI goroutine when Dial failed or was cancelled.
func (t *clientTab) sessionFailed(s *clientSession, err error) {
	if t.sess != s {
		return // cancelled by the student, who already sees "disconnected"
	}
	t.transcript.add(transcriptRow{kind: rowProblem, text: "could not connect to " + s.addr + ": " + err.Error()})
	t.sess = nil
	t.setState(stateIdle)
	hints := ""
	if !errors.Is(err, context.Canceled) {
		hints = s.addr
	}
	t.showProblem("disconnected: "+err.Error(), hints)
}

// sessionEnded runs on the UI goroutine after the client's events ended.
func (t *clientTab) sessionEnded(s *clientSession, reason string) {
	// Show the last replies (such as "too many attempts") before the
	// state changes, so the panel tells the story in order.
	t.flushNow()
	if t.sess != s {
		return
	}
	t.sess = nil
	t.setState(stateIdle)
	hints := ""
	if strings.Contains(reason, "refused") {
		hints = s.addr // UDP learns of a missing server only now
	}
	t.showProblem("disconnected: "+reason, hints)
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
		t.connectButton.SetText("Connect")
		t.connectButton.SetIcon(theme.LoginIcon())
		t.connectButton.Importance = widget.HighImportance
	} else {
		t.connectButton.SetText("Disconnect")
		t.connectButton.SetIcon(theme.LogoutIcon())
		t.connectButton.Importance = widget.MediumImportance
	}
	t.connectButton.Refresh()
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

// connectionHints lists what a student can check when a connection fails;
// most failures in class are one of these four.
func connectionHints(addr string) string {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		host, port = addr, "?"
	}
	return "What to check:\n" +
		"• the address and port exactly as your partner's Server tab shows them (you typed " + host + " and port " + port + ")\n" +
		"• your partner's server is started\n" +
		"• both computers are on the same network / Wi-Fi\n" +
		"• a firewall on your partner's computer allows port " + port
}

// splitTypedAddress tidies what was typed: spaces trimmed, and a whole
// "host:port" pasted into Host is split, since that is how addresses are
// usually written on the board.
func splitTypedAddress(hostText, portText string) (host, port string, err error) {
	host, port = strings.TrimSpace(hostText), strings.TrimSpace(portText)
	if h, p, err := net.SplitHostPort(host); err == nil && h != "" && p != "" {
		host, port = h, p
	}
	host = strings.TrimSuffix(strings.TrimPrefix(host, "["), "]")
	switch {
	case host == "":
		return "", "", errors.New("type your partner's address in Host, exactly as their Server tab shows it")
	case port == "":
		return "", "", errors.New("type the port shown on your partner's screen (for example 8000)")
	}
	return host, port, nil
}

func (t *clientTab) recentServers() []string {
	return t.prefs.StringList(prefClientRecent)
}

// rememberRecent puts addr first in the recent list. Only connections that
// worked are remembered, so typos do not crowd out the real servers.
func (t *clientTab) rememberRecent(addr string) {
	list := []string{addr}
	for _, a := range t.recentServers() {
		if a != addr && len(list) < maxRecentServers {
			list = append(list, a)
		}
	}
	t.prefs.SetStringList(prefClientRecent, list)
}

func (t *clientTab) onRecentTapped() {
	if t.state != stateIdle {
		return
	}
	var items []*fyne.MenuItem
	for _, addr := range t.recentServers() {
		items = append(items, fyne.NewMenuItem(addr, func() { t.useRecent(addr) }))
	}
	if len(items) == 0 {
		none := fyne.NewMenuItem("no servers yet: they appear here after a connection works", nil)
		none.Disabled = true
		items = append(items, none)
	}
	c := t.app.Driver().CanvasForObject(t.host)
	if c == nil {
		return
	}
	pos := t.app.Driver().AbsolutePositionForObject(t.host).Add(fyne.NewPos(0, t.host.Size().Height))
	widget.ShowPopUpMenuAtPosition(fyne.NewMenu("", items...), c, pos)
}

// useRecent fills Host and Port from a remembered "host:port".
func (t *clientTab) useRecent(addr string) {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return
	}
	t.host.SetText(host)
	t.port.SetText(port)
}

func (t *clientTab) onTransportChanged(choice string) {
	if choice != "" {
		t.prefs.SetString(prefClientTransport, strings.ToLower(choice))
	}
}

func (t *clientTab) onDemoSelected(name string) {
	p := t.panels[name]
	if p == nil {
		p = newDemoPanel(name, t.sendLine, t.sendSecretLine, t.prefs)
		t.panels[name] = p
	}
	if t.panel != nil && t.panel != p {
		t.panel.setSession(0)
		if t.sess != nil {
			t.seen[t.panel] = panelSeen{session: t.sess.id, count: t.sessCount}
		}
	}
	t.panel = p
	info, _ := demos.Lookup(name)
	t.demoTitle.SetText(info.Title)
	t.demoDesc.SetText(info.Description)
	if info.ClassicPort > 0 {
		t.port.SetPlaceHolder(fmt.Sprint(info.ClassicPort))
	}
	t.panelBox.Objects = []fyne.CanvasObject{p.view()}
	t.panelBox.Refresh()
	if t.state == stateConnected && t.sess != nil {
		p.setSession(t.sess.id)
		t.catchUpPanel(p)
	} else {
		p.setSession(0)
	}
	t.prefs.SetString(prefClientPanel, name)
}

func (t *clientTab) onSendTapped() {
	if t.state != stateConnected {
		return
	}
	text := t.message.Text
	if !t.noNewline.Checked {
		text += "\n"
	} else if text == "" {
		return // nothing at all would go on the wire
	}
	if t.send(text, false) {
		t.message.SetText("")
	}
}

// sendLine is how panels send: always a whole line, so that quick clicks
// are never merged into one message by the server's framing.
func (t *clientTab) sendLine(text string) { t.send(text+"\n", false) }

// sendSecretLine sends a line the transcript must not show (a password).
func (t *clientTab) sendSecretLine(text string) { t.send(text+"\n", true) }

// send queues wire text for the sender goroutine. UI goroutine only.
func (t *clientTab) send(wire string, secret bool) bool {
	s := t.sess
	if s == nil || t.state != stateConnected {
		return false
	}
	select {
	case s.out <- outgoing{wire: wire, secret: secret}:
		return true
	default:
		t.transcript.add(transcriptRow{kind: rowProblem, text: "not sent: too many messages are waiting for the network"})
		return false
	}
}

// runFlusher shows batched transcript rows and replies every
// transcriptFlushEvery, in one UI call, until shutdown.
func (t *clientTab) runFlusher() {
	defer t.wg.Done()
	tick := time.NewTicker(transcriptFlushEvery)
	defer tick.Stop()
	for {
		select {
		case <-t.stop:
			return
		case <-tick.C:
			// flushQueued keeps a busy UI from piling up flush calls.
			if (t.transcript.hasPending() || t.inboxPending()) && t.flushQueued.CompareAndSwap(false, true) {
				t.do(t.flushNow)
			}
		}
	}
}

// flushNow shows everything queued so far. UI goroutine only.
func (t *clientTab) flushNow() {
	t.flushQueued.Store(false)
	t.transcript.flush()
	t.inboxMu.Lock()
	texts := t.inbox
	t.inbox = nil
	t.inboxMu.Unlock()
	live := t.state == stateConnected && t.sess != nil
	for _, text := range texts {
		if live {
			t.sessTexts = append(t.sessTexts, text)
			t.sessCount++
		}
		if t.panel != nil {
			t.panel.received(text)
		}
	}
	if over := len(t.sessTexts) - sessTextsMax; over > 0 {
		t.sessTexts = append(t.sessTexts[:0], t.sessTexts[over:]...)
	}
}

// sessTextsMax bounds the texts kept for catching up: a Kalah board and
// turn take seven lines, so this holds the last several moves.
const sessTextsMax = 200

// panelSeen is how many of a connection's texts a panel was given.
type panelSeen struct{ session, count int }

// catchingUp is a panel that can be handed the replies it missed, such as
// a game's board and whose turn it is, when it is chosen after connecting;
// without them it would wait for a turn the server has already announced.
type catchingUp interface {
	catchUp(texts []string)
}

// catchUpPanel gives p what the connection received while p was not
// shown. UI goroutine only.
func (t *clientTab) catchUpPanel(p demoPanel) {
	c, ok := p.(catchingUp)
	if !ok || t.sess == nil {
		return
	}
	from := 0
	if s := t.seen[p]; s.session == t.sess.id {
		from = s.count
	}
	first := t.sessCount - len(t.sessTexts) // the count of sessTexts[0]
	from = max(from, first)
	if from < t.sessCount {
		c.catchUp(t.sessTexts[from-first:])
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

// clientTheme is readableStatusTheme (status colours that read on white)
// with, when compact is set, tighter label padding so the transcript shows
// more rows.
type clientTheme struct {
	readableStatusTheme
	compact bool
}

func (t clientTheme) Size(n fyne.ThemeSizeName) float32 {
	if t.compact && n == theme.SizeNameInnerPadding {
		return 3
	}
	return t.base().Size(n)
}

// tallObject gives obj at least the given height, for buttons that should
// be easy targets.
func tallObject(obj fyne.CanvasObject, height float32) fyne.CanvasObject {
	spacer := canvas.NewRectangle(color.Transparent)
	spacer.SetMinSize(fyne.NewSize(0, height))
	return container.NewStack(spacer, obj)
}

// checkLabel is the reachability button's label when no check runs.
const checkLabel = "Can I reach it?"

// onCheckTapped explains why the address typed may not answer: the same
// checks a teacher would do by hand (same network? anything listening?).
// They involve a test connection and a name lookup, so they run on their
// own goroutine while the button says "Checking…".
func (t *clientTab) onCheckTapped() {
	if t.checking || t.closed {
		return
	}
	host, port, err := splitTypedAddress(t.host.Text, t.port.Text)
	if err != nil {
		t.showProblem(err.Error(), "")
		return
	}
	network := strings.ToLower(t.transport.Selected)
	if network == "" {
		network = "tcp"
	}
	addr := net.JoinHostPort(host, port)
	t.setChecking(true)
	ctx := t.life
	t.wg.Add(1)
	go func() {
		defer t.wg.Done()
		findings := reach.CheckClient(ctx, network, addr)
		t.do(func() { t.checkDone(addr, findings) })
	}()
}

// checkDone shows a finished check. UI goroutine only.
func (t *clientTab) checkDone(addr string, findings []reach.Finding) {
	t.setChecking(false)
	if t.closed {
		return // the window is closing; nobody is waiting for the answer
	}
	t.showFindings(t.win, "Can I reach "+addr+"?", findings)
}

func (t *clientTab) setChecking(on bool) {
	t.checking = on
	for _, b := range []*widget.Button{t.checkButton, t.hintsCheck} {
		if on {
			b.Disable()
		} else {
			b.Enable()
		}
	}
	if on {
		t.checkButton.SetText("Checking…")
	} else {
		t.checkButton.SetText(checkLabel)
	}
}

// newSpacer is empty space of at least the given size, to line up
// columns or keep room.
func newSpacer(width, height float32) fyne.CanvasObject {
	r := canvas.NewRectangle(color.Transparent)
	r.SetMinSize(fyne.NewSize(width, height))
	return r
}
