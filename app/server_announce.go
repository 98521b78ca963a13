package app

import (
	"github.com/socketlab/socketlab/netcore/discovery"

	"github.com/socketlab/socketlab/app/i18n"
)

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
			t.log.Append(logRow{Who: "server", Kind: "note", Text: i18n.T("views.announce.stopped")})
		}
	case on && run.ann == nil:
		ann, partner, err := discovery.AnnounceServer(run.srv.Config(), run.srv.Addr(), run.discoveryPort)
		if err != nil {
			// Not worth a dialog: the server works, partners type the
			// address.
			t.log.Append(logRow{Who: "server", Kind: "error", Text: i18n.T("views.announce.failed", map[string]string{"Error": err.Error()})})
			return
		}
		run.ann = ann
		t.log.Append(logRow{Who: "server", Kind: "note", Text: i18n.T("views.announce.started", map[string]string{"Partner": partner})})
	}
}
