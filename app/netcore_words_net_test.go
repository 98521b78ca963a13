package app

import (
	"context"
	"fmt"
	"net"
	"strconv"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/socketlab/socketlab/netcore"
	"github.com/socketlab/socketlab/netcore/reach"
)

// The Server tab's reachability check of an address nothing listens on,
// shown in German: every sentence netcore found is worded in German with
// netcore's values (the address, the port) in it, while the findings keep
// netcore's English for the command line.
func TestReachFindingsShowInGerman(t *testing.T) {
	useLanguage(t, "de")
	test.NewTempApp(t)
	w := test.NewWindow(nil)
	defer w.Close()
	w.Resize(fyne.NewSize(1000, 700))

	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	bound := ln.Addr()
	ln.Close() // nothing listens there any more
	port := strconv.Itoa(bound.(*net.TCPAddr).Port)
	findings := reach.CheckServer(context.Background(), "tcp", bound, nil, nil)
	require.Len(t, findings, 3)
	assert.Contains(t, findings[1].Text, "Nothing listens at "+bound.String()+" from this computer", "netcore keeps its English")

	showFindings(w, "x", findings)
	text := overlayText(w)
	assert.Contains(t, text, "Der Server lauscht auf Loopback (nur dieser Computer)")
	assert.Contains(t, text, "An "+bound.String()+" lauscht von diesem Computer aus gesehen nichts")
	assert.Contains(t, text, "gib Port "+port+" frei")
	assert.NotContains(t, text, "Nothing listens")
}

// A refused connection's advice in French, where the Client tab says why
// it could not connect, with the address filled in.
func TestConnectRefusedAdviceShowsInFrench(t *testing.T) {
	useLanguage(t, "fr")
	a := test.NewTempApp(t)
	ui := newTestPump(t)
	addr := net.JoinHostPort("127.0.0.1", strconv.Itoa(freePort(t)))

	h := newClientHarness(t, a, ui)
	h.typeAddress(addr)
	h.ui.run(func() { test.Tap(h.tab.connectButton) })
	require.Eventually(t, func() bool { return strings.Contains(h.status(), "connexion refusée") }, 5*time.Second, 5*time.Millisecond)
	assert.Contains(t, h.status(), "connexion refusée — le serveur est-il démarré sur "+addr+" ?")
}

// A port in use, in French, in the Server tab's error dialog and log.
func TestServerPortInUseShowsInFrench(t *testing.T) {
	useLanguage(t, "fr")
	h := newServerHarness(t)
	busy, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	defer busy.Close()
	port := strconv.Itoa(busy.Addr().(*net.TCPAddr).Port)

	h.tab.ifaceSelect.SetSelected(ifaceLoopLabel())
	h.tab.portEntry.SetText(port)
	test.Tap(h.tab.startButton)
	// Fyne's error dialog capitalises the first letter: "Le port …".
	want := "port " + port + " sur 127.0.0.1 est déjà utilisé — choisis-en un autre ou arrête l'autre serveur"
	h.eventually(func() bool { return strings.Contains(overlayText(h.win), want) }, "the dialog says it in French")
	assert.True(t, h.logHas("error", want))
}

// netErrorText words the advice in place, so what the app wrapped around
// it stays, and leaves any other error as it is; netError still unwraps to
// the system's error.
func TestNetErrorTextWordsTheAdviceInPlace(t *testing.T) {
	useLanguage(t, "de")
	fe := &netcore.FriendlyError{Code: netcore.FriendlyNoRoute, Values: map[string]string{"host": "10.0.0.9"}, Err: net.ErrClosed}
	assert.Equal(t, "no route to 10.0.0.9 — are both computers on the same network?", fe.Error())
	wrapped := fmt.Errorf("TLS: %w (try again)", fe)
	assert.Equal(t, "TLS: Keine Route zu 10.0.0.9 – sind beide Computer im selben Netzwerk? (try again)", netErrorText(wrapped))
	assert.Equal(t, "plain", netErrorText(fmt.Errorf("plain")))
	assert.ErrorIs(t, netError(wrapped), net.ErrClosed)
	assert.Nil(t, netError(nil))
}
