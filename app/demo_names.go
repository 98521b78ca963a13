package app

import (
	"github.com/socketlab/socketlab/netcore"
	"github.com/socketlab/socketlab/netcore/demos"
)

// demoOption is how a demo is named in both tabs' pickers and in the recent
// servers: its title, for a student, and its short name, the one lesson
// sheets, the command line and the other tab use ("Remote calculator
// (calc)"). One helper, so the two tabs never name a demo differently. The
// title is in the user's language; the name in brackets never is, and the
// pickers map their text back to the demo by it.
func demoOption(d netcore.DemoInfo) string { return demoTitleText(d) + " (" + d.Name + ")" }

// demoOptionOf is the picker's text for a demo's short name, or "" for a
// demo Socket Lab does not have.
func demoOptionOf(name string) string {
	d, ok := demos.Lookup(name)
	if !ok {
		return ""
	}
	return demoOption(d)
}

// demoNameOf is the short name behind a picker's text, or "" for none.
func demoNameOf(option string) string {
	for _, d := range demos.All() {
		if demoOption(d) == option {
			return d.Name
		}
	}
	return ""
}
