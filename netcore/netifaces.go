package netcore

import (
	"net"
	"net/netip"
	"sort"
)

// Interface is one network interface and its addresses.
type Interface struct {
	Name     string
	Up       bool
	Loopback bool
	Addrs    []netip.Prefix
}

// Interfaces lists the local interfaces, loopback last.
func Interfaces() ([]Interface, error) {
	ifs, err := net.Interfaces()
	if err != nil {
		return nil, err
	}
	out := make([]Interface, 0, len(ifs))
	for _, ifc := range ifs {
		it := Interface{
			Name:     ifc.Name,
			Up:       ifc.Flags&net.FlagUp != 0,
			Loopback: ifc.Flags&net.FlagLoopback != 0,
		}
		addrs, _ := ifc.Addrs()
		for _, a := range addrs {
			if ipn, ok := a.(*net.IPNet); ok {
				if p, ok := prefixOf(ipn); ok {
					it.Addrs = append(it.Addrs, p)
				}
			}
		}
		out = append(out, it)
	}
	sort.SliceStable(out, func(i, j int) bool { return !out[i].Loopback && out[j].Loopback })
	return out, nil
}

func prefixOf(ipn *net.IPNet) (netip.Prefix, bool) {
	addr, ok := netip.AddrFromSlice(ipn.IP)
	if !ok {
		return netip.Prefix{}, false
	}
	ones, _ := ipn.Mask.Size()
	return netip.PrefixFrom(addr.Unmap(), ones), true
}

// BestLANAddress guesses the address a classmate should type: the first
// IPv4 address of an interface that is up and not loopback. It names no
// interface (en0, eth0, wlan0 all differ by system) and falls back to
// 127.0.0.1 on a machine with no network.
func BestLANAddress() string {
	ifs, err := Interfaces()
	if err != nil {
		return "127.0.0.1"
	}
	if a, ok := bestLAN(ifs); ok {
		return a.String()
	}
	return "127.0.0.1"
}

func bestLAN(ifs []Interface) (netip.Addr, bool) {
	for _, it := range ifs {
		if !it.Up || it.Loopback {
			continue
		}
		for _, p := range it.Addrs {
			if a := p.Addr(); a.Is4() && !a.IsLoopback() && !a.IsLinkLocalUnicast() {
				return a, true
			}
		}
	}
	return netip.Addr{}, false
}
