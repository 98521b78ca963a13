package discovery

import (
	"errors"
	"net"
	"net/netip"
	"strconv"
	"time"

	"github.com/socketlab/socketlab/netcore"
)

// Service is what a running server says about itself. Each beacon adds the
// address it is sent from, since a listener lists a server only at the
// address its beacon came from.
type Service struct {
	Demo      string
	Port      int               // the server's port
	Transport string            // tcp or udp
	Name      string            // the computer's name, for people
	TLS       bool              // the server speaks TLS (Announcement.TLS)
	Settings  map[string]string // the demo's settings, by key (Announcement.Settings)
}

// Route is one copy of the beacon: sent from a socket bound to From, naming
// From and the service's port, to To (a broadcast address, or loopback).
type Route struct {
	From netip.Addr
	To   netip.AddrPort
}

// ErrNoRoute is Announce's answer for a server no beacon can name: one
// bound to an IPv6 address or a host name (listeners hear IPv4 only).
var ErrNoRoute = errors.New("no IPv4 address to announce from")

var loopback = netip.AddrFrom4([4]byte{127, 0, 0, 1})

// Routes lists the beacons a server bound to host should send to the
// discovery port: for every interface it serves, one from that interface's
// address to its network's broadcast address, and one on loopback so that
// the Client tab of the same computer hears it too.
func Routes(host string, discoveryPort int) []Route {
	ifs, _ := netcore.Interfaces() // without a list, loopback is still announced
	return routesFor(host, discoveryPort, ifs)
}

func routesFor(host string, discoveryPort int, ifs []netcore.Interface) []Route {
	toLoopback := netip.AddrPortFrom(loopback, uint16(discoveryPort))
	ip, err := netip.ParseAddr(host)
	ip = ip.Unmap()
	wildcard := host == "" || (err == nil && ip.IsUnspecified())
	switch {
	case wildcard:
		// The loopback copy names 127.0.0.1: the interfaces' own copies
		// name addresses this computer may not reach itself by.
		routes := []Route{{From: loopback, To: toLoopback}}
		for _, it := range ifs {
			if it.Up && !it.Loopback {
				routes = append(routes, broadcastRoutes(it, netip.Addr{}, discoveryPort)...)
			}
		}
		return routes
	case err != nil || !ip.Is4():
		return nil
	case ip.IsLoopback():
		return []Route{{From: ip, To: toLoopback}}
	}
	routes := []Route{{From: ip, To: toLoopback}}
	for _, it := range ifs {
		routes = append(routes, broadcastRoutes(it, ip, discoveryPort)...)
	}
	return routes
}

// broadcastRoutes are it's beacons: one per IPv4 address (only the address only, if it is
// valid) to the broadcast address of its network. A /31 or /32 has none.
func broadcastRoutes(it netcore.Interface, only netip.Addr, discoveryPort int) []Route {
	var routes []Route
	for _, pfx := range it.Addrs {
		a := pfx.Addr().Unmap()
		if !a.Is4() || (only.IsValid() && a != only) || pfx.Bits() >= 31 {
			continue
		}
		routes = append(routes, Route{From: a, To: netip.AddrPortFrom(broadcastOf(pfx), uint16(discoveryPort))})
	}
	return routes
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

// sender is one route's socket, bound to the route's From, and its beacon.
type sender struct {
	conn *net.UDPConn
	to   *net.UDPAddr
	msg  []byte
}

// Announce sends s along every route now and then every interval. A route
// whose address cannot be bound (an interface that went away) is skipped;
// with none left it fails.
func Announce(s Service, routes []Route, interval time.Duration) (*Announcer, error) {
	var senders []sender
	err := ErrNoRoute
	for _, r := range routes {
		snd, rerr := newSender(s, r)
		if rerr != nil {
			err = rerr
			continue
		}
		senders = append(senders, snd)
	}
	if len(senders) == 0 {
		return nil, err
	}
	an := &Announcer{stop: make(chan struct{}), done: make(chan struct{})}
	go an.run(senders, interval)
	return an, nil
}

func newSender(s Service, r Route) (sender, error) {
	msg, err := encodeBeacon(Announcement{
		Demo:      s.Demo,
		Addr:      net.JoinHostPort(r.From.String(), strconv.Itoa(s.Port)),
		Transport: s.Transport,
		Name:      s.Name,
		TLS:       s.TLS,
		Settings:  s.Settings,
	})
	if err != nil {
		return sender{}, err
	}
	conn, err := listenBroadcastUDP(netip.AddrPortFrom(r.From, 0).String())
	if err != nil {
		return sender{}, err
	}
	return sender{conn: conn, to: net.UDPAddrFromAddrPort(r.To), msg: msg}, nil
}

func (an *Announcer) run(senders []sender, interval time.Duration) {
	defer close(an.done)
	defer func() {
		for _, s := range senders {
			s.conn.Close()
		}
	}()
	tick := time.NewTicker(interval)
	defer tick.Stop()
	for {
		for _, s := range senders {
			s.conn.WriteToUDP(s.msg, s.to) // a network that is gone is not an error worth a dialog
		}
		select {
		case <-an.stop:
			return
		case <-tick.C:
		}
	}
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
