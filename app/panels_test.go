package app

import (
	"strconv"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/socketlab/socketlab/netcore"
)

// activePanel returns the tab's panel as its concrete type.
func activePanel[P demoPanel](h *clientHarness) P {
	return get(h, func() P { return h.tab.panel.(P) })
}

func TestGuessPanelFindsTheSecretWithButtons(t *testing.T) {
	a := test.NewTempApp(t)
	ui := newTestUI(t)
	srv, _ := startDemoServer(t, "guess", nil)
	h := newClientHarness(t, a, ui)
	h.selectDemo("guess")
	p := activePanel[*guessPanel](h)
	assert.True(t, get(h, func() bool { return p.numbers[0].Disabled() }), "no guessing before connecting")
	h.connect(srv.Addr().String())
	require.False(t, get(h, func() bool { return p.numbers[0].Disabled() }))

	// Binary search, reading only what the panel shows.
	lo, hi := 0, 9
	for tries := 1; ; tries++ {
		require.LessOrEqual(t, tries, 4, "binary search over 0–9 needs at most 4 tries")
		mid := (lo + hi) / 2
		h.ui.run(func() { test.Tap(p.numbers[mid]) })
		h.eventually(func() bool { return len(p.history.lines) == tries })
		reply := get(h, func() string { return p.reply.Text })
		assert.Equal(t, strconv.Itoa(mid)+" → "+reply, get(h, func() string { return p.history.lines[tries-1].text }))
		assert.Contains(t, get(h, func() string { return p.counts.Text }), "Tries this round: "+strconv.Itoa(tries))
		switch reply {
		case "too low":
			lo = mid + 1
		case "too high":
			hi = mid - 1
		case "found the secret":
			assert.Equal(t, widget.SuccessImportance, get(h, func() widget.Importance { return p.reply.Importance }))
			assert.Contains(t, get(h, func() string { return p.counts.Text }), "Secrets found: 1")
			assert.Contains(t, get(h, func() string { return p.explain.Text }), "found in "+strconv.Itoa(tries))
			goto found
		default:
			t.Fatalf("unexpected reply %q", reply)
		}
	}
found:
	// The server starts a new round by itself; the next guess starts a new
	// count, and a typed guess works too.
	h.ui.run(func() {
		test.Type(p.other, "4")
		test.Tap(p.otherButton)
	})
	h.eventually(func() bool { return strings.HasPrefix(p.counts.Text, "Tries this round: 1 ") })

	h.ui.run(func() { test.Tap(p.newGame) })
	assert.Equal(t, "Tries this round: 0    Secrets found: 0", get(h, func() string { return p.counts.Text }))
	assert.Empty(t, get(h, func() []string { return p.history.texts() }))
}

