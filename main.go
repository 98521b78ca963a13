// Socket Lab: socket-programming exercises for a classroom, with buttons.
// With no arguments it opens the window; otherwise it runs a command
// headless (see cli.Usage).
package main

import (
	_ "embed"
	"os"

	"github.com/socketlab/socketlab/app"
	"github.com/socketlab/socketlab/cli"
)

// FyneApp.toml is the one place the version is written.
//
//go:embed FyneApp.toml
var fyneAppTOML string

func main() {
	version := cli.VersionFromTOML(fyneAppTOML)
	if len(os.Args) < 2 {
		app.Run(version)
		return
	}
	os.Exit(cli.Main(os.Args[1:], version))
}
