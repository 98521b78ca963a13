package demos

import (
	"time"

	"github.com/socketlab/socketlab/netcore"
)

var timeInfo = netcore.DemoInfo{
	Name:        "time",
	Order:       1,
	Title:       "Timestamp echo",
	Description: "Replies with the server's time in front of your message: [Mon Nov 23 06:53:48 2026] hello.",
	ClassicPort: 21567,
	UDP:         true,
}

func init() {
	register(timeInfo, func(settings) (netcore.Demo, error) { return timeDemo{now: time.Now}, nil })
}

// CtimeLayout is Python's time.ctime(), the stamp in front of each reply:
// the day of month is space-padded.
const CtimeLayout = "Mon Jan _2 15:04:05 2006"

type timeDemo struct{ now func() time.Time }

func (timeDemo) Info() netcore.DemoInfo { return timeInfo }

func (d timeDemo) Open(p netcore.Peer) netcore.Session { return timeSession{d, p} }

func (d timeDemo) Datagram(text string) string {
	return "[" + d.now().Format(CtimeLayout) + "] " + text
}

type timeSession struct {
	d timeDemo
	p netcore.Peer
}

func (s timeSession) Handle(text string) { s.p.Send(s.d.Datagram(text)) }
func (timeSession) Close()               {}
