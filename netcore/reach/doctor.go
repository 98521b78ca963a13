package reach

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/netip"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/socketlab/socketlab/netcore"
)

// "socketlab doctor HOST:PORT": why a partner's server does not answer,
// seen from this computer. Each cause is told apart by what the network
// answers, not guessed:
//   - nothing listens: the port is refused;
//   - a firewall drops the port: no answer on it, while the same computer
//     answers on another port (a refusal is an answer);
//   - a firewall rejects the port: "administratively prohibited" (or a
//     refusal although that very server announces itself here);
//   - no route or a different network: unreachable, and none of this
//     computer's networks contains the address;
//   - a name meaning IPv6 where the server listens on IPv4 only;
//   - localhost or 127.x typed for a partner's address.

// UDPProbe is the datagram doctor --udp sends: one line any UDP demo
// answers with one datagram (echo returns it, time stamps it).
const UDPProbe = "socketlab doctor\n"

// outcome is what one connection attempt met.
type outcome int

const (
	answered   outcome = iota // connected (or, for UDP, a reply came)
	refused                   // nothing listens, or a firewall sends a plain refusal
	prohibited                // a firewall or router says "prohibited" / "host unreachable"
	noRoute                   // this computer has no way to that network
	silent                    // nothing came back in time
	failed                    // anything else
)

// classify turns a dial or read error into an outcome.
func classify(err error) outcome {
	switch {
	case err == nil:
		return answered
	case netcore.IsRefused(err):
		return refused
	case errors.Is(err, syscall.ENETUNREACH) || strings.Contains(err.Error(), "network is unreachable"):
		return noRoute
	case errors.Is(err, syscall.EHOSTUNREACH) || errors.Is(err, syscall.EACCES) || strings.Contains(err.Error(), "unreachable"):
		return prohibited
	case netcore.IsTimeout(err):
		return silent
	}
	return failed
}

// probed is what was seen of one target address: its port, and another
// port of the same computer (is the computer itself there?).
type probed struct {
	addr      netip.AddrPort
	port      outcome
	portErr   error
	otherPort uint16
	host      outcome
}

// hostAnswers: a connection or a refusal on another port means the
// computer is there and its network path works.
func (p probed) hostAnswers() bool { return p.host == answered || p.host == refused }

// Doctor runs the checks for addr ("host:port") over network ("tcp" or
// "udp") and says whether the server answered. announced, when not nil,
// lists the servers this computer hears announcing themselves over network
// (discovery); it is asked only when a port is refused, to tell a
// firewall's refusal from a server that is not there.
func Doctor(ctx context.Context, network, addr string, announced func() []netip.AddrPort) ([]Finding, bool) {
	host, portText, err := net.SplitHostPort(addr)
	if err != nil || host == "" {
		return []Finding{finding(Problem, "type-address", nil)}, false
	}
	port, err := netcore.SplitHostPort(addr)
	if err != nil || port == 0 {
		if err == nil {
			err = netcore.BadPortError(portText)
		}
		return []Finding{finding(Problem, "bad-address", map[string]string{"error": err.Error()})}, false
	}
	var out []Finding
	targets, ok := resolve(ctx, host)
	if !ok {
		return []Finding{finding(Problem, "unknown-name", map[string]string{"host": strconv.Quote(host)})}, false
	}
	if isThisComputer(host, targets) {
		out = append(out, finding(Warning, "localhost", map[string]string{"host": host}))
	}
	ifs, _ := netcore.Interfaces()
	out = append(out, subnetFindings(targets, ifs)...)

	results := make([]probed, len(targets))
	var wg sync.WaitGroup
	for i, t := range targets {
		wg.Add(1)
		go func() {
			defer wg.Done()
			results[i] = probe(ctx, network, netip.AddrPortFrom(t, uint16(port)))
		}()
	}
	wg.Wait()

	answers := false
	for _, r := range results {
		answers = answers || r.port == answered
	}
	for _, r := range results {
		out = append(out, explain(network, r, r.port == refused && isAnnounced(r.addr, announced), answers)...)
		if r.port == answered && !r.addr.Addr().IsLoopback() && !onMyNetworks(r.addr.Addr(), ifs) {
			out = append(out, finding(Note, "via-router", map[string]string{"addr": r.addr.String()}))
		}
	}
	return out, answers
}

// resolve is the addresses host means, IPv4 first as typed order allows.
func resolve(ctx context.Context, host string) ([]netip.Addr, bool) {
	if ip, err := netip.ParseAddr(host); err == nil {
		return []netip.Addr{ip.Unmap()}, true
	}
	rctx, cancel := context.WithTimeout(ctx, probeTimeout)
	defer cancel()
	ips, err := net.DefaultResolver.LookupNetIP(rctx, "ip", host)
	if err != nil || len(ips) == 0 {
		return nil, false
	}
	seen := map[netip.Addr]bool{}
	var out []netip.Addr
	for _, ip := range ips {
		if ip = ip.Unmap(); !seen[ip] {
			seen[ip] = true
			out = append(out, ip)
		}
	}
	return out, true
}

