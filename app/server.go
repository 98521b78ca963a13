package app

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/netip"
	"os"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/socketlab/socketlab/netcore/demos"
	"github.com/socketlab/socketlab/netcore/discovery"
	"github.com/socketlab/socketlab/netcore/reach"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/socketlab/socketlab/netcore"
)

// Preference keys for the Server tab.
const (
	prefServerDemo       = "server.demo"
	prefServerInterface  = "server.interface"
	prefServerPort       = "server.port" // 0: the demo's classic port
	prefServerWelcome    = "server.welcome"
	prefServerMaxClients = "server.maxclients"
	prefServerTransport  = "server.transport"
	prefServerOneAtATime = "server.oneatatime"
	prefServerAnnounce   = "server.announce"
)

// "Serve clients" choices.
const (
	serveOneLabel = "One at a time — the others wait, as in the simplest example"
	serveAllLabel = "All at once — a goroutine per client"
)

// announceEvery is how often a running server announces itself; partners'
// Client tabs forget a server they have not heard from for a few of these.
const announceEvery = time.Second

// Interface choices that are not one address.
const (
	ifaceAllKey      = "all"
	ifaceLoopbackKey = "loopback"
	ifaceAllLabel    = "All interfaces"
	ifaceLoopLabel   = "This computer only — 127.0.0.1"
)

const (
	transportTCP = "TCP"
	transportUDP = "UDP"

	// clientsRefreshEvery keeps byte counters moving while nobody
	// connects or leaves.
	clientsRefreshEvery = time.Second
	maxClientsLimit     = 10000
)

type serverState int

const (
	serverStopped serverState = iota
	serverStarting
	serverRunning
	serverStopping
)

// ifaceChoice is one entry of the interface picker.
type ifaceChoice struct {
	label string
	host  string // what to bind; "" binds every interface
	iface string // interface name, to find it again when its address changed
	key   string // what the preferences remember
}

// serverRun is one Start…Stop of a server and the goroutines serving it.
type serverRun struct {
	srv     *netcore.Server
	started chan struct{} // closed when Start has returned
	done    chan struct{} // closed when no goroutine of this run is left
	stopTk  chan struct{} // stops the clients ticker
	tkOnce  sync.Once
	tkWG    sync.WaitGroup
	// refreshQueued coalesces client-list refreshes: a burst of connects
	// costs one refresh on the UI goroutine.
	refreshQueued atomic.Bool

	// The announcer starts once the event goroutine has logged
	// "listening", is switched by the Announce check (UI goroutine) and
	// stops with Stop or the end of the event stream, so it is guarded.
	discoveryPort int
	annMu         sync.Mutex
	ann           *discovery.Announcer
	annWant       bool // the Announce check is on
	annReady      bool // the server listens
	annEnded      bool // the run is over: never announce again
}

func (r *serverRun) stopTicker() { r.tkOnce.Do(func() { close(r.stopTk) }) }

// serverTab is the Server tab: pick a demo, start it, watch who connects.
type serverTab struct {
	content fyne.CanvasObject

	app   fyne.App
	win   fyne.Window
	post  func(func())
	prefs fyne.Preferences

	demos      []netcore.DemoInfo
	demo       netcore.DemoInfo
	portEdited bool // the user typed a port: changing demo keeps it
	settingPrt bool // the tab itself is changing the port text
	ifaces     []ifaceChoice

	demoSelect   *widget.Select
	demoDesc     *widget.Label
	transport    *widget.RadioGroup
	transportTip *widget.Label
	ifaceSelect  *widget.Select
	ifaceRescan  *widget.Button
	portEntry    *widget.Entry
	portTip      *widget.Label
	welcome      *widget.Entry
	password     *widget.Entry
	attempts     *widget.Entry
	guessMin     *widget.Entry
	guessMax     *widget.Entry
	maxClients   *widget.Entry
	serveMode    *widget.RadioGroup
	announce     *widget.Check
	demoRows     map[string][]fyne.CanvasObject // form rows shown only for one demo
	startButton  *widget.Button
	stopButton   *widget.Button
	status       *widget.Label

	bannerTitle *widget.Label
	bannerAddr  *widget.Label
	bannerRow   *fyne.Container // the address and its copy button
	bannerNote  *widget.Label
	copyButton  *widget.Button
	copyText    string
	reachButton *widget.Button
	// reachCancel stops the reachability check in progress (nil: none);
	// shutdown waits for it with reachWG.
	reachCancel context.CancelFunc
	reachWG     sync.WaitGroup

	clients      []netcore.ClientInfo
	clientList   *widget.List
	clientsTitle *widget.Label
	noClients    *widget.Label
	selectedID   int // client chosen for "Send to selected"; 0 = none
	syncingSel   bool
	message      *widget.Entry
	sendButton   *widget.Button
	castButton   *widget.Button

	log *logView

	// onEvent, when set, sees every server event (the Lessons tab follows
	// along). It is called on the event goroutine, so it must be safe from
	// any goroutine and must not block. Set it before the first start.
	onEvent func(netcore.Event)
	// discoveryPort is where announcements go: netcore.DiscoveryPort, or a
	// test browser's port on loopback.
	discoveryPort int

	state serverState
	run   *serverRun
}

// newServerTabWith builds the tab; post runs work on the UI goroutine
// (postToUI; tests pass a uiQueue's Post). Call shutdown when the window
// closes.
func newServerTabWith(a fyne.App, w fyne.Window, post func(func())) *serverTab {
	t := &serverTab{
		app:   a,
		win:   w,
		post:  post,
		prefs: a.Preferences(),
		demos: demos.All(),

		discoveryPort: discovery.Port,
	}
	t.log = newLogView(w, post, "Client", "socketlab-server-log.txt")
	t.content = t.build()
	t.restorePrefs()
	t.setState(serverStopped)
	return t
}

