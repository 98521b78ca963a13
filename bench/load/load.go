// Package load is the load generator of Socket Lab's benchmarks: classroom
// clients over loopback, each from a loopback address of its own, as the
// students' laptops are (a server limits connections per address). The
// in-process benchmarks (netcore/bench_test.go) and the benchmarks of the
// real binary (bench/serve, bench/app) share it, so both load a server the
// same way. Loopback only.
package load

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// SpreadSource is the i-th of 62,500 loopback source addresses, from
// 127.1.0.1 on: every connection i gets an address of its own. (Linux
// answers for all of 127.0.0.0/8.)
func SpreadSource(i int) *net.TCPAddr {
	i %= 250 * 250
	return &net.TCPAddr{IP: net.IPv4(127, 1, byte(i/250), byte(i%250+1))}
}

// DialSpread connects to addr from SpreadSource(i).
func DialSpread(addr string, i int, timeout time.Duration) (net.Conn, error) {
	d := net.Dialer{Timeout: timeout, LocalAddr: SpreadSource(i)}
	return d.Dial("tcp", addr)
}

// DialPatiently retries refused connections for up to 5 s: ncat listens
// with a backlog of only 10 and refuses a burst of connects, which says
// nothing about how fast it relays once connected. nil: never accepted.
func DialPatiently(addr string, i int) net.Conn {
	deadline := time.Now().Add(5 * time.Second)
	for time.Now().Before(deadline) {
		c, err := DialSpread(addr, i, time.Until(deadline))
		if err == nil {
			return c
		}
		time.Sleep(10 * time.Millisecond)
	}
	return nil
}

// Echo runs conns clients that each send msgs lines of size bytes and wait
// for each echo, as classroom clients do; it returns messages per second.
// skipWelcome reads one line first (Socket Lab's echo greets).
func Echo(addr string, conns, msgs, size int, skipWelcome bool) (float64, error) {
	line := append(bytes.Repeat([]byte("x"), size-1), '\n')
	var wg sync.WaitGroup
	start := time.Now()
	errs := make(chan error, conns)
	for i := 0; i < conns; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c, err := DialSpread(addr, i, 5*time.Second)
			if err != nil {
				errs <- err
				return
			}
			defer c.Close()
			c.SetDeadline(time.Now().Add(5 * time.Minute)) // a stuck server fails, never hangs
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
	if err := <-errs; err != nil {
		return 0, err
	}
	return float64(conns*msgs) / time.Since(start).Seconds(), nil
}

// FanoutResult is what Fanout measured.
type FanoutResult struct {
	Latencies []time.Duration // one per delivered message
	Delivered int
	Connected int // clients the server took, the sender included
}

// Fanout connects n receivers and one sender to a chat server, sends count
// messages 20 ms apart, and measures each delivery. If the server stops
// accepting (or takes over a minute to), it returns how many clients got in
// and no latencies.
func Fanout(addr string, n, count int) (FanoutResult, error) {
	var res FanoutResult
	recv := make([]net.Conn, 0, n)
	defer func() {
		for _, c := range recv {
			c.Close()
		}
	}()
	connectBy := time.Now().Add(time.Minute)
	for len(recv) < n {
		c := DialPatiently(addr, len(recv))
		if c == nil {
			res.Connected = len(recv)
			return res, nil
		}
		recv = append(recv, c)
		if time.Now().After(connectBy) {
			res.Connected = len(recv)
			return res, nil
		}
	}
	sender := DialPatiently(addr, n)
	if sender == nil {
		res.Connected = n
		return res, nil
	}
	defer sender.Close()
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
				res.Latencies = append(res.Latencies, now.Sub(sent[seq]))
				res.Delivered++
				mu.Unlock()
				got++
			}
		}()
	}
	// A receiver counts only once the server has seated it, which can be
	// after its connect returned (the accept queue): repeat the sync line
	// until every receiver has seen one. Then everyone is seated, and one go
	// line, read by all, shows that every receiver has also read the join
	// notices before it: measuring earlier would time a backlog of join
	// notices, not the relay.
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
	if k := unsynced.Load(); k > 0 {
		wg.Wait()
		return res, fmt.Errorf("%d receivers never got the sync and go lines", k)
	}
	for i := 0; i < count; i++ {
		mu.Lock()
		sent[i] = time.Now()
		mu.Unlock()
		fmt.Fprintf(sender, "fanout-%d\n", i)
		time.Sleep(20 * time.Millisecond)
	}
	wg.Wait()
	res.Connected = n + 1
	return res, nil
}

// Percentile is the p-th (0…1) of lat, which it sorts.
func Percentile(lat []time.Duration, p float64) time.Duration {
	if len(lat) == 0 {
		return 0
	}
	slices.Sort(lat)
	return lat[min(len(lat)-1, int(float64(len(lat))*p))]
}

// Median of xs (which it sorts); 0 for none.
func Median(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	slices.Sort(xs)
	return xs[len(xs)/2]
}

// RSSMB is the resident memory of process pid in MB (Linux /proc).
func RSSMB(pid int) (float64, error) {
	status, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0, err
	}
	for _, line := range strings.Split(string(status), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmRSS:"); ok {
			kb, err := strconv.Atoi(strings.Fields(rest)[0])
			return float64(kb) / 1024, err
		}
	}
	return 0, errors.New("no VmRSS in /proc/" + strconv.Itoa(pid) + "/status")
}

// CPUSeconds is the user+system CPU time process pid has used (Linux
// /proc; clock ticks of 1/100 s). On a shared, busy machine CPU time per
// message moves less than messages per second.
func CPUSeconds(pid int) (float64, error) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0, err
	}
	// The command name, in parentheses, may hold spaces: count from after it.
	s := string(b)
	f := strings.Fields(s[strings.LastIndexByte(s, ')')+1:])
	if len(f) < 13 {
		return 0, errors.New("short /proc/" + strconv.Itoa(pid) + "/stat")
	}
	utime, err1 := strconv.ParseFloat(f[11], 64)
	stime, err2 := strconv.ParseFloat(f[12], 64)
	return (utime + stime) / 100, errors.Join(err1, err2)
}
