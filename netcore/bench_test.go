package netcore_test

// Benchmarks for the targets in docs/benchmarks.md. Each compares Socket Lab
// with a baseline measured in the same run, on loopback only. Run them with
// `make bench`; they are skipped by plain `go test`.

import (
	"bufio"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/socketlab/socketlab/bench/load"
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

// echoLoad runs the shared echo load (bench/load.Echo) and returns
// messages/second.
func echoLoad(b *testing.B, addr string, conns, msgs, size int, skipWelcome bool) float64 {
	rate, err := load.Echo(addr, conns, msgs, size, skipWelcome)
	if err != nil {
		b.Fatal(err)
	}
	return rate
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

// fanout runs the shared chat fan-out (bench/load.Fanout).
func fanout(b *testing.B, addr string, n, count int) (lat []time.Duration, delivered, connected int) {
	res, err := load.Fanout(addr, n, count)
	if err != nil {
		b.Fatal(err)
	}
	return res.Latencies, res.Delivered, res.Connected
}

func percentile(lat []time.Duration, p float64) time.Duration { return load.Percentile(lat, p) }

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
	mb, err := load.RSSMB(pid)
	if err != nil {
		b.Skip("no /proc on this system: ", err)
	}
	return mb
}