// isThisComputer: "localhost" or a loopback address typed for a partner.
func isThisComputer(host string, targets []netip.Addr) bool {
	if strings.EqualFold(strings.TrimSuffix(host, "."), "localhost") {
		return true
	}
	return len(targets) == 1 && targets[0].IsLoopback()
}

func onMyNetworks(a netip.Addr, ifs []netcore.Interface) bool {
	for _, it := range ifs {
		for _, p := range it.Addrs {
			if it.Up && p.Contains(a) {
				return true
			}
		}
	}
	return false
}

func isAnnounced(a netip.AddrPort, announced func() []netip.AddrPort) bool {
	if announced == nil {
		return false
	}
	for _, x := range announced() {
		if x.Addr().Unmap() == a.Addr() && x.Port() == a.Port() {
			return true
		}
	}
	return false
}

// otherPortOf is the port tried to see whether the computer itself is
// there: port 1 (tcpmux, almost never served, so it answers with a
// refusal), or 2 when 1 is the port in question.
func otherPortOf(port uint16) uint16 {
	if port == 1 {
		return 2
	}
	return 1
}

// probe tries the port and, at the same time, another TCP port of the same
// computer, each within probeTimeout.
func probe(ctx context.Context, network string, a netip.AddrPort) probed {
	r := probed{addr: a, otherPort: otherPortOf(a.Port())}
	done := make(chan struct{})
	go func() {
		defer close(done)
		r.host, _ = dialOutcome(ctx, "tcp", netip.AddrPortFrom(a.Addr(), r.otherPort))
	}()
	if network == "udp" {
		r.port, r.portErr = udpOutcome(ctx, a)
	} else {
		r.port, r.portErr = dialOutcome(ctx, "tcp", a)
	}
	<-done
	return r
}

func dialOutcome(ctx context.Context, network string, a netip.AddrPort) (outcome, error) {
	d := net.Dialer{Timeout: probeTimeout}
	c, err := d.DialContext(ctx, network, a.String())
	if err == nil {
		c.Close()
	}
	return classify(err), err
}

// udpOutcome sends UDPProbe and waits for any datagram back. A refusal
// comes back as an ICMP "port unreachable" on the connected socket.
func udpOutcome(ctx context.Context, a netip.AddrPort) (outcome, error) {
	d := net.Dialer{Timeout: probeTimeout}
	c, err := d.DialContext(ctx, "udp", a.String())
	if err != nil {
		return classify(err), err
	}
	defer c.Close()
	stop := context.AfterFunc(ctx, func() { c.SetDeadline(time.Now()) })
	defer stop()
	c.SetDeadline(time.Now().Add(probeTimeout))
	if _, err := c.Write([]byte(UDPProbe)); err != nil {
		return classify(err), err
	}
	buf := make([]byte, 64)
	_, err = c.Read(buf)
	return classify(err), err
}

// explain is the finding for one probed address. anyAnswers says whether
// another address of the same name answered (IPv4 against IPv6).
func explain(network string, r probed, announced, anyAnswers bool) []Finding {
	a := r.addr
	ip := a.Addr()
	v := map[string]string{
		"addr": a.String(), "ip": ip.String(), "port": strconv.Itoa(int(a.Port())),
		"family": familyName(ip), "other": strconv.Itoa(int(r.otherPort)),
		"timeout": netcore.FormatSeconds(probeTimeout),
	}
	one := func(s Severity, code string) []Finding { return []Finding{finding(s, code, v)} }
	if r.port != answered && anyAnswers {
		// A name with two addresses: one works, this one does not.
		return one(Warning, "one-family")
	}
	switch r.port {
	case answered:
		if network == "udp" {
			return one(Good, "answers-udp")
		}
		return one(Good, "answers")
	case refused:
		if announced {
			return one(Problem, "firewall-refuses")
		}
		if ip.Is6() {
			return append(one(Problem, "nothing-listens"), finding(Note, "ipv6-only", v))
		}
		return one(Problem, "nothing-listens")
	case prohibited:
		if r.hostAnswers() {
			return one(Problem, "rejected")
		}
		return one(Problem, "unreachable")
	case noRoute:
		return one(Problem, "no-route")
	case silent:
		if r.hostAnswers() {
			return one(Problem, "firewall-drops")
		}
		if network == "udp" {
			return one(Problem, "udp-silent")
		}
		return one(Problem, "silent")
	}
	v["error"] = fmt.Sprint(r.portErr)
	return one(Problem, "failed")
}
