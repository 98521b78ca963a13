package netcore

import "strings"

func init() {
	register(DemoInfo{
		Name:        "calc",
		Title:       "Remote calculator",
		Description: "Send arithmetic such as 2+3*4 or (1.5+2)**2; the server replies the value. + - * / // % ** and ^ work; quit hangs up.",
		ClassicPort: 1081,
	}, func(Options) Demo { return calcDemo{} })
}

// calcDemo answers with Calculate, which only does arithmetic: unlike the
// classic eval() server, nothing a client sends can run code.
type calcDemo struct{}

func (calcDemo) Info() DemoInfo { info, _ := LookupDemo("calc"); return info }

func (calcDemo) Open(p Peer) Session { return calcSession{p} }

type calcSession struct{ p Peer }

func (s calcSession) Handle(text string) {
	if strings.EqualFold(strings.TrimSpace(text), "quit") {
		s.p.Close()
		return
	}
	v, err := Calculate(text)
	if err != nil {
		s.p.Send("error: " + err.Error())
		return
	}
	s.p.Send(v)
}

func (calcSession) Close() {}
