package app

import (
	"errors"
	"net"
	"strings"

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
