package demos

import (
	"strings"
	"time"

	"github.com/socketlab/socketlab/netcore"
	"github.com/socketlab/socketlab/netcore/calc"
)

// Texts of the calc demo.
const (
	CalcQuit        = "quit"              // hangs up, in any case
	CalcErrorPrefix = netcore.ErrorPrefix // in front of calc's reason
	// CalcTooMuchWork answers one expression that needs more work than
	// calc.MessageWork; CalcSlowDown a connection that used its
	// calc.SecondWork for this second.
	CalcTooMuchWork = CalcErrorPrefix + calc.TooMuchWork
	CalcSlowDown    = CalcErrorPrefix + calc.SlowDown
)

var calcInfo = netcore.DemoInfo{
	Name:        "calc",
	Order:       5,
	Title:       "Remote calculator",
	Description: "Send arithmetic such as 2+3*4 or (1.5+2)**2; the server replies the value. + - * / // % ** and ^ work (^ is power here, as in maths; in Python ^ is XOR, write **); quit hangs up.",
	ClassicPort: 1081,
}

func init() {
	register(calcInfo, func(settings) (netcore.Demo, error) { return &calcDemo{now: time.Now}, nil })
}

// calcDemo answers with calc, which only does arithmetic: unlike the
// classic eval() server, nothing a client sends can run code. Each
// connection has a calc.Budget of work per message and per second, so a
// client sending costly lines back to back cannot slow the others' answers.
type calcDemo struct {
	now func() time.Time // time.Now; tests step a clock instead
}

func (*calcDemo) Info() netcore.DemoInfo { return calcInfo }

func (d *calcDemo) Open(p netcore.Peer) netcore.Session {
	return &calcSession{p: p, budget: calc.NewBudget(d.now)}
}

type calcSession struct {
	p      netcore.Peer
	budget *calc.Budget // only the connection's reader uses it
}

func (s *calcSession) Handle(text string) {
	if strings.EqualFold(strings.TrimSpace(text), CalcQuit) {
		s.p.Close()
		return
	}
	v, err := s.budget.Evaluate(text)
	if err != nil {
		s.p.Send(CalcErrorPrefix + err.Error())
		return
	}
	s.p.Send(v)
}

func (*calcSession) Close() {}