func TestPasswordPanelDeniedThenGrantedThenLocked(t *testing.T) {
	a := test.NewTempApp(t)
	ui := newTestUI(t)
	srv, log := startDemoServer(t, "password", func(c *netcore.Config) { c.Password = "opensesame" })
	h := newClientHarness(t, a, ui)
	h.selectDemo("password")
	p := activePanel[*passwordPanel](h)
	h.connect(srv.Addr().String())
	assert.Equal(t, "Attempts left: 3 of 3", get(h, func() string { return p.attempts.Text }))

	submit := func(pw string) {
		h.ui.run(func() {
			test.Type(p.entry, pw)
			test.Tap(p.submit)
		})
	}
	submit("letmein")
	h.eventually(func() bool { return p.result.Text == "access denied" })
	assert.Equal(t, widget.DangerImportance, get(h, func() widget.Importance { return p.result.Importance }))
	assert.Equal(t, "Attempts left: 2 of 3", get(h, func() string { return p.attempts.Text }))
	assert.Empty(t, get(h, func() string { return p.entry.Text }), "the password does not stay on screen")

	submit("opensesame")
	h.eventually(func() bool { return p.result.Text == "access granted" })
	assert.Equal(t, widget.SuccessImportance, get(h, func() widget.Importance { return p.result.Importance }))
	assert.Equal(t, "Attempts left: 3 of 3", get(h, func() string { return p.attempts.Text }), "a grant resets the count")

	// Three wrong in a row: the server says so and hangs up.
	for i := 0; i < 3; i++ {
		submit("nope" + strconv.Itoa(i))
	}
	h.eventually(func() bool { return p.result.Text == "too many attempts: locked" })
	assert.True(t, get(h, func() bool { return p.submit.Disabled() }))
	assert.Contains(t, get(h, func() string { return p.attempts.Text }), "Connect again")
	h.waitStatus("disconnected: ")

	// Passwords never appear in the transcript, though the server got them.
	h.waitTranscript("→ •••••• (password hidden)" + markNewline)
	all := strings.Join(h.transcriptLines(), "\n")
	for _, pw := range []string{"letmein", "opensesame", "nope0", "nope2"} {
		assert.NotContains(t, all, pw)
	}
	require.Eventually(t, func() bool { return len(log.received()) == 5 }, 5*time.Second, 5*time.Millisecond)

	// A new connection is a fresh start.
	h.connect(srv.Addr().String())
	assert.Equal(t, "Attempts left: 3 of 3", get(h, func() string { return p.attempts.Text }))
	assert.False(t, get(h, func() bool { return p.submit.Disabled() }))
}

func TestCalcPanelKeypad(t *testing.T) {
	if _, err := netcore.Calculate("1+1"); err != nil {
		t.Skip("netcore has no calculator yet:", err)
	}
	a := test.NewTempApp(t)
	ui := newTestUI(t)
	srv, _ := startDemoServer(t, "calc", nil)
	h := newClientHarness(t, a, ui)
	h.selectDemo("calc")
	p := activePanel[*calcPanel](h)
	h.connect(srv.Addr().String())

	press := func(keys ...string) {
		h.ui.run(func() {
			for _, k := range keys {
				test.Tap(p.keys[k])
			}
		})
	}
	press("9", "C", "2", "+", "3", "*", "4", "5", calcBackspace)
	assert.Equal(t, "2+3*4", get(h, func() string { return p.expr.Text }))
	press(calcEquals)
	h.eventually(func() bool { return len(p.results.lines) == 1 })
	assert.Equal(t, "2+3*4 = 14", get(h, func() string { return p.results.lines[0].text }))
	assert.Equal(t, "= 14", get(h, func() string { return p.last.Text }))
	assert.Empty(t, get(h, func() string { return p.expr.Text }))

	press("1", "/", "0", calcEquals)
	h.eventually(func() bool { return len(p.results.lines) == 2 })
	assert.Equal(t, "1/0 → error: division by zero", get(h, func() string { return p.results.lines[1].text }))
	assert.Equal(t, widget.DangerImportance, get(h, func() widget.Importance { return p.results.lines[1].imp }))

	press("(", "1", ".", "5", "+", "2", ")", "**", "2", calcEquals)
	h.eventually(func() bool { return len(p.results.lines) == 3 })
	assert.Equal(t, "(1.5+2)**2 = 12.25", get(h, func() string { return p.results.lines[2].text }))

	// Enter in the expression box works like "=".
	h.ui.run(func() {
		test.Type(p.expr, "7//2")
		p.expr.OnSubmitted(p.expr.Text)
	})
	h.eventually(func() bool { return len(p.results.lines) == 4 })
	assert.Equal(t, "7//2 = 3", get(h, func() string { return p.results.lines[3].text }))
}

