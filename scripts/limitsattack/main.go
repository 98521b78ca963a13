// Command limitsattack attacks a running `socketlab serve` the way issue 11
// (findings 2 and 3) describes, from loopback only, bounded in count and
// time, and prints what it saw; with -pid it also reads the server's memory
// from /proc. The figures in docs/reliability.md come from it:
//
//	socketlab serve --demo echo --addr 127.0.0.1:9100 &
//	go run ./scripts/limitsattack -addr 127.0.0.1:9100 -pid $! conns -n 20000
//
// Attacks: conns (many connections from one address), trickle (clients
// holding unfinished lines), noread (clients that send and never read),
// waiting (a client waiting its turn on a --one-at-a-time server).
package main

import (
	"bufio"
	"flag"
	"fmt"
	"net"
	"os"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

var (
	addr = flag.String("addr", "127.0.0.1:9100", "the server, on loopback")
	pid  = flag.Int("pid", 0, "the server's process id, to read its memory")
)

func main() {
	flag.Usage = func() {
		fmt.Fprintln(os.Stderr, "usage: limitsattack [-addr HOST:PORT] [-pid PID] conns|trickle|noread|waiting [flags]")
		flag.PrintDefaults()
	}
	flag.Parse()
	if host, _, err := net.SplitHostPort(*addr); err != nil || !net.ParseIP(host).IsLoopback() {
		fail("-addr must be a loopback address")
	}
	if flag.NArg() < 1 {
		flag.Usage()
		os.Exit(2)
	}
	args := flag.Args()[1:]
	switch flag.Arg(0) {
	case "conns":
		conns(args)
	case "trickle":
		trickle(args)
	case "noread":
		noread(args)
	case "waiting":
		waiting(args)
	default:
		flag.Usage()
		os.Exit(2)
	}
}

func fail(msg string) {
	fmt.Fprintln(os.Stderr, "limitsattack:", msg)
	os.Exit(2)
}

// spread is the i-th loopback source 127.1.x.y, one per connection.
func spread(i int) string {
	i %= 250 * 250
	return fmt.Sprintf("127.1.%d.%d", i/250, i%250+1)
}

func dialFrom(src string) (net.Conn, error) {
	d := net.Dialer{Timeout: 5 * time.Second}
	if src != "" {
		d.LocalAddr = &net.TCPAddr{IP: net.ParseIP(src)}
	}
	return d.Dial("tcp", *addr)
}

// firstLine reads one line, waiting at most wait; "" if none came.
func firstLine(c net.Conn, wait time.Duration) string {
	c.SetReadDeadline(time.Now().Add(wait))
	line, _ := bufio.NewReader(c).ReadString('\n')
	c.SetReadDeadline(time.Time{})
	return line
}

// mem reads VmRSS and VmHWM (peak) of the server, in MB.
func mem() (rss, peak float64) {
	if *pid == 0 {
		return 0, 0
	}
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", *pid))
	if err != nil {
		return 0, 0
	}
	for _, l := range strings.Split(string(b), "\n") {
		f := strings.Fields(l)
		if len(f) < 2 {
			continue
		}
		kb, _ := strconv.ParseFloat(f[1], 64)
		switch f[0] {
		case "VmRSS:":
			rss = kb / 1024
		case "VmHWM:":
			peak = kb / 1024
		}
	}
	return rss, peak
}

func fds() int {
	if *pid == 0 {
		return 0
	}
	es, _ := os.ReadDir(fmt.Sprintf("/proc/%d/fd", *pid))
	return len(es)
}

// conns opens n connections from one source (or each from its own with
// -src spread), keeps those that are welcomed, and counts the replies; then
// a client from another address tries its luck.
func conns(args []string) {
	fs := flag.NewFlagSet("conns", flag.ExitOnError)
	n := fs.Int("n", 20000, "connections to open (at most 30000)")
	src := fs.String("src", "127.0.0.2", `source address, or "spread" for one per connection`)
	trickleEvery := fs.Duration("trickle", 0, "the welcomed ones send a byte this often (0: silent)")
	hold := fs.Duration("hold", 3*time.Second, "how long to hold them at the end")
	fs.Parse(args)
	*n = min(*n, 30000)
	rss0, _ := mem()
	var welcomed, busy, other, hung, failed atomic.Int64
	var slowest atomic.Int64 // µs, of a refusal
	var mu sync.Mutex
	var held []net.Conn
	stop := make(chan struct{})
	var wg sync.WaitGroup
	next := atomic.Int64{}
	start := time.Now()
	for w := 0; w < 16; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1)) - 1
				if i >= *n || time.Since(start) > 2*time.Minute {
					return
				}
				from := *src
				if from == "spread" {
					from = spread(i)
				}
				c, err := dialFrom(from)
				if err != nil {
					failed.Add(1)
					continue
				}
				t0 := time.Now()
				line := firstLine(c, 2*time.Second)
				switch {
				case line == "hello from server\n":
					welcomed.Add(1)
					mu.Lock()
					held = append(held, c)
					mu.Unlock()
					if *trickleEvery > 0 {
						go func() {
							for {
								select {
								case <-stop:
									return
								case <-time.After(*trickleEvery):
									c.Write([]byte("x"))
								}
							}
						}()
					}
					continue
				case strings.HasPrefix(line, "server busy"):
					busy.Add(1)
					if us := time.Since(t0).Microseconds(); us > slowest.Load() {
						slowest.Store(us)
					}
				case line == "":
					hung.Add(1)
				default:
					other.Add(1)
				}
				c.Close()
			}
		}()
	}
	wg.Wait()
	opened := time.Since(start)
	rss1, peak := mem()
	fdsHeld := fds()
	probe := "127.0.0.3"
	if *src == "spread" {
		probe = spread(*n + 1)
	}
	t0 := time.Now()
	pc, err := dialFrom(probe)
	probeLine := "(no connection: " + fmt.Sprint(err) + ")"
	if err == nil {
		probeLine = firstLine(pc, 5*time.Second)
		pc.Close()
	}
	probeTook := time.Since(t0)
	time.Sleep(*hold)
	close(stop)
	for _, c := range held {
		c.Close()
	}
	fmt.Printf("conns: %d opened from %s in %s: %d welcomed, %d got \"server busy...\" (slowest refusal %.1f ms), %d hung 2 s without a line, %d other, %d connect errors\n",
		*n, *src, opened.Round(time.Millisecond), welcomed.Load(), busy.Load(), float64(slowest.Load())/1000, hung.Load(), other.Load(), failed.Load())
	fmt.Printf("conns: server RSS %.1f -> %.1f MB (peak %.1f MB), %d descriptors open\n", rss0, rss1, peak, fdsHeld)
	fmt.Printf("conns: a client from %s got %q in %s\n", probe, strings.TrimSpace(probeLine), probeTook.Round(time.Microsecond))
}

