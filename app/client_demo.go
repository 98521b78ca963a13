package app

import (
	"fmt"
	"strings"

	"github.com/socketlab/socketlab/netcore"
	"github.com/socketlab/socketlab/netcore/demos"

	"fyne.io/fyne/v2"
)

// The demo panel on the left of the Client tab: choosing one, and handing
// it what the server says.

// queueForPanel hands a received text to the panel at the pump's next
// flush. Safe from any goroutine.
func (t *clientTab) queueForPanel(text string) {
	// Panels show what they are handed in labels: a server's ESC, CR or
	// bidi override arrives there escaped (\x1b), never acting.
	t.inbox.add(netcore.Escape(text))
	t.inboxSlot.markDirty()
}

// selectDemo chooses a demo by its short name in the picker.
func (t *clientTab) selectDemo(name string) {
	if o := demoOptionOf(name); o != "" {
		t.demoSelect.SetSelected(o)
	}
}

// demoName is the short name of the demo chosen in the picker.
func (t *clientTab) demoName() string { return demoNameOf(t.demoSelect.Selected) }

// onPanelSettingsChanged describes the demo again when the panel shown
// plays with other settings (a new guess range).
func (t *clientTab) onPanelSettingsChanged(name string) {
	if p := t.panels[name]; p != nil && p == t.panel {
		t.demoDesc.SetText(demoDescription(name, p))
	}
}

func (t *clientTab) onDemoSelected(name string) {
	if name == "" {
		return
	}
	p := t.panels[name]
	if p == nil {
		p = newDemoPanel(panelEnv{demo: name, send: t.sendLine, sendSecret: t.sendSecretLine, prefs: t.prefs,
			settingsChanged: func() { t.onPanelSettingsChanged(name) }})
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
	t.demoTitle.SetText(demoTitleText(info))
	t.demoDesc.SetText(demoDescription(name, p))
	// The demo's classic port as a real value, and only into an empty
	// Port: a grey placeholder 8000 looked typed, and Connect then asked
	// for a port.
	if info.ClassicPort > 0 && strings.TrimSpace(t.port.Text) == "" && t.state == stateIdle {
		t.port.SetText(fmt.Sprint(info.ClassicPort))
	}
	view := t.panelViews[name]
	if view == nil {
		view = newSteadyTheme(p.view(), readableTheme())
		t.panelViews[name] = view
	}
	t.panelBox.Objects = []fyne.CanvasObject{view}
	t.panelBox.Refresh()
	if _, own := p.(messageBoxPanel); own {
		t.messageBar.Hide()
	} else {
		t.messageBar.Show()
	}
	if t.state == stateConnected && t.sess != nil {
		p.setSession(t.sess.id)
		t.catchUpPanel(p)
	} else {
		p.setSession(0)
	}
	t.prefs.SetString(prefClientPanel, name)
}

// flushNow shows everything queued so far: the transcript's rows, then
// the panel's texts. UI goroutine only.
func (t *clientTab) flushNow() {
	t.transcript.flush()
	t.flushInbox()
}

// flushInbox hands the panel the texts received since the last flush. The
// pump calls it; UI goroutine only.
func (t *clientTab) flushInbox() {
	texts, _ := t.inbox.take()
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
