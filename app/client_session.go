package app

import (
	"context"
	"errors"
	"net"
	"strings"

	"github.com/socketlab/socketlab/app/i18n"

	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/socketlab/socketlab/netcore"
	"github.com/socketlab/socketlab/netcore/tlslab"
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
	pin     *tlslab.Pin   // with TLS: the server's fingerprint, seen and maybe checked; else nil
}

// outgoing is one message for the sender goroutine.
type outgoing struct {
	wire   string // exactly what goes on the wire, terminator included
	secret bool   // a password: sent with SendHidden, so its event is Hidden
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
	pin, err := t.sessionTLS(network)
	if err != nil {
		t.showProblem(err.Error(), "")
		return
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
		pin:     pin,
	}
	t.sess = s
	t.setState(stateConnecting)
	t.showStatus(i18n.T("client.status.connecting", map[string]string{"Addr": s.addr}), theme.ViewRefreshIcon(), widget.MediumImportance, "")

	t.wg.Add(1)
	go t.runSession(s)
}

// disconnect ends the current session at once as far as the student can
// see; the session's goroutine closes the socket in the background.
func (t *clientTab) disconnect() {
	why := i18n.T("client.disconnected.pressed")
	if t.state == stateConnecting {
		why = i18n.T("client.disconnected.cancelled")
	}
	t.endSession(why)
}

// endSession ends the current session, saying why in the transcript and
// the status.
func (t *clientTab) endSession(why string) {
	s := t.sess
	if s == nil {
		return
	}
	// The note goes in before the socket closes, so that it comes before
	// anything the closing adds.
	said := disconnectedText(why)
	t.transcript.add(transcriptRow{kind: rowNote, text: said})
	t.sess = nil
	s.cancel()
	t.setState(stateIdle)
	t.showStatus(said, theme.NewDisabledResource(theme.RadioButtonIcon()), widget.MediumImportance, "")
}

