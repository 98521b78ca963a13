// Socket Lab: socket-programming exercises for a classroom, with buttons.
// With no arguments it opens the window; otherwise it runs a command
// headless (see cli.Usage).
package main

import (
	_ "embed"
	"fmt"
	"os"

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
		app.Run(meta)
		return
	}
	os.Exit(cli.Main(os.Args[1:], meta.Version))
}