func TestRPSPanelKeepsScore(t *testing.T) {
	a := test.NewTempApp(t)
	ui := newTestUI(t)
	srv, _ := startDemoServer(t, "rps", nil)
	h := newClientHarness(t, a, ui)
	h.selectDemo("rps")
	p := activePanel[*rpsPanel](h)
	h.connect(srv.Addr().String())
	assert.Equal(t, "You 0 : 0 Server", get(h, func() string { return p.score.Text }))

	const rounds = 6
	for i := 0; i < rounds; i++ {
		h.ui.run(func() { test.Tap(p.moves[i%3]) })
		h.eventually(func() bool { return len(p.history.lines) == i+1 })
	}
	last := get(h, func() string { return p.history.lines[rounds-1].text })
	m := rpsScore.FindStringSubmatch(last)
	require.NotNil(t, m, "reply %q carries the score", last)
	assert.Equal(t, "You "+m[1]+" : "+m[2]+" Server", get(h, func() string { return p.score.Text }))
	you, _ := strconv.Atoi(m[1])
	them, _ := strconv.Atoi(m[2])
	assert.LessOrEqual(t, you+them, rounds)
	result := get(h, func() string { return p.result.Text })
	assert.Equal(t, strings.TrimSpace(last[:strings.LastIndex(last, "(")]), result, "the verdict is shown without the score")
	wantImp := widget.MediumImportance
	switch {
	case strings.HasPrefix(result, "you win"):
		wantImp = widget.SuccessImportance
	case strings.HasPrefix(result, "you lose"):
		wantImp = widget.DangerImportance
	}
	assert.Equal(t, wantImp, get(h, func() widget.Importance { return p.result.Importance }))
	h.waitTranscript("→ scissors" + markNewline)
}

func TestChatPanelTwoClients(t *testing.T) {
	a := test.NewTempApp(t)
	ui := newTestUI(t)
	srv, _ := startDemoServer(t, "chat", nil)
	alice := newClientHarness(t, a, ui)
	bob := newClientHarness(t, a, ui)
	alice.selectDemo("chat")
	bob.selectDemo("chat")
	pa := activePanel[*chatPanel](alice)
	pb := activePanel[*chatPanel](bob)
	alice.connect(srv.Addr().String())
	bob.connect(srv.Addr().String())

	has := func(p *chatPanel, line string) func() bool {
		return func() bool {
			for _, l := range p.messages.lines {
				if l.text == line {
					return true
				}
			}
			return false
		}
	}
	setNick := func(h *clientHarness, p *chatPanel, name string) {
		h.ui.run(func() {
			p.nick.SetText("")
			test.Type(p.nick, name)
			test.Tap(p.setNick)
		})
	}
	say := func(h *clientHarness, p *chatPanel, text string) {
		h.ui.run(func() {
			test.Type(p.entry, text)
			p.entry.OnSubmitted(p.entry.Text)
		})
	}

	setNick(alice, pa, "alice")
	alice.eventually(func() bool {
		for _, l := range pb.messages.lines {
			if strings.HasPrefix(l.text, "* ") && strings.HasSuffix(l.text, " is now alice") {
				return l.note
			}
		}
		return false
	}, "bob sees alice's new name as a notice")
	setNick(bob, pb, "bob")
	alice.eventually(func() bool {
		for _, l := range pa.messages.lines {
			if strings.HasSuffix(l.text, " is now bob") {
				return true
			}
		}
		return false
	})

	say(alice, pa, "hi bob")
	bob.eventually(has(pb, "alice: hi bob"))
	alice.eventually(has(pa, "alice: hi bob"))
	assert.Equal(t, widget.HighImportance, get(alice, func() widget.Importance {
		return pa.messages.lines[len(pa.messages.lines)-1].imp
	}), "our own lines stand out")
	assert.Empty(t, get(alice, func() string { return pa.entry.Text }))

	say(bob, pb, "hello alice")
	alice.eventually(has(pa, "bob: hello alice"))
	assert.Equal(t, "bob", a.Preferences().String(prefClientNickname), "the last name set is remembered")

	// Bob leaves; alice is told.
	bob.ui.run(func() { test.Tap(bob.tab.connectButton) })
	alice.eventually(has(pa, "* bob left"))

	// Reconnecting says the nickname again by itself.
	bob.connect(srv.Addr().String())
	alice.eventually(func() bool {
		n := 0
		for _, l := range pa.messages.lines {
			if strings.HasSuffix(l.text, " is now bob") {
				n++
			}
		}
		return n == 2
	})
	say(bob, pb, "back")
	alice.eventually(has(pa, "bob: back"))
}