// runSession is the life of one connection, on its own goroutine.
func (t *clientTab) runSession(s *clientSession) {
	defer t.wg.Done()
	defer s.cancel()
	c, err := netcore.DialWith(s.ctx, s.network, s.addr, netcore.DefaultDialTimeout, dialOptions(s.pin))
	if err != nil {
		t.pump.post(func() { t.sessionFailed(s, err) })
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
	t.pump.post(func() { t.sessionConnected(s, c) })

	t.wg.Add(1)
	go t.runSender(s, c)
	reason := t.readEvents(s, c)
	if !stopClose() {
		<-closed
	}
	t.pump.post(func() { t.sessionEnded(s, reason) })
}

// runSender writes queued messages in order, so a slow network never holds
// up the UI goroutine that queued them. It adds nothing to the transcript:
// the client's EventSent, emitted before the write and so before any reply,
// is the sent row (readEvents), and a failed write is an EventError after it.
func (t *clientTab) runSender(s *clientSession, c *netcore.Client) {
	defer t.wg.Done()
	for {
		select {
		case m := <-s.out:
			send := c.Send
			if m.secret {
				send = c.SendHidden
			}
			if err := send(m.wire); errors.Is(err, netcore.ErrNotConnected) {
				// The connection ended first: no event tells of this one.
				t.transcript.add(transcriptRow{kind: rowProblem, text: notSentText(err)})
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
	reason := i18n.T("client.disconnected.ended")
	lastReceived := ""
	for e := range c.Events() {
		if t.onEvent != nil {
			t.onEvent(e)
		}
		switch e.Kind {
		case netcore.EventConnected:
			if s.ctx.Err() == nil { // not when Disconnect came first
				t.transcript.add(transcriptRow{at: e.Time, kind: rowNote, text: i18n.T("client.transcript.connected", map[string]string{"Addr": s.addr, "Detail": e.Text})})
			}
		case netcore.EventSent:
			t.transcript.add(messageRow(rowSent, e))
		case netcore.EventReceived:
			t.transcript.add(messageRow(rowReceived, e))
			t.queueForPanel(e.Text)
			lastReceived = e.Text
		case netcore.EventClosed:
			reason = e.Text
			if s.ctx.Err() == nil {
				// When we closed it, disconnect() has said so already.
				t.transcript.add(transcriptRow{at: e.Time, kind: rowNote, text: i18n.T("client.transcript.closed", map[string]string{"Reason": e.Text})})
			}
		case netcore.EventError:
			if e.Err != nil {
				text := netErrorText(e.Err)
				if e.Text == netcore.SendFailed {
					text = notSentText(e.Err)
				} else if e.Text != "" {
					text = e.Text + ": " + text // netcore's own words, as it gave them
				}
				t.transcript.add(transcriptRow{at: e.Time, kind: rowProblem, text: text})
			}
		}
	}
	if lastReceived == netcore.KickedReply {
		// The server's last word says why it hung up: the status shows
		// that rather than a bare "the server closed the connection".
		reason = netcore.KickedReply
	}
	if n := c.Dropped(); n > 0 {
		t.transcript.add(transcriptRow{kind: rowProblem, text: i18n.T("client.transcript.dropped", map[string]int64{"N": n})})
	}
	return reason
}

// sessionConnected runs on the UI goroutine once Dial has succeeded.
func (t *clientTab) sessionConnected(s *clientSession, c *netcore.Client) {
	if t.sess != s {
		return // the student pressed Disconnect meanwhile; the session is closing
	}
	t.setState(stateConnected)
	t.sessTexts, t.sessCount = nil, 0
	clear(t.seen)
	where := map[string]string{"Addr": s.addr}
	msg := i18n.T("client.status.connected", where)
	switch {
	case s.pin != nil:
		// The fingerprint goes where the student looks, and in the
		// transcript, which keeps it after the status has moved on.
		where["Note"] = tlsConnectedNote(s.pin)
		msg = i18n.T("client.status.connected.tls", where)
		t.transcript.add(transcriptRow{kind: rowNote, text: where["Note"]})
	case s.network == "udp":
		// UDP has no handshake: "connected" only means the address is set.
		msg = i18n.T("client.status.connected.udp", where)
	}
	t.showStatus(msg, theme.NewSuccessThemedResource(theme.ConfirmIcon()), widget.MediumImportance, "")
	t.transcript.wire.setSource(clientWire(c, s.addr))
	t.rememberRecent(s.addr, t.demoName())
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
	text := netErrorText(err) + tlsFailedNote(s.pin, err)
	t.transcript.add(transcriptRow{kind: rowProblem, text: i18n.T("client.transcript.failed", map[string]string{"Addr": s.addr, "Error": text})})
	t.sess = nil
	t.setState(stateIdle)
	hints := ""
	if !errors.Is(err, context.Canceled) {
		hints = s.addr
	}
	// It never was connected: "disconnected" would say it had been.
	if errors.Is(err, tlslab.ErrFingerprintMismatch) {
		hints = "" // the server answered: the network is not the problem
	}
	t.showProblem(i18n.T("client.status.failed", map[string]string{"Error": text}), hints)
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
	t.showProblem(disconnectedText(reason), hints)
}

func (t *clientTab) onSendTapped() {
	if t.state != stateConnected {
		return
	}
	text := t.message.Text
	if mode := sendModeOf(t.sendMode); mode != netcore.RawText {
		b, err := rawSendBytes(mode, text)
		if err != nil {
			// The text stays in the box to be corrected.
			t.transcript.add(transcriptRow{kind: rowProblem, text: err.Error()})
			return
		}
		text = string(b)
	} else if !t.noNewline.Checked {
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
		t.transcript.add(transcriptRow{kind: rowProblem, text: i18n.T("client.transcript.queuefull")})
		return false
	}
}

// disconnectedText is the status and transcript note when a connection
// ends, with why.
func disconnectedText(why string) string {
	return i18n.T("client.disconnected", map[string]string{"Reason": why})
}

// notSentText is the transcript's problem row for a message that never
// reached the network.
func notSentText(err error) string {
	return i18n.T("client.transcript.notsent", map[string]string{"Error": netErrorText(err)})
}
