package app

import (
	"errors"
	"net"
	"strconv"
	"strings"

	"github.com/socketlab/socketlab/app/i18n"
	"github.com/socketlab/socketlab/netcore/demos"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
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
	prefServerMaxClients = "server.maxclients"
	prefServerMaxPerAddr = "server.maxperaddress"
	prefServerTransport  = "server.transport"
	prefServerOneAtATime = "server.oneatatime"
	prefServerAnnounce   = "server.announce"
)

// "Serve clients" choices, in the language in use (functions, because the
// language is chosen after package variables are set). Short, so the
// settings column stays narrow on a small screen; the tip under them says
// what each means.
func serveOneLabel() string { return i18n.T("server.serve.one") }
func serveAllLabel() string { return i18n.T("server.serve.all") }

// Interface choices that are not one address. The preferences keep the
// keys, so a change of language keeps the choice.
const (
	ifaceAllKey      = "all"
	ifaceLoopbackKey = "loopback"
)

func ifaceAllLabel() string  { return i18n.T("server.iface.all") }
func ifaceLoopLabel() string { return i18n.T("server.iface.loopback") }

// ifaceChoice is one entry of the interface picker.
type ifaceChoice struct {
	label string
	host  string // what to bind; "" binds every interface
	iface string // interface name, to find it again when its address changed
	key   string // what the preferences remember
}

// settingsFormWidth is the width the settings form needs in English.
const settingsFormWidth = 358

func (t *serverTab) buildSettings() fyne.CanvasObject {
	names := make([]string, len(t.demos))
	for i, d := range t.demos {
		names[i] = demoOption(d)
	}
	t.settings = newDemoSettings(t.demos, t.win)
	t.settings.changed = t.describeDemo
	t.demoSelect = &widget.Select{Options: names, PlaceHolder: i18n.T("server.demo.placeholder"), OnChanged: t.onDemoChanged}
	t.demoDesc = &widget.Label{Wrapping: fyne.TextWrapWord}

	t.transport = &widget.RadioGroup{
		Options:    []string{transportTCP, transportUDP},
		Horizontal: true,
		Required:   true,
		Selected:   transportTCP,
		OnChanged:  t.onTransportChanged,
	}
	t.transportTip = newTipLabel("")

	t.ifaceSelect = &widget.Select{PlaceHolder: i18n.T("server.iface.placeholder")}
	t.ifaceRescan = &widget.Button{Icon: theme.ViewRefreshIcon(), OnTapped: t.onRescanTapped}
	t.ifaces = interfaceChoices()
	t.ifaceSelect.Options = choiceLabels(t.ifaces)

	// Enter in the port starts the server: the last thing set before Start.
	t.portEntry = &widget.Entry{Validator: validatePort, OnChanged: t.onPortChanged, OnSubmitted: func(string) { t.onStartTapped() }}
	t.portTip = &widget.Label{
		Text:       i18n.T("server.port.privileged"),
		Importance: widget.WarningImportance,
		Wrapping:   fyne.TextWrapWord,
	}
	t.portTip.Hide()

	t.maxClients = &widget.Entry{Text: "0", Validator: validateInt(0, maxClientsLimit)}
	t.maxPerAddress = &widget.Entry{Text: strconv.Itoa(netcore.DefaultMaxPerAddress), Validator: validateInt(0, maxClientsLimit)}
	t.serveMode = &widget.RadioGroup{Options: []string{serveOneLabel(), serveAllLabel()}, Required: true, Selected: serveAllLabel()}
	t.announce = &widget.Check{Text: i18n.T("server.announce"), Checked: true, OnChanged: t.onAnnounceChanged}

	label := func(s string) *widget.Label { return &widget.Label{Text: s, TextStyle: fyne.TextStyle{Bold: true}} }
	row := func(name string, content fyne.CanvasObject) []fyne.CanvasObject {
		return []fyne.CanvasObject{label(name), content}
	}
	var cells []fyne.CanvasObject
	add := func(objs ...fyne.CanvasObject) { cells = append(cells, objs...) }
	add(row(i18n.T("server.row.demo"), container.NewVBox(t.demoSelect, t.demoDesc))...)
	add(row(i18n.T("server.row.transport"), container.NewVBox(t.transport, t.transportTip))...)
	add(row(i18n.T("server.row.interface"), container.NewBorder(nil, nil, nil, t.ifaceRescan, t.ifaceSelect))...)
	add(row(i18n.T("server.row.port"), container.NewVBox(t.portEntry, t.portTip))...)
	add(t.settings.cells(t.demos)...)
	add(row(i18n.T("server.row.maxclients"), container.NewVBox(t.maxClients, newTipLabel(i18n.T("server.maxclients.tip"))))...)
	add(row(i18n.T("server.row.maxperaddress"), container.NewVBox(t.maxPerAddress, newTipLabel(i18n.T("server.maxperaddress.tip"))))...)
	add(row(i18n.T("server.row.serve"), container.NewVBox(t.serveMode, newTipLabel(i18n.T("server.serve.tip"))))...)
	add(t.buildCheckClients()...)
	add(row(i18n.T("server.row.discovery"), container.NewVBox(t.announce, newTipLabel(i18n.T("server.announce.tip"))))...)
	add(t.buildTLSCells()...)
	form := container.New(layout.NewFormLayout(), cells...)

	t.startButton = &widget.Button{Text: i18n.T("server.start"), Icon: theme.MediaPlayIcon(), Importance: widget.HighImportance, OnTapped: t.onStartTapped}
	t.stopButton = &widget.Button{Text: i18n.T("server.stop"), Icon: theme.MediaStopIcon(), OnTapped: t.onStopTapped}
	t.status = &widget.Label{Wrapping: fyne.TextWrapWord}
	// The status has room for statusLines lines whatever it says, and
	// scrolls past them: a status that grew (wrapped on a narrow window)
	// pushed Start and Stop up, away from where the hand had just been.
	t.statusBox = container.NewVScroll(t.status)
	t.statusBox.SetMinSize(fyne.NewSize(0, linesHeight(statusLines)))

	heading := &widget.Label{Text: i18n.T("server.settings.title"), TextStyle: fyne.TextStyle{Bold: true}, SizeName: theme.SizeNameSubHeadingText}
	// Start and Stop stay in view below the settings, however many
	// settings a demo has and however small the window is.
	buttons := container.NewVBox(
		widget.NewSeparator(),
		container.NewGridWithColumns(2, t.startButton, t.stopButton),
		t.statusBox,
	)
	// The form scrolls both ways, at least as wide as the English form
	// needs: a translation's longer labels (German, French) then widen the
	// form, not the window, on a small screen.
	return container.NewPadded(container.NewBorder(heading, buttons, nil, nil,
		newScaledWidth(settingsFormWidth, container.NewScroll(form))))
}

