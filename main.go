// Socket Lab: socket-programming exercises for a classroom, with buttons.
// With no arguments it opens the window; otherwise it runs a command
// headless (see cli.Usage).
package main

import (
	_ "embed"
	"fmt"
	"os"
	"runtime"

	"github.com/socketlab/socketlab/app"
	"github.com/socketlab/socketlab/cli"
)

// FyneApp.toml is the one place the name, version, website and ID are
// written.
//
//go:embed FyneApp.toml
var fyneAppTOML string

func main() {
	meta, err := app.ParseMetadata(fyneAppTOML)
	if err != nil {
		// Only a broken build gets here: the file is embedded.
		fmt.Fprintln(os.Stderr, "socketlab:", err)
		os.Exit(1)
	}
	if len(os.Args) < 2 {
		stopProfile := cli.StartProfile()
		app.Run(meta)
		stopProfile()
		return
	}
	// Fyne's driver locks the main goroutine to the main thread in its
	// init, for the window. A command has no window, and its main goroutine
	// (serve's log) wakes for every batch of events: locked, each wake-up
	// handed the CPU from thread to thread (a futex and a context switch
	// each time), a tenth of `socketlab serve`'s CPU under an echo load.
	runtime.UnlockOSThread()
	os.Exit(cli.Main(os.Args[1:], meta.Version))
}