func (t *serverTab) build() fyne.CanvasObject {
	split := container.NewHSplit(t.buildSettings(), t.buildMonitor())
	split.Offset = 0.3
	return split
}

func (t *serverTab) buildSettings() fyne.CanvasObject {
	names := make([]string, len(t.demos))
	for i, d := range t.demos {
		names[i] = demoOption(d)
	}
	t.demoSelect = &widget.Select{Options: names, PlaceHolder: "Choose a demo", OnChanged: t.onDemoChanged}
	t.demoDesc = &widget.Label{Wrapping: fyne.TextWrapWord}

	t.transport = &widget.RadioGroup{
		Options:    []string{transportTCP, transportUDP},
		Horizontal: true,
		Required:   true,
		Selected:   transportTCP,
		OnChanged:  t.onTransportChanged,
	}
	t.transportTip = newTipLabel("")

	t.ifaceSelect = &widget.Select{PlaceHolder: "Choose an interface"}
	t.ifaceRescan = &widget.Button{Icon: theme.ViewRefreshIcon(), OnTapped: t.onRescanTapped}
	t.ifaces = interfaceChoices()
	t.ifaceSelect.Options = choiceLabels(t.ifaces)

	t.portEntry = &widget.Entry{Validator: validatePort, OnChanged: t.onPortChanged}
	t.portTip = &widget.Label{
		Text:       "Ports below 1024 may need administrator rights; 1024 and up always work.",
		Importance: widget.WarningImportance,
		Wrapping:   fyne.TextWrapWord,
	}
	t.portTip.Hide()

	t.welcome = &widget.Entry{PlaceHolder: "(no welcome line)"}
	t.password = &widget.Entry{Password: true, Text: demos.DefaultPassword}
	t.attempts = &widget.Entry{Text: strconv.Itoa(demos.DefaultMaxAttempts), Validator: validateInt(1, 100)}
	t.guessMin = &widget.Entry{Text: "0", Validator: validateInt(-1_000_000, 1_000_000)}
	t.guessMax = &widget.Entry{Text: "9", Validator: validateInt(-1_000_000, 1_000_000)}
	t.maxClients = &widget.Entry{Text: "0", Validator: validateInt(0, maxClientsLimit)}
	t.serveMode = &widget.RadioGroup{Options: []string{serveOneLabel, serveAllLabel}, Required: true, Selected: serveAllLabel}
	t.announce = &widget.Check{Text: "Announce on this network", Checked: true, OnChanged: t.onAnnounceChanged}

	label := func(s string) *widget.Label { return &widget.Label{Text: s, TextStyle: fyne.TextStyle{Bold: true}} }
	row := func(name string, content fyne.CanvasObject) []fyne.CanvasObject {
		return []fyne.CanvasObject{label(name), content}
	}
	welcomeRow := row("Welcome", t.welcome)
	passwordRow := row("Password", t.password)
	attemptsRow := row("Attempts", container.NewVBox(t.attempts, newTipLabel("Wrong tries before the server hangs up.")))
	minRow := row("Smallest", t.guessMin)
	maxRow := row("Largest", container.NewVBox(t.guessMax, newTipLabel("The secret is a whole number in this range.")))
	t.demoRows = map[string][]fyne.CanvasObject{
		"echo":     welcomeRow,
		"password": append(append([]fyne.CanvasObject{}, passwordRow...), attemptsRow...),
		"guess":    append(append([]fyne.CanvasObject{}, minRow...), maxRow...),
	}

	var cells []fyne.CanvasObject
	add := func(objs ...fyne.CanvasObject) { cells = append(cells, objs...) }
	add(row("Demo", container.NewVBox(t.demoSelect, t.demoDesc))...)
	add(row("Transport", container.NewVBox(t.transport, t.transportTip))...)
	add(row("Interface", container.NewBorder(nil, nil, nil, t.ifaceRescan, t.ifaceSelect))...)
	add(row("Port", container.NewVBox(t.portEntry, t.portTip))...)
	add(welcomeRow...)
	add(passwordRow...)
	add(attemptsRow...)
	add(minRow...)
	add(maxRow...)
	add(row("Max clients", container.NewVBox(t.maxClients, newTipLabel("0 means no limit.")))...)
	add(row("Serve clients", container.NewVBox(t.serveMode, newTipLabel("One at a time shows why real servers need threads: a second client connects but gets no answer until the first leaves.")))...)
	add(row("Discovery", container.NewVBox(t.announce, newTipLabel("Partners' Client tabs list this server while it runs, so they can connect with one click.")))...)
	form := container.New(layout.NewFormLayout(), cells...)

	t.startButton = &widget.Button{Text: "Start server", Icon: theme.MediaPlayIcon(), Importance: widget.HighImportance, OnTapped: t.onStartTapped}
	t.stopButton = &widget.Button{Text: "Stop server", Icon: theme.MediaStopIcon(), OnTapped: t.onStopTapped}
	t.status = &widget.Label{Wrapping: fyne.TextWrapWord}

	heading := &widget.Label{Text: "Server settings", TextStyle: fyne.TextStyle{Bold: true}, SizeName: theme.SizeNameSubHeadingText}
	// Start and Stop stay in view below the settings, however many
	// settings a demo has and however small the window is.
	buttons := container.NewVBox(
		widget.NewSeparator(),
		container.NewGridWithColumns(2, t.startButton, t.stopButton),
		t.status,
	)
	return container.NewPadded(container.NewBorder(heading, buttons, nil, nil, container.NewVScroll(form)))
}

