package demos

import (
	"strings"

	"github.com/socketlab/socketlab/netcore"
	"github.com/socketlab/socketlab/netcore/calc"
)

// Texts of the calc demo.
const (
	CalcQuit        = "quit"              // hangs up, in any case
	CalcErrorPrefix = netcore.ErrorPrefix // in front of calc's reason
)

var calcInfo = netcore.DemoInfo{
	Name:        "calc",
	Order:       5,
	Title:       "Remote calculator",
	Description: "Send arithmetic such as 2+3*4 or (1.5+2)**2; the server replies the value. + - * / // % ** and ^ work; quit hangs up.",
	ClassicPort: 1081,
}

func init() {
	register(calcInfo, func(settings) (netcore.Demo, error) { return calcDemo{}, nil })
}

// calcDemo answers with calc.Evaluate, which only does arithmetic: unlike
// the classic eval() server, nothing a client sends can run code.
type calcDemo struct{}

func (calcDemo) Info() netcore.DemoInfo { return calcInfo }

func (calcDemo) Open(p netcore.Peer) netcore.Session { return calcSession{p} }

type calcSession struct{ p netcore.Peer }

func (s calcSession) Handle(text string) {
	if strings.EqualFold(strings.TrimSpace(text), CalcQuit) {
		s.p.Close()
		return
	}
	v, err := calc.Evaluate(text)
	if err != nil {
		s.p.Send(CalcErrorPrefix + err.Error())
		return
	}
	s.p.Send(v)
}

func (calcSession) Close() {}
