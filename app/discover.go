package app

import (
	"net"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/socketlab/socketlab/netcore/demos"
	"github.com/socketlab/socketlab/netcore/discovery"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/socketlab/socketlab/app/i18n"
)

// "Servers on this network": every Socket Lab server tab announces itself
// with a UDP beacon (discovery.Announce), and this section lists what it
// hears, so a student connects with one click instead of copying an
// address off a classmate's screen.

// Discovery defaults. The list forgets a server not heard for
// discoveryTTL (beacons come every second, so a few may be lost); the
// pump refreshes the list every discoveryEvery so that a server that stopped
// announcing disappears even when nothing new is heard.
const (
	discoveryTTL   = 5 * time.Second
	discoveryEvery = 2 * time.Second
	// discoveryRowsShown is how many servers show before the list scrolls:
	// enough for a pair exercise, without pushing the demo panel off a
	// laptop screen in a class where everyone announces. The space is kept
	// even when fewer are heard, so that the panel below (a game board
	// about to be clicked) does not jump as servers come and go.
	discoveryRowsShown = 2
)

// clientOption changes how a Client tab is made; tests use them to keep
// discovery on loopback.
type clientOption func(*clientConfig)

type clientConfig struct {
	discoveryAddr  string // where to listen for beacons; "" turns discovery off
	discoveryTTL   time.Duration
	discoveryEvery time.Duration
}

func defaultClientConfig() clientConfig {
	return clientConfig{
		discoveryAddr:  ":" + strconv.Itoa(discovery.Port),
		discoveryTTL:   discoveryTTL,
		discoveryEvery: discoveryEvery,
	}
}

// withDiscovery listens for beacons on addr ("" for not at all), forgets
// servers after ttl and rechecks the list every every.
func withDiscovery(addr string, ttl, every time.Duration) clientOption {
	return func(c *clientConfig) {
		c.discoveryAddr, c.discoveryTTL, c.discoveryEvery = addr, ttl, every
	}
}

// discoveryView is the "Servers on this network" section. UI goroutine
// only, except browser, which startDiscovery's goroutine closes.
type discoveryView struct {
	browser *discovery.Browser // nil when discovery is off or unavailable
	note    *widget.Label      // how many were heard
	empty   *widget.Label      // in place of the list: none heard, or why discovery is unavailable
	rows    *fyne.Container
	scroll  *container.Scroll
	content fyne.CanvasObject
	found   []discovery.Found
	// connect is what a row's Connect button does.
	connect func(discovery.Found)
}

func newDiscoveryView(connect func(discovery.Found)) *discoveryView {
	v := &discoveryView{connect: connect}
	v.note = &widget.Label{TextStyle: fyne.TextStyle{Italic: true}, Truncation: fyne.TextTruncateEllipsis}
	v.empty = &widget.Label{Alignment: fyne.TextAlignCenter, Wrapping: fyne.TextWrapWord, TextStyle: fyne.TextStyle{Italic: true}}
	v.rows = container.NewVBox()
	v.scroll = container.NewVScroll(v.rows)
	v.scroll.Hide()
	rowHeight := v.row(discovery.Found{Announcement: discovery.Announcement{Demo: "echo", Addr: "127.0.0.1:8000"}}).MinSize().Height
	space := newSpacer(0, discoveryRowsShown*rowHeight+(discoveryRowsShown-1)*theme.Padding())
	title := &widget.Label{Text: i18n.T("views.discover.title"), TextStyle: fyne.TextStyle{Bold: true}}
	v.content = container.NewVBox(
		container.NewBorder(nil, nil, container.NewHBox(widget.NewIcon(theme.SearchIcon()), title), nil, v.note),
		// The placeholder gets the whole width, centred in height only: in a
		// Center container a wrapping label keeps to one line, and a
		// longer language ran past both edges.
		container.NewStack(space, container.NewVBox(layout.NewSpacer(), v.empty, layout.NewSpacer()), v.scroll))
	return v
}

// start listens for beacons. A failure (another program holds the port)
// only costs the list, never the tab: the note says why.
func (v *discoveryView) start(cfg clientConfig) {
	if cfg.discoveryAddr == "" {
		v.content.Hide()
		return
	}
	b, err := discovery.Browse(cfg.discoveryAddr, cfg.discoveryTTL)
	if err != nil {
		err = netError(err)
		v.empty.Importance = widget.WarningImportance
		v.empty.SetText(i18n.T("views.discover.unavailable", map[string]string{"Error": err.Error()}))
		return
	}
	v.browser = b
	v.show(nil)
}

