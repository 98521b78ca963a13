package app

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/socketlab/socketlab/app/i18n"
	"github.com/socketlab/socketlab/netcore/demos"
	"github.com/socketlab/socketlab/netcore/discovery"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/socketlab/socketlab/netcore"
)

const (
	transportTCP = "TCP"
	transportUDP = "UDP"

	// clientsRefreshEvery keeps byte counters moving while nobody
	// connects or leaves.
	clientsRefreshEvery = time.Second
	maxClientsLimit     = 10000

	// stopGrace bounds how long a stopping server may take to close its
	// connections before they are cut; the UI goroutine never waits longer.
	stopGrace = 5 * time.Second

	// bannerMinHeight keeps the banner's title row and the address in
	// view however short the window is.
	bannerMinHeight = 110
)

type serverState int

const (
	serverStopped serverState = iota
	serverStarting
	serverRunning
	serverStopping
)

// serverRun is one Start…Stop of a server and the goroutine serving it.
type serverRun struct {
	srv     *netcore.Server
	started chan struct{} // closed when Start has returned
	done    chan struct{} // closed when no goroutine of this run is left

	// The announcer starts once the event goroutine has logged
	// "listening", is switched by the Announce check (UI goroutine) and
	// stops with Stop or the end of the event stream, so it is guarded.
	discoveryPort int
	annMu         sync.Mutex
	ann           *discovery.Announcer
	annWant       bool // the Announce check is on
	annReady      bool // the server listens
	annEnded      bool // the run is over: never announce again
}

// serverTab is the Server tab: pick a demo, start it, watch who connects.
type serverTab struct {
	content fyne.CanvasObject

	app   fyne.App
	win   fyne.Window
	pump  *uiPump
	prefs fyne.Preferences
	// clientsSlot refreshes the clients list: when someone connects or
	// leaves, and every clientsRefreshEvery for the byte counters.
	clientsSlot *uiSlot

	demos      []netcore.DemoInfo
	demo       netcore.DemoInfo
	portEdited bool // the user typed a port: changing demo keeps it
	settingPrt bool // the tab itself is changing the port text
	ifaces     []ifaceChoice

	demoSelect    *widget.Select
	demoDesc      *widget.Label
	transport     *widget.RadioGroup
	transportTip  *widget.Label
	ifaceSelect   *widget.Select
	ifaceRescan   *widget.Button
	portEntry     *widget.Entry
	portTip       *widget.Label
	settings      *demoSettings // the chosen demo's own settings
	maxClients    *widget.Entry
	maxPerAddress *widget.Entry
	serveMode     *widget.RadioGroup
	announce      *widget.Check
	tlsCheck      *widget.Check // server_tls.go
	tlsTip        *widget.Label
	allowEntry    *widget.Entry
	startButton   *widget.Button
	stopButton    *widget.Button
	status        *widget.Label
	statusBox     *container.Scroll // status, in a box of fixed height

	// Check mode (server_check.go).
	checkClients   *widget.Check
	verdictsButton *widget.Button
	verdicts       *clientVerdicts

	bannerTitle *widget.Label
	bannerAddr  *widget.Label
	bannerRow   *fyne.Container // the address and its copy button
	bannerNote  *widget.Label
	bannerTLS   *widget.Label // the certificate's fingerprint (server_tls.go)
	copyButton  *widget.Button
	copyText    string
	reachButton *widget.Button
	// reachCancel stops the reachability check in progress (nil: none);
	// shutdown waits for it with reachWG.
	reachCancel context.CancelFunc
	reachWG     sync.WaitGroup

	clients      []netcore.ClientInfo
	clientList   *widget.List
	clientsTitle *widget.Label
	noClients    *widget.Label
	selectedID   int // client chosen for "Send to selected"; 0 = none
	syncingSel   bool
	message      *widget.Entry
	sendMode     *widget.Select // Text / Escapes / Hex (send_mode.go)
	sendButton   *widget.Button
	castButton   *widget.Button

	log *logView

	// onEvent, when set, sees every server event (the Lessons tab follows
	// along). It is called on the event goroutine, so it must be safe from
	// any goroutine and must not block. Set it before the first start.
	onEvent func(netcore.Event)
	// discoveryPort is where announcements go: netcore.DiscoveryPort, or a
	// test browser's port on loopback.
	discoveryPort int

	state serverState
	run   *serverRun
}

