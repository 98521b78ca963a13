package netcore

import (
	"fmt"
	"net"
	"net/netip"
	"strings"
)

// NotAllowedReply turns away a client whose address is not on
// Config.Allow (docs/protocols.md, "Limits").
const NotAllowedReply = "not allowed: this server only accepts connections from the classroom network"

// MaxAllowEntries bounds an allow list: a classroom needs a few.
const MaxAllowEntries = 256

// ParseAllowList reads "10.0.0.0/24, 127.0.0.1, ::1": addresses and
// subnets (CIDR), IPv4 and IPv6, separated by commas or spaces. An address
// is a subnet of one. Errors name the entry.
func ParseAllowList(s string) ([]netip.Prefix, error) {
	fields := strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ' ' || r == '\t' || r == '\n' })
	if len(fields) > MaxAllowEntries {
		return nil, fmt.Errorf("the allow list has %d entries; at most %d", len(fields), MaxAllowEntries)
	}
	out := make([]netip.Prefix, 0, len(fields))
	for _, f := range fields {
		if p, err := netip.ParsePrefix(f); err == nil {
			out = append(out, p.Masked())
			continue
		}
		a, err := netip.ParseAddr(f)
		if err != nil {
			return nil, fmt.Errorf("%q is not an address or a subnet such as 10.0.0.0/24", f)
		}
		a = a.Unmap()
		out = append(out, netip.PrefixFrom(a, a.BitLen()))
	}
	return out, nil
}

// FormatAllowList writes a list back as ParseAllowList reads it.
func FormatAllowList(list []netip.Prefix) string {
	parts := make([]string, len(list))
	for i, p := range list {
		if p.IsSingleIP() {
			parts[i] = p.Addr().String()
		} else {
			parts[i] = p.String()
		}
	}
	return strings.Join(parts, ", ")
}

// allowed says whether a client from addr may be served: always when
// Config.Allow is empty. An IPv4-mapped IPv6 address counts as the IPv4 one.
func (s *Server) allowed(addr net.Addr) bool {
	if len(s.cfg.Allow) == 0 {
		return true
	}
	var a netip.Addr
	switch v := addr.(type) {
	case *net.TCPAddr:
		a, _ = netip.AddrFromSlice(v.IP)
	case *net.UDPAddr:
		a, _ = netip.AddrFromSlice(v.IP)
	}
	a = a.Unmap().WithZone("")
	for _, p := range s.cfg.Allow {
		if p.Contains(a) {
			return true
		}
	}
	return false
}

// notAllowedWhy is the log's reason for turning a client away.
func (s *Server) notAllowedWhy() string {
	return "not on the allow list (" + FormatAllowList(s.cfg.Allow) + ")"
}