// startDiscovery listens for beacons (see discoveryView.start) and keeps
// the list current: a goroutine turns the browser's news into a mark on the
// list's pump slot, and the pump also refreshes the list every
// discoveryEvery, so that a server that stopped announcing goes although
// nothing new is heard. The goroutine owns the browser and closes it on the
// way out.
func (t *clientTab) startDiscovery(cfg clientConfig) {
	t.discovery.start(cfg)
	b := t.discovery.browser
	if b == nil {
		return
	}
	slot := t.pump.register(t.onDiscoveryChanged, cfg.discoveryEvery)
	t.wg.Add(1)
	go func() {
		defer t.wg.Done()
		defer b.Close()
		for {
			select {
			case <-t.stop:
				return
			case <-b.Changed():
				slot.markDirty()
			}
		}
	}()
}

// onDiscoveryChanged shows the servers heard, when the list differs from
// the one shown: LastSeen changes with every beacon and is not shown. UI
// goroutine only.
func (t *clientTab) onDiscoveryChanged() {
	if t.closed {
		return
	}
	found := t.discovery.browser.Found()
	if slices.EqualFunc(found, t.discovery.found, func(a, b discovery.Found) bool { return a.Announcement.Equal(b.Announcement) }) {
		return
	}
	t.discovery.show(found)
}

// show lists found servers. UI goroutine only.
func (v *discoveryView) show(found []discovery.Found) {
	v.found = found
	if len(found) == 0 {
		v.note.SetText("")
		v.empty.SetText(i18n.T("views.discover.none"))
		v.empty.Show()
		v.rows.Objects = nil
		v.rows.Refresh()
		v.scroll.Hide()
		return
	}
	v.note.SetText(i18n.T("views.discover.heard", map[string]int{"N": len(found)}))
	objs := make([]fyne.CanvasObject, 0, len(found))
	for _, f := range found {
		objs = append(objs, v.row(f))
	}
	v.rows.Objects = objs
	v.rows.Refresh()
	v.empty.Hide()
	v.scroll.Show()
}

// row is one server: what it is, where, and a Connect button.
func (v *discoveryView) row(f discovery.Found) fyne.CanvasObject {
	title := &widget.Label{Text: demoTitle(f.Demo), TextStyle: fyne.TextStyle{Bold: true}}
	detail := &widget.Label{Text: foundDetail(f), Truncation: fyne.TextTruncateEllipsis}
	connect := &widget.Button{Text: i18n.T("views.discover.connect"), Icon: theme.LoginIcon(), OnTapped: func() { v.connect(f) }}
	return container.NewBorder(nil, nil, title, connect, detail)
}

// demoTitle is a demo's title for people, or its name for a demo this
// version does not know.
func demoTitle(name string) string {
	if info, ok := demos.Lookup(name); ok && info.Title != "" {
		return demoTitleText(info)
	}
	return name
}

// foundDetail is the address, transport (and TLS) and computer of a server.
func foundDetail(f discovery.Found) string {
	parts := []string{f.Addr, strings.ToUpper(transportOf(f))}
	if f.TLS {
		parts[1] = i18n.T("views.discover.tls", map[string]string{"Transport": parts[1]}) // the student connects with TLS and compares the fingerprint
	}
	if f.Name != "" {
		parts = append(parts, i18n.T("views.discover.on", map[string]string{"Name": f.Name}))
	}
	return strings.Join(parts, " · ")
}

func transportOf(f discovery.Found) string {
	if strings.EqualFold(f.Transport, "udp") {
		return "udp"
	}
	return "tcp"
}

// onFoundConnect fills in a found server, picks its demo's panel and
// connects: the one click the list is for. A connection already open is
// closed first, since the student asked for this server now, and the
// transcript says it was switched.
func (t *clientTab) onFoundConnect(f discovery.Found) {
	host, port, err := net.SplitHostPort(f.Addr)
	if err != nil {
		t.showProblem(i18n.T("views.discover.badaddr", map[string]string{"Addr": f.Addr, "Error": err.Error()}), "")
		return
	}
	if t.state != stateIdle {
		// Said in words: a reconnection that only reads "you pressed
		// Disconnect" hides that the student is on another server now.
		t.endSession(i18n.T("views.discover.switched", map[string]string{"Addr": f.Addr}))
	}
	t.host.SetText(host)
	t.port.SetText(port)
	t.transport.SetSelected(strings.ToUpper(transportOf(f)))
	// The beacon says whether the server speaks TLS: connect as it does.
	t.tlsCheck.SetChecked(f.TLS)
	t.selectDemo(f.Demo) // an unknown demo keeps the panel
	if sp, ok := t.panel.(settingsPanel); ok && t.demoName() == f.Demo && len(f.Settings) > 0 {
		sp.takeSettings(f.Settings) // the range a guess server announces
	}
	t.onConnectTapped()
}
