// Command chatattack replays issue 11's findings 4 and 5 against a chat
// server running in its own process (`socketlab serve --demo chat`), over
// loopback only, each attack bounded in count and time. It prints what it
// measured, for docs/reliability.md.
//
//	go run ./scripts/chatattack -addr 127.0.0.1:8001 -pid $(pgrep -n socketlab) burst
//	go run ./scripts/chatattack -addr 127.0.0.1:8001 flood
//	go run ./scripts/chatattack -addr 127.0.0.1:8001 forge
//
// With -pid it reads the server's CPU time (utime+stime, Linux /proc) before
// and after the attack.
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

func main() {
	addr := flag.String("addr", "127.0.0.1:8001", "the chat server (loopback only)")
	pid := flag.Int("pid", 0, "the server's process id, to report its CPU time (Linux)")
	joins := flag.Int("joins", 2000, "burst: how many clients join")
	dialers := flag.Int("dialers", 200, "burst: how many connect at the same time")
	flag.Parse()
	host, _, err := net.SplitHostPort(*addr)
	if err != nil || !net.ParseIP(host).IsLoopback() {
		fail("-addr must be a loopback address")
	}
	cpu0 := cpuTime(*pid)
	switch flag.Arg(0) {
	case "burst":
		burst(*addr, *joins, *dialers)
	case "flood":
		flood(*addr)
	case "forge":
		forge(*addr)
	default:
		fail("usage: chatattack [-addr A] [-pid P] burst|flood|forge")
	}
	if *pid > 0 {
		fmt.Printf("server CPU during the attack: %.2f s\n", (cpuTime(*pid) - cpu0).Seconds())
	}
}

func fail(msg string) {
	fmt.Fprintln(os.Stderr, "chatattack:", msg)
	os.Exit(2)
}

// cpuTime is the process's user+system time from /proc/PID/stat.
func cpuTime(pid int) time.Duration {
	if pid <= 0 {
		return 0
	}
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		fail(err.Error())
	}
	// Fields after the command's closing parenthesis; utime and stime are
	// the 14th and 15th of the whole line, in clock ticks (100 a second).
	f := strings.Fields(string(b[strings.LastIndexByte(string(b), ')')+2:]))
	ut, _ := strconv.Atoi(f[11])
	st, _ := strconv.Atoi(f[12])
	return time.Duration(ut+st) * 10 * time.Millisecond
}

// source is the i-th of 40 loopback source addresses, 127.0.1.1-127.0.1.40,
// so the burst stays under a per-address connection limit of 64.
func source(i int) *net.TCPAddr {
	return &net.TCPAddr{IP: net.IPv4(127, 0, 1, byte(1+i%40))}
}

// burst: n clients join as fast as they can (dialers at a time), read everything
// they are sent until the room has been quiet for 3 s (at most 60 s), then
// leave at once.
func burst(addr string, n, dialers int) {
	conns := make([]net.Conn, n)
	var lines, bytes atomic.Int64
	var last atomic.Int64 // unix nanoseconds of the last byte anyone read
	var readers sync.WaitGroup
	start := time.Now()
	var dial sync.WaitGroup
	var failed atomic.Int64
	for g := 0; g < dialers; g++ {
		dial.Add(1)
		go func() {
			defer dial.Done()
			for i := g; i < n; i += dialers {
				d := net.Dialer{LocalAddr: source(i), Timeout: 10 * time.Second}
				c, err := d.Dial("tcp", addr)
				if err != nil {
					failed.Add(1)
					continue
				}
				conns[i] = c
				readers.Add(1)
				go func() {
					defer readers.Done()
					c.SetReadDeadline(time.Now().Add(2 * time.Minute))
					sc := bufio.NewScanner(c)
					for sc.Scan() {
						lines.Add(1)
						bytes.Add(int64(len(sc.Bytes()) + 1))
						last.Store(time.Now().UnixNano())
					}
				}()
			}
		}()
	}
	dial.Wait()
	joined := time.Since(start)
	deadline := time.Now().Add(time.Minute)
	for time.Now().Before(deadline) && time.Since(time.Unix(0, last.Load())) < 3*time.Second {
		time.Sleep(100 * time.Millisecond)
	}
	fmt.Printf("%d joins (%d refused) in %v; the room received %d lines, %d bytes (%.1f lines a member)\n",
		n-int(failed.Load()), failed.Load(), joined.Round(time.Millisecond), lines.Load(), bytes.Load(), float64(lines.Load())/float64(n))
	for _, c := range conns {
		if c != nil {
			c.Close()
		}
	}
	readers.Wait()
}

