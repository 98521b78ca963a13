package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"net/netip"
	"strconv"
	"time"

	"github.com/socketlab/socketlab/netcore/discovery"
	"github.com/socketlab/socketlab/netcore/reach"
)

// doctor runs the reachability checks for a partner's server from this
// computer (reach.Doctor), one finding a line with what to do. Exit status:
// 0 when the server answers, 1 when it does not.
func doctor(ctx context.Context, args []string, env Env) int {
	fs := newFlagSet("doctor", env)
	udp := fs.Bool("udp", false, "the server uses UDP")
	rest, err := parse(fs, args)
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if len(rest) != 1 {
		return usageError(env, "doctor needs exactly one HOST:PORT")
	}
	network := "tcp"
	if *udp {
		network = "udp"
	}
	stop, heard := announcedServers(ctx, env, network)
	defer stop()
	findings, answers := reach.Doctor(ctx, network, rest[0], heard)
	for _, f := range findings {
		// Findings quote what was typed and what the system said; both
		// come from this computer, never from the network.
		fmt.Fprintf(env.Stdout, "%s: %s\n", f.Severity, f.Text)
	}
	if !answers {
		return 1
	}
	return 0
}

// announcedServers listens for announcements while doctor probes, so that
// a refused port can be told apart: a server that announces itself but
// refuses connections is behind a firewall. heard waits until a beacon had
// time to come, then lists the servers heard over network. When discovery
// cannot listen (a Client tab holds the port) it lists nothing.
func announcedServers(ctx context.Context, env Env, network string) (stop func(), heard func() []netip.AddrPort) {
	b, err := discovery.Browse(":"+strconv.Itoa(discoveryPort(env)), time.Minute)
	if err != nil {
		return func() {}, nil
	}
	started := time.Now()
	return b.Close, func() []netip.AddrPort {
		select {
		case <-time.After(time.Until(started.Add(discovery.AnnounceEvery + 300*time.Millisecond))):
		case <-ctx.Done():
		}
		var out []netip.AddrPort
		for _, f := range b.Found() {
			if a, err := netip.ParseAddrPort(f.Addr); err == nil && f.Transport == network {
				out = append(out, a)
			}
		}
		return out
	}
}
