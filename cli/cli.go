// Package cli is Socket Lab without a window: serve, connect, interfaces and
// version, for terminals, scripts and CI.
package cli

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"os"
	"os/signal"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/socketlab/socketlab/netcore"
)

// Usage is printed for "socketlab help" and after a bad command.
const Usage = `usage:
  socketlab                      open the Socket Lab window
  socketlab serve --demo DEMO [--addr HOST:PORT] [--udp] [--welcome TEXT]
                  [--password TEXT] [--attempts N] [--min N] [--max N]
                  [--max-clients N] [--idle DURATION] [--one-at-a-time]
  socketlab connect HOST:PORT [--udp] [--timeout DURATION]
  socketlab interfaces
  socketlab version
demos: echo, time, chat, guess, password, calc, rps, duel, mancala
`

// Env is what a command may touch, so tests can run commands in-process.
type Env struct {
	Stdin          io.Reader
	Stdout, Stderr io.Writer
	Version        string
}

// Run executes one command line (without the program name) and returns the
// exit status: 0 fine, 1 failed, 2 bad usage.
func Run(ctx context.Context, args []string, env Env) int {
	if len(args) == 0 {
		fmt.Fprint(env.Stderr, Usage)
		return 2
	}
	switch args[0] {
	case "serve":
		return serve(ctx, args[1:], env)
	case "connect":
		return connect(ctx, args[1:], env)
	case "interfaces":
		return interfaces(args[1:], env)
	case "version", "--version", "-version":
		fmt.Fprintln(env.Stdout, "socketlab", env.Version)
		return 0
	case "help", "-h", "--help":
		fmt.Fprint(env.Stdout, Usage)
		return 0
	}
	fmt.Fprintf(env.Stderr, "socketlab: unknown command %q\n%s", args[0], Usage)
	return 2
}

// Main runs a command with the process's streams, stopping on Ctrl+C.
func Main(args []string, version string) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	return Run(ctx, args, Env{Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr, Version: version})
}

// parse reads flags that may come before or after the positional
// arguments ("connect HOST:PORT --udp" as well as "connect --udp HOST:PORT").
func parse(fs *flag.FlagSet, args []string) ([]string, error) {
	var positional []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		if fs.NArg() == 0 {
			return positional, nil
		}
		positional = append(positional, fs.Arg(0))
		args = fs.Args()[1:]
	}
}

