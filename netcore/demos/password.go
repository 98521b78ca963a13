package demos

import (
	"crypto/sha256"
	"crypto/subtle"
	"fmt"
	"net/netip"
	"strconv"
	"time"

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
	// LockedOutFormat answers, and then hangs up on, a connection from an
	// address that must still wait after running out of attempts; %d is
	// the wait left in whole seconds, rounded up.
	LockedOutFormat = TooManyAttempts + " - wait %d s"
)

// LockedOut is the reply to an address that must wait d more.
func LockedOut(d time.Duration) string {
	return fmt.Sprintf(LockedOutFormat, max(1, int((d+time.Second-1)/time.Second)))
}

var passwordInfo = netcore.DemoInfo{
	Name:        "password",
	Order:       4,
	Title:       "Password dialogue",
	Description: "Send the password. The server answers access granted or access denied; after 3 wrong tries it says too many attempts and hangs up, and your computer must wait a while before trying again.",
	ClassicPort: 41267,
	Redact:      true,
	Settings: []netcore.Setting{
		{Key: "password", Label: "Password", Kind: netcore.SettingSecret, Default: DefaultPassword, NotEmpty: true, Help: "the accepted password"},
		{Key: "attempts", Label: "Attempts", Kind: netcore.SettingInt, Default: strconv.Itoa(DefaultMaxAttempts), Min: 1, Max: 100, Help: "wrong tries from one address before the server hangs up and that address must wait"},
	},
}

func init() {
	register(passwordInfo, func(s settings) (netcore.Demo, error) {
		return &passwordDemo{info: s.info(passwordInfo), want: sha256.Sum256([]byte(s.text("password"))), max: s.number("attempts"), locks: newLockouts()}, nil
	})
}

// passwordDemo compares hashes in constant time, so neither the length nor
// the first wrong character leaks through the reply time. Wrong passwords
// count per address (lockout.go), so hanging up and reconnecting does not
// buy new attempts.
type passwordDemo struct {
	info  netcore.DemoInfo // the attempts; never the password
	want  [sha256.Size]byte
	max   int
	locks *lockouts
}

func (d *passwordDemo) Info() netcore.DemoInfo { return d.info }

func (d *passwordDemo) Open(p netcore.Peer) netcore.Session {
	s := &passwordSession{d: d, p: p, addr: peerIP(p.Addr())}
	if wait := d.locks.wait(s.addr); wait > 0 {
		p.Send(LockedOut(wait))
		p.Close()
	}
	return s
}

type passwordSession struct {
	d    *passwordDemo
	p    netcore.Peer
	addr netip.Addr
}

func (s *passwordSession) Handle(text string) {
	got := sha256.Sum256([]byte(text))
	right := subtle.ConstantTimeCompare(got[:], s.d.want[:]) == 1
	switch v, wait := s.d.locks.attempt(s.addr, right, s.d.max); v {
	case granted:
		s.p.Send(AccessGranted)
	case denied:
		s.p.Send(AccessDenied)
	case lockedNow:
		// The last denial is reported as the reason for hanging up.
		s.p.Send(TooManyAttempts)
		s.p.Close()
	case lockedOut:
		// Another connection from this address used up the attempts.
		s.p.Send(LockedOut(wait))
		s.p.Close()
	}
}

func (*passwordSession) Close() {}

// peerIP is the address part of host:port, IPv4 in IPv6 unmapped so that
// one computer counts once whichever way it connected. An address that
// cannot be read (never from a real socket) shares the zero Addr.
func peerIP(hostport string) netip.Addr {
	ap, err := netip.ParseAddrPort(hostport)
	if err != nil {
		return netip.Addr{}
	}
	return ap.Addr().Unmap()
}