// flood: one reader reads at about 100 KB/s while one sender sends 1 KB
// lines as fast as the server takes them, for at most 20 s. A third member
// speaks after; the reader must hear it.
func flood(addr string) {
	join := func(name string) (net.Conn, *bufio.Reader) {
		c, err := net.DialTimeout("tcp", addr, 5*time.Second)
		if err != nil {
			fail(err.Error())
		}
		fmt.Fprintf(c, "/nick %s\n", name)
		return c, bufio.NewReader(c)
	}
	ann, _ := join("ann")
	defer ann.Close()
	reader, rr := join("reader")
	defer reader.Close()
	var readErr atomic.Value
	var readBytes atomic.Int64
	heard := make(chan struct{})
	go func() {
		buf := make([]byte, 10<<10)
		tail := ""
		for {
			reader.SetReadDeadline(time.Now().Add(60 * time.Second))
			n, err := rr.Read(buf)
			readBytes.Add(int64(n))
			tail += string(buf[:n])
			if strings.Contains(tail, "ann: anyone still here?\n") {
				close(heard)
				return
			}
			if err != nil {
				readErr.Store(err)
				close(heard)
				return
			}
			tail = tail[max(0, len(tail)-64):]
			time.Sleep(100 * time.Millisecond)
		}
	}()
	eve, er := join("eve")
	defer eve.Close()
	var warned, kicked atomic.Int64 // ms after the start
	start := time.Now()
	eveDone := make(chan struct{})
	go func() {
		defer close(eveDone)
		eve.SetReadDeadline(time.Now().Add(40 * time.Second))
		for {
			line, err := er.ReadString('\n')
			switch strings.TrimSuffix(line, "\n") {
			case "warning: you are sending too fast; slow down or you will be removed":
				warned.CompareAndSwap(0, time.Since(start).Milliseconds())
			case "error: removed for flooding the chat":
				kicked.CompareAndSwap(0, time.Since(start).Milliseconds())
			}
			if err != nil {
				return
			}
		}
	}()
	line := []byte(strings.Repeat("x", 1000) + "\n")
	sent := 0
	for time.Since(start) < 20*time.Second {
		eve.SetWriteDeadline(time.Now().Add(200 * time.Millisecond))
		if _, err := eve.Write(line); err != nil {
			if ne, ok := err.(net.Error); ok && ne.Timeout() {
				select {
				case <-eveDone:
				default:
					continue
				}
			}
			break
		}
		sent++
	}
	// Read what eve was sent to its end (the kick comes last) before
	// closing her side.
	<-eveDone
	flooded := time.Since(start)
	fmt.Fprintf(ann, "anyone still here?\n")
	<-heard
	fmt.Printf("flooder sent %d lines of 1 KB in %v; warned after %d ms, removed after %d ms (0: never)\n",
		sent, flooded.Round(time.Millisecond), warned.Load(), kicked.Load())
	if err := readErr.Load(); err != nil {
		fmt.Printf("the 100 KB/s reader was DISCONNECTED after reading %d bytes: %v\n", readBytes.Load(), err)
	} else {
		fmt.Printf("the 100 KB/s reader stayed (read %d bytes) and heard the line said after the flood\n", readBytes.Load())
	}
}

// forge: what a room sees when a student takes the teacher's name, a name
// in use, and sends terminal control sequences.
func forge(addr string) {
	watcher, err := net.DialTimeout("tcp", addr, 5*time.Second)
	if err != nil {
		fail(err.Error())
	}
	defer watcher.Close()
	fmt.Fprintf(watcher, "/nick ann\n")
	eve, err := net.DialTimeout("tcp", addr, 5*time.Second)
	if err != nil {
		fail(err.Error())
	}
	defer eve.Close()
	for _, m := range []string{"/nick server", "/nick Ann", "/nick a\u202eb", "/nick eve", "x\rserver: class is cancelled", "\x1b]0;hacked\x07\x1b[2J", "\u202egnp.exe"} {
		fmt.Fprintf(eve, "%s\n", m)
		time.Sleep(50 * time.Millisecond)
	}
	show := func(name string, c net.Conn) {
		c.SetReadDeadline(time.Now().Add(time.Second))
		sc := bufio.NewScanner(c)
		for sc.Scan() {
			fmt.Printf("%s got %q\n", name, sc.Text())
		}
	}
	show("eve", eve)
	show("ann", watcher)
}