// newServerTab builds the tab; its goroutines hand the UI work through
// pump. Call shutdown when the window closes.
func newServerTab(a fyne.App, w fyne.Window, pump *uiPump) *serverTab {
	t := &serverTab{
		app:   a,
		win:   w,
		pump:  pump,
		prefs: a.Preferences(),
		demos: demos.All(),

		discoveryPort: discovery.Port,
	}
	t.log = newLogView(w, pump, i18n.T("server.log.who"), "socketlab-server-log.txt")
	t.clientsSlot = pump.register(t.onClientsDue, clientsRefreshEvery)
	t.content = t.build()
	t.restorePrefs()
	t.setState(serverStopped)
	return t
}

func (t *serverTab) build() fyne.CanvasObject {
	split := container.NewHSplit(t.buildSettings(), t.buildMonitor())
	split.Offset = 0.3
	return split
}

// buildMonitor is the right of the tab: the banner with the address, the
// clients, the log.
func (t *serverTab) buildMonitor() fyne.CanvasObject {
	clients := t.buildClients()
	// The clients list gets clientsWantRows where the window allows,
	// and on a tall one a fair share; its header and send row are the
	// rest of its minimum.
	chrome := clients.MinSize().Height - t.clientList.MinSize().Height
	split := container.NewVSplit(clients, t.log.content)
	split.Offset = 0.4
	monitor := preferTop(split, chrome+clientRowsHeight(clientsWantRows), 0.4)
	// On a short screen the banner gives up its note (it scrolls) before
	// the clients and the log lose their rows.
	return squeezeTop(container.NewPadded(t.buildBanner()), monitor, bannerMinHeight)
}

// onStartTapped starts the server off the UI goroutine: binding is quick
// but it is network work all the same.
func (t *serverTab) onStartTapped() {
	if t.state != serverStopped {
		return
	}
	cfg, err := t.config()
	if err == nil {
		var srv *netcore.Server
		if srv, err = netcore.NewServer(cfg); err == nil {
			t.savePrefs()
			t.start(srv)
			return
		}
	}
	t.settings.pointAt(t.demo.Name, err)
	t.showError(err)
}

func (t *serverTab) start(srv *netcore.Server) {
	run := &serverRun{
		srv:     srv,
		started: make(chan struct{}),
		done:    make(chan struct{}),

		discoveryPort: t.discoveryPort,
		annWant:       t.announce.Checked,
	}
	t.run = run
	t.log.wire.setSource(t.serverWire(run))
	t.setState(serverStarting)
	// Batches, taken before Start so that none goes to Events: one
	// hand-over per 10 ms under load instead of one per event.
	events := srv.EventBatches()
	go func() {
		if err := srv.Start(); err != nil {
			srv.Close() // closes the event stream; nothing was bound, so it is quick
			close(run.started)
			close(run.done)
			t.pump.post(func() { t.onStartFailed(run, err) })
			return
		}
		close(run.started)
		go t.consumeEvents(run, events)
		t.pump.post(func() { t.onStarted(run) })
	}()
}

// consumeEvents feeds one run's events to the log until Stop closes the
// stream, then winds the run down.
func (t *serverTab) consumeEvents(run *serverRun, batches <-chan []netcore.Event) {
	for batch := range batches {
		for _, e := range batch {
			t.consumeEvent(run, e)
		}
	}
	t.endAnnouncing(run)
	close(run.done)
	t.pump.post(func() { t.onStopped(run) })
}

// consumeEvent hands one event to the log, the clients list and the
// Lessons tab (a copy: the batch it came in is reused).
func (t *serverTab) consumeEvent(run *serverRun, e netcore.Event) {
	t.log.AppendEvent(e)
	if e.Kind == netcore.EventListening {
		// After the "listening" row, so the log reads in order.
		t.announceReady(run)
	}
	if t.onEvent != nil {
		t.onEvent(e)
	}
	switch e.Kind {
	case netcore.EventAccepted, netcore.EventClosed, netcore.EventWaiting:
		t.clientsSlot.markDirty()
	}
}

