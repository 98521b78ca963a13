package demos

import "github.com/socketlab/socketlab/netcore"

// DefaultWelcome is the echo demo's first line, as in the classic lesson.
const DefaultWelcome = "hello from server"

var echoInfo = netcore.DemoInfo{
	Name:        "echo",
	Order:       0,
	Title:       "Echo",
	Description: "Sends a welcome line, then repeats every message back unchanged. Send any text; try telnet or nc too.",
	ClassicPort: 8000,
	UDP:         true,
	Settings: []netcore.Setting{{
		Key: "welcome", Label: "Welcome", Kind: netcore.SettingText, Default: DefaultWelcome,
		Help: "first line sent to each client (empty for none)",
	}},
}

func init() {
	register(echoInfo, func(s settings) (netcore.Demo, error) {
		return echoDemo{info: s.info(echoInfo), welcome: s.text("welcome")}, nil
	})
}

// echoDemo is the first lesson: the server greets, then mirrors.
type echoDemo struct {
	info    netcore.DemoInfo
	welcome string
}

func (d echoDemo) Info() netcore.DemoInfo { return d.info }

func (d echoDemo) Open(p netcore.Peer) netcore.Session {
	if d.welcome != "" {
		p.Send(d.welcome)
	}
	return echoSession{p}
}

func (echoDemo) Datagram(text string) string { return text }

type echoSession struct{ p netcore.Peer }

func (s echoSession) Handle(text string) { s.p.Send(text) }
func (echoSession) Close()               {}