// Panels on their own: fed replies directly, sending into a slice.
func TestPanelsParseReplies(t *testing.T) {
	a := test.NewTempApp(t)
	var sent []string
	send := func(s string) { sent = append(sent, s) }

	g := newGuessPanel(send)
	g.setSession(1)
	g.guess("5")
	g.guess("7")
	g.received("too low")
	g.received("too high")
	assert.Equal(t, []string{"5", "7"}, sent)
	assert.Equal(t, []string{"5 → too low", "7 → too high"}, g.history.texts())
	assert.Equal(t, "The secret is smaller than 7.", g.explain.Text)
	g.received("please send a whole number from 0 to 9")
	assert.Equal(t, widget.DangerImportance, g.reply.Importance)
	assert.Equal(t, 2, g.tries, "a reply that is not a verdict is not a try")

	pw := newPasswordPanel(send)
	pw.setSession(1)
	pw.received("access denied")
	pw.received("access denied")
	assert.Equal(t, "Attempts left: 1 of 3", pw.attempts.Text)
	pw.received("access granted")
	assert.Equal(t, "Attempts left: 3 of 3", pw.attempts.Text)
	pw.received("too many attempts")
	assert.True(t, pw.locked)
	assert.True(t, pw.entry.Disabled())
	pw.setSession(2)
	assert.False(t, pw.locked, "a new connection unlocks")

	r := newRPSPanel(send, false)
	r.setSession(1)
	r.received("draw: both chose rock (you 0, server 0)")
	r.received("you lose: paper beats rock (you 0, server 1)")
	r.received("you win: scissors beats paper (you 1, server 1)")
	assert.Equal(t, "You 1 : 1 Server", r.score.Text)
	assert.Equal(t, "you win: scissors beats paper", r.result.Text)
	r.received("please send rock, paper or scissors")
	assert.Equal(t, "You 1 : 1 Server", r.score.Text, "a complaint does not touch the score")
	assert.Equal(t, widget.DangerImportance, r.result.Importance)

	d := newRPSPanel(send, true)
	d.received("you win: rock beats scissors (you 1, them 0)")
	assert.Equal(t, "You 1 : 0 Opponent", d.score.Text)

	sent = nil
	c := newCalcPanel(send)
	c.setSession(1)
	c.expr.SetText("2**10")
	c.onEqualsTapped()
	c.received("1024")
	assert.Equal(t, []string{"2**10"}, sent)
	assert.Equal(t, []string{"2**10 = 1024"}, c.results.texts())

	sent = nil
	prefs := a.Preferences()
	prefs.SetString(prefClientNickname, "zoe")
	ch := newChatPanel(send, prefs)
	ch.setSession(1)
	assert.Equal(t, []string{"/nick zoe"}, sent, "a remembered nickname is said on connecting")
	ch.received("* 127.0.0.1:5000 joined")
	ch.received("zoe: hi")
	ch.received("server: class ends at 3")
	ch.received("error: a name has at most 32 characters and no ':'")
	assert.True(t, ch.messages.lines[0].note)
	imps := []widget.Importance{widget.MediumImportance, widget.HighImportance, widget.WarningImportance, widget.DangerImportance}
	for i, l := range ch.messages.lines {
		assert.Equal(t, imps[i], l.imp, l.text)
	}
	ch.setSession(0)
	ch.setSession(1)
	assert.Len(t, sent, 1, "the same connection does not repeat /nick")
}

func TestReplyListIsBounded(t *testing.T) {
	test.NewTempApp(t)
	l := newReplyList(3, newestOnTop, false)
	for i := 0; i < 10; i++ {
		l.add(strconv.Itoa(i), widget.MediumImportance)
	}
	assert.Equal(t, []string{"7", "8", "9"}, l.texts())
}
