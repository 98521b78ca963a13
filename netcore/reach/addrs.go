package reach

import (
	"net/netip"

	"github.com/socketlab/socketlab/netcore"
)

// ReachableAddrs lists the addresses a server listening on every interface
// can be reached at, LAN addresses first, for the banner.
func ReachableAddrs() []netip.Addr {
	ifs, err := netcore.Interfaces()
	if err != nil {
		return nil
	}
	var out []netip.Addr
	for _, it := range ifs {
		if !it.Up {
			continue
		}
		for _, p := range it.Addrs {
			if !p.Addr().IsLinkLocalUnicast() {
				out = append(out, p.Addr())
			}
		}
	}
	return out
}