// newTipLabel is a hint under a setting: italic rather than faint, because
// the faint (low importance) colour is hard to read on the light theme.
func newTipLabel(text string) *widget.Label {
	return &widget.Label{Text: text, Wrapping: fyne.TextWrapWord, TextStyle: fyne.TextStyle{Italic: true}}
}

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
			data := map[string]string{"Interface": it.Name, "Addr": a.String()}
			label := i18n.T("server.iface.addr", data)
			if !it.Up {
				label = i18n.T("server.iface.addr.down", data)
			}
			if seen[label] {
				continue
			}
			seen[label] = true
			out = append(out, ifaceChoice{label: label, host: a.String(), iface: it.Name, key: it.Name + "|" + a.String()})
		}
	}
	return append(out,
		ifaceChoice{label: ifaceAllLabel(), host: "", key: ifaceAllKey},
		ifaceChoice{label: ifaceLoopLabel(), host: "127.0.0.1", key: ifaceLoopbackKey},
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
	t.settings.restore(t.prefs, t.demos)
	t.maxClients.SetText(strconv.Itoa(max(0, t.prefs.IntWithFallback(prefServerMaxClients, 0))))
	t.maxPerAddress.SetText(strconv.Itoa(max(0, t.prefs.IntWithFallback(prefServerMaxPerAddr, netcore.DefaultMaxPerAddress))))
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
		t.serveMode.SetSelected(serveOneLabel())
	}
	t.announce.SetChecked(t.prefs.BoolWithFallback(prefServerAnnounce, true))
	t.restoreTLSPrefs()
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
	t.settings.save(t.prefs, t.demos)
	if n, err := strconv.Atoi(strings.TrimSpace(t.maxClients.Text)); err == nil && n >= 0 {
		t.prefs.SetInt(prefServerMaxClients, n)
	}
	if n, err := strconv.Atoi(strings.TrimSpace(t.maxPerAddress.Text)); err == nil && n >= 0 {
		t.prefs.SetInt(prefServerMaxPerAddr, n)
	}
	t.prefs.SetString(prefServerTransport, t.transport.Selected)
	t.prefs.SetBool(prefServerOneAtATime, t.serveMode.Selected == serveOneLabel())
	t.prefs.SetBool(prefServerAnnounce, t.announce.Checked)
	t.saveTLSPrefs()
}

