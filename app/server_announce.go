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
		a := announcementFor(cfg, run.srv.Addr())
		ann, err := discovery.Announce(a, discovery.BeaconTargets(host, run.discoveryPort), announceEvery)
		if err != nil {
			// Not worth a dialog: the server works, partners type the
			// address.
			t.log.Append(logRow{Who: "server", Kind: "error", Text: "could not announce the server on this network: " + err.Error()})
			return
		}
		run.ann = ann
		t.log.Append(logRow{Who: "server", Kind: "note", Text: "announced as " + a.Addr + ": Client tabs on this network list it"})
	}
}

// announcementFor is what a server says about itself: the address a
// partner types, as on the banner. A server on every interface gives its
// best LAN address, one on loopback 127.0.0.1 (its beacon then stays on
// loopback too).
func announcementFor(cfg netcore.Config, bound net.Addr) discovery.Announcement {
	host, _, _ := net.SplitHostPort(cfg.Addr)
	ip, err := netip.ParseAddr(host)
	switch {
	case host == "" || (err == nil && ip.IsUnspecified()):
		host = netcore.BestLANAddress()
	case err == nil && ip.IsLoopback():
		host = "127.0.0.1"
	}
	name, _ := os.Hostname()
	return discovery.Announcement{
		Demo:      cfg.Demo.Info().Name,
		Addr:      net.JoinHostPort(host, strconv.Itoa(boundPort(bound))),
		Transport: cfg.Network,
		Name:      name,
	}
}
