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

// Finding is one sentence of advice.
type Finding struct {
	Severity Severity
	Text     string
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
		return []Finding{{Problem, "The server is not started: press Start server, then check again."}}
	}
	ap, err := netip.ParseAddrPort(bound.String())
	if err != nil {
		return []Finding{{Problem, "Cannot read the server's address " + bound.String() + "."}}
	}
	port := strconv.Itoa(int(ap.Port()))
	host := ap.Addr().Unmap()
	var out []Finding
	switch {
	case host.IsLoopback():
		out = append(out, Finding{Warning, "The server listens on loopback (this computer only), so no other laptop can reach it: pick your Wi-Fi or Ethernet interface, or All interfaces, and start again."})
		probe = []netip.Addr{host}
	case host.IsUnspecified():
		out = append(out, Finding{Good, "The server listens on every interface, so partners can use any of this computer's addresses."})
	default:
		out = append(out, Finding{Note, fmt.Sprintf("The server listens on %s only: your partner must type exactly that address; %s from another network will not work.", host, familyWord(host, true))})
		probe = []netip.Addr{host}
	}
	if network == "udp" {
		out = append(out, Finding{Note, "UDP has no connection to test: ask your partner to send one message and watch for it in the log."})
	} else {
		for _, a := range probe {
			out = append(out, probeFinding(ctx, a, port, "from this computer", own))
		}
	}
	out = append(out, Finding{Note, "Even when this computer reaches itself, a firewall can block other laptops: allow Socket Lab when Windows or macOS asks, or allow port " + port + "."})
	return out
}

// CheckClient explains why addr ("host:port") may not answer: loopback, the
// networks this computer is on, IPv4 against IPv6, and a test connection.
func CheckClient(ctx context.Context, network, addr string) []Finding {
	host, port, err := net.SplitHostPort(addr)
	if err != nil || host == "" {
		return []Finding{{Problem, "Type the address shown on your partner's screen, like 192.168.0.105 : 8000."}}
	}
	if _, err := netcore.SplitHostPort(addr); err != nil {
		return []Finding{{Problem, err.Error()}}
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
			return []Finding{{Problem, fmt.Sprintf("The name %q is not known here: type the IP address shown on your partner's screen instead.", host)}}
		}
		for _, ip := range ips {
			targets = append(targets, ip.Unmap())
		}
		if hasBothFamilies(targets) {
			out = append(out, Finding{Note, fmt.Sprintf("%q means both an IPv4 and an IPv6 address; a server listening on IPv4 only answers just one of them, so prefer typing the IPv4 address (like 127.0.0.1).", host)})
		}
	}
	out = append(out, subnetFindings(targets, ifs)...)
	if network == "udp" {
		return append(out, Finding{Note, "UDP has no connection to test: send a message and see whether a reply comes."})
	}
	seen := map[netip.Addr]bool{}
	for _, t := range targets {
		if !seen[t] {
			seen[t] = true
			out = append(out, probeFinding(ctx, t, port, "", nil))
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

func familyWord(a netip.Addr, other bool) string {
	if a.Is4() == other {
		return "an IPv4 address"
	}
	return "an IPv6 address"
}

// subnetFindings says whether each target is this computer, on one of its
// networks, or somewhere a router must reach.
func subnetFindings(targets []netip.Addr, ifs []netcore.Interface) []Finding {
	var out []Finding
	for _, t := range targets {
		if t.IsLoopback() {
			out = append(out, Finding{Note, t.String() + " is this computer. To reach your partner, type the address shown on their screen (like 192.168.0.105)."})
			continue
		}
		var same, mine []string
		for _, it := range ifs {
			if !it.Up || it.Loopback {
				continue
			}
			for _, p := range it.Addrs {
				if p.Addr() == t {
					return append(out, Finding{Note, t.String() + " is this computer's own address on " + it.Name + "."})
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
			out = append(out, Finding{Good, fmt.Sprintf("Your interface %s is on the same network as %s.", strings.Join(same, ", "), t)})
		} else {
			out = append(out, Finding{Warning, fmt.Sprintf("None of this computer's networks contains %s: are you both on the same Wi-Fi? (Your %s addresses: %s.)", t, familyName(t), orNone(mine))})
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

func orNone(s []string) string {
	if len(s) == 0 {
		return "none"
	}
	return strings.Join(s, ", ")
}

// probeFinding tries one TCP connection and says what happened. With own,
// a is an address of this computer and the connection comes from it
// (dialOwn).
func probeFinding(ctx context.Context, a netip.Addr, port, from string, own Own) Finding {
	addr := net.JoinHostPort(a.String(), port)
	d := net.Dialer{Timeout: probeTimeout}
	var c net.Conn
	var err error
	if own != nil && a.Zone() == "" {
		c, err = dialOwn(ctx, d, a, addr, own)
	} else {
		c, err = d.DialContext(ctx, "tcp", addr)
	}
	if from != "" {
		from = " " + from
	}
	switch {
	case err == nil:
		c.Close()
		return Finding{Good, fmt.Sprintf("%s answers%s: a server is listening there.", addr, from)}
	case netcore.IsRefused(err):
		return Finding{Problem, fmt.Sprintf("Nothing listens at %s%s: is the server started, on this port and on an interface that has this address?", addr, from)}
	case netcore.IsTimeout(err):
		return Finding{Problem, fmt.Sprintf("No answer from %s within %s: a firewall, or the two computers are on different networks.", addr, netcore.FormatSeconds(probeTimeout))}
	}
	return Finding{Problem, fmt.Sprintf("%s%s: %v", addr, from, err)}
}
