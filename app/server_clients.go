package app

import (
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/socketlab/socketlab/app/i18n"
	"github.com/socketlab/socketlab/netcore"
)

// The Server tab's list of connected clients, and sending to them.

func (t *serverTab) buildClients() fyne.CanvasObject {
	// Connected clients.
	t.clientsTitle = &widget.Label{Text: i18n.T("server.clients.title"), TextStyle: fyne.TextStyle{Bold: true}, Truncation: fyne.TextTruncateEllipsis}
	bold := fyne.TextStyle{Bold: true}
	header := container.New(clientColumns(),
		&widget.Label{Text: i18n.T("server.clients.col.client"), TextStyle: bold},
		&widget.Label{Text: i18n.T("server.clients.col.since"), TextStyle: bold},
		&widget.Label{Text: i18n.T("server.clients.col.received"), TextStyle: bold},
		&widget.Label{Text: i18n.T("server.clients.col.sent"), TextStyle: bold},
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
	list := newSteadyTheme(t.clientList, readableTheme())
	t.noClients = &widget.Label{Text: i18n.T("server.clients.none"), Alignment: fyne.TextAlignCenter, TextStyle: fyne.TextStyle{Italic: true}}
	t.message = &widget.Entry{PlaceHolder: i18n.T("server.send.placeholder"), OnSubmitted: t.onMessageSubmitted}
	t.sendButton = &widget.Button{Text: i18n.T("server.send.selected"), Icon: theme.MailSendIcon(), OnTapped: t.onSendTapped}
	t.castButton = &widget.Button{Text: i18n.T("server.send.broadcast"), Icon: theme.MailReplyAllIcon(), OnTapped: t.onBroadcastTapped}
	t.sendMode = newSendModeSelect(func(netcore.RawMode) { t.updateSendControls() })
	sendRow := container.NewBorder(nil, nil, t.sendMode, container.NewHBox(t.sendButton, t.castButton), t.message)
	return container.NewBorder(
		container.NewVBox(t.clientsTitle, header), sendRow, nil, nil,
		container.NewStack(list, container.NewCenter(t.noClients)),
	)
}

// clientsWantRows is how many clients the list shows whenever the window
// has room (with two, a third student is already out of sight); on a
// short screen it gives them up before the log does.
const clientsWantRows = 4

// clientRowsHeight is the height n rows of the clients list take.
func clientRowsHeight(n int) float32 {
	row := newClientRowItem().MinSize().Height
	return float32(n)*(row+theme.Padding()) - theme.Padding()
}

// clientWho is a row's Client cell: the number, the name the client
// picked (chat's /nick), the address.
func clientWho(c netcore.ClientInfo) string {
	who := "#" + strconv.Itoa(c.ID) + " "
	if c.Name != "" {
		return who + c.Name + " (" + c.Peer + ")"
	}
	return who + c.Peer
}

// onClientsDue reloads the clients list while a server runs: the pump
// calls it when someone connected or left, and every clientsRefreshEvery
// so the byte counters move.
func (t *serverTab) onClientsDue() {
	if t.run != nil {
		t.refreshClients()
	}
}

func clientColumns() *columnsLayout {
	plain, bold := fyne.TextStyle{}, fyne.TextStyle{Bold: true}
	pad := theme.InnerPadding()
	// A column is as wide as its value or its heading, whichever is wider
	// in the language in use ("Empfangen" is wider than "1023.9 KB").
	wide := func(heading string, samples ...string) float32 {
		w := textWidth(heading, bold, pad)
		for _, s := range samples {
			w = max(w, textWidth(s, plain, pad))
		}
		return w
	}
	kickExtra := theme.IconInlineSize() + 2*pad
	since := wide(i18n.T("server.clients.col.since"), "00:00:00", i18n.T("server.clients.waiting"))
	in := wide(i18n.T("server.clients.col.received"), "1023.9 KB")
	out := wide(i18n.T("server.clients.col.sent"), "1023.9 KB")
	kick := textWidth(i18n.T("server.clients.kick"), plain, pad) + kickExtra
	// The row is as wide as the values need (the English headings are no
	// wider than them) and no wider, so the tab fits a small screen in
	// every language: wider headings take their room from the address,
	// which is cut with "…" (the log has it whole).
	address := textWidth("#99 192.168.10.20:65535", plain, pad)
	row := address + 2*textWidth("1023.9 KB", plain, pad) + textWidth("00:00:00", plain, pad) +
		textWidth("Kick", plain, pad) + kickExtra
	address = max(textWidth("#9 10.0.0.5:5000", plain, pad), row-since-in-out-kick)
	return newColumnsLayout(0, address, since, in, out, kick)
}

func newClientRowItem() fyne.CanvasObject {
	return container.New(clientColumns(),
		&widget.Label{Truncation: fyne.TextTruncateEllipsis},
		&widget.Label{},
		&widget.Label{},
		&widget.Label{},
		// Not red: a room full of red buttons would look like an alarm.
		&widget.Button{Text: i18n.T("server.clients.kick"), Icon: theme.CancelIcon()},
	)
}

func (t *serverTab) updateClientItem(id widget.ListItemID, item fyne.CanvasObject) {
	if id < 0 || id >= len(t.clients) {
		return
	}
	c := t.clients[id]
	cells := item.(*fyne.Container).Objects
	who := clientWho(c)
	since, in, out := c.Since.Format("15:04:05"), formatBytes(c.BytesIn), formatBytes(c.BytesOut)
	// A client waiting its turn is connected but not served: set it
	// apart (italic, warning colour, in words) so the one-at-a-time
	// lesson is visible at a glance. The word goes in the Since column:
	// after the address it would be cut off in a narrow window.
	imp, style := widget.MediumImportance, fyne.TextStyle{}
	if c.Waiting {
		since, in, out = i18n.T("server.clients.waiting"), "–", "–"
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
		title := i18n.T("server.clients.count", map[string]int{"N": n})
		if w := waitingCount(t.clients); w > 0 {
			title = i18n.T("server.clients.count.waiting", map[string]int{"N": n, "Waiting": w})
		}
		t.clientsTitle.SetText(title)
		t.noClients.Hide()
	} else {
		t.clientsTitle.SetText(i18n.T("server.clients.title"))
		if t.state == serverRunning {
			t.noClients.SetText(i18n.T("server.clients.none.yet"))
		} else {
			t.noClients.SetText(i18n.T("server.clients.none.stopped"))
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
		t.sendMode.Enable()
		t.castButton.Enable()
	} else {
		t.message.Disable()
		t.sendMode.Disable()
		t.castButton.Disable()
	}
	if running && !udp && t.selectedID != 0 {
		t.sendButton.Enable()
	} else {
		t.sendButton.Disable()
	}
	switch {
	case udp:
		t.message.SetPlaceHolder(i18n.T("server.send.udp"))
	case running:
		if hint, ok := sendModeHint(sendModeOf(t.sendMode)); ok {
			t.message.SetPlaceHolder(hint)
		} else {
			t.message.SetPlaceHolder(i18n.T("server.send.running"))
		}
	default:
		t.message.SetPlaceHolder(i18n.T("server.send.stopped"))
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
	send := func() error { return t.run.srv.SendTo(t.selectedID, t.message.Text) }
	if mode := sendModeOf(t.sendMode); mode != netcore.RawText {
		b, err := rawSendBytes(mode, t.message.Text)
		if err != nil {
			t.showError(err)
			return
		}
		send = func() error { return t.run.srv.SendRawTo(t.selectedID, b) }
	}
	if err := send(); err != nil {
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
	send := func() error { return t.run.srv.Broadcast(t.message.Text) }
	if mode := sendModeOf(t.sendMode); mode != netcore.RawText {
		// Exactly the bytes, to every client: no demo framing (chat's
		// "server: ") either.
		b, err := rawSendBytes(mode, t.message.Text)
		if err != nil {
			t.showError(err)
			return
		}
		send = func() error { return t.run.srv.BroadcastRaw(b) }
	}
	if err := send(); err != nil {
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
