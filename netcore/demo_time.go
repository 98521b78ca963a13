package netcore

import "time"

func init() {
	register(DemoInfo{
		Name:        "time",
		Title:       "Timestamp echo",
		Description: "Replies with the server's time in front of your message: [Mon Nov 23 06:53:48 2026] hello.",
		ClassicPort: 21567,
		UDP:         true,
	}, func(Options) Demo { return timeDemo{now: time.Now} })
}

// ctimeLayout is Python's time.ctime(): the day of month is space-padded.
const ctimeLayout = "Mon Jan _2 15:04:05 2006"

type timeDemo struct{ now func() time.Time }

func (timeDemo) Info() DemoInfo { info, _ := LookupDemo("time"); return info }

func (d timeDemo) Open(p Peer) Session { return timeSession{d, p} }

func (d timeDemo) Datagram(text string) string {
	return "[" + d.now().Format(ctimeLayout) + "] " + text
}

type timeSession struct {
	d timeDemo
	p Peer
}

func (s timeSession) Handle(text string) { s.p.Send(s.d.Datagram(text)) }
func (timeSession) Close()               {}
