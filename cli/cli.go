// Package cli is Socket Lab without a window: serve, connect, interfaces and
// version, for terminals, scripts and CI.
package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/socketlab/socketlab/netcore"
	"github.com/socketlab/socketlab/netcore/demos"
	"github.com/socketlab/socketlab/netcore/reach"
	"github.com/socketlab/socketlab/netcore/tlslab"
	"golang.org/x/term"
)

// Usage is printed for "socketlab help" and after a bad command. The demo
// settings' flags and the list of demos come from the demo registry.
var Usage = usage()

func usage() string {
	var flags []string
	for _, st := range demoSettings() {
		arg := "TEXT"
		switch st.Kind {
		case netcore.SettingInt:
			arg = "N"
		case netcore.SettingDocument:
			arg = "FILE"
		}
		flags = append(flags, "[--"+st.Key+" "+arg+"]")
	}
	// Wrapped like the rest: a few flags per line under "serve".
	lines := []string{"  socketlab serve --demo DEMO [--addr HOST:PORT] [--udp]"}
	const indent = "                  "
	for _, f := range flags {
		last := &lines[len(lines)-1]
		if len(*last)+1+len(f) > 78 {
			lines = append(lines, indent+f)
		} else {
			*last += " " + f
		}
	}
	lines = append(lines, indent+"[--max-clients N] [--max-per-address N] [--max-memory MIB]",
		indent+"[--idle DURATION] [--one-at-a-time] [--check-clients] [--announce] [--tls]",
		indent+"[--allow ADDRESSES]")
	return "usage:\n" +
		"  socketlab                      open the Socket Lab window\n" +
		strings.Join(lines, "\n") + "\n" +
		"  socketlab connect HOST:PORT [--udp] [--timeout DURATION] [--tls [--fingerprint HEX]]\n" +
		"                  [--raw | --raw=hex]\n" +
		checkUsage +
		"  socketlab interfaces\n" +
		"  socketlab find [--wait DURATION]\n" +
		"  socketlab doctor HOST:PORT [--udp]\n" +
		"  socketlab version\n" +
		"demos: " + demos.Names() + "\n"
}

// demoSetting is one --flag: a setting and the demos that have it.
type demoSetting struct {
	netcore.Setting
	demos []string
}

// demoSettings lists every demo's settings once per key, in teaching order:
// each key is one flag, whichever demo it belongs to.
func demoSettings() []demoSetting {
	var out []demoSetting
	seen := map[string]int{}
	for _, d := range demos.All() {
		for _, st := range d.Settings {
			if i, ok := seen[st.Key]; ok {
				out[i].demos = append(out[i].demos, d.Name)
				continue
			}
			seen[st.Key] = len(out)
			out = append(out, demoSetting{Setting: st, demos: []string{d.Name}})
		}
	}
	return out
}

