package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/socketlab/socketlab/netcore"
	"github.com/socketlab/socketlab/netcore/discovery"
)

// defaultFindWait is how long find listens: servers announce every second,
// so three seconds hear each one even when a beacon or two is lost.
const defaultFindWait = 3 * time.Second

// discoveryPort is where announcements go and are heard: the classroom's
// port, or the one a test chose.
func discoveryPort(env Env) int {
	if env.DiscoveryPort != 0 {
		return env.DiscoveryPort
	}
	return discovery.Port
}

// find lists the servers heard announcing themselves on this network, as
// the Client tab's "Servers on this network" does: one line each, demo,
// HOST:PORT, transport (tcp+tls for a TLS server) and computer name. Exit status 1 when none is heard.
func find(ctx context.Context, args []string, env Env) int {
	fs := newFlagSet("find", env)
	wait := fs.Duration("wait", defaultFindWait, "how long to listen for announcements")
	rest, err := parse(fs, args)
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if len(rest) > 0 {
		return usageError(env, "find takes no argument %q", rest[0])
	}
	if *wait <= 0 {
		return usageError(env, "--wait must be more than 0")
	}
	b, err := discovery.Browse(":"+strconv.Itoa(discoveryPort(env)), *wait+discovery.AnnounceEvery)
	if err != nil {
		fmt.Fprintln(env.Stderr, "socketlab: cannot listen for announcements:", err)
		return 1
	}
	defer b.Close()
	select {
	case <-time.After(*wait):
	case <-ctx.Done():
	}
	found := b.Found()
	if len(found) == 0 {
		fmt.Fprintf(env.Stderr, "socketlab: no server announced itself within %s: is the server started with Announce on (socketlab serve --announce)? Announcements reach this network only, not another one behind a router.\n", netcore.FormatSeconds(*wait))
		return 1
	}
	// Demo and computer names were cleaned of control characters by the
	// browser, so they are safe to print.
	tw := tabwriter.NewWriter(env.Stdout, 0, 0, 2, ' ', 0)
	for _, f := range found {
		name := f.Name
		if name == "" {
			name = "-"
		}
		line := f.Demo + "\t" + f.Addr + "\t" + foundTransport(f) + "\t" + name
		if len(f.Settings) > 0 {
			line += "\t" + settingsText(f.Settings)
		}
		fmt.Fprintln(tw, line)
	}
	tw.Flush()
	return 0
}

// foundTransport is the transport column: "tcp+tls" for a server that
// speaks TLS, so the user knows to connect with --tls.
func foundTransport(f discovery.Found) string {
	if f.TLS {
		return f.Transport + "+tls"
	}
	return f.Transport
}

// settingsText is an announced server's settings as "max=20 min=1" (the
// browser has cleaned them), sorted so the line is the same every time.
func settingsText(settings map[string]string) string {
	parts := make([]string, 0, len(settings))
	for _, k := range slices.Sorted(maps.Keys(settings)) {
		parts = append(parts, k+"="+settings[k])
	}
	return strings.Join(parts, " ")
}

// announce starts announcing a started server when on, through the same
// call as the Server tab's Announce box, and returns what stops it. A
// failure costs only the announcement: partners can still type the address.
// say prints a line of the server's log, after those already printed.
func announce(on bool, srv *netcore.Server, env Env, say func(string)) (stop func()) {
	if !on {
		return func() {}
	}
	ann, partner, err := discovery.AnnounceServer(srv.Config(), srv.Addr(), discoveryPort(env))
	if err != nil {
		fmt.Fprintln(env.Stderr, "socketlab: could not announce the server on this network:", err)
		return func() {}
	}
	say("announced as " + partner + ": socketlab find and Client tabs on this network list it")
	return ann.Stop
}
