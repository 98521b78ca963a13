package app

import (
	"runtime/debug"
	"sync"
)

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
	go func() {
		defer releasing.Unlock()
		releaseMemory()
	}()
}