func (t *serverTab) onStarted(run *serverRun) {
	if t.run != run || t.state != serverStarting {
		return
	}
	t.setState(serverRunning)
	t.noteTLSAndAllow(run.srv.Config())
	t.refreshClients()
}

func (t *serverTab) onStartFailed(run *serverRun, err error) {
	if t.run == run {
		t.run = nil
		t.setState(serverStopped)
	}
	if addressGone(err) {
		// The network changed since the list was made (Wi-Fi switched,
		// cable unplugged): offer the addresses there are now.
		t.onRescanTapped()
		err = fmt.Errorf("%w\n\n%s", err, i18n.T("server.error.rescanned"))
	}
	t.showError(err)
}

// addressGone reports a bind failure because the address is no longer one
// of this computer's.
func addressGone(err error) bool {
	return errors.Is(err, syscall.EADDRNOTAVAIL) || strings.Contains(err.Error(), "not an address of this computer")
}

func (t *serverTab) onStopTapped() {
	run := t.run
	if run == nil || t.state != serverRunning {
		return
	}
	t.setState(serverStopping)
	// Nobody should find a server that is going away.
	t.endAnnouncing(run)
	// Shutdown waits for every connection to end: never on the UI
	// goroutine. Past the grace the connections are already force-closed,
	// so the server still ends on its own and consumeEvents sees it.
	go func() {
		ctx, cancel := context.WithTimeout(context.Background(), stopGrace)
		defer cancel()
		run.srv.Shutdown(ctx)
	}()
}

func (t *serverTab) onStopped(run *serverRun) {
	if t.run != run {
		return
	}
	t.log.SetDropped(run.srv.Dropped())
	t.run = nil
	t.setState(serverStopped)
	releaseMemoryLater()
}

// shutdown stops the server when the window closes. It may block briefly
// while connections end.
func (t *serverTab) shutdown() {
	if t.demo.Name != "" {
		t.savePrefs()
	}
	if t.reachCancel != nil {
		t.reachCancel()
	}
	t.reachWG.Wait()
	if run := t.run; run != nil {
		<-run.started
		// The announcer stops when the event stream ends (run.done). The
		// window is closing: wait at most stopGrace for the server.
		ctx, cancel := context.WithTimeout(context.Background(), stopGrace)
		run.srv.Shutdown(ctx)
		select {
		case <-run.done:
		case <-ctx.Done():
		}
		cancel()
	}
}

// showError puts an error in a dialog and in the log. netcore's errors
// already say what to do ("…already in use — pick another port…").
func (t *serverTab) showError(err error) {
	err = netError(err)
	t.log.Append(logRow{Time: time.Now(), Who: "server", Kind: "error", Text: err.Error()})
	dialog.ShowError(err, t.win)
}

func (t *serverTab) setState(s serverState) {
	t.state = s
	stopped := s == serverStopped
	setEnabled(stopped, t.demoSelect, t.ifaceSelect, t.ifaceRescan, t.portEntry, t.maxClients, t.maxPerAddress)
	t.settings.setEnabled(stopped)
	t.updateTransportEnabled() // also the serve mode
	if stopped {
		t.startButton.Enable()
	} else {
		t.startButton.Disable()
	}
	if s == serverRunning {
		t.stopButton.Enable()
	} else {
		t.stopButton.Disable()
	}
	switch s {
	case serverStopped:
		t.status.SetText(i18n.T("server.status.stopped"))
		t.clients = nil
		t.selectedID = 0
		t.clientList.UnselectAll()
		t.refreshClients()
	case serverStarting:
		t.status.SetText(i18n.T("server.status.starting"))
	case serverRunning:
		t.status.SetText(i18n.T("server.status.running", map[string]string{"Demo": t.demo.Name, "Transport": t.transport.Selected}))
	case serverStopping:
		t.status.SetText(i18n.T("server.status.stopping"))
	}
	t.updateBanner()
	t.updateSendControls()
}