// trickle: n clients (each from its own address) send a size-byte line in
// 1,000-byte pieces, then keep it growing by a byte, never finishing it: one
// loop writes to every client each 20 ms, well inside the server's 100 ms
// that would make the bytes so far a message. Reports the server's memory
// once all hold their line, and what the clients were told.
func trickle(args []string) {
	fs := flag.NewFlagSet("trickle", flag.ExitOnError)
	n := fs.Int("n", 500, "clients (at most 5000)")
	size := fs.Int("size", 60000, "bytes of unfinished line each")
	limit := fs.Duration("for", 15*time.Second, "how long to keep trickling")
	fs.Parse(args)
	*n = min(*n, 5000)
	rss0, _ := mem()
	type client struct {
		c    net.Conn
		sent int
		t0   time.Time
		told chan string // the first line after the welcome, or "" at EOF
		done bool
	}
	cs := make([]*client, 0, *n)
	for i := 0; i < *n; i++ {
		c, err := dialFrom(spread(i))
		if err != nil {
			fail(err.Error())
		}
		defer c.Close()
		cl := &client{c: c, told: make(chan string, 1)}
		r := bufio.NewReader(c)
		c.SetReadDeadline(time.Now().Add(2 * time.Second))
		r.ReadString('\n') // the welcome
		c.SetReadDeadline(time.Time{})
		go func() {
			line, _ := r.ReadString('\n')
			cl.told <- line
		}()
		cs = append(cs, cl)
	}
	piece := []byte(strings.Repeat("t", 1000))
	var rss1 float64
	measured := false
	tooSlow, other, unfinished := 0, 0, 0
	var first, last time.Duration
	var otherSeen string
	start := time.Now()
	for tick := time.NewTicker(20 * time.Millisecond); time.Since(start) < *limit; <-tick.C {
		full := 0
		for _, cl := range cs {
			if cl.done {
				continue
			}
			select {
			case line := <-cl.told:
				cl.done = true
				took := time.Since(cl.t0)
				if strings.HasSuffix(line, "error: message too slow\n") {
					tooSlow++
					if first == 0 || took < first {
						first = took
					}
					last = max(last, took)
				} else {
					other++
					otherSeen = line[max(0, len(line)-60):]
				}
				continue
			default:
			}
			k := 1
			if cl.sent < *size {
				k = min(len(piece), *size-cl.sent)
			}
			if cl.sent == 0 {
				cl.t0 = time.Now()
			}
			cl.c.SetWriteDeadline(time.Now().Add(time.Second))
			if _, err := cl.c.Write(piece[:k]); err == nil {
				cl.sent += k
			}
			if cl.sent >= *size {
				full++
			}
		}
		if !measured && full == len(cs) {
			measured = true
			rss1, _ = mem()
		}
	}
	for _, cl := range cs {
		if !cl.done {
			unfinished++
		}
	}
	_, peak := mem()
	grew := rss1 - rss0
	fmt.Printf("trickle: %d clients holding a %d-byte unfinished line each: server RSS %.1f -> %.1f MB (+%.1f MB, %.0f KB per connection), peak %.1f MB\n",
		*n, *size, rss0, rss1, grew, grew*1024/float64(*n), peak)
	fmt.Printf("trickle: %d told \"error: message too slow\" (%.1f-%.1f s after their first byte), %d other endings (e.g. ...%q), %d still open after %s\n",
		tooSlow, first.Seconds(), last.Seconds(), other, otherSeen, unfinished, *limit)
}

