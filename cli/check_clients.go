package cli

import (
	"flag"
	"fmt"
	"strconv"
	"strings"
	"sync"

	"github.com/socketlab/socketlab/netcore"
	"github.com/socketlab/socketlab/netcore/check"
)

// watchClients wraps the demo of "serve --check-clients": each client's
// verdicts are printed when it leaves. They go to stderr, apart from the
// event log on stdout, so the two never interleave mid-line.
func watchClients(d netcore.Demo, fs *flag.FlagSet, env Env) (netcore.Demo, error) {
	name := d.Info().Name
	if !check.ClientCheckable(name) {
		return nil, fmt.Errorf("--check-clients works with guess, echo and time, not %s", name)
	}
	o := check.DefaultOptions(name)
	for _, key := range []string{"min", "max"} {
		if f := fs.Lookup(key); f != nil {
			n, _ := strconv.Atoi(f.Value.String())
			if key == "min" {
				o.Min = n
			} else {
				o.Max = n
			}
		}
	}
	var mu sync.Mutex
	return check.WatchClients(d, o, func(r check.ClientReport) {
		mu.Lock()
		defer mu.Unlock()
		fmt.Fprintln(env.Stderr, strings.Join(r.Lines(), "\n"))
	}), nil
}