func (t *serverTab) buildMonitor() fyne.CanvasObject {
	// Banner: the one thing a partner needs, large enough to read from the
	// back of a classroom.
	t.bannerTitle = &widget.Label{TextStyle: fyne.TextStyle{Bold: true}}
	t.bannerAddr = &widget.Label{SizeName: theme.SizeNameHeadingText, TextStyle: fyne.TextStyle{Bold: true}, Selectable: true}
	t.bannerNote = &widget.Label{Wrapping: fyne.TextWrapWord}
	t.copyButton = &widget.Button{Text: "Copy address", Icon: theme.ContentCopyIcon(), OnTapped: t.onCopyTapped}
	t.bannerRow = container.NewHBox(
		container.NewThemeOverride(t.bannerAddr, bannerTheme{}),
		container.NewCenter(t.copyButton),
	)
	// Also there while the server is stopped: the check then says so,
	// which beats a button that appears and disappears.
	t.reachButton = &widget.Button{Text: reachLabel, Icon: theme.SearchIcon(), OnTapped: t.onReachTapped}
	top := container.NewBorder(nil, nil, nil, t.reachButton, t.bannerTitle)
	banner := &widget.Card{Content: container.NewVBox(top, t.bannerRow, t.bannerNote)}

	// Connected clients.
	t.clientsTitle = &widget.Label{Text: "Connected clients", TextStyle: fyne.TextStyle{Bold: true}, Truncation: fyne.TextTruncateEllipsis}
	bold := fyne.TextStyle{Bold: true}
	header := container.New(clientColumns(),
		&widget.Label{Text: "Client", TextStyle: bold},
		&widget.Label{Text: "Since", TextStyle: bold},
		&widget.Label{Text: "Received", TextStyle: bold},
		&widget.Label{Text: "Sent", TextStyle: bold},
		&widget.Label{},
	)
	t.clientList = &widget.List{
		Length:       func() int { return len(t.clients) },
		CreateItem:   newClientRowItem,
		UpdateItem:   t.updateClientItem,
		OnSelected:   t.onClientSelected,
		OnUnselected: t.onClientUnselected,
	}
	// Waiting rows use the warning colour: the readable variant in light.
	list := container.NewThemeOverride(t.clientList, readableStatusTheme{})
	t.noClients = &widget.Label{Text: "No one is connected.", Alignment: fyne.TextAlignCenter, TextStyle: fyne.TextStyle{Italic: true}}
	t.message = &widget.Entry{PlaceHolder: "Message to send", OnSubmitted: t.onMessageSubmitted}
	t.sendButton = &widget.Button{Text: "Send to selected", Icon: theme.MailSendIcon(), OnTapped: t.onSendTapped}
	t.castButton = &widget.Button{Text: "Broadcast", Icon: theme.MailReplyAllIcon(), OnTapped: t.onBroadcastTapped}
	sendRow := container.NewBorder(nil, nil, nil, container.NewHBox(t.sendButton, t.castButton), t.message)
	clients := container.NewBorder(
		container.NewVBox(t.clientsTitle, header), sendRow, nil, nil,
		container.NewStack(list, container.NewCenter(t.noClients)),
	)

	split := container.NewVSplit(clients, t.log.content)
	split.Offset = 0.4
	return container.NewBorder(container.NewPadded(banner), nil, nil, nil, split)
}

func clientColumns() *columnsLayout {
	plain := fyne.TextStyle{}
	pad := theme.InnerPadding()
	return newColumnsLayout(0,
		textWidth("#99 192.168.100.200:65535", plain, pad),
		textWidth("00:00:00", plain, pad),
		textWidth("1023.9 KB", plain, pad),
		textWidth("1023.9 KB", plain, pad),
		textWidth("Kick", plain, pad)+theme.IconInlineSize()+2*pad,
	)
}

func newClientRowItem() fyne.CanvasObject {
	return container.New(clientColumns(),
		&widget.Label{Truncation: fyne.TextTruncateEllipsis},
		&widget.Label{},
		&widget.Label{},
		&widget.Label{},
		// Not red: a room full of red buttons would look like an alarm.
		&widget.Button{Text: "Kick", Icon: theme.CancelIcon()},
	)
}

func (t *serverTab) updateClientItem(id widget.ListItemID, item fyne.CanvasObject) {
	if id < 0 || id >= len(t.clients) {
		return
	}
	c := t.clients[id]
	cells := item.(*fyne.Container).Objects
	who := "#" + strconv.Itoa(c.ID) + " " + c.Peer
	since, in, out := c.Since.Format("15:04:05"), formatBytes(c.BytesIn), formatBytes(c.BytesOut)
	// A client waiting its turn is connected but not served: set it
	// apart (italic, warning colour, in words) so the one-at-a-time
	// lesson is visible at a glance. The word goes in the Since column:
	// after the address it would be cut off in a narrow window.
	imp, style := widget.MediumImportance, fyne.TextStyle{}
	if c.Waiting {
		since, in, out = "waiting", "–", "–"
		imp, style = widget.WarningImportance, fyne.TextStyle{Italic: true}
	}
	setLabelStyled(cells[0].(*widget.Label), who, imp, style)
	setLabelStyled(cells[1].(*widget.Label), since, imp, style)
	setLabelStyled(cells[2].(*widget.Label), in, imp, style)
	setLabelStyled(cells[3].(*widget.Label), out, imp, style)
	kick := cells[4].(*widget.Button)
	clientID := c.ID // the row may show another client after a refresh
	kick.OnTapped = func() { t.kick(clientID) }
	// UDP has no connections to close.
	if t.run != nil && t.run.srv.Config().Network == "udp" {
		kick.Hide()
	} else {
		kick.Show()
	}
}

// newTipLabel is a hint under a setting: italic rather than faint, because
// the faint (low importance) colour is hard to read on the light theme.
func newTipLabel(text string) *widget.Label {
	return &widget.Label{Text: text, Wrapping: fyne.TextWrapWord, TextStyle: fyne.TextStyle{Italic: true}}
}

// demoOption is how a demo appears in the picker; the short name is the one
// lesson sheets and the command line use.
func demoOption(d netcore.DemoInfo) string { return d.Title + " (" + d.Name + ")" }

