package app

import (
	"github.com/socketlab/socketlab/netcore/demos"
)

// settingsPanel is a panel that plays with some of its demo's settings (the
// guess range): the Client tab describes the demo with them, and a server
// found on the network hands it the settings it announces.
type settingsPanel interface {
	// settings are the demo's settings as the panel plays them, by key.
	settings() map[string]string
	// takeSettings uses a server's announced settings. They are anyone's
	// text: the panel checks them and ignores what it cannot use.
	takeSettings(map[string]string)
}

// demoDescription is the demo's description, with the panel's settings
// when it has some ("from 1 to 20").
func demoDescription(name string, p demoPanel) string {
	info, _ := demos.Lookup(name)
	if sp, ok := p.(settingsPanel); ok {
		info = info.WithValues(sp.settings())
	}
	return demoDescText(info)
}