// Env is what a command may touch, so tests can run commands in-process.
type Env struct {
	Stdin          io.Reader
	Stdout, Stderr io.Writer
	Version        string
	// StdoutIsTerminal makes connect show what the network sent with
	// control characters escaped: a terminal acts on them (a classmate
	// could clear or retitle it, or forge a line). Piped or redirected
	// output stays byte for byte.
	StdoutIsTerminal bool
	DiscoveryPort    int // where announcements go and are heard; 0: discovery.Port
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
	case "check":
		return checkServers(ctx, args[1:], env)
	case "interfaces":
		return interfaces(args[1:], env)
	case "find":
		return find(ctx, args[1:], env)
	case "doctor":
		return doctor(ctx, args[1:], env)
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

// After Ctrl+C (or SIGTERM) a command has stopGrace to stop its server and
// print what the output still takes. Whatever the output does, the process
// is gone by exitDeadline: a paused terminal once kept it alive for good.
const (
	stopGrace    = 400 * time.Millisecond
	flushGrace   = 200 * time.Millisecond
	exitDeadline = time.Second
	// exitInterrupted is the status when the deadline had to end it, as a
	// shell reports a process killed by SIGINT.
	exitInterrupted = 130
)

// Main runs a command with the process's streams, stopping on Ctrl+C.
func Main(args []string, version string) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	stopProfile := StartProfile()
	defer stopProfile()
	go func() {
		<-ctx.Done()
		// A second Ctrl+C ends the process at once, as usual; and if the
		// command has not returned by the deadline (an output that blocks
		// every write), the process ends anyway.
		stop()
		time.Sleep(exitDeadline)
		stopProfile()
		os.Exit(exitInterrupted)
	}()
	return Run(ctx, args, Env{
		Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr, Version: version,
		StdoutIsTerminal: term.IsTerminal(int(os.Stdout.Fd())),
	})
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
	demo := fs.String("demo", "echo", "demo to run")
	addr := fs.String("addr", "", "address to listen on, HOST:PORT (default: this computer's LAN address and the demo's classic port)")
	udp := fs.Bool("udp", false, "use UDP instead of TCP (echo and time)")
	settings := demoSettings()
	values := make([]*string, len(settings))
	for i, st := range settings {
		def := st.Default
		if st.Kind == netcore.SettingDocument {
			def = "" // a file name; without one, the demo's own text
		}
		values[i] = fs.String(st.Key, def, strings.Join(st.demos, ", ")+": "+st.Help)
	}
	maxClients := fs.Int("max-clients", 0, "turn away clients beyond this many (0: no limit)")
	maxPerAddress := fs.Int("max-per-address", netcore.DefaultMaxPerAddress, "turn away connections beyond this many from one IP address (0: no limit)")
	maxMemory := fs.Int("max-memory", netcore.DefaultMaxMemory>>20, "MiB all clients together may hold in unfinished messages and queued replies; over it the biggest holder is closed (0: no limit)")
	idle := fs.Duration("idle", netcore.DefaultIdleTimeout, "close clients silent for this long")
	oneAtATime := fs.Bool("one-at-a-time", false, "serve one client at a time; the others wait in line")
	checkClients := fs.Bool("check-clients", false, "judge each client when it leaves (guess, echo, time); verdicts go to stderr")
	announceOn := fs.Bool("announce", false, "announce the server on this network, like the Server tab's Announce box (socketlab find lists it)")
	useTLS := fs.Bool("tls", false, "speak TLS, with a certificate made once and kept in your config directory; its fingerprint is printed")
	allow := fs.String("allow", "", "serve only these addresses and subnets, e.g. 10.0.0.0/24,127.0.0.1 (default: everyone)")
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
	info, ok := demos.Lookup(*demo)
	if !ok {
		return usageError(env, "unknown demo %q", *demo)
	}
	if *maxClients < 0 {
		return usageError(env, "--max-clients cannot be negative")
	}
	if *maxPerAddress < 0 {
		return usageError(env, "--max-per-address cannot be negative")
	}
	if *maxMemory < 0 || *maxMemory > maxMemoryMiB {
		return usageError(env, "--max-memory must be a number of MiB from 0 (no limit) to %d", maxMemoryMiB)
	}
	d, err := demoFromFlags(fs, info.Name, settings, values)
	if err != nil {
		return usageError(env, "%v", err)
	}
	if *checkClients {
		if d, err = watchClients(d, fs, env); err != nil {
			return usageError(env, "%v", err)
		}
	}
	cfg := netcore.NewConfig(d)
	if *addr != "" {
		cfg.Addr = *addr
	}
	if *udp {
		cfg.Network = "udp"
	}
	cfg.MaxClients, cfg.IdleTimeout, cfg.OneAtATime = *maxClients, *idle, *oneAtATime
	cfg.EventBuffer = serveEventBuffer
	cfg.MaxPerAddress, cfg.MaxMemory = netcore.NoLimit, netcore.NoLimit // 0 on the command line
	if *maxPerAddress > 0 {
		cfg.MaxPerAddress = *maxPerAddress
	}
	if *maxMemory > 0 {
		cfg.MaxMemory = int64(*maxMemory) << 20
	}
	if cfg.Allow, err = netcore.ParseAllowList(*allow); err != nil {
		return usageError(env, "--allow: %v", err)
	}
	var fingerprint string
	if *useTLS {
		if *udp {
			return usageError(env, "--tls needs TCP: leave out --udp")
		}
		if cfg.TLS, fingerprint, err = serverTLS(); err != nil {
			fmt.Fprintln(env.Stderr, "socketlab:", err)
			return 1
		}
	}

	srv, err := netcore.NewServer(cfg)
	if err != nil {
		return usageError(env, "%v", err)
	}
	events := srv.EventBatches() // before Start: the log reads batches from the first event
	if err := srv.Start(); err != nil {
		fmt.Fprintln(env.Stderr, "socketlab:", err)
		return 1
	}
	// Everything from here on goes through out: the log must never keep
	// Ctrl+C from stopping the server.
	out := newAsyncWriter(env.Stdout)
	out.line(ctx, fmt.Sprintf("listening on %s", srv.Addr()))
	var reachable []string
	if host, port, _ := net.SplitHostPort(srv.Addr().String()); isWildcard(host) {
		for _, a := range reach.ReachableAddrs() {
			reachable = append(reachable, net.JoinHostPort(a.String(), port))
		}
	}
	for _, l := range serveURLLines(d.Info(), srv.Addr().String(), reachable, cfg.TLS != nil) {
		out.line(ctx, l)
	}
	out.line(ctx, fmt.Sprintf("demo %s: %s", info.Name, d.Info().Describe()))
	if len(cfg.Allow) > 0 {
		out.line(ctx, "only serving "+netcore.FormatAllowList(cfg.Allow))
	}
	if fingerprint != "" {
		for _, l := range fingerprintLines(fingerprint) {
			out.line(ctx, l)
		}
	}
	for _, a := range reachable {
		out.line(ctx, "reachable at "+a)
	}
	defer announce(*announceOn, srv, env, func(line string) { out.line(ctx, line) })()
	go func() {
		<-ctx.Done()
		sctx, cancel := context.WithTimeout(context.Background(), stopGrace)
		defer cancel()
		srv.Shutdown(sctx)
	}()
	logEvents(ctx, srv, events, out)
	out.finish(ctx, flushGrace)
	return 0
}

