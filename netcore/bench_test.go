package netcore_test

// Benchmarks for the targets in docs/benchmarks.md. Each compares Socket Lab
// with a baseline measured in the same run, on loopback only. Run them with
// `make bench`; they are skipped by plain `go test`.

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/socketlab/socketlab/netcore"
	"github.com/socketlab/socketlab/netcore/demos"
	"github.com/socketlab/socketlab/netcore/internal/nettest"
)

// childServerEnv makes the test binary act as a plain server process, so a
// benchmark can measure the memory of a server on its own.
const childServerEnv = "SOCKETLAB_BENCH_CHILD_DEMO"

// runChildServer serves the demo named in the environment on loopback, prints
// the address, and runs until its stdin closes.
func runChildServer(demo string) {
	d, err := demos.New(demo, nil, nil)
	var srv *netcore.Server
	if err == nil {
		cfg := netcore.NewConfig(d)
		cfg.Addr = "127.0.0.1:0"
		srv, err = netcore.NewServer(cfg)
	}
	if err == nil {
		err = srv.Start()
	}
	if err != nil {
		fmt.Println("error:", err)
		os.Exit(1)
	}
	go func() {
		for range srv.Events() {
		}
	}()
	fmt.Println(srv.Addr())
	io.Copy(io.Discard, os.Stdin)
	srv.Close()
}

// startChildServer runs a demo in a process of its own (this test binary,
// see runChildServer), as a teacher's server runs apart from the students'
// clients: it then competes with the load generator for CPUs the way ncat
// does, not for this process's Go scheduler.
func startChildServer(b *testing.B, demo string) (addr string, pid int, stop func()) {
	cmd := exec.Command(os.Args[0])
	cmd.Env = append(os.Environ(), childServerEnv+"="+demo)
	stdin, err := cmd.StdinPipe()
	if err != nil {
		b.Fatal(err)
	}
	out, err := cmd.StdoutPipe()
	if err != nil {
		b.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		b.Fatal(err)
	}
	line, err := bufio.NewReader(out).ReadString('\n')
	if err != nil {
		cmd.Process.Kill()
		cmd.Wait()
		b.Fatal(err)
	}
	return strings.TrimSpace(line), cmd.Process.Pid, func() {
		stdin.Close() // the child stops its server when stdin closes
		cmd.Wait()
	}
}

// startDrainedServer runs a demo on loopback whose events are read and
// dropped, as a server with a log that keeps up: unlike startServer it keeps
// no record, so the benchmark measures the server, not the test's log.
func startDrainedServer(b *testing.B, demo string) (string, func()) {
	cfg := nettest.Config(b, demo, nil)
	cfg.Addr = "127.0.0.1:0"
	srv, err := netcore.NewServer(cfg)
	if err != nil {
		b.Fatal(err)
	}
	if err := srv.Start(); err != nil {
		b.Fatal(err)
	}
	drained := make(chan struct{})
	go func() {
		defer close(drained)
		for range srv.Events() {
		}
	}()
	return srv.Addr().String(), func() {
		srv.Close()
		<-drained
	}
}

// startBaselineEcho is the simplest echo server there is: io.Copy per
// connection, no framing, no events.
func startBaselineEcho(b *testing.B) (string, func()) {
	return startBareServer(b, func(c net.Conn) { io.Copy(c, c) })
}

// startPlainEcho is an echo server as a student would write it: Read, then
// Write, in a loop.
func startPlainEcho(b *testing.B) (string, func()) {
	return startBareServer(b, func(c net.Conn) {
		buf := make([]byte, 4096)
		for {
			n, err := c.Read(buf)
			if err != nil {
				return
			}
			if _, err := c.Write(buf[:n]); err != nil {
				return
			}
		}
	})
}

