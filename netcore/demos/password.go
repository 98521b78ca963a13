package demos

import (
	"crypto/sha256"
	"crypto/subtle"
	"strconv"

	"github.com/socketlab/socketlab/netcore"
)

// Defaults of the password demo, as in the classic lesson.
const (
	DefaultPassword    = "secret"
	DefaultMaxAttempts = 3
)

// Replies of the password demo.
const (
	AccessGranted   = "access granted"
	AccessDenied    = "access denied"
	TooManyAttempts = "too many attempts" // the last denial; the server then hangs up
)

var passwordInfo = netcore.DemoInfo{
	Name:        "password",
	Order:       4,
	Title:       "Password dialogue",
	Description: "Send the password. The server answers access granted or access denied; after 3 wrong tries it says too many attempts and hangs up.",
	ClassicPort: 41267,
	Redact:      true,
	Settings: []netcore.Setting{
		{Key: "password", Label: "Password", Kind: netcore.SettingSecret, Default: DefaultPassword, NotEmpty: true, Help: "the accepted password"},
		{Key: "attempts", Label: "Attempts", Kind: netcore.SettingInt, Default: strconv.Itoa(DefaultMaxAttempts), Min: 1, Max: 100, Help: "wrong tries before the server hangs up"},
	},
}

func init() {
	register(passwordInfo, func(s settings) (netcore.Demo, error) {
		return passwordDemo{want: sha256.Sum256([]byte(s.text("password"))), max: s.number("attempts")}, nil
	})
}

// passwordDemo compares hashes in constant time, so neither the length nor
// the first wrong character leaks through the reply time.
type passwordDemo struct {
	want [sha256.Size]byte
	max  int
}

func (passwordDemo) Info() netcore.DemoInfo { return passwordInfo }

func (d passwordDemo) Open(p netcore.Peer) netcore.Session { return &passwordSession{d: d, p: p} }

type passwordSession struct {
	d      passwordDemo
	p      netcore.Peer
	denied int
}

func (s *passwordSession) Handle(text string) {
	got := sha256.Sum256([]byte(text))
	if subtle.ConstantTimeCompare(got[:], s.d.want[:]) == 1 {
		s.denied = 0
		s.p.Send(AccessGranted)
		return
	}
	s.denied++
	if s.denied >= s.d.max {
		// The last denial is reported as the reason for hanging up.
		s.p.Send(TooManyAttempts)
		s.p.Close()
		return
	}
	s.p.Send(AccessDenied)
}

func (*passwordSession) Close() {}
