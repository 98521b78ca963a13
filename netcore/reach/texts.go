package reach

import (
	"maps"

	"github.com/socketlab/socketlab/netcore"
)

// The English of every finding, in one place, keyed by code, so that a
// front end can word the findings in its user's language by code (and its
// test can hold every language to this table). Values are written {name};
// {addr} is host:port, {ip} an address alone, {family} IPv4 or IPv6,
// {timeout} like "2 s", {other} the other port tried.
var findingTexts = map[string]string{
	// The Server tab's "Can my partner reach me?" (CheckServer).
	"not-started":   "The server is not started: press Start server, then check again.",
	"bad-bound":     "Cannot read the server's address {addr}.",
	"on-loopback":   "The server listens on loopback (this computer only), so no other laptop can reach it: pick your Wi-Fi or Ethernet interface, or All interfaces, and start again.",
	"on-every":      "The server listens on every interface, so partners can use any of this computer's addresses.",
	"on-one":        "The server listens on {ip} only: your partner must type exactly that address; an {family} address from another network will not work.",
	"udp-server":    "UDP has no connection to test: ask your partner to send one message and watch for it in the log.",
	"firewall-note": "Even when this computer reaches itself, a firewall can block other laptops: allow Socket Lab when Windows or macOS asks, or allow port {port}.",

	// A partner's address (CheckClient, Doctor).
	"type-address":        "Type the address shown on your partner's screen, like 192.168.0.105:8000.",
	"type-address-spaced": "Type the address shown on your partner's screen, like 192.168.0.105 : 8000.",
	"bad-address":         "{error}",
	"unknown-name":        "The name {host} is not known here: type the IP address shown on your partner's screen instead.",
	"both-families":       "{host} means both an IPv4 and an IPv6 address; a server listening on IPv4 only answers just one of them, so prefer typing the IPv4 address (like 127.0.0.1).",
	"udp-client":          "UDP has no connection to test: send a message and see whether a reply comes.",
	"localhost":           "{host} always means this computer, never your partner's: to reach their server, type the address shown on their screen (like 192.168.0.105).",
	"via-router":          "{addr} answers through a router, from a different network: connecting works, but servers there are not listed by find or the Client tab (announcements stay on their own network), so type the address.",

	// Where an address is (subnetFindings).
	"is-loopback":      "{ip} is this computer. To reach your partner, type the address shown on their screen (like 192.168.0.105).",
	"is-mine":          "{ip} is this computer's own address on {iface}.",
	"same-network":     "Your interface {nets} is on the same network as {ip}.",
	"other-network":    "None of this computer's networks contains {ip}: are you both on the same Wi-Fi? (Your {family} addresses: {addrs}.)",
	"other-network-no": "None of this computer's networks contains {ip}: are you both on the same Wi-Fi? (Your {family} addresses: none.)",

	// One test connection (probeFinding, explain).
	"answers":           "{addr} answers: a server is listening there.",
	"answers-here":      "{addr} answers from this computer: a server is listening there.",
	"answers-udp":       "{addr} answers over UDP: a server is listening there.",
	"nothing-here":      "Nothing listens at {addr}: is the server started, on this port and on an interface that has this address?",
	"nothing-here-self": "Nothing listens at {addr} from this computer: is the server started, on this port and on an interface that has this address?",
	"no-answer":         "No answer from {addr} within {timeout}: a firewall, or the two computers are on different networks.",
	"failed":            "{addr}: {error}",
	"failed-self":       "{addr} from this computer: {error}",

	// Why a partner's server does not answer (explain, Doctor).
	"one-family":       "{addr}, the name's {family} address, does not answer while another of its addresses does: the server listens on one family only, and programs that try {family} first (telnet, Python, browsers) may fail there: type the address that answers instead.",
	"firewall-refuses": "{addr} refuses connections although a Socket Lab server there announces itself on that port: a firewall on that computer rejects port {port}; allow Socket Lab (or port {port}) in its firewall.",
	"nothing-listens":  "Nothing listens at {addr}: is the server started, on port {port}, and on an interface with this address (not on loopback, which only that computer itself can reach)? A firewall that refuses the port looks the same.",
	"ipv6-only":        "{ip} is an IPv6 address: a server listening on IPv4 only is not there; type its IPv4 address (like 192.168.0.105).",
	"rejected":         "{addr} is rejected while {ip} itself answers (on port {other}): a firewall on that computer rejects port {port}; allow Socket Lab (or port {port}) in its firewall.",
	"unreachable":      "{ip} cannot be reached: no computer answers to that address on this network, a router says there is no way to it, or a firewall rejects everything: check the address, and that you are both on the same network.",
	"no-route":         "There is no route to {ip} (from this computer, or from a router on the way): it is on a different network than yours; join the same Wi-Fi or network as your partner.",
	"firewall-drops":   "No answer at {addr} within {timeout} while {ip} itself answers (on port {other}): a firewall on that computer drops port {port}; allow Socket Lab (or port {port}) in its firewall, for example when Windows asks on the first Start.",
	"udp-silent":       "No reply from {addr} within {timeout}, and {ip} does not answer on TCP either: it is off, on a different network, or a firewall drops everything it is sent.",
	"silent":           "No answer at all from {ip} within {timeout}: it is off, on a different network (a guest Wi-Fi may keep computers apart), or a firewall drops everything it is sent.",
}

// FindingText is the English of a finding's code with its values.
func FindingText(code string, values map[string]string) string {
	s, ok := findingTexts[code]
	if !ok {
		s = code
	}
	return netcore.FillText(s, values)
}

// FindingTexts is a copy of the English table by code, for a front end
// that words findings in other languages (and its completeness test).
func FindingTexts() map[string]string { return maps.Clone(findingTexts) }

// finding is one finding, its English filled in for the command line.
func finding(s Severity, code string, values map[string]string) Finding {
	return Finding{Severity: s, Text: FindingText(code, values), Code: code, Values: values}
}