// startBareServer accepts on loopback and runs serve on each connection in
// a goroutine of its own; stop closes everything and waits for them.
func startBareServer(b *testing.B, serve func(net.Conn)) (string, func()) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		b.Fatal(err)
	}
	var wg sync.WaitGroup
	var mu sync.Mutex
	var conns []net.Conn
	wg.Add(1)
	go func() {
		defer wg.Done()
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			mu.Lock()
			conns = append(conns, c)
			mu.Unlock()
			wg.Add(1)
			go func() {
				defer wg.Done()
				defer c.Close()
				serve(c)
			}()
		}
	}()
	return ln.Addr().String(), func() {
		ln.Close()
		mu.Lock()
		for _, c := range conns {
			c.Close()
		}
		mu.Unlock()
		wg.Wait()
	}
}

// echoLoad runs conns clients that each send msgs lines of size bytes and
// wait for each echo, as classroom clients do; it returns messages/second.
// Each client has a loopback address of its own, as students' laptops do
// (the server limits connections per address).
func echoLoad(b *testing.B, addr string, conns, msgs, size int, skipWelcome bool) float64 {
	line := append(bytes.Repeat([]byte("x"), size-1), '\n')
	var wg sync.WaitGroup
	start := time.Now()
	errs := make(chan error, conns)
	for i := 0; i < conns; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c, err := nettest.DialSpread(addr, i, 5*time.Second)
			if err != nil {
				errs <- err
				return
			}
			defer c.Close()
			r := bufio.NewReaderSize(c, 4096)
			if skipWelcome {
				if _, err := r.ReadString('\n'); err != nil {
					errs <- err
					return
				}
			}
			buf := make([]byte, size)
			for k := 0; k < msgs; k++ {
				if _, err := c.Write(line); err != nil {
					errs <- err
					return
				}
				if _, err := io.ReadFull(r, buf); err != nil {
					errs <- err
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		b.Fatal(err)
	}
	return float64(conns*msgs) / time.Since(start).Seconds()
}

// BenchmarkEcho: 50 connections × 2,000 messages × 256 B, Socket Lab's echo
// demo against a bare io.Copy echo server. Target: ratio ≥ 0.9. A plain
// Read/Write loop is measured too (ratio-plain), as the stricter yardstick:
// io.Copy between two TCP sockets uses splice, a little slower for small
// messages.
func BenchmarkEcho(b *testing.B) {
	const conns, msgs, size = 50, 2000, 256
	// Three alternating rounds per op: the machine's noise moves single
	// rounds by ±10 %, and each server gets the same share of it.
	const rounds = 3
	var base, plain, ours float64
	for i := 0; i < b.N*rounds; i++ {
		addr, stop := startBaselineEcho(b)
		base += echoLoad(b, addr, conns, msgs, size, false)
		stop()

		addr, stop = startPlainEcho(b)
		plain += echoLoad(b, addr, conns, msgs, size, false)
		stop()

		addr, stop = startDrainedServer(b, "echo")
		ours += echoLoad(b, addr, conns, msgs, size, true)
		stop()
	}
	b.ReportMetric(ours/float64(b.N*rounds), "socketlab-msgs/s")
	b.ReportMetric(base/float64(b.N*rounds), "baseline-msgs/s")
	b.ReportMetric(plain/float64(b.N*rounds), "plain-msgs/s")
	b.ReportMetric(ours/base, "ratio")
	b.ReportMetric(ours/plain, "ratio-plain")
}

// fanout connects n receivers and one sender to a chat server, sends count
// messages, and returns the delivery latencies and how many arrived. If the
// server stops accepting (or takes over a minute to), it returns how many
// clients got in and no latencies.
func fanout(b *testing.B, addr string, n, count int) (lat []time.Duration, delivered, connected int) {
	recv := make([]net.Conn, 0, n)
	defer func() {
		for _, c := range recv {
			c.Close()
		}
	}()
	connectBy := time.Now().Add(time.Minute)
	for len(recv) < n {
		c := dialPatiently(addr, len(recv))
		if c == nil {
			return nil, 0, len(recv)
		}
		recv = append(recv, c)
		if time.Now().After(connectBy) {
			return nil, 0, len(recv)
		}
	}
	sender := dialPatiently(addr, n)
	if sender == nil {
		return nil, 0, n
	}
	sent := make([]time.Time, count)
	var mu sync.Mutex
	var wg, ready, started sync.WaitGroup
	var unsynced atomic.Int32
	for _, c := range recv {
		wg.Add(1)
		ready.Add(1)
		started.Add(1)
		go func() {
			defer wg.Done()
			sc := bufio.NewScanner(c)
			got := 0
			phase := 0 // 0: waiting for a sync line, 1: for the go line, 2: measuring
			defer func() {
				if phase < 2 {
					unsynced.Add(1)
				}
				// Never saw a marker: do not hang the sender.
				if phase < 1 {
					ready.Done()
				}
				if phase < 2 {
					started.Done()
				}
			}()
			c.SetReadDeadline(time.Now().Add(30 * time.Second))
			for got < count && sc.Scan() {
				line := sc.Text()
				if phase < 2 {
					// Everything before the go line (join notices) is
					// set-up, not measured.
					if phase == 0 && strings.HasSuffix(line, "fanout-sync") {
						phase = 1
						ready.Done()
					} else if phase == 1 && strings.HasSuffix(line, "fanout-go") {
						phase = 2
						started.Done()
					}
					continue
				}
				i := strings.LastIndex(line, "fanout-")
				if i < 0 {
					continue // notices
				}
				seq, err := strconv.Atoi(line[i+len("fanout-"):])
				if err != nil || seq >= count {
					continue
				}
				now := time.Now()
				mu.Lock()
				lat = append(lat, now.Sub(sent[seq]))
				delivered++
				mu.Unlock()
				got++
			}
		}()
	}
	// A receiver counts only once the server has seated it, which can be
	// after its connect returned (the accept queue): repeat the sync line
	// until every receiver has seen one. Then everyone is seated, and one go
	// line, read by all, shows that every receiver has also read the join
	// notices before it: measuring earlier would time a backlog of
	// join notices, not the relay.
	allReady := make(chan struct{})
	go func() {
		ready.Wait()
		close(allReady)
	}()
	for synced := false; !synced; {
		fmt.Fprintf(sender, "fanout-sync\n")
		select {
		case <-allReady:
			synced = true
		case <-time.After(100 * time.Millisecond):
		}
	}
	fmt.Fprintf(sender, "fanout-go\n")
	started.Wait()
	if n := unsynced.Load(); n > 0 {
		b.Fatalf("%d receivers never got the sync and go lines", n)
	}
	for i := 0; i < count; i++ {
		mu.Lock()
		sent[i] = time.Now()
		mu.Unlock()
		fmt.Fprintf(sender, "fanout-%d\n", i)
		time.Sleep(20 * time.Millisecond)
	}
	wg.Wait()
	sender.Close()
	return lat, delivered, n + 1
}

// dialPatiently retries refused connections: ncat listens with a backlog of
// only 10 and refuses a burst of connects, which says nothing about how fast
// it relays once connected.
// It gives up (nil) when the server has not accepted within 5 s. Client i
// connects from a loopback address of its own (nettest.DialSpread).
func dialPatiently(addr string, i int) net.Conn {
	deadline := time.Now().Add(5 * time.Second)
	for time.Now().Before(deadline) {
		c, err := nettest.DialSpread(addr, i, time.Until(deadline))
		if err == nil {
			return c
		}
		time.Sleep(10 * time.Millisecond)
	}
	return nil
}

func percentile(lat []time.Duration, p float64) time.Duration {
	if len(lat) == 0 {
		return 0
	}
	slices.Sort(lat)
	return lat[min(len(lat)-1, int(float64(len(lat))*p))]
}

// BenchmarkChatFanout: one sender, 200 and 1,000 receivers, Socket Lab's
// chat against `ncat --chat` on the same load. Target: p99 no worse than
// ncat, nothing lost.
func BenchmarkChatFanout(b *testing.B) {
	ncat, err := exec.LookPath("ncat")
	if err != nil {
		b.Skip("ncat is not installed (make deps-test installs it)")
	}
	const count = 50
	for _, n := range []int{200, 1000} {
		b.Run(fmt.Sprintf("clients=%d", n), func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				// Both servers run in processes of their own.
				addr, _, stop := startChildServer(b, "chat")
				ours, okOurs, inOurs := fanout(b, addr, n, count)
				stop()
				if inOurs != n+1 {
					b.Fatalf("Socket Lab accepted only %d of %d clients", inOurs, n+1)
				}

				// ncat quits when a client hangs up before it has looked
				// at it, so wait for its "Listening" line instead of probing.
				port := freePort(b)
				cmd := exec.Command(ncat, "-v", "--listen", "--chat", "--max-conns", "5000", "127.0.0.1", port)
				stderr, _ := cmd.StderrPipe()
				if err := cmd.Start(); err != nil {
					b.Fatal(err)
				}
				waitForLine(b, stderr, "Listening on")
				theirs, okTheirs, inTheirs := fanout(b, "127.0.0.1:"+port, n, count)
				cmd.Process.Kill()
				cmd.Wait()

				b.ReportMetric(float64(percentile(ours, 0.5).Microseconds()), "socketlab-p50-µs")
				b.ReportMetric(float64(percentile(ours, 0.99).Microseconds()), "socketlab-p99-µs")
				b.ReportMetric(float64(okOurs)/float64(n*count), "socketlab-delivered")
				b.ReportMetric(float64(inTheirs), "ncat-clients-accepted")
				if inTheirs == n+1 {
					b.ReportMetric(float64(percentile(theirs, 0.5).Microseconds()), "ncat-p50-µs")
					b.ReportMetric(float64(percentile(theirs, 0.99).Microseconds()), "ncat-p99-µs")
					b.ReportMetric(float64(okTheirs)/float64(n*count), "ncat-delivered")
				}
			}
		})
	}
}

