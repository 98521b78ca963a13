package cli

import (
	"flag"
	"fmt"
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
		return nil, fmt.Errorf("--check-clients works with %s, not %s", strings.Join(check.ClientDemos(), ", "), name)
	}
	// The demo's settings are flags of the same names (--min, --max).
	o := check.ClientOptions(name, func(key string) string {
		if f := fs.Lookup(key); f != nil {
			return f.Value.String()
		}
		return ""
	})
	var mu sync.Mutex
	return check.WatchClients(d, o, func(r check.ClientReport) {
		mu.Lock()
		defer mu.Unlock()
		fmt.Fprintln(env.Stderr, strings.Join(r.Lines(), "\n"))
	}), nil
}
