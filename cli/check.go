package cli

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"strings"

	"github.com/socketlab/socketlab/netcore/check"
)

// checkUsage is check's line in Usage.
const checkUsage = "  socketlab check --demo DEMO HOST:PORT... [--udp] [--min N --max N]\n" +
	"                  [--password TEXT] [--single] [--tls [--fingerprint HEX]] [--json]\n"

// checkServers runs a demo's rules against servers someone else wrote:
// exit 0 when every must-rule holds on every server, 1 when one fails, 2 on
// a usage error.
func checkServers(ctx context.Context, args []string, env Env) int {
	fs := newFlagSet("check", env)
	demo := fs.String("demo", "", "the demo the server speaks: "+strings.Join(check.Demos(), ", "))
	udp := fs.Bool("udp", false, "check over UDP (echo and time)")
	lo := fs.Int("min", 0, "guess: the smallest secret")
	hi := fs.Int("max", 9, "guess: the largest secret")
	password := fs.String("password", "", "password: the right password")
	single := fs.Bool("single", false, "echo: the server is the one-client lesson (a second client is a remark)")
	useTLS := fs.Bool("tls", false, "every rule's connection speaks TLS; the server's certificate fingerprint is printed on stderr (and in --json) to compare with the server's screen")
	fingerprint := fs.String("fingerprint", "", "with --tls: refuse a server whose certificate fingerprint (SHA-256, as the server prints it) is not this one (exit code 2)")
	asJSON := fs.Bool("json", false, "print the reports as JSON")
	addrs, err := parse(fs, args)
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	switch {
	case *demo == "":
		return usageError(env, "check needs --demo (one of %s)", strings.Join(check.Demos(), ", "))
	case !check.Has(*demo):
		return usageError(env, "no check rules for demo %q (choose one of %s)", *demo, strings.Join(check.Demos(), ", "))
	case len(addrs) == 0:
		return usageError(env, "check needs at least one HOST:PORT")
	case *lo > *hi:
		return usageError(env, "--min must not be larger than --max")
	case *udp && *demo != "echo" && *demo != "time":
		return usageError(env, "--udp works only with echo and time")
	case *fingerprint != "" && !*useTLS:
		return usageError(env, "--fingerprint checks a TLS server: add --tls")
	case *useTLS && *udp:
		return usageError(env, "--tls needs TCP: leave out --udp")
	}
	o := check.DefaultOptions(*demo)
	o.UDP, o.Min, o.Max, o.Password, o.Single = *udp, *lo, *hi, *password, *single
	o.TLS, o.Fingerprint = *useTLS, *fingerprint
	reports, err := check.RunAll(ctx, addrs, o)
	reports, refused := refusedServers(env, reports, err)
	if err != nil && !refused {
		return usageError(env, "%v", err)
	}
	checkTLSSeen(env, reports)
	if len(reports) == 0 {
		// every server was refused: said on stderr
	} else if *asJSON {
		enc := json.NewEncoder(env.Stdout)
		enc.SetIndent("", "  ")
		enc.Encode(reports)
	} else if len(reports) == 1 {
		for _, l := range reports[0].Lines() {
			fmt.Fprintln(env.Stdout, l)
		}
	} else {
		fmt.Fprint(env.Stdout, check.Table(reports))
	}
	if refused {
		return 2
	}
	for _, r := range reports {
		if r.Failed() {
			return 1
		}
	}
	return 0
}