// onDemoChanged shows the demo's description and settings, and moves to
// its classic port unless the user chose a port.
func (t *serverTab) onDemoChanged(option string) {
	for _, d := range t.demos {
		if demoOption(d) == option {
			t.demo = d
		}
	}
	t.describeDemo()
	t.settings.show(t.demo.Name)
	if !t.demo.UDP && t.transport.Selected != transportTCP {
		t.transport.SetSelected(transportTCP)
	}
	t.updateTransportEnabled()
	if !t.portEdited && t.demo.ClassicPort > 0 {
		t.setPortText(strconv.Itoa(t.demo.ClassicPort))
	}
}

// describeDemo shows the chosen demo's description as its settings make
// it: a guess server set to 1–20 says "from 1 to 20". A value not valid
// yet shows the default until it is (the field is marked meanwhile).
func (t *serverTab) describeDemo() {
	t.demoDesc.SetText(demoDescText(t.demo.WithValues(t.settings.values(t.demo))))
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
	t.updateCheckClients()
	t.updateTLSEnabled()
	if t.demo.UDP {
		t.transportTip.SetText(i18n.T("server.transport.udp"))
	} else {
		t.transportTip.SetText(i18n.T("server.transport.tcponly"))
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
		return 0, errors.New(i18n.T("server.error.port", map[string]string{"Value": strconv.Quote(text)}))
	}
	return p, nil
}

// validateInt is an entry's check: the entry's own label names it.
func validateInt(lo, hi int) func(string) error {
	return func(text string) error {
		_, err := parseIntIn("", text, lo, hi)
		return err
	}
}

// parseIntIn reads a whole number from lo to hi, or says which setting
// (what; "" for the field at hand) it should have been, in the words a
// demo's own setting refusal uses.
func parseIntIn(what, text string, lo, hi int) (int, error) {
	text = strings.TrimSpace(text)
	n, err := strconv.Atoi(text)
	if err != nil || n < lo || n > hi {
		data := map[string]string{"Setting": what, "Min": strconv.Itoa(lo), "Max": strconv.Itoa(hi), "Value": strconv.Quote(text)}
		if what == "" {
			return 0, errors.New(i18n.T("server.error.int", data))
		}
		return 0, errors.New(i18n.T("setting.error.range", data))
	}
	return n, nil
}

// config turns the settings into a netcore configuration, or says which
// setting is wrong.
func (t *serverTab) config() (netcore.Config, error) {
	if t.demo.Name == "" {
		return netcore.Config{}, errors.New(i18n.T("server.error.nodemo"))
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
		return cfg, errors.New(i18n.T("server.error.noiface"))
	}
	cfg.Addr = net.JoinHostPort(choice.host, strconv.Itoa(port))
	cfg.OneAtATime = t.serveMode.Selected == serveOneLabel() && cfg.Network == "tcp"
	if cfg.MaxClients, err = parseIntIn(i18n.T("server.row.maxclients"), t.maxClients.Text, 0, maxClientsLimit); err != nil {
		return cfg, err
	}
	if cfg.MaxPerAddress, err = parseIntIn(i18n.T("server.row.maxperaddress"), t.maxPerAddress.Text, 0, maxClientsLimit); err != nil {
		return cfg, err
	}
	if cfg.MaxPerAddress == 0 { // the form's "no limit"; the config's zero is the default
		cfg.MaxPerAddress = netcore.NoLimit
	}
	if err := t.applyTLSAndAllow(&cfg); err != nil {
		return cfg, err
	}
	values := t.settings.values(t.demo)
	if cfg.Demo, err = demos.New(t.demo.Name, values, nil); err != nil {
		return cfg, settingCheckError(t.demo.Name, err)
	}
	cfg.Demo = t.watchClients(cfg.Demo, cfg.Network, values)
	return cfg, nil
}