func freePort(b *testing.B) string {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		b.Fatal(err)
	}
	defer ln.Close()
	_, port, _ := net.SplitHostPort(ln.Addr().String())
	return port
}

// waitForLine reads r until a line contains want, then drains the rest in
// the background so the writer never blocks.
func waitForLine(b *testing.B, r io.Reader, want string) {
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		if strings.Contains(sc.Text(), want) {
			go io.Copy(io.Discard, r)
			return
		}
	}
	b.Fatalf("never saw %q", want)
}

// BenchmarkAccept measures connections accepted per second: connect, read
// the welcome, hang up.
func BenchmarkAccept(b *testing.B) {
	ts := nettest.StartServer(b, "127.0.0.1", nettest.Config(b, "echo", nil))
	buf := make([]byte, 64)
	b.ResetTimer()
	start := time.Now()
	for i := 0; i < b.N; i++ {
		c, err := nettest.DialSpread(ts.HostPort, i, 5*time.Second)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := c.Read(buf); err != nil {
			b.Fatal(err)
		}
		c.Close()
	}
	b.ReportMetric(float64(b.N)/time.Since(start).Seconds(), "accepts/s")
}

// BenchmarkIdleConnections holds 10,000 idle clients on a server running in
// its own process and reports that process's resident memory.
// Target: < 200 MB.
func BenchmarkIdleConnections(b *testing.B) {
	const n = 10000
	for i := 0; i < b.N; i++ {
		addr, pid, stop := startChildServer(b, "echo")
		before := rssMB(b, pid)
		conns := make([]net.Conn, 0, n)
		buf := make([]byte, 64)
		for k := 0; k < n; k++ {
			c, err := nettest.DialSpread(addr, k, 5*time.Second)
			if err != nil {
				b.Fatalf("connection %d: %v", k, err)
			}
			if _, err := c.Read(buf); err != nil { // the welcome: it is served
				b.Fatalf("connection %d: %v", k, err)
			}
			conns = append(conns, c)
		}
		after := rssMB(b, pid)
		for _, c := range conns {
			c.Close()
		}
		stop()
		b.ReportMetric(after, "server-RSS-MB")
		b.ReportMetric((after-before)*1024/n, "KB/conn")
	}
}

func rssMB(b *testing.B, pid int) float64 {
	status, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		b.Skip("no /proc on this system")
	}
	for _, line := range strings.Split(string(status), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmRSS:"); ok {
			kb, _ := strconv.Atoi(strings.Fields(rest)[0])
			return float64(kb) / 1024
		}
	}
	b.Fatal("no VmRSS")
	return 0
}
