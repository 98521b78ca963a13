package netcore

import (
	"crypto/sha256"
	"crypto/subtle"
)

func init() {
	register(DemoInfo{
		Name:        "password",
		Title:       "Password dialogue",
		Description: "Send the password. The server answers access granted or access denied; after 3 wrong tries it says too many attempts and hangs up.",
		ClassicPort: 41267,
		Redact:      true,
	}, func(o Options) Demo {
		if o.MaxAttempts <= 0 {
			o.MaxAttempts = DefaultMaxAttempts
		}
		return passwordDemo{want: sha256.Sum256([]byte(o.Password)), max: o.MaxAttempts}
	})
}

// passwordDemo compares hashes in constant time, so neither the length nor
// the first wrong character leaks through the reply time.
type passwordDemo struct {
	want [sha256.Size]byte
	max  int
}

func (passwordDemo) Info() DemoInfo { info, _ := LookupDemo("password"); return info }

func (d passwordDemo) Open(p Peer) Session { return &passwordSession{d: d, p: p} }

type passwordSession struct {
	d      passwordDemo
	p      Peer
	denied int
}

func (s *passwordSession) Handle(text string) {
	got := sha256.Sum256([]byte(text))
	if subtle.ConstantTimeCompare(got[:], s.d.want[:]) == 1 {
		s.denied = 0
		s.p.Send("access granted")
		return
	}
	s.denied++
	if s.denied >= s.d.max {
		// The last denial is reported as the reason for hanging up.
		s.p.Send("too many attempts")
		s.p.Close()
		return
	}
	s.p.Send("access denied")
}

func (*passwordSession) Close() {}