// serveEventBuffer is how many message events may wait for the log: about
// half a second of an echo at loopback speed (two events per message), so
// that a log which keeps up on average is not cut by a moment without CPU
// on a busy machine. The texts waiting stay bounded by netcore (32 MB).
const serveEventBuffer = 1 << 15

// logChunk is how much log text gathers before it is handed to the output
// when more events are waiting.
const logChunk = 32 << 10

// logEvents prints the server's events until the stream ends, with a note
// whenever messages were dropped because the output could not keep up
// (connections, disconnections and errors never are). Every line is
// terminal-safe: what clients sent is quoted, and nothing else may carry a
// control character either. The events come a batch at a time
// (Server.EventBatches); lines gather in a chunk handed to the output when
// it is full or the batch is done (a write per line could not keep up with
// an echo at loopback speed). After Ctrl+C it waits for the stream at most
// stopGrace, printing only what the output takes at once.
func logEvents(ctx context.Context, srv *netcore.Server, batches <-chan []netcore.Event, out *asyncWriter) {
	var shown int64
	noteDropped := func(final bool) {
		n := srv.Dropped()
		if n == 0 || (n == shown && !final) {
			return
		}
		shown = n
		what := "so far"
		if final {
			what = "in all"
		}
		out.line(ctx, fmt.Sprintf("(%d messages not shown %s: they came faster than the log could print them)", n, what))
	}
	tick := time.NewTicker(time.Second)
	defer tick.Stop()
	interrupted := ctx.Done()
	var giveUp <-chan time.Time
	var chunk []byte
	handOver := func() {
		if len(chunk) > 0 {
			out.write(ctx, chunk)
			chunk = nil // out owns it now
		}
	}
	defer handOver()
	for {
		select {
		case batch, ok := <-batches:
			if !ok {
				handOver()
				noteDropped(true)
				return
			}
			for _, e := range batch {
				if e.Kind == netcore.EventListening {
					continue
				}
				if chunk == nil {
					chunk = out.buffer(logChunk + 4<<10)
				}
				chunk = append(e.AppendTerminalText(chunk), '\n')
				if len(chunk) >= logChunk {
					handOver()
				}
			}
			handOver()
		case <-tick.C:
			noteDropped(false)
		case <-interrupted:
			interrupted = nil
			giveUp = time.After(stopGrace)
		case <-giveUp:
			return
		}
	}
}

// demoFromFlags makes the chosen demo from its setting flags. A setting
// flag given for another demo is checked all the same, by making that demo
// too: "--attempts 0" or "--min 5 --max 1" is a mistake whatever the demo.
func demoFromFlags(fs *flag.FlagSet, chosen string, settings []demoSetting, values []*string) (netcore.Demo, error) {
	given := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { given[f.Name] = true })
	perDemo := map[string]demos.Values{}
	for i, st := range settings {
		value := *values[i]
		if st.Kind == netcore.SettingDocument {
			if !given[st.Key] {
				continue // the demo's own text (the setting's Default)
			}
			text, err := readDocumentFile(value, st.Setting)
			if err != nil {
				return nil, err
			}
			value = text
		}
		for _, name := range st.demos {
			if name == chosen || given[st.Key] {
				if perDemo[name] == nil {
					perDemo[name] = demos.Values{}
				}
				perDemo[name][st.Key] = value
			}
		}
	}
	for name, v := range perDemo {
		if name == chosen {
			continue
		}
		if _, err := demos.New(name, v, nil); err != nil {
			return nil, fmt.Errorf("%s demo: %w", name, err)
		}
	}
	return demos.New(chosen, perDemo[chosen], nil)
}

