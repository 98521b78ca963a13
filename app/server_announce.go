package app

import (
	"net"
	"net/netip"
	"os"
	"strconv"
	"time"

	"github.com/socketlab/socketlab/netcore/discovery"

	"github.com/socketlab/socketlab/netcore"
)

// announceEvery is how often a running server announces itself; partners'
// Client tabs forget a server they have not heard from for a few of these.
const announceEvery = time.Second

// onAnnounceChanged remembers the choice and applies it at once to a
// running server: a teacher may want to stop being listed mid-lesson.
func (t *serverTab) onAnnounceChanged(on bool) {
	t.prefs.SetBool(prefServerAnnounce, on)
	if t.run != nil {
		t.setAnnouncing(t.run, on)
	}
}

// setAnnouncing records whether run should announce itself and applies it.
func (t *serverTab) setAnnouncing(run *serverRun, on bool) {
	run.annMu.Lock()
	defer run.annMu.Unlock()
	run.annWant = on
	t.applyAnnouncing(run)
}

// announceReady lets run announce itself, now that it listens.
func (t *serverTab) announceReady(run *serverRun) {
	run.annMu.Lock()
	defer run.annMu.Unlock()
	run.annReady = true
	t.applyAnnouncing(run)
}

// endAnnouncing stops run's announcer for good. Stop calls it at once; the
// end of the event stream calls it again, which covers shutdown.
func (t *serverTab) endAnnouncing(run *serverRun) {
	run.annMu.Lock()
	defer run.annMu.Unlock()
	run.annEnded = true
	t.applyAnnouncing(run)
}

// applyAnnouncing starts or stops run's announcer to match what is wanted
// (annMu held). Starting only binds a UDP socket and stopping only waits
// for a send loop, so either is fine on the UI goroutine.
func (t *serverTab) applyAnnouncing(run *serverRun) {
	on := run.annWant && run.annReady && !run.annEnded
	switch {
	case !on && run.ann != nil:
		run.ann.Stop()
		run.ann = nil
		if !run.annEnded {
			t.log.Append(logRow{Who: "server", Kind: "note", Text: "no longer announced on this network"})
		}
	case on && run.ann == nil:
		cfg := run.srv.Config()
		host, _, _ := net.SplitHostPort(cfg.Addr)
		ann, err := discovery.Announce(serviceFor(cfg, run.srv.Addr()), discovery.Routes(host, run.discoveryPort), announceEvery)
		if err != nil {
			// Not worth a dialog: the server works, partners type the
			// address.
			t.log.Append(logRow{Who: "server", Kind: "error", Text: "could not announce the server on this network: " + err.Error()})
			return
		}
		run.ann = ann
		t.log.Append(logRow{Who: "server", Kind: "note", Text: "announced as " + partnerAddr(cfg, run.srv.Addr()) + ": Client tabs on this network list it"})
	}
}

// serviceFor is what a server says about itself. Each beacon names the
// address it is sent from (discovery.Routes: one per interface served), so
// that a listener can tell a genuine beacon from a forged one.
func serviceFor(cfg netcore.Config, bound net.Addr) discovery.Service {
	name, _ := os.Hostname()
	return discovery.Service{
		Demo:      cfg.Demo.Info().Name,
		Port:      boundPort(bound),
		Transport: cfg.Network,
		Name:      name,
	}
}

// partnerAddr is the address a partner types, as on the banner: a server
// on every interface gives its best LAN address (its beacons name every
// address it serves).
func partnerAddr(cfg netcore.Config, bound net.Addr) string {
	host, _, _ := net.SplitHostPort(cfg.Addr)
	if ip, err := netip.ParseAddr(host); host == "" || (err == nil && ip.IsUnspecified()) {
		host = netcore.BestLANAddress()
	}
	return net.JoinHostPort(host, strconv.Itoa(boundPort(bound)))
}