// interfaceChoices lists each address of each interface, then every
// interface, then loopback. IPv6 link-local addresses are left out: they
// need a zone that nobody would type.
func interfaceChoices() []ifaceChoice {
	var out []ifaceChoice
	seen := map[string]bool{}
	ifs, _ := netcore.Interfaces()
	for _, it := range ifs {
		if it.Loopback {
			continue
		}
		for _, p := range it.Addrs {
			a := p.Addr()
			if a.IsLoopback() || (a.Is6() && a.IsLinkLocalUnicast()) {
				continue
			}
			label := it.Name + " — " + a.String()
			if !it.Up {
				label += " (down)"
			}
			if seen[label] {
				continue
			}
			seen[label] = true
			out = append(out, ifaceChoice{label: label, host: a.String(), iface: it.Name, key: it.Name + "|" + a.String()})
		}
	}
	return append(out,
		ifaceChoice{label: ifaceAllLabel, host: "", key: ifaceAllKey},
		ifaceChoice{label: ifaceLoopLabel, host: "127.0.0.1", key: ifaceLoopbackKey},
	)
}

func choiceLabels(cs []ifaceChoice) []string {
	out := make([]string, len(cs))
	for i, c := range cs {
		out[i] = c.label
	}
	return out
}

// pickInterface finds the remembered choice: the same address, else the
// same interface (its address may have changed since), else the best LAN
// address, else loopback.
func pickInterface(cs []ifaceChoice, key string) ifaceChoice {
	for _, c := range cs {
		if c.key == key {
			return c
		}
	}
	if name, _, ok := strings.Cut(key, "|"); ok {
		for _, c := range cs {
			if c.iface == name {
				return c
			}
		}
	}
	best := netcore.BestLANAddress()
	for _, c := range cs {
		if c.iface != "" && c.host == best {
			return c
		}
	}
	return cs[len(cs)-1]
}

func (t *serverTab) currentInterface() (ifaceChoice, bool) {
	for _, c := range t.ifaces {
		if c.label == t.ifaceSelect.Selected {
			return c, true
		}
	}
	return ifaceChoice{}, false
}

func (t *serverTab) restorePrefs() {
	name := t.prefs.StringWithFallback(prefServerDemo, "echo")
	if _, ok := demos.Lookup(name); !ok {
		name = "echo"
	}
	t.welcome.SetText(t.prefs.StringWithFallback(prefServerWelcome, demos.DefaultWelcome))
	t.maxClients.SetText(strconv.Itoa(max(0, t.prefs.IntWithFallback(prefServerMaxClients, 0))))
	for _, d := range t.demos {
		if d.Name == name {
			t.demoSelect.SetSelected(demoOption(d)) // sets the classic port
		}
	}
	if p := t.prefs.IntWithFallback(prefServerPort, 0); p > 0 && p <= 65535 {
		t.setPortText(strconv.Itoa(p))
		t.portEdited = true
	}
	if t.prefs.StringWithFallback(prefServerTransport, transportTCP) == transportUDP && t.demo.UDP {
		t.transport.SetSelected(transportUDP)
	}
	t.ifaceSelect.SetSelected(pickInterface(t.ifaces, t.prefs.String(prefServerInterface)).label)
	if t.prefs.Bool(prefServerOneAtATime) {
		t.serveMode.SetSelected(serveOneLabel)
	}
	t.announce.SetChecked(t.prefs.BoolWithFallback(prefServerAnnounce, true))
}

func (t *serverTab) savePrefs() {
	t.prefs.SetString(prefServerDemo, t.demo.Name)
	if c, ok := t.currentInterface(); ok {
		t.prefs.SetString(prefServerInterface, c.key)
	}
	port := 0
	if t.portEdited {
		port, _ = strconv.Atoi(strings.TrimSpace(t.portEntry.Text))
	}
	t.prefs.SetInt(prefServerPort, port)
	t.prefs.SetString(prefServerWelcome, t.welcome.Text)
	if n, err := strconv.Atoi(strings.TrimSpace(t.maxClients.Text)); err == nil && n >= 0 {
		t.prefs.SetInt(prefServerMaxClients, n)
	}
	t.prefs.SetString(prefServerTransport, t.transport.Selected)
	t.prefs.SetBool(prefServerOneAtATime, t.serveMode.Selected == serveOneLabel)
	t.prefs.SetBool(prefServerAnnounce, t.announce.Checked)
}

// onDemoChanged shows the demo's description and settings, and moves to
// its classic port unless the user chose a port.
func (t *serverTab) onDemoChanged(option string) {
	for _, d := range t.demos {
		if demoOption(d) == option {
			t.demo = d
		}
	}
	t.demoDesc.SetText(t.demo.Description)
	for name, objs := range t.demoRows {
		for _, o := range objs {
			if name == t.demo.Name {
				o.Show()
			} else {
				o.Hide()
			}
		}
	}
	if !t.demo.UDP && t.transport.Selected != transportTCP {
		t.transport.SetSelected(transportTCP)
	}
	t.updateTransportEnabled()
	if !t.portEdited && t.demo.ClassicPort > 0 {
		t.setPortText(strconv.Itoa(t.demo.ClassicPort))
	}
}

func (t *serverTab) updateTransportEnabled() {
	if t.demo.UDP && t.state == serverStopped {
		t.transport.Enable()
	} else {
		t.transport.Disable()
	}
	// Only TCP has clients to take turns: UDP answers each datagram.
	if t.state == serverStopped && t.transport.Selected != transportUDP {
		t.serveMode.Enable()
	} else {
		t.serveMode.Disable()
	}
	if t.demo.UDP {
		t.transportTip.SetText("UDP: one datagram in, one datagram out.")
	} else {
		t.transportTip.SetText("This demo needs TCP (UDP: echo and time only).")
	}
}

func (t *serverTab) onTransportChanged(string) {
	// A running server keeps its transport; this only matters for the
	// next start, but the send controls and serve mode depend on it.
	t.updateTransportEnabled()
	t.updateSendControls()
}

