package app

import (
	"errors"
	"net"
	"strings"

	"github.com/socketlab/socketlab/app/i18n"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// connectionHints lists what a student can check when a connection fails;
// most failures in class are one of these four.
func connectionHints(addr string) string {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		host, port = addr, "?"
	}
	return i18n.T("client.hints", map[string]string{"Host": host, "Port": port})
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
		return "", "", errors.New(i18n.T("client.address.nohost"))
	case port == "":
		return "", "", errors.New(i18n.T("client.address.noport"))
	}
	return host, port, nil
}

// recentServer is one remembered server: where, and the demo it was
// played with ("" when not known: a list saved before demos were kept).
type recentServer struct{ addr, demo string }

// String is how the preferences keep it: "host:port demo" (an address has
// no space in it).
func (r recentServer) String() string { return strings.TrimSpace(r.addr + " " + r.demo) }

// label is its menu item: "10.0.0.5:1081  Remote calculator (calc)".
func (r recentServer) label() string {
	if o := demoOptionOf(r.demo); o != "" {
		return r.addr + "    " + o
	}
	return r.addr
}

func parseRecent(s string) recentServer {
	addr, demo, _ := strings.Cut(s, " ")
	return recentServer{addr: addr, demo: demo}
}

func (t *clientTab) recentServers() []recentServer {
	var out []recentServer
	for _, s := range t.prefs.StringList(prefClientRecent) {
		out = append(out, parseRecent(s))
	}
	return out
}

// rememberRecent puts addr, played with demo, first in the recent list.
// Only connections that worked are remembered, so typos do not crowd out
// the real servers.
func (t *clientTab) rememberRecent(addr, demo string) {
	list := []string{recentServer{addr, demo}.String()}
	for _, r := range t.recentServers() {
		if r.addr != addr && len(list) < maxRecentServers {
			list = append(list, r.String())
		}
	}
	t.prefs.SetStringList(prefClientRecent, list)
}

func (t *clientTab) onRecentTapped() {
	if t.state != stateIdle {
		return
	}
	c := t.app.Driver().CanvasForObject(t.host)
	if c == nil {
		return
	}
	pos := t.app.Driver().AbsolutePositionForObject(t.host).Add(fyne.NewPos(0, t.host.Size().Height))
	widget.ShowPopUpMenuAtPosition(fyne.NewMenu("", t.recentMenuItems()...), c, pos)
}

// recentMenuItems are the history button's menu: each server with its demo.
func (t *clientTab) recentMenuItems() []*fyne.MenuItem {
	var items []*fyne.MenuItem
	for _, r := range t.recentServers() {
		items = append(items, fyne.NewMenuItem(r.label(), func() { t.useRecent(r) }))
	}
	if len(items) == 0 {
		none := fyne.NewMenuItem(i18n.T("client.recent.none"), nil)
		none.Disabled = true
		items = append(items, none)
	}
	return items
}

// useRecent fills Host and Port from a remembered server, and chooses the
// demo it was played with.
func (t *clientTab) useRecent(r recentServer) {
	host, port, err := net.SplitHostPort(r.addr)
	if err != nil {
		return
	}
	t.host.SetText(host)
	t.port.SetText(port)
	t.selectDemo(r.demo) // after the port, which it then leaves as it is
}
