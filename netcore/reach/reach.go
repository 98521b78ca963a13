package reach

import (
	"context"
	"fmt"
	"net"
	"net/netip"
	"strconv"
	"strings"
	"time"

	"github.com/socketlab/socketlab/netcore"
)

// "Can my partner reach me?" Most failed pair exercises are a client that
// cannot connect: a server bound to loopback or to the wrong interface, a
// firewall, localhost meaning IPv6 while the server listens on IPv4, two
// laptops on different networks. These checks run on this computer only and
// explain each finding in one sentence with what to do.

// Severity ranks a finding.
type Severity int

const (
	Good    Severity = iota // works
	Note                    // worth knowing
	Warning                 // likely to stop the partner
	Problem                 // will stop the partner
)

func (s Severity) String() string {
	return [...]string{"ok", "note", "warning", "problem"}[s]
}

// Finding is one sentence of advice: Text is its English (the command
// line prints it), Code and Values let a front end word it in its user's
// language (texts.go).
type Finding struct {
	Severity Severity
	Text     string
	Code     string
	Values   map[string]string
}

// probeTimeout bounds each self-test connection.
const probeTimeout = 2 * time.Second

// CheckServer explains whether partners can reach a server listening on
// bound (nil when it is not started). probe lists the addresses to try a
// connection to from this computer: ReachableAddrs() for a server on every
// interface. own, when not nil, is that server in this process: the test
// connections are then not listed or logged there as clients.
func CheckServer(ctx context.Context, network string, bound net.Addr, probe []netip.Addr, own Own) []Finding {
	if bound == nil {
		return []Finding{finding(Problem, "not-started", nil)}
	}
	ap, err := netip.ParseAddrPort(bound.String())
	if err != nil {
		return []Finding{finding(Problem, "bad-bound", map[string]string{"addr": bound.String()})}
	}
	port := strconv.Itoa(int(ap.Port()))
	host := ap.Addr().Unmap()
	var out []Finding
	switch {
	case host.IsLoopback():
		out = append(out, finding(Warning, "on-loopback", nil))
		probe = []netip.Addr{host}
	case host.IsUnspecified():
		out = append(out, finding(Good, "on-every", nil))
	default:
		out = append(out, finding(Note, "on-one", map[string]string{"ip": host.String(), "family": familyName(host)}))
		probe = []netip.Addr{host}
	}
	if network == "udp" {
		out = append(out, finding(Note, "udp-server", nil))
	} else {
		for _, a := range probe {
			out = append(out, probeFinding(ctx, a, port, true, own))
		}
	}
	out = append(out, finding(Note, "firewall-note", map[string]string{"port": port}))
	return out
}

// CheckClient explains why addr ("host:port") may not answer: loopback, the
// networks this computer is on, IPv4 against IPv6, and a test connection.
func CheckClient(ctx context.Context, network, addr string) []Finding {
	host, port, err := net.SplitHostPort(addr)
	if err != nil || host == "" {
		return []Finding{finding(Problem, "type-address-spaced", nil)}
	}
	if _, err := netcore.SplitHostPort(addr); err != nil {
		return []Finding{finding(Problem, "bad-address", map[string]string{"error": err.Error()})}
	}
	ifs, _ := netcore.Interfaces()
	var out []Finding
	var targets []netip.Addr
	if ip, err := netip.ParseAddr(host); err == nil {
		targets = []netip.Addr{ip.Unmap()}
	} else {
		rctx, cancel := context.WithTimeout(ctx, probeTimeout)
		ips, err := net.DefaultResolver.LookupNetIP(rctx, "ip", host)
		cancel()
		if err != nil || len(ips) == 0 {
			return []Finding{finding(Problem, "unknown-name", map[string]string{"host": strconv.Quote(host)})}
		}
		for _, ip := range ips {
			targets = append(targets, ip.Unmap())
		}
		if hasBothFamilies(targets) {
			out = append(out, finding(Note, "both-families", map[string]string{"host": strconv.Quote(host)}))
		}
	}
	out = append(out, subnetFindings(targets, ifs)...)
	if network == "udp" {
		return append(out, finding(Note, "udp-client", nil))
	}
	seen := map[netip.Addr]bool{}
	for _, t := range targets {
		if !seen[t] {
			seen[t] = true
			out = append(out, probeFinding(ctx, t, port, false, nil))
		}
	}
	return out
}

func hasBothFamilies(ips []netip.Addr) bool {
	var v4, v6 bool
	for _, ip := range ips {
		v4 = v4 || ip.Is4()
		v6 = v6 || ip.Is6()
	}
	return v4 && v6
}

// subnetFindings says whether each target is this computer, on one of its
// networks, or somewhere a router must reach.
func subnetFindings(targets []netip.Addr, ifs []netcore.Interface) []Finding {
	var out []Finding
	for _, t := range targets {
		if t.IsLoopback() {
			out = append(out, finding(Note, "is-loopback", map[string]string{"ip": t.String()}))
			continue
		}
		var same, mine []string
		for _, it := range ifs {
			if !it.Up || it.Loopback {
				continue
			}
			for _, p := range it.Addrs {
				if p.Addr() == t {
					return append(out, finding(Note, "is-mine", map[string]string{"ip": t.String(), "iface": it.Name}))
				}
				if p.Contains(t) {
					same = append(same, fmt.Sprintf("%s (%s)", it.Name, p))
				}
				if p.Addr().Is4() == t.Is4() && !p.Addr().IsLinkLocalUnicast() {
					mine = append(mine, p.String())
				}
			}
		}
		if len(same) > 0 {
			out = append(out, finding(Good, "same-network", map[string]string{"nets": strings.Join(same, ", "), "ip": t.String()}))
		} else {
			v := map[string]string{"ip": t.String(), "family": familyName(t), "addrs": strings.Join(mine, ", ")}
			if len(mine) == 0 {
				out = append(out, finding(Warning, "other-network-no", v))
			} else {
				out = append(out, finding(Warning, "other-network", v))
			}
		}
	}
	return out
}

func familyName(a netip.Addr) string {
	if a.Is4() {
		return "IPv4"
	}
	return "IPv6"
}

// probeFinding tries one TCP connection and says what happened. With own,
// a is an address of this computer and the connection comes from it
// (dialOwn). self says the connection is made from this computer to its
// own server, which the sentence then says.
func probeFinding(ctx context.Context, a netip.Addr, port string, self bool, own Own) Finding {
	addr := net.JoinHostPort(a.String(), port)
	d := net.Dialer{Timeout: probeTimeout}
	var c net.Conn
	var err error
	if own != nil && a.Zone() == "" {
		c, err = dialOwn(ctx, d, a, addr, own)
	} else {
		c, err = d.DialContext(ctx, "tcp", addr)
	}
	v := map[string]string{"addr": addr}
	pick := func(plain, fromHere string) string {
		if self {
			return fromHere
		}
		return plain
	}
	switch {
	case err == nil:
		c.Close()
		return finding(Good, pick("answers", "answers-here"), v)
	case netcore.IsRefused(err):
		return finding(Problem, pick("nothing-here", "nothing-here-self"), v)
	case netcore.IsTimeout(err):
		v["timeout"] = netcore.FormatSeconds(probeTimeout)
		return finding(Problem, "no-answer", v)
	}
	v["error"] = err.Error()
	return finding(Problem, pick("failed", "failed-self"), v)
}