func (t *serverTab) setPortText(s string) {
	t.settingPrt = true
	t.portEntry.SetText(s)
	t.settingPrt = false
}

// onPortChanged notices a port the user typed (so a demo change keeps it)
// and warns about privileged ports.
func (t *serverTab) onPortChanged(text string) {
	text = strings.TrimSpace(text)
	if !t.settingPrt {
		// Typing the demo's own port, or nothing, goes back to following
		// the demo.
		t.portEdited = text != "" && text != strconv.Itoa(t.demo.ClassicPort)
	}
	if p, err := strconv.Atoi(text); err == nil && p > 0 && p < 1024 {
		t.portTip.Show()
	} else {
		t.portTip.Hide()
	}
}

func (t *serverTab) onRescanTapped() {
	cur, _ := t.currentInterface()
	t.ifaces = interfaceChoices()
	t.ifaceSelect.Options = choiceLabels(t.ifaces)
	t.ifaceSelect.SetSelected(pickInterface(t.ifaces, cur.key).label)
	t.ifaceSelect.Refresh()
}

func validatePort(text string) error {
	_, err := parsePort(text)
	return err
}

func parsePort(text string) (int, error) {
	text = strings.TrimSpace(text)
	p, err := strconv.Atoi(text)
	if err != nil || p < 1 || p > 65535 || strings.ContainsAny(text, "+-") {
		return 0, fmt.Errorf("the port must be a number from 1 to 65535 (for example 8000), not %q", text)
	}
	return p, nil
}

func validateInt(lo, hi int) func(string) error {
	return func(text string) error {
		_, err := parseIntIn("this", text, lo, hi)
		return err
	}
}

func parseIntIn(what, text string, lo, hi int) (int, error) {
	n, err := strconv.Atoi(strings.TrimSpace(text))
	if err != nil || n < lo || n > hi {
		return 0, fmt.Errorf("%s must be a whole number from %d to %d, not %q", what, lo, hi, strings.TrimSpace(text))
	}
	return n, nil
}

// config turns the settings into a netcore configuration, or says which
// setting is wrong.
func (t *serverTab) config() (netcore.Config, error) {
	if t.demo.Name == "" {
		return netcore.Config{}, errors.New("choose a demo first")
	}
	// The demo is made last, so errors come in the order of the form.
	cfg := netcore.NewConfig(nil)
	cfg.Network = strings.ToLower(t.transport.Selected)
	port, err := parsePort(t.portEntry.Text)
	if err != nil {
		return cfg, err
	}
	choice, ok := t.currentInterface()
	if !ok {
		return cfg, errors.New("choose an interface to listen on")
	}
	cfg.Addr = net.JoinHostPort(choice.host, strconv.Itoa(port))
	cfg.OneAtATime = t.serveMode.Selected == serveOneLabel && cfg.Network == "tcp"
	if cfg.MaxClients, err = parseIntIn("Max clients", t.maxClients.Text, 0, maxClientsLimit); err != nil {
		return cfg, err
	}
	cfg.Demo, err = demos.New(t.demo.Name, t.demoValues(), nil)
	return cfg, err
}

// demoValues are the settings of the chosen demo as typed; demos.New checks
// them and names the setting that is wrong.
func (t *serverTab) demoValues() demos.Values {
	entries := map[string]*widget.Entry{
		"welcome": t.welcome, "password": t.password, "attempts": t.attempts,
		"min": t.guessMin, "max": t.guessMax,
	}
	v := demos.Values{}
	for _, st := range t.demo.Settings {
		if e, ok := entries[st.Key]; ok {
			v[st.Key] = e.Text
		}
	}
	return v
}

// onStartTapped starts the server off the UI goroutine: binding is quick
// but it is network work all the same.
func (t *serverTab) onStartTapped() {
	if t.state != serverStopped {
		return
	}
	cfg, err := t.config()
	if err == nil {
		var srv *netcore.Server
		if srv, err = netcore.NewServer(cfg); err == nil {
			t.savePrefs()
			t.start(srv)
			return
		}
	}
	t.showError(err)
}

func (t *serverTab) start(srv *netcore.Server) {
	run := &serverRun{
		srv:     srv,
		started: make(chan struct{}),
		done:    make(chan struct{}),
		stopTk:  make(chan struct{}),

		discoveryPort: t.discoveryPort,
		annWant:       t.announce.Checked,
	}
	t.run = run
	t.setState(serverStarting)
	go func() {
		if err := srv.Start(); err != nil {
			srv.Close() // closes the event stream; nothing was bound, so it is quick
			close(run.started)
			close(run.done)
			t.post(func() { t.onStartFailed(run, err) })
			return
		}
		close(run.started)
		run.tkWG.Add(1)
		go t.tickClients(run)
		go t.consumeEvents(run)
		t.post(func() { t.onStarted(run) })
	}()
}

// consumeEvents feeds one run's events to the log until Stop closes the
// stream, then winds the run down.
func (t *serverTab) consumeEvents(run *serverRun) {
	for e := range run.srv.Events() {
		t.log.Append(eventRow(e))
		if e.Kind == netcore.EventListening {
			// After the "listening" row, so the log reads in order.
			t.announceReady(run)
		}
		if t.onEvent != nil {
			t.onEvent(e)
		}
		switch e.Kind {
		case netcore.EventAccepted, netcore.EventClosed, netcore.EventWaiting:
			t.queueClientsRefresh(run)
		}
	}
	t.endAnnouncing(run)
	run.stopTicker()
	run.tkWG.Wait()
	close(run.done)
	t.post(func() { t.onStopped(run) })
}

func (t *serverTab) tickClients(run *serverRun) {
	defer run.tkWG.Done()
	tick := time.NewTicker(clientsRefreshEvery)
	defer tick.Stop()
	for {
		select {
		case <-run.stopTk:
			return
		case <-tick.C:
			t.queueClientsRefresh(run)
		}
	}
}

