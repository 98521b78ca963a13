package netcore

func init() {
	register(DemoInfo{
		Name:        "echo",
		Title:       "Echo",
		Description: "Sends a welcome line, then repeats every message back unchanged. Send any text; try telnet or nc too.",
		ClassicPort: 8000,
		UDP:         true,
	}, func(o Options) Demo { return echoDemo{welcome: o.Welcome} })
}

// echoDemo is the first lesson: the server greets, then mirrors.
type echoDemo struct{ welcome string }

func (echoDemo) Info() DemoInfo { info, _ := LookupDemo("echo"); return info }

func (d echoDemo) Open(p Peer) Session {
	if d.welcome != "" {
		p.Send(d.welcome)
	}
	return echoSession{p}
}

func (echoDemo) Datagram(text string) string { return text }

type echoSession struct{ p Peer }

func (s echoSession) Handle(text string) { s.p.Send(text) }
func (echoSession) Close()               {}
