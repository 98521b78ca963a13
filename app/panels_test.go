package app

import (
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/socketlab/socketlab/netcore/calc"
	"github.com/socketlab/socketlab/netcore/demos"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
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
	ui := newTestPump(t)
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
	ui := newTestPump(t)
	srv, log := startDemoServer(t, "password", func(c *netcore.Config) {
		c.Demo, _ = demos.New("password", demos.Values{"password": "opensesame"}, nil)
	})
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
	assert.Contains(t, get(h, func() string { return p.attempts.Text }), "Connect again later")
	h.waitStatus("disconnected: ")

	// Passwords never appear in the transcript, though the server got them.
	h.waitTranscript("→ •••••• (password hidden)" + markNewline)
	all := strings.Join(h.transcriptLines(), "\n")
	for _, pw := range []string{"letmein", "opensesame", "nope0", "nope2"} {
		assert.NotContains(t, all, pw)
	}
	require.Eventually(t, func() bool { return len(log.received()) == 5 }, 5*time.Second, 5*time.Millisecond)

	// Reconnecting buys no attempts: this computer must wait. (The
	// server hangs up at once, so "connected" may show only briefly.)
	h.typeAddress(srv.Addr().String())
	h.ui.run(func() { test.Tap(h.tab.connectButton) })
	h.eventually(func() bool { return p.result.Text == "too many attempts - wait 5 s" })
	assert.True(t, get(h, func() bool { return p.submit.Disabled() }))
	assert.Contains(t, get(h, func() string { return p.attempts.Text }), "must wait")
	h.waitStatus("disconnected: ")
}