func (t *serverTab) queueClientsRefresh(run *serverRun) {
	if run.refreshQueued.CompareAndSwap(false, true) {
		t.post(func() {
			run.refreshQueued.Store(false)
			if t.run == run {
				t.refreshClients()
			}
		})
	}
}

func (t *serverTab) onStarted(run *serverRun) {
	if t.run != run || t.state != serverStarting {
		return
	}
	t.setState(serverRunning)
	t.refreshClients()
}

func (t *serverTab) onStartFailed(run *serverRun, err error) {
	if t.run == run {
		t.run = nil
		t.setState(serverStopped)
	}
	if addressGone(err) {
		// The network changed since the list was made (Wi-Fi switched,
		// cable unplugged): offer the addresses there are now.
		t.onRescanTapped()
		err = fmt.Errorf("%w\n\nThe interface list has been refreshed: pick an interface and press Start server again.", err)
	}
	t.showError(err)
}

// addressGone reports a bind failure because the address is no longer one
// of this computer's.
func addressGone(err error) bool {
	return errors.Is(err, syscall.EADDRNOTAVAIL) || strings.Contains(err.Error(), "not an address of this computer")
}

func (t *serverTab) onStopTapped() {
	run := t.run
	if run == nil || t.state != serverRunning {
		return
	}
	t.setState(serverStopping)
	// Nobody should find a server that is going away.
	t.endAnnouncing(run)
	// Shutdown waits for every connection to end: never on the UI
	// goroutine. Past the grace the connections are already force-closed,
	// so the server still ends on its own and consumeEvents sees it.
	go func() {
		ctx, cancel := context.WithTimeout(context.Background(), stopGrace)
		defer cancel()
		run.srv.Shutdown(ctx)
	}()
}

func (t *serverTab) onStopped(run *serverRun) {
	if t.run != run {
		return
	}
	t.log.SetDropped(run.srv.Dropped())
	t.run = nil
	t.setState(serverStopped)
}

// shutdown stops the server and the log when the window closes. It may
// block briefly while connections end.
func (t *serverTab) shutdown() {
	if t.demo.Name != "" {
		t.savePrefs()
	}
	if t.reachCancel != nil {
		t.reachCancel()
	}
	t.reachWG.Wait()
	if run := t.run; run != nil {
		<-run.started
		// The announcer stops when the event stream ends (run.done). The
		// window is closing: wait at most stopGrace for the server.
		ctx, cancel := context.WithTimeout(context.Background(), stopGrace)
		run.srv.Shutdown(ctx)
		select {
		case <-run.done:
		case <-ctx.Done():
		}
		cancel()
	}
	t.log.Close()
}

// showError puts an error in a dialog and in the log. netcore's errors
// already say what to do ("…already in use — pick another port…").
func (t *serverTab) showError(err error) {
	t.log.Append(logRow{Time: time.Now(), Who: "server", Kind: "error", Text: err.Error()})
	dialog.ShowError(err, t.win)
}

func (t *serverTab) setState(s serverState) {
	t.state = s
	stopped := s == serverStopped
	for _, w := range []fyne.Disableable{
		t.demoSelect, t.ifaceSelect, t.ifaceRescan, t.portEntry, t.welcome,
		t.password, t.attempts, t.guessMin, t.guessMax, t.maxClients,
	} {
		if stopped {
			w.Enable()
		} else {
			w.Disable()
		}
	}
	t.updateTransportEnabled() // also the serve mode
	if stopped {
		t.startButton.Enable()
	} else {
		t.startButton.Disable()
	}
	if s == serverRunning {
		t.stopButton.Enable()
	} else {
		t.stopButton.Disable()
	}
	switch s {
	case serverStopped:
		t.status.SetText("Stopped.")
		t.clients = nil
		t.selectedID = 0
		t.clientList.UnselectAll()
		t.refreshClients()
	case serverStarting:
		t.status.SetText("Starting…")
	case serverRunning:
		t.status.SetText(fmt.Sprintf("Running the %s demo over %s. Press Stop server to end every connection.", t.demo.Name, t.transport.Selected))
	case serverStopping:
		t.status.SetText("Stopping: closing every connection…")
	}
	t.updateBanner()
	t.updateSendControls()
}

// updateBanner shows the address a partner must type while the server runs.
func (t *serverTab) updateBanner() {
	if t.state != serverRunning || t.run == nil {
		t.bannerTitle.SetText("The server is not running")
		t.bannerRow.Hide()
		t.bannerNote.SetText("Choose a demo and press Start server. The address your partner must type will appear here in large letters.")
		t.copyText = ""
		return
	}
	cfg := t.run.srv.Config()
	port := boundPort(t.run.srv.Addr())
	host, _, _ := net.SplitHostPort(cfg.Addr)
	var note []string
	switch {
	case host == "" || host == "0.0.0.0" || host == "::":
		addrs := reach.ReachableAddrs()
		main := netcore.BestLANAddress()
		var others []string
		for _, a := range addrs {
			if a.String() != main {
				others = append(others, formatBannerAddr(a.String(), port))
			}
		}
		host = main
		if len(others) > 0 {
			note = append(note, "Also reachable at: "+strings.Join(others, "   ·   "))
		}
	case isLoopback(host):
		note = append(note, "Only programs on this computer can connect. To let a partner connect, stop the server and pick a network interface.")
	default:
		note = append(note, "Your partner's computer must be on the same network.")
	}
	what := "TCP"
	if cfg.Network == "udp" {
		what = "UDP (datagrams)"
	}
	note = append([]string{fmt.Sprintf("%s demo over %s.", t.demo.Title, what)}, note...)
	t.bannerTitle.SetText("Your partner connects to")
	t.bannerAddr.SetText(formatBannerAddr(host, port))
	t.bannerRow.Show()
	t.copyText = net.JoinHostPort(host, strconv.Itoa(port))
	t.bannerNote.SetText(strings.Join(note, " "))
}