// readDocumentFile reads the file a document setting's flag names
// (--rules quiz.rules), bounded by the setting's MaxBytes.
func readDocumentFile(path string, st netcore.Setting) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", fmt.Errorf("%s file: %w", strings.ToLower(st.Label), err)
	}
	defer f.Close()
	text, err := netcore.ReadDocument(f, st.MaxBytes)
	if err != nil {
		return "", fmt.Errorf("%s file %s: %w", strings.ToLower(st.Label), path, err)
	}
	return text, nil
}

// maxMemoryMiB bounds --max-memory (1 TiB), so that MiB to bytes cannot
// overflow.
const maxMemoryMiB = 1 << 20

func isWildcard(host string) bool {
	return host == "" || host == "0.0.0.0" || host == "::"
}

func connect(ctx context.Context, args []string, env Env) int {
	fs := newFlagSet("connect", env)
	udp := fs.Bool("udp", false, "use UDP instead of TCP")
	timeout := fs.Duration("timeout", netcore.DefaultDialTimeout, "how long to wait for the server")
	useTLS := fs.Bool("tls", false, "speak TLS; the server's certificate fingerprint is printed on stderr to compare with the server's screen")
	fingerprint := fs.String("fingerprint", "", "with --tls: refuse a server whose certificate fingerprint (SHA-256, as the server prints it) is not this one")
	var raw rawFlag
	fs.Var(&raw, "raw", "send each line's bytes as typed with escapes (\\r \\n \\t \\0 \\\\ \\xNN), or with --raw=hex as hex (48 69 0d 0a); no newline is added")
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
	var opts netcore.DialOptions
	var pin *tlslab.Pin
	switch {
	case *fingerprint != "" && !*useTLS:
		return usageError(env, "--fingerprint checks a TLS server: add --tls")
	case *useTLS && *udp:
		return usageError(env, "--tls needs TCP: leave out --udp")
	case *useTLS:
		if pin, err = clientPin(*fingerprint); err != nil {
			return usageError(env, "%v", err)
		}
		opts.TLS = pin.ClientConfig()
	}
	c, err := netcore.DialWith(ctx, network, rest[0], *timeout, opts)
	if pin != nil {
		for _, l := range seenLines(pin, err) {
			fmt.Fprintln(env.Stderr, "socketlab: "+l)
		}
	}
	if err != nil {
		fmt.Fprintln(env.Stderr, "socketlab:", err)
		return 1
	}
	defer c.Close()

	// pumpCtx ends when connect returns, so a note from pump never waits
	// for a loop that is gone.
	pumpCtx, endPump := context.WithCancel(ctx)
	defer endPump()
	notes := make(warnings)
	stdinDone := make(chan error, 1)
	go func() { stdinDone <- pump(env.Stdin, c, raw, notes.send(pumpCtx)) }()

	// Both streams are written apart from this loop, so that a paused
	// terminal never keeps Ctrl+C from working.
	out, errOut := newAsyncWriter(env.Stdout), newAsyncWriter(env.Stderr)
	defer func() {
		out.finish(ctx, flushGrace)
		errOut.finish(ctx, flushGrace)
	}()
	show := func(b []byte) []byte { return b }
	if env.StdoutIsTerminal {
		show = netcore.TerminalSafe
	}
	var udpGrace <-chan time.Time
	for {
		select {
		case e, ok := <-c.Events():
			if !ok {
				return 0
			}
			switch e.Kind {
			case netcore.EventReceived:
				out.write(ctx, show(e.Wire()))
			case netcore.EventClosed:
				if e.Text != "the server closed the connection" && e.Text != "disconnected" {
					errOut.line(ctx, "socketlab: "+netcore.TerminalSafeString(e.Text))
				}
			}
		case note := <-notes:
			errOut.line(ctx, "socketlab: "+note)
		case err := <-stdinDone:
			if err != nil {
				errOut.line(ctx, "socketlab: "+netcore.TerminalSafeString(err.Error()))
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