// noread: n clients send 60 KB lines as fast as the server takes them and
// never read the echoes, for a bounded time.
func noread(args []string) {
	fs := flag.NewFlagSet("noread", flag.ExitOnError)
	n := fs.Int("n", 6, "clients (at most 64)")
	dur := fs.Duration("for", 10*time.Second, "how long")
	fs.Parse(args)
	*n = min(*n, 64)
	rss0, _ := mem()
	var cut, told atomic.Int64
	var sent atomic.Int64
	var wg sync.WaitGroup
	stop := time.Now().Add(*dur)
	line := []byte(strings.Repeat("n", 60000) + "\n")
	var peak float64
	done := make(chan struct{})
	go func() {
		for {
			select {
			case <-done:
				return
			case <-time.After(50 * time.Millisecond):
				if r, _ := mem(); r > peak {
					peak = r
				}
			}
		}
	}()
	for i := 0; i < *n; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c, err := dialFrom(spread(i))
			if err != nil {
				return
			}
			defer c.Close()
			for time.Now().Before(stop) {
				c.SetWriteDeadline(stop)
				k, err := c.Write(line)
				sent.Add(int64(k))
				if err != nil {
					if !os.IsTimeout(err) {
						cut.Add(1)
					}
					break
				}
			}
			// Now read what is there, to see whether the server said why.
			c.SetReadDeadline(time.Now().Add(2 * time.Second))
			r := bufio.NewReaderSize(c, 1<<16)
			for {
				l, err := r.ReadString('\n')
				if strings.HasPrefix(l, "error: server memory full") {
					told.Add(1)
				}
				if err != nil {
					break
				}
			}
		}()
	}
	wg.Wait()
	close(done)
	rss1, hwm := mem()
	fmt.Printf("noread: %d clients sent %.0f MB in %s without reading: server RSS %.1f MB before, peak %.1f MB sampled (VmHWM %.1f MB), %.1f MB after; %d cut off by the server, %d found the memory notice\n",
		*n, float64(sent.Load())/(1<<20), *dur, rss0, peak, hwm, rss1, cut.Load(), told.Load())
}

// waiting: on a --one-at-a-time server, one client is served and keeps
// talking; a second waits. How long until the waiting one is let go, and
// with what?
func waiting(args []string) {
	fs := flag.NewFlagSet("waiting", flag.ExitOnError)
	max := fs.Duration("max", 30*time.Second, "give up after")
	fs.Parse(args)
	served, err := dialFrom("127.0.0.2")
	if err != nil {
		fail(err.Error())
	}
	defer served.Close()
	firstLine(served, 2*time.Second)
	stop := make(chan struct{})
	go func() {
		r := bufio.NewReader(served)
		for {
			select {
			case <-stop:
				return
			case <-time.After(200 * time.Millisecond):
			}
			served.Write([]byte("tick\n"))
			r.ReadString('\n')
		}
	}()
	w, err := dialFrom("127.0.0.3")
	if err != nil {
		fail(err.Error())
	}
	defer w.Close()
	t0 := time.Now()
	line := firstLine(w, *max)
	close(stop)
	if line == "" {
		fmt.Printf("waiting: still waiting after %s, nothing said\n", *max)
		return
	}
	fmt.Printf("waiting: the waiting client got %q after %s\n", strings.TrimSpace(line), time.Since(t0).Round(10*time.Millisecond))
}