func isLoopback(host string) bool {
	a, err := netip.ParseAddr(host)
	return err == nil && a.IsLoopback()
}

// formatBannerAddr spaces host and port apart so nobody misreads them:
// "192.168.0.105 : 8000", "[fd00::5] : 8000".
func formatBannerAddr(host string, port int) string {
	if strings.Contains(host, ":") {
		host = "[" + host + "]"
	}
	return host + " : " + strconv.Itoa(port)
}

func boundPort(a net.Addr) int {
	switch a := a.(type) {
	case *net.TCPAddr:
		return a.Port
	case *net.UDPAddr:
		return a.Port
	}
	if a == nil {
		return 0
	}
	_, p, _ := net.SplitHostPort(a.String())
	n, _ := strconv.Atoi(p)
	return n
}

func (t *serverTab) onCopyTapped() {
	if t.copyText == "" {
		return
	}
	t.app.Clipboard().SetContent(t.copyText)
	t.status.SetText("Copied " + t.copyText + " to the clipboard.")
}

// refreshClients reloads the clients list from the server, keeping the
// selected client selected while it stays connected.
func (t *serverTab) refreshClients() {
	if t.run != nil && t.state == serverRunning {
		t.clients = t.run.srv.Clients()
		t.log.SetDropped(t.run.srv.Dropped())
	} else {
		t.clients = nil
	}
	idx := -1
	for i, c := range t.clients {
		if c.ID == t.selectedID {
			idx = i
		}
	}
	// Refresh before selecting: Select scrolls, and scrolling needs the
	// list to know its new length.
	t.clientList.Refresh()
	t.syncingSel = true
	if idx < 0 {
		t.selectedID = 0
		t.clientList.UnselectAll()
	} else {
		t.clientList.Select(idx)
	}
	t.syncingSel = false

	if n := len(t.clients); n > 0 {
		title := fmt.Sprintf("Connected clients (%d)", n)
		if w := waitingCount(t.clients); w > 0 {
			title = fmt.Sprintf("Connected clients (%d, %d waiting in line)", n, w)
		}
		t.clientsTitle.SetText(title)
		t.noClients.Hide()
	} else {
		t.clientsTitle.SetText("Connected clients")
		if t.state == serverRunning {
			t.noClients.SetText("No one is connected yet.")
		} else {
			t.noClients.SetText("Start the server to see who connects.")
		}
		t.noClients.Show()
	}
	t.updateSendControls()
}

func waitingCount(cs []netcore.ClientInfo) int {
	n := 0
	for _, c := range cs {
		if c.Waiting {
			n++
		}
	}
	return n
}

func (t *serverTab) onClientSelected(id widget.ListItemID) {
	if t.syncingSel || id < 0 || id >= len(t.clients) {
		return
	}
	t.selectedID = t.clients[id].ID
	t.updateSendControls()
}

func (t *serverTab) onClientUnselected(widget.ListItemID) {
	if t.syncingSel {
		return
	}
	t.selectedID = 0
	t.updateSendControls()
}

func (t *serverTab) updateSendControls() {
	running := t.state == serverRunning && t.run != nil
	udp := running && t.run.srv.Config().Network == "udp"
	if running && !udp {
		t.message.Enable()
		t.castButton.Enable()
	} else {
		t.message.Disable()
		t.castButton.Disable()
	}
	if running && !udp && t.selectedID != 0 {
		t.sendButton.Enable()
	} else {
		t.sendButton.Disable()
	}
	switch {
	case udp:
		t.message.SetPlaceHolder("UDP has no connections: the server only answers datagrams")
	case running:
		t.message.SetPlaceHolder("Message to send (select a client, or Broadcast to all)")
	default:
		t.message.SetPlaceHolder("Start the server to send messages")
	}
}

func (t *serverTab) onMessageSubmitted(string) {
	if t.selectedID != 0 {
		t.onSendTapped()
	} else {
		t.onBroadcastTapped()
	}
}

func (t *serverTab) onSendTapped() {
	if t.run == nil || t.state != serverRunning || t.selectedID == 0 {
		return
	}
	if err := t.run.srv.SendTo(t.selectedID, t.message.Text); err != nil {
		t.showError(err)
		t.refreshClients()
		return
	}
	t.message.SetText("")
}

func (t *serverTab) onBroadcastTapped() {
	if t.run == nil || t.state != serverRunning {
		return
	}
	if err := t.run.srv.Broadcast(t.message.Text); err != nil {
		t.showError(err)
		return
	}
	t.message.SetText("")
}

func (t *serverTab) kick(id int) {
	if t.run == nil || t.state != serverRunning {
		return
	}
	if err := t.run.srv.Kick(id); err != nil {
		t.showError(err)
	}
	t.refreshClients()
}

// eventRow turns a server event into a log row.
func eventRow(e netcore.Event) logRow {
	r := logRow{Time: e.Time, Kind: e.Kind.String(), Text: e.Text}
	if e.Kind == netcore.EventReceived || e.Kind == netcore.EventSent {
		r.Raw = e.Wire()
	}
	switch {
	case e.ConnID != 0:
		r.Who = "#" + strconv.Itoa(e.ConnID) + " " + e.Peer
	case e.Peer != "":
		r.Who = e.Peer
	default:
		r.Who = "server"
	}
	switch e.Kind {
	case netcore.EventReceived:
		r.Text = fmt.Sprintf("%s   (%s, ending %s)", strconv.Quote(e.Text), formatBytes(int64(e.Bytes)), e.Ending)
	case netcore.EventSent:
		r.Text = fmt.Sprintf("%s   (%s)", strconv.Quote(e.Text), formatBytes(int64(e.Bytes)))
	case netcore.EventAccepted:
		r.Text = "connected"
	case netcore.EventClosed:
		if r.Text == "" {
			r.Text = "connection closed"
		}
	case netcore.EventStopped:
		r.Text = "server stopped"
	}
	if e.Err != nil {
		if r.Text != "" {
			r.Text += ": "
		}
		r.Text += e.Err.Error()
	}
	return r
}

