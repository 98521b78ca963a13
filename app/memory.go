package app

import (
	"os"
	"runtime/debug"
	"sync"
)

// appGCPercent is the window's GOGC: the heap may grow by half of what is
// live between collections, not by all of it. Most of the window's live
// heap is Fyne's parsed fonts (65 of 80 MB), which never become garbage,
// so with the default the heap grew by 80 MB under an echo load to make
// room for a few MB of garbage a collection: +76 MB of memory over a first
// round (the target is 64). At 50 it grew by 52 MB, and the collector's
// share of the app's CPU, 0.5 % at the default, stays about 1 %
// (docs/benchmarks.md, third pass). Commands keep Go's default.
const appGCPercent = 50

// collectSooner sets appGCPercent, unless GOGC says otherwise.
func collectSooner() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(appGCPercent)
	}
}

// When a server stops, the app gives the Go heap's free pages back to the
// system at once. Under load the heap grows to twice what is live between
// collections (the runtime's default), and the runtime hands what it no
// longer needs back only over minutes: a class that started and stopped
// servers for an hour held 1.6× the memory of its first round, nearly all
// of it free heap (docs/benchmarks.md, third pass). A stopped server is the
// moment nothing is being served and a collection costs no one anything.
// Tests replace it.
var releaseMemory = debug.FreeOSMemory

// releasing keeps one release at a time: a student stopping and starting
// quickly does not queue collections.
var releasing sync.Mutex

// releaseMemoryLater runs releaseMemory on a goroutine of its own (it
// collects the whole heap first: never on the UI goroutine), unless one is
// already running.
func releaseMemoryLater() {
	if !releasing.TryLock() {
		return
	}
	release := releaseMemory // read here: a test may swap it once this returns
	go func() {
		defer releasing.Unlock()
		release()
	}()
}
