package discovery

import (
	"context"
	"encoding/json"
	"errors"
	"net"
	"net/netip"
	"sort"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/socketlab/socketlab/netcore"
)

// Discovery: a running server announces itself with a small UDP datagram
// every second, and the Client tab lists what it hears, so a student can
// connect with one click instead of typing an address. A beacon was chosen
// over mDNS because it needs no library or system service and works the same
// on every OS; it reaches the local network only, which is the classroom.

// Port is where announcements are sent and heard.
const Port = 48690

// beaconPrefix starts every announcement, so stray datagrams are ignored.
const beaconPrefix = "SOCKETLAB/1 "

// Announcement says which server is where.
type Announcement struct {
	Demo      string `json:"demo"`
	Addr      string `json:"addr"`      // host:port to connect to
	Transport string `json:"transport"` // tcp or udp
	Name      string `json:"name"`      // the computer's name, for people
}

// Found is an announcement heard, with when it was last heard.
type Found struct {
	Announcement
	LastSeen time.Time
}

func listenBroadcastUDP(addr string) (*net.UDPConn, error) {
	lc := net.ListenConfig{Control: func(_, _ string, c syscall.RawConn) error {
		var serr error
		if err := c.Control(func(fd uintptr) { serr = setBroadcast(fd) }); err != nil {
			return err
		}
		return serr
	}}
	pc, err := lc.ListenPacket(context.Background(), "udp4", addr)
	if err != nil {
		return nil, err
	}
	return pc.(*net.UDPConn), nil
}

// BeaconTargets lists where a server bound to host should announce itself:
// the broadcast address of the network it serves, and loopback so that the
// Client tab of the same computer hears it too. A server on loopback only
// announces on loopback.
func BeaconTargets(host string, port int) []string {
	p := strconv.Itoa(port)
	targets := []string{net.JoinHostPort("127.0.0.1", p)}
	ip, err := netip.ParseAddr(host)
	wildcard := host == "" || (err == nil && ip.IsUnspecified())
	if !wildcard && (err != nil || ip.IsLoopback() || !ip.Is4()) {
		return targets
	}
	ifs, _ := netcore.Interfaces()
	for _, it := range ifs {
		if !it.Up || it.Loopback {
			continue
		}
		for _, pfx := range it.Addrs {
			a := pfx.Addr()
			if !a.Is4() || (!wildcard && a != ip) || pfx.Bits() >= 31 {
				continue
			}
			targets = append(targets, net.JoinHostPort(broadcastOf(pfx).String(), p))
		}
	}
	return targets
}

// broadcastOf is the last address of an IPv4 network.
func broadcastOf(p netip.Prefix) netip.Addr {
	b := p.Masked().Addr().As4()
	host := uint32(1)<<(32-p.Bits()) - 1
	for i := 0; i < 4; i++ {
		b[3-i] |= byte(host >> (8 * i))
	}
	return netip.AddrFrom4(b)
}

// Announcer repeats an announcement until stopped.
type Announcer struct {
	stop chan struct{}
	done chan struct{}
}

// Announce starts sending a to every target now and then every interval.
func Announce(a Announcement, targets []string, interval time.Duration) (*Announcer, error) {
	msg, err := json.Marshal(a)
	if err != nil {
		return nil, err
	}
	msg = append([]byte(beaconPrefix), msg...)
	var dsts []*net.UDPAddr
	for _, t := range targets {
		ua, err := net.ResolveUDPAddr("udp4", t)
		if err != nil {
			return nil, err
		}
		dsts = append(dsts, ua)
	}
	conn, err := listenBroadcastUDP(":0")
	if err != nil {
		return nil, err
	}
	an := &Announcer{stop: make(chan struct{}), done: make(chan struct{})}
	go func() {
		defer close(an.done)
		defer conn.Close()
		tick := time.NewTicker(interval)
		defer tick.Stop()
		for {
			for _, d := range dsts {
				conn.WriteToUDP(msg, d) // a network that is gone is not an error worth a dialog
			}
			select {
			case <-an.stop:
				return
			case <-tick.C:
			}
		}
	}()
	return an, nil
}

// Stop ends the announcements and waits for the sender to finish.
func (an *Announcer) Stop() {
	select {
	case <-an.stop:
	default:
		close(an.stop)
	}
	<-an.done
}

// Browser listens for announcements.
type Browser struct {
	conn    *net.UDPConn
	ttl     time.Duration
	mu      sync.Mutex
	found   map[string]Found
	changed chan struct{}
	done    chan struct{}
}

// Browse listens on addr (":48690" for the classroom; tests use loopback) and
// forgets servers not heard for ttl.
func Browse(addr string, ttl time.Duration) (*Browser, error) {
	conn, err := listenBroadcastUDP(addr)
	if err != nil {
		return nil, netcore.ListenError(err, addr)
	}
	b := &Browser{conn: conn, ttl: ttl, found: map[string]Found{}, changed: make(chan struct{}, 1), done: make(chan struct{})}
	go b.listen()
	return b, nil
}

// Addr is where the browser listens.
func (b *Browser) Addr() net.Addr { return b.conn.LocalAddr() }

// Changed signals (without blocking the browser) that the list may differ.
func (b *Browser) Changed() <-chan struct{} { return b.changed }

func (b *Browser) listen() {
	defer close(b.done)
	buf := make([]byte, 2048)
	for {
		n, _, err := b.conn.ReadFromUDP(buf)
		if err != nil {
			if errors.Is(err, net.ErrClosed) {
				return
			}
			continue
		}
		text, ok := strings.CutPrefix(string(buf[:n]), beaconPrefix)
		if !ok {
			continue
		}
		var a Announcement
		if json.Unmarshal([]byte(text), &a) != nil || a.Addr == "" {
			continue
		}
		if _, err := netcore.SplitHostPort(a.Addr); err != nil {
			continue
		}
		b.mu.Lock()
		_, known := b.found[a.Addr]
		b.found[a.Addr] = Found{Announcement: a, LastSeen: time.Now()}
		b.mu.Unlock()
		if !known {
			b.signal()
		}
	}
}

func (b *Browser) signal() {
	select {
	case b.changed <- struct{}{}:
	default:
	}
}

// Found lists the servers heard within the ttl, by demo then address.
func (b *Browser) Found() []Found {
	b.mu.Lock()
	defer b.mu.Unlock()
	out := make([]Found, 0, len(b.found))
	for k, f := range b.found {
		if time.Since(f.LastSeen) > b.ttl {
			delete(b.found, k)
			continue
		}
		out = append(out, f)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Demo != out[j].Demo {
			return out[i].Demo < out[j].Demo
		}
		return out[i].Addr < out[j].Addr
	})
	return out
}

// Close stops listening and waits for the listener to end.
func (b *Browser) Close() {
	b.conn.Close()
	<-b.done
}
