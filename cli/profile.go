package cli

import (
	"fmt"
	"os"
	"runtime/pprof"
)

// cpuProfileEnv names a file to write a CPU profile of the command to, for
// `go tool pprof` (docs/benchmarks.md). A debugging aid only: no listener,
// nothing unless the variable is set. The window honours it too (main.go):
// the profile covers the app from start until its window closes.
const cpuProfileEnv = "SOCKETLAB_CPUPROFILE"

// StartProfile starts the CPU profile asked for by cpuProfileEnv and returns
// what stops it (nothing to stop when none was asked for).
func StartProfile() (stop func()) {
	path := os.Getenv(cpuProfileEnv)
	if path == "" {
		return func() {}
	}
	f, err := os.Create(path)
	if err == nil {
		err = pprof.StartCPUProfile(f)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "socketlab: no CPU profile:", err)
		return func() {}
	}
	return func() {
		pprof.StopCPUProfile()
		f.Close()
	}
}