func newFlagSet(name string, env Env) *flag.FlagSet {
	fs := flag.NewFlagSet("socketlab "+name, flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	fs.Usage = func() { fmt.Fprint(env.Stderr, Usage) }
	return fs
}

func usageError(env Env, format string, a ...any) int {
	fmt.Fprintf(env.Stderr, "socketlab: "+format+"\n", a...)
	fmt.Fprint(env.Stderr, Usage)
	return 2
}

func serve(ctx context.Context, args []string, env Env) int {
	fs := newFlagSet("serve", env)
	def := netcore.NewConfig("echo")
	demo := fs.String("demo", "echo", "demo to run")
	addr := fs.String("addr", "", "address to listen on, HOST:PORT (default: this computer's LAN address and the demo's classic port)")
	udp := fs.Bool("udp", false, "use UDP instead of TCP (echo and time)")
	welcome := fs.String("welcome", def.Welcome, "echo: first line sent to each client (empty for none)")
	password := fs.String("password", def.Password, "password: the accepted password")
	attempts := fs.Int("attempts", def.MaxAttempts, "password: wrong tries before hanging up")
	guessMin := fs.Int("min", def.GuessMin, "guess: smallest secret")
	guessMax := fs.Int("max", def.GuessMax, "guess: largest secret")
	maxClients := fs.Int("max-clients", 0, "turn away clients beyond this many (0: no limit)")
	idle := fs.Duration("idle", def.IdleTimeout, "close clients silent for this long")
	oneAtATime := fs.Bool("one-at-a-time", false, "serve one client at a time; the others wait in line")
	rest, err := parse(fs, args)
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if len(rest) > 0 {
		return usageError(env, "serve takes no argument %q (use --addr HOST:PORT)", rest[0])
	}
	info, ok := netcore.LookupDemo(*demo)
	if !ok {
		return usageError(env, "unknown demo %q", *demo)
	}
	if *attempts < 1 {
		return usageError(env, "--attempts must be at least 1")
	}
	if *maxClients < 0 {
		return usageError(env, "--max-clients cannot be negative")
	}
	if *guessMin > *guessMax {
		return usageError(env, "--min must not be above --max")
	}
	cfg := netcore.NewConfig(*demo)
	if *addr != "" {
		cfg.Addr = *addr
	}
	if *udp {
		cfg.Network = "udp"
	}
	cfg.Welcome, cfg.Password, cfg.MaxAttempts = *welcome, *password, *attempts
	cfg.GuessMin, cfg.GuessMax = *guessMin, *guessMax
	cfg.MaxClients, cfg.IdleTimeout, cfg.OneAtATime = *maxClients, *idle, *oneAtATime

	srv, err := netcore.NewServer(cfg)
	if err != nil {
		return usageError(env, "%v", err)
	}
	if err := srv.Start(); err != nil {
		fmt.Fprintln(env.Stderr, "socketlab:", err)
		return 1
	}
	fmt.Fprintf(env.Stdout, "listening on %s\n", srv.Addr())
	fmt.Fprintf(env.Stdout, "demo %s: %s\n", info.Name, info.Description)
	if host, port, _ := net.SplitHostPort(srv.Addr().String()); isWildcard(host) {
		for _, a := range netcore.ReachableAddrs() {
			fmt.Fprintf(env.Stdout, "reachable at %s\n", net.JoinHostPort(a.String(), port))
		}
	}
	go func() {
		<-ctx.Done()
		srv.Stop()
	}()
	for e := range srv.Events() {
		if e.Kind == netcore.EventListening {
			continue
		}
		fmt.Fprintln(env.Stdout, e.String())
	}
	if n := srv.Dropped(); n > 0 {
		fmt.Fprintf(env.Stdout, "(%d events not shown: the log could not keep up)\n", n)
	}
	return 0
}

func isWildcard(host string) bool {
	return host == "" || host == "0.0.0.0" || host == "::"
}

func connect(ctx context.Context, args []string, env Env) int {
	fs := newFlagSet("connect", env)
	udp := fs.Bool("udp", false, "use UDP instead of TCP")
	timeout := fs.Duration("timeout", netcore.DefaultDialTimeout, "how long to wait for the server")
	rest, err := parse(fs, args)
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if len(rest) != 1 {
		return usageError(env, "connect needs exactly one HOST:PORT")
	}
	network := "tcp"
	if *udp {
		network = "udp"
	}
	c, err := netcore.Dial(ctx, network, rest[0], *timeout)
	if err != nil {
		fmt.Fprintln(env.Stderr, "socketlab:", err)
		return 1
	}
	defer c.Close()

	stdinDone := make(chan error, 1)
	go func() { stdinDone <- pump(env.Stdin, c) }()

	out := bufio.NewWriter(env.Stdout)
	defer out.Flush()
	var udpGrace <-chan time.Time
	for {
		select {
		case e, ok := <-c.Events():
			if !ok {
				return 0
			}
			switch e.Kind {
			case netcore.EventReceived:
				out.Write(e.Wire())
				out.Flush()
			case netcore.EventClosed:
				if e.Text != "the server closed the connection" && e.Text != "disconnected" {
					fmt.Fprintln(env.Stderr, "socketlab:", e.Text)
				}
			}
		case err := <-stdinDone:
			if err != nil {
				fmt.Fprintln(env.Stderr, "socketlab:", err)
				return 1
			}
			// End of input: like nc, say so to the server and print the
			// replies still on their way. UDP has no "end", so wait a moment.
			if network == "udp" {
				udpGrace = time.After(time.Second)
			} else {
				c.CloseWrite()
			}
		case <-udpGrace:
			return 0
		case <-ctx.Done():
			return 0
		}
	}
}

// pump sends each line of input with its newline, as nc does.
func pump(in io.Reader, c *netcore.Client) error {
	r := bufio.NewReader(in)
	for {
		line, err := r.ReadString('\n')
		if line != "" {
			if serr := c.Send(line); serr != nil {
				return serr
			}
		}
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
	}
}

func interfaces(args []string, env Env) int {
	if len(args) > 0 {
		return usageError(env, "interfaces takes no arguments")
	}
	ifs, err := netcore.Interfaces()
	if err != nil {
		fmt.Fprintln(env.Stderr, "socketlab:", err)
		return 1
	}
	for _, it := range ifs {
		flags := []string{"down"}
		if it.Up {
			flags[0] = "up"
		}
		if it.Loopback {
			flags = append(flags, "loopback")
		}
		addrs := make([]string, len(it.Addrs))
		for i, a := range it.Addrs {
			addrs[i] = a.String()
		}
		fmt.Fprintf(env.Stdout, "%-12s %-14s %s\n", it.Name, strings.Join(flags, ","), strings.Join(addrs, "  "))
	}
	fmt.Fprintln(env.Stdout, "best guess for your partner to type:", netcore.BestLANAddress())
	return 0
}

// VersionFromTOML reads Version from FyneApp.toml, the one place the
// version is written, so the binary and the packages always agree.
func VersionFromTOML(toml string) string {
	for _, line := range strings.Split(toml, "\n") {
		k, v, ok := strings.Cut(strings.TrimSpace(line), "=")
		if ok && strings.TrimSpace(k) == "Version" {
			if s, err := strconv.Unquote(strings.TrimSpace(v)); err == nil {
				return s
			}
		}
	}
	return "dev"
}