func formatBytes(n int64) string {
	switch {
	case n < 1024:
		return strconv.FormatInt(n, 10) + " B"
	case n < 1024*1024:
		return strconv.FormatFloat(float64(n)/1024, 'f', 1, 64) + " KB"
	default:
		return strconv.FormatFloat(float64(n)/(1024*1024), 'f', 1, 64) + " MB"
	}
}

// onAnnounceChanged remembers the choice and applies it at once to a
// running server: a teacher may want to stop being listed mid-lesson.
func (t *serverTab) onAnnounceChanged(on bool) {
	t.prefs.SetBool(prefServerAnnounce, on)
	if t.run != nil {
		t.setAnnouncing(t.run, on)
	}
}

// setAnnouncing records whether run should announce itself and applies it.
func (t *serverTab) setAnnouncing(run *serverRun, on bool) {
	run.annMu.Lock()
	defer run.annMu.Unlock()
	run.annWant = on
	t.applyAnnouncing(run)
}

// announceReady lets run announce itself, now that it listens.
func (t *serverTab) announceReady(run *serverRun) {
	run.annMu.Lock()
	defer run.annMu.Unlock()
	run.annReady = true
	t.applyAnnouncing(run)
}

// endAnnouncing stops run's announcer for good. Stop calls it at once; the
// end of the event stream calls it again, which covers shutdown.
func (t *serverTab) endAnnouncing(run *serverRun) {
	run.annMu.Lock()
	defer run.annMu.Unlock()
	run.annEnded = true
	t.applyAnnouncing(run)
}

// applyAnnouncing starts or stops run's announcer to match what is wanted
// (annMu held). Starting only binds a UDP socket and stopping only waits
// for a send loop, so either is fine on the UI goroutine.
func (t *serverTab) applyAnnouncing(run *serverRun) {
	on := run.annWant && run.annReady && !run.annEnded
	switch {
	case !on && run.ann != nil:
		run.ann.Stop()
		run.ann = nil
		if !run.annEnded {
			t.log.Append(logRow{Who: "server", Kind: "note", Text: "no longer announced on this network"})
		}
	case on && run.ann == nil:
		cfg := run.srv.Config()
		host, _, _ := net.SplitHostPort(cfg.Addr)
		a := announcementFor(cfg, run.srv.Addr())
		ann, err := discovery.Announce(a, discovery.BeaconTargets(host, run.discoveryPort), announceEvery)
		if err != nil {
			// Not worth a dialog: the server works, partners type the
			// address.
			t.log.Append(logRow{Who: "server", Kind: "error", Text: "could not announce the server on this network: " + err.Error()})
			return
		}
		run.ann = ann
		t.log.Append(logRow{Who: "server", Kind: "note", Text: "announced as " + a.Addr + ": Client tabs on this network list it"})
	}
}

// announcementFor is what a server says about itself: the address a
// partner types, as on the banner. A server on every interface gives its
// best LAN address, one on loopback 127.0.0.1 (its beacon then stays on
// loopback too).
func announcementFor(cfg netcore.Config, bound net.Addr) discovery.Announcement {
	host, _, _ := net.SplitHostPort(cfg.Addr)
	ip, err := netip.ParseAddr(host)
	switch {
	case host == "" || (err == nil && ip.IsUnspecified()):
		host = netcore.BestLANAddress()
	case err == nil && ip.IsLoopback():
		host = "127.0.0.1"
	}
	name, _ := os.Hostname()
	return discovery.Announcement{
		Demo:      cfg.Demo.Info().Name,
		Addr:      net.JoinHostPort(host, strconv.Itoa(boundPort(bound))),
		Transport: cfg.Network,
		Name:      name,
	}
}

// stopGrace bounds how long stopping a server may take before the tab
// stops waiting for it (its connections are closed at once; this is only a
// safety net).
const stopGrace = 5 * time.Second

// reachLabel is the reach button's text when no check is running.
const (
	reachLabel    = "Can my partner reach me?"
	reachChecking = "Checking…"
)

// onReachTapped runs the reachability check in a goroutine (it dials, with
// timeouts of seconds) and shows what it found when it is done.
func (t *serverTab) onReachTapped() {
	if t.reachCancel != nil {
		return // one check at a time
	}
	network := "tcp"
	var bound net.Addr // nil: "not started"
	everywhere := false
	if t.run != nil && t.state == serverRunning {
		cfg := t.run.srv.Config()
		network, bound = cfg.Network, t.run.srv.Addr()
		host, _, _ := net.SplitHostPort(cfg.Addr)
		ip, err := netip.ParseAddr(host)
		everywhere = host == "" || (err == nil && ip.IsUnspecified())
	}
	ctx, cancel := context.WithCancel(context.Background())
	t.reachCancel = cancel
	t.reachButton.SetText(reachChecking)
	t.reachButton.Disable()
	t.reachWG.Add(1)
	go func() {
		defer t.reachWG.Done()
		var probe []netip.Addr
		if everywhere {
			probe = reach.ReachableAddrs()
		}
		findings := reach.CheckServer(ctx, network, bound, probe)
		t.post(func() { t.onReachChecked(ctx, findings) })
	}()
}

// onReachChecked shows the findings, unless the window closed meanwhile.
func (t *serverTab) onReachChecked(ctx context.Context, findings []reach.Finding) {
	if ctx.Err() != nil {
		return
	}
	t.reachCancel()
	t.reachCancel = nil
	t.reachButton.SetText(reachLabel)
	t.reachButton.Enable()
	showFindings(t.win, reachLabel, findings)
}
