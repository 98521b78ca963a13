package app

import (
	"testing"

	"fyne.io/fyne/v2/test"
	"github.com/stretchr/testify/assert"

	"github.com/socketlab/socketlab/netcore/demos"
)

// The panels speak the student's language; the server's replies, and what
// the buttons send, stay the wire's English.
func TestPanelsAreWordedInGerman(t *testing.T) {
	test.NewTempApp(t)
	useLanguage(t, "de")
	var sent []string
	send := func(s string) { sent = append(sent, s) }

	pw := newPasswordPanel(send)
	pw.setSession(1)
	pw.received(demos.AccessDenied)
	assert.Equal(t, "Verbleibende Versuche: 2 von 3", pw.attempts.Text)
	assert.Equal(t, []string{"Versuch 1: access denied"}, pw.history.texts(), "the reply as sent, in a German line")
	pw.received(demos.TooManyAttempts)
	assert.Equal(t, "too many attempts: gesperrt", pw.result.Text)

	g := newGuessPanel(send, nil)
	g.setSession(1)
	assert.Equal(t, "Der Server hat sich eine Geheimzahl von 0 bis 9 ausgedacht. Klick auf eine Zahl.", g.explain.Text)
	g.guess("5")
	g.received(demos.TooLow)
	assert.Equal(t, "Die Geheimzahl ist größer als 5. Sie liegt zwischen 6 und 9.", g.explain.Text)
	g.guess("7")
	g.received(demos.FoundSecret)
	assert.Contains(t, g.explain.Text, "gefunden mit 2 Versuchen")
	g.low.SetText("9")
	g.high.SetText("3")
	assert.Equal(t, "die kleinste Zahl darf nicht größer als die größte sein", g.rangeNote.Text)

	r := newRPSPanel(send, true)
	assert.Equal(t, "Zum Spielen verbinden", r.result.Text)
	assert.Equal(t, []string{"Stein", "Papier", "Schere"}, buttonTexts(r.moves))
	r.setSession(1)
	sent = nil
	test.Tap(r.moves[0])
	assert.Equal(t, []string{demos.Rock}, sent, "a German button sends the wire's word")
	r.received("you win: rock beats scissors (you 1, them 0)")
	assert.Equal(t, "Du 1 : 0 Gegner", r.score.Text)

	m := newMancalaPanel(send)
	m.setSession(1)
	m.received(demos.OpponentLeft)
	assert.Equal(t, "Dein Gegner ist weg: warte auf einen neuen", m.status.Text)
	m.received(demos.WaitingForOpponent)
	assert.Equal(t, "Dein Gegner ist weg: warte auf einen neuen", m.status.Text, "the news that they left stays, in German too")
}