func TestCalcPanelKeypad(t *testing.T) {
	if _, err := calc.Evaluate("1+1"); err != nil {
		t.Skip("netcore has no calculator yet:", err)
	}
	a := test.NewTempApp(t)
	ui := newTestPump(t)
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
	ui := newTestPump(t)
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
	// The score as docs/protocols.md writes it, spelled out here to guard the spec.
	m := regexp.MustCompile(`\(you (\d+), server (\d+)\)$`).FindStringSubmatch(last)
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
	ui := newTestPump(t)
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

	g := newGuessPanel(send, nil)
	g.setSession(1)
	g.guess("5")
	g.guess("7")
	g.received("too low")
	g.received("too high")
	assert.Equal(t, []string{"5", "7"}, sent)
	assert.Equal(t, []string{"5 → too low", "7 → too high"}, g.history.texts())
	assert.Equal(t, "The secret is smaller than 7. It can only be 6.", g.explain.Text, "what the two verdicts leave")
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
	d.setSession(1)
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
	ch.received("* 127.0.0.1:5000 is now zoe")
	ch.received("zoe: hi")
	ch.received("server: class ends at 3")
	ch.received(demos.ChatNameTooLong)
	assert.True(t, ch.messages.lines[0].note)
	imps := []widget.Importance{widget.MediumImportance, widget.MediumImportance, widget.HighImportance, widget.WarningImportance, widget.DangerImportance}
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

// mancalaPlayers connects two tabs to one mancala server, in order, so the
// first moves first.
func mancalaPlayers(t *testing.T) (one, two *clientHarness, p1, p2 *mancalaPanel) {
	a := test.NewTempApp(t)
	ui := newTestPump(t)
	srv, _ := startDemoServer(t, "mancala", nil)
	one = newClientHarness(t, a, ui)
	two = newClientHarness(t, a, ui)
	one.selectDemo("mancala")
	two.selectDemo("mancala")
	p1 = activePanel[*mancalaPanel](one)
	p2 = activePanel[*mancalaPanel](two)
	one.connect(srv.Addr().String())
	one.eventually(func() bool { return strings.HasPrefix(p1.status.Text, "Waiting for an opponent") })
	two.connect(srv.Addr().String())
	return one, two, p1, p2
}

// pitTexts is a row of pits as shown, left to right.
func pitTexts(h *clientHarness, pits [mancalaPits]*widget.Button) []string {
	return get(h, func() []string {
		var out []string
		for _, b := range pits {
			out = append(out, b.Text)
		}
		return out
	})
}

func enabledPits(h *clientHarness, p *mancalaPanel) []int {
	return get(h, func() []int {
		var out []int
		for i, b := range p.yours {
			if !b.Disabled() {
				out = append(out, i+1)
			}
		}
		return out
	})
}

func TestMancalaPanelTwoPlayers(t *testing.T) {
	one, two, p1, p2 := mancalaPlayers(t)
	one.eventually(func() bool { return p1.status.Text == "Your turn: click one of your pits" })
	two.eventually(func() bool { return p2.status.Text == "Their turn: waiting for your opponent" })
	assert.True(t, strings.HasPrefix(get(one, func() string { return p1.history.lines[len(p1.history.lines)-1].text }), "matched with "))
	assert.Equal(t, []int{1, 2, 3, 4, 5, 6}, enabledPits(one, p1))
	assert.Empty(t, enabledPits(two, p2), "not your turn: nothing to click")
	assert.Equal(t, []string{"4", "4", "4", "4", "4", "4"}, pitTexts(one, p1.yours))
	assert.Equal(t, "0", get(one, func() string { return p1.yourStore.Text }))

	// Pit 3's four stones end in the store: another turn.
	one.ui.run(func() { test.Tap(p1.yours[2]) })
	one.waitTranscript("→ 3" + markNewline)
	one.eventually(func() bool { return p1.status.Text == "Last stone in your store: you move again!" })
	assert.Equal(t, []string{"4", "4", "0", "5", "5", "5"}, pitTexts(one, p1.yours))
	assert.Equal(t, "1", get(one, func() string { return p1.yourStore.Text }))
	assert.Contains(t, get(one, func() []string { return p1.history.texts() }), "last stone in your store: you move again")
	assert.Equal(t, []int{1, 2, 4, 5, 6}, enabledPits(one, p1), "an empty pit cannot be played")
	// The opponent sees the same board from across: their row is ours.
	two.eventually(func() bool { return p2.theirStore.Text == "1" })
	assert.Equal(t, []string{"4", "4", "0", "5", "5", "5"}, pitTexts(two, p2.theirs))
	assert.Equal(t, "Their turn: waiting for your opponent", get(two, func() string { return p2.status.Text }))

	// Play a whole game: whoever has the turn clicks their first pit.
	deadline := time.Now().Add(30 * time.Second)
	over := func(h *clientHarness, p *mancalaPanel) bool {
		return get(h, func() bool { return strings.HasPrefix(p.result, "Game over: ") })
	}
	moves := 1
	for !(over(one, p1) && over(two, p2)) {
		require.True(t, time.Now().Before(deadline), "the game should end")
		played := false
		for _, pl := range []struct {
			h *clientHarness
			p *mancalaPanel
		}{{one, p1}, {two, p2}} {
			if pits := enabledPits(pl.h, pl.p); len(pits) > 0 && !over(pl.h, pl.p) {
				pl.h.ui.run(func() { test.Tap(pl.p.yours[pits[0]-1]) })
				moves++
				played = true
			}
		}
		if !played {
			time.Sleep(2 * time.Millisecond)
		}
	}
	r1 := get(one, func() string { return p1.result })
	r2 := get(two, func() string { return p2.result })
	t.Logf("game over after %d moves: %q / %q", moves, r1, r2)
	won := func(h *clientHarness, p *mancalaPanel) [3]int {
		return get(h, func() [3]int { return [3]int{p.won, p.lost, p.drawn} })
	}
	switch {
	case strings.HasPrefix(r1, "Game over: you win"):
		assert.True(t, strings.HasPrefix(r2, "Game over: you lose"), r2)
		assert.Equal(t, [3]int{1, 0, 0}, won(one, p1))
		assert.Equal(t, [3]int{0, 1, 0}, won(two, p2))
		assert.Equal(t, widget.SuccessImportance, get(one, func() widget.Importance { return p1.resultImp }))
		assert.Equal(t, "Games: won 1, lost 0, drawn 0", get(one, func() string { return p1.score }))
		assert.Equal(t, r1+"    "+"Games: won 1, lost 0, drawn 0", get(one, func() string { return p1.outcome.String() }), "shown")
	case strings.HasPrefix(r1, "Game over: you lose"):
		assert.True(t, strings.HasPrefix(r2, "Game over: you win"), r2)
		assert.Equal(t, [3]int{0, 1, 0}, won(one, p1))
		assert.Equal(t, widget.DangerImportance, get(one, func() widget.Importance { return p1.resultImp }))
	default:
		assert.True(t, strings.HasPrefix(r1, "Game over: draw"), r1)
		assert.True(t, strings.HasPrefix(r2, "Game over: draw"), r2)
	}
	// A new game starts at once, the other player first, with a full board.
	two.eventually(func() bool { return p2.status.Text == "Your turn: click one of your pits" })
	assert.Equal(t, []string{"4", "4", "4", "4", "4", "4"}, pitTexts(two, p2.yours))
	assert.Contains(t, get(two, func() []string { return p2.history.texts() }), "new game")

	// One player leaves: the other is told and waits.
	one.ui.run(func() { test.Tap(one.tab.connectButton) })
	two.eventually(func() bool { return p2.status.Text == "Your opponent left: waiting for a new one" })
	assert.Contains(t, get(two, func() []string { return p2.history.texts() }), "your opponent left")
	two.eventually(func() bool {
		h := p2.history.texts()
		return h[len(h)-1] == "waiting for an opponent"
	})
	assert.Equal(t, "Your opponent left: waiting for a new one", get(two, func() string { return p2.status.Text }), "the news stays")
	assert.Empty(t, enabledPits(two, p2))
}

func TestMancalaPanelCatchesUpWhenChosenLate(t *testing.T) {
	a := test.NewTempApp(t)
	ui := newTestPump(t)
	srv, _ := startDemoServer(t, "mancala", nil)
	one := newClientHarness(t, a, ui)
	two := newClientHarness(t, a, ui)
	// Both connect with the echo panel still showing, as students do.
	one.connect(srv.Addr().String())
	two.connect(srv.Addr().String())
	one.waitTranscript("← your turn: send a pit number from 1 to 6" + markNewline)
	one.selectDemo("mancala")
	p1 := activePanel[*mancalaPanel](one)
	assert.Equal(t, "Your turn: click one of your pits", get(one, func() string { return p1.status.Text }))
	assert.Equal(t, []int{1, 2, 3, 4, 5, 6}, enabledPits(one, p1))

	// Away and back in the same connection: what came meanwhile is read.
	one.selectDemo("echo")
	one.ui.run(func() { one.tab.sendLine("1") })
	one.waitTranscript("← their turn: waiting for your opponent" + markNewline)
	one.selectDemo("mancala")
	assert.Equal(t, "Their turn: waiting for your opponent", get(one, func() string { return p1.status.Text }))
	assert.Equal(t, []string{"0", "5", "5", "5", "5", "4"}, pitTexts(one, p1.yours))
	matched := 0
	for _, l := range get(one, func() []string { return p1.history.texts() }) {
		if strings.HasPrefix(l, "matched with ") {
			matched++
		}
	}
	assert.Equal(t, 1, matched, "nothing read twice")
}

func TestDuelPanelTwoPlayers(t *testing.T) {
	a := test.NewTempApp(t)
	ui := newTestPump(t)
	srv, _ := startDemoServer(t, "duel", nil)
	one := newClientHarness(t, a, ui)
	two := newClientHarness(t, a, ui)
	assert.Contains(t, get(one, func() []string { return one.tab.demoSelect.Options }), demoOptionOf("duel"), "the picker offers the duel")
	one.selectDemo("duel")
	two.selectDemo("duel")
	p1 := activePanel[*rpsPanel](one)
	p2 := activePanel[*rpsPanel](two)
	assert.Equal(t, "You 0 : 0 Opponent", get(one, func() string { return p1.score.Text }))

	one.connect(srv.Addr().String())
	one.eventually(func() bool { return strings.HasPrefix(p1.who.Text, "Waiting for an opponent") })
	assert.Equal(t, widget.WarningImportance, get(one, func() widget.Importance { return p1.who.Importance }))
	two.connect(srv.Addr().String())
	two.eventually(func() bool { return strings.HasPrefix(p2.who.Text, "Playing against 127.0.0.1:") })
	one.eventually(func() bool { return strings.HasPrefix(p1.who.Text, "Playing against 127.0.0.1:") })
	assert.Equal(t, "Matched: pick a move", get(one, func() string { return p1.result.Text }))

	one.ui.run(func() { test.Tap(p1.moves[0]) }) // rock
	one.eventually(func() bool { return p1.result.Text == "You chose rock: waiting for your opponent" })
	assert.Empty(t, get(one, func() []string { return p1.history.texts() }), "waiting is not a round")
	two.ui.run(func() { test.Tap(p2.moves[2]) }) // scissors
	one.eventually(func() bool { return p1.result.Text == "you win: rock beats scissors" })
	two.eventually(func() bool { return p2.result.Text == "you lose: rock beats scissors" })
	assert.Equal(t, "You 1 : 0 Opponent", get(one, func() string { return p1.score.Text }))
	assert.Equal(t, "You 0 : 1 Opponent", get(two, func() string { return p2.score.Text }))
	assert.Equal(t, widget.SuccessImportance, get(one, func() widget.Importance { return p1.result.Importance }))
	assert.Equal(t, []string{"you win: rock beats scissors (you 1, them 0)"}, get(one, func() []string { return p1.history.texts() }))

	// The opponent leaves: told, and back to waiting.
	two.ui.run(func() { test.Tap(two.tab.connectButton) })
	one.eventually(func() bool { return p1.who.Text == "Your opponent left: waiting for a new one" })
	two.eventually(func() bool { return strings.HasPrefix(p2.who.Text, "Connect, and the server pairs you") })
}

// The mancala panel on its own, fed the server's lines.
func TestMancalaPanelParsesReplies(t *testing.T) {
	test.NewTempApp(t)
	var sent []string
	p := newMancalaPanel(func(s string) { sent = append(sent, s) })
	assert.Equal(t, "Connect to play", p.status.Text)
	p.setSession(1)
	for _, line := range []string{
		"matched with 10.0.0.2:5000: they move first",
		"      6   5   4   3   2   1     their pits",
		"    [ 4][ 4][ 4][ 4][ 4][ 4]",
		"[ 0]                        [ 0]",
		"    [ 4][ 4][ 4][ 4][ 4][ 4]",
		"      1   2   3   4   5   6     your pits",
		"board 0 1 2 3 4 5 6 7 8 9 10 11 12 13",
		"their turn: waiting for your opponent",
	} {
		p.received(line)
	}
	assert.Equal(t, []string{"matched with 10.0.0.2:5000: they move first"}, p.history.texts(), "the drawing stays in the transcript")
	assert.Equal(t, "Their turn: waiting for your opponent", p.status.Text)
	var yours, theirs []string
	for i := range mancalaPits {
		yours = append(yours, p.yours[i].Text)
		theirs = append(theirs, p.theirs[i].Text)
	}
	assert.Equal(t, []string{"0", "1", "2", "3", "4", "5"}, yours)
	assert.Equal(t, "6", p.yourStore.Text)
	assert.Equal(t, []string{"7", "8", "9", "10", "11", "12"}, theirs)
	assert.Equal(t, "13", p.theirStore.Text)
	for _, b := range p.yours {
		assert.True(t, b.Disabled())
	}

	p.received("your turn: send a pit number from 1 to 6")
	assert.True(t, p.yours[0].Disabled(), "pit 1 is empty")
	assert.False(t, p.yours[1].Disabled())
	assert.Equal(t, widget.HighImportance, p.yours[1].Importance)
	p.onPitTapped(2)
	assert.Equal(t, []string{"2"}, sent)
	assert.True(t, p.yours[1].Disabled(), "no second move before the answer")
	p.onPitTapped(3)
	assert.Len(t, sent, 1)

	p.received("pit 1 is empty: pick another")
	assert.Equal(t, widget.WarningImportance, p.status.Importance)
	p.received("game over: draw 24 to 24")
	assert.Equal(t, "Game over: draw 24 to 24", p.result)
	assert.Equal(t, "Games: won 0, lost 0, drawn 1", p.score)
	p.received("game over: you lose 20 to 28")
	assert.Equal(t, widget.DangerImportance, p.resultImp)
	assert.Equal(t, theme.ColorNameError, p.outcome.Segments[0].(*widget.TextSegment).Style.ColorName)
	p.received("board garbage")
	assert.Equal(t, "13", p.theirStore.Text, "a line it cannot read changes nothing")

	// Hidden (another panel chosen) and back: the status comes back too.
	p.received("their turn: waiting for your opponent")
	p.setSession(0)
	assert.Equal(t, "Connect to play", p.status.Text)
	p.setSession(1)
	assert.Equal(t, "Their turn: waiting for your opponent", p.status.Text)
	assert.Equal(t, "Games: won 0, lost 1, drawn 1", p.score, "the same connection keeps its score")
	p.setSession(2)
	assert.Equal(t, "Games: won 0, lost 0, drawn 0", p.outcome.String())
	assert.Equal(t, "–", p.yours[0].Text, "no board until the server sends one")
}

// The panels recognise replies by the fixed parts of the demos' formats;
// the literal texts here are the wire spec.
func TestRepliesRecognisedFromTheDemosFormats(t *testing.T) {
	assert.Equal(t, "game over: you win ", mancalaWin)
	assert.Equal(t, " is empty: pick another", mancalaEmptyPitEnd)
	assert.Equal(t, "board ", mancalaBoard)
	v, you, them, ok := splitScore("you win: rock beats scissors (you 1, server 0)", demos.RPSScoreFormat)
	assert.True(t, ok)
	assert.Equal(t, []any{"you win: rock beats scissors", 1, 0}, []any{v, you, them})
	v, you, them, ok = splitScore("draw: both chose paper (you 2, them 3)", demos.DuelScoreFormat)
	assert.True(t, ok)
	assert.Equal(t, []any{"draw: both chose paper", 2, 3}, []any{v, you, them})
	_, _, _, ok = splitScore("please send rock, paper or scissors", demos.RPSScoreFormat)
	assert.False(t, ok)
}
