// Command discoflood attacks Server discovery the way a curious student
// could, and measures a listener under it; loopback only, every run bounded
// in count and time. docs/protocols.md ("Discovery") has the rules it tests.
//
// The CLI has no command that browses, so the listener is the Client tab's
// browser (discovery.Browse) in a process of its own, with a genuine
// "teacher" announcing to it from 127.0.0.1 once a second as the Server tab
// does:
//
//	discoflood listen -addr 127.0.0.1:47001 -for 20s
//	discoflood flood -to 127.0.0.1:47001 -kind ports -n 131000
//
// Kinds of flood (each from -from, default 127.0.0.2):
//
//	replay   beacons naming other computers' addresses
//	teacher  beacons naming the teacher (127.0.0.1:8001) with another demo and name
//	control  ESC, BEL, CR and bidi characters in the names
//	long     1,950-byte names
//	ports    one new port per beacon, 1,900-byte names (the 131,000-beacon flood)
//	sources  like ports, spread over -sources addresses 127.0.x.y
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"net"
	"net/netip"
	"os"
	"runtime"
	"slices"
	"strings"
	"time"
	"unicode"

	"github.com/socketlab/socketlab/netcore/discovery"
)

const teacherPort = 8001

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: discoflood listen|flood [flags]")
		os.Exit(2)
	}
	var err error
	switch os.Args[1] {
	case "listen":
		err = listen(os.Args[2:])
	case "flood":
		err = flood(os.Args[2:])
	default:
		err = fmt.Errorf("unknown command %q", os.Args[1])
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "discoflood:", err)
		os.Exit(1)
	}
}

func loopbackOnly(hostport string) error {
	ap, err := netip.ParseAddrPort(hostport)
	if err != nil || !ap.Addr().IsLoopback() {
		return fmt.Errorf("%s: loopback addresses only", hostport)
	}
	return nil
}

// listen runs a browser and a genuine teacher for -for, sampling the list
// every 50 ms, and prints what a student would have seen.
func listen(args []string) error {
	fs := flag.NewFlagSet("listen", flag.ExitOnError)
	addr := fs.String("addr", "127.0.0.1:47001", "where the browser listens (loopback)")
	dur := fs.Duration("for", 20*time.Second, "how long to listen (at most 5m)")
	fs.Parse(args)
	if err := loopbackOnly(*addr); err != nil {
		return err
	}
	*dur = min(*dur, 5*time.Minute)
	b, err := discovery.Browse(*addr, 5*time.Second)
	if err != nil {
		return err
	}
	defer b.Close()
	to := b.Addr().(*net.UDPAddr).AddrPort()
	teacher := discovery.Service{Demo: "chat", Port: teacherPort, Transport: "tcp", Name: "teacher-pc"}
	an, err := discovery.Announce(teacher, []discovery.Route{{From: netip.MustParseAddr("127.0.0.1"), To: to}}, time.Second)
	if err != nil {
		return err
	}
	defer an.Stop()
	fmt.Printf("pid %d listening on %s for %v\n", os.Getpid(), b.Addr(), *dur)
	time.Sleep(200 * time.Millisecond) // the teacher's first beacon

	want := discovery.Announcement{Demo: "chat", Addr: fmt.Sprintf("127.0.0.1:%d", teacherPort), Transport: "tcp", Name: "teacher-pc"}
	var r report
	var last discovery.Announcement
	end := time.Now().Add(*dur)
	for time.Now().Before(end) {
		time.Sleep(50 * time.Millisecond)
		found := b.Found()
		r.maxEntries = max(r.maxEntries, len(found))
		r.samples++
		if !slices.ContainsFunc(found, func(f discovery.Found) bool { return f.Addr == want.Addr }) {
			r.teacherMissing++
		}
		for _, f := range found {
			r.look(f, want, &last)
		}
		r.maxRSS = max(r.maxRSS, vmRSS())
	}
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	fmt.Printf("max entries listed %d (%d at the end); teacher's entry changed %d times, seen wrong %d times, missing in %d of %d samples\n",
		r.maxEntries, len(b.Found()), r.teacherFlips, r.teacherWrong, r.teacherMissing, r.samples)
	fmt.Printf("entries at an address the flooders named but never sent from: %d\n", r.forgedHosts)
	fmt.Printf("longest demo %d, longest name %d characters; names or demos with control/format characters: %d\n",
		r.longestDemo, r.longestName, r.unsafe)
	fmt.Printf("browser %+v\n", b.Stats())
	fmt.Printf("max VmRSS %d kB, heap in use at the end %d kB\n", r.maxRSS, m.HeapInuse/1024)
	return nil
}

type report struct {
	maxEntries, teacherFlips, teacherWrong, forgedHosts, longestDemo, longestName, unsafe int
	maxRSS, samples, teacherMissing                                                       int
}

// look checks one listed entry.
func (r *report) look(f discovery.Found, want discovery.Announcement, last *discovery.Announcement) {
	if f.Addr == want.Addr {
		if !last.Equal(discovery.Announcement{}) && !f.Announcement.Equal(*last) {
			r.teacherFlips++
		}
		if !f.Announcement.Equal(want) {
			r.teacherWrong++
		}
		*last = f.Announcement
	}
	// The flooders name only hosts in 127.0.0.3 and 192.0.2.0/24 when they
	// lie about the address; they send from 127.0.0.2 or 127.0.x.y (x ≥ 10).
	if strings.HasPrefix(f.Addr, "127.0.0.3:") || strings.HasPrefix(f.Addr, "192.0.2.") {
		r.forgedHosts++
	}
	r.longestDemo = max(r.longestDemo, len([]rune(f.Demo)))
	r.longestName = max(r.longestName, len([]rune(f.Name)))
	if strings.IndexFunc(f.Demo+f.Name, func(c rune) bool { return unicode.IsControl(c) || unicode.Is(unicode.Cf, c) }) >= 0 {
		r.unsafe++
	}
}

func vmRSS() int {
	data, _ := os.ReadFile("/proc/self/status")
	for _, line := range strings.Split(string(data), "\n") {
		if v, ok := strings.CutPrefix(line, "VmRSS:"); ok {
			var kb int
			fmt.Sscan(v, &kb)
			return kb
		}
	}
	return 0
}

// flood sends -n forged beacons of one kind to -to.
func flood(args []string) error {
	fs := flag.NewFlagSet("flood", flag.ExitOnError)
	to := fs.String("to", "127.0.0.1:47001", "the browser (loopback)")
	from := fs.String("from", "127.0.0.2", "source address (loopback)")
	kind := fs.String("kind", "ports", "replay, teacher, control, long, ports or sources")
	n := fs.Int("n", 1000, "beacons to send (at most 1,000,000)")
	sources := fs.Int("sources", 1000, "for -kind sources: how many 127.0.x.y addresses (at most 20,000)")
	every := fs.Duration("every", 0, "pause between beacons (0: as fast as possible)")
	fs.Parse(args)
	if err := loopbackOnly(*to); err != nil {
		return err
	}
	*n, *sources = min(*n, 1_000_000), max(1, min(*sources, 20_000))
	dst := net.UDPAddrFromAddrPort(netip.MustParseAddrPort(*to))
	conns := map[string]*net.UDPConn{}
	defer func() {
		for _, c := range conns {
			c.Close()
		}
	}()
	conn := func(host string) (*net.UDPConn, error) {
		if c, ok := conns[host]; ok {
			return c, nil
		}
		if ip, err := netip.ParseAddr(host); err != nil || !ip.IsLoopback() {
			return nil, fmt.Errorf("%s: loopback addresses only", host)
		}
		c, err := net.ListenUDP("udp4", &net.UDPAddr{IP: net.ParseIP(host)})
		conns[host] = c
		return c, err
	}
	start := time.Now()
	sent := 0
	for i := range *n {
		host, a := forge(*kind, *from, i, *sources)
		c, err := conn(host)
		if err != nil {
			return err
		}
		msg, _ := json.Marshal(a)
		if _, err := c.WriteToUDP(append([]byte("SOCKETLAB/1 "), msg...), dst); err == nil {
			sent++
		}
		if *every > 0 {
			time.Sleep(*every)
		}
	}
	fmt.Printf("sent %d %s beacons from %d addresses in %v\n", sent, *kind, len(conns), time.Since(start).Round(time.Millisecond))
	return nil
}

// forge is the i-th beacon of a kind and the address it is sent from.
func forge(kind, from string, i, sources int) (string, discovery.Announcement) {
	port := 1 + i%65535
	own := fmt.Sprintf("%s:%d", from, port)
	long := strings.Repeat("n", 1950)
	switch kind {
	case "replay":
		hosts := []string{"127.0.0.3", "192.0.2.9"}
		return from, discovery.Announcement{Demo: "echo", Addr: fmt.Sprintf("%s:%d", hosts[i%2], port), Transport: "tcp", Name: "pc"}
	case "teacher":
		demos := []string{"password", "guess"}
		return from, discovery.Announcement{Demo: demos[i%2], Addr: fmt.Sprintf("127.0.0.1:%d", teacherPort), Transport: "tcp", Name: "teacher-pc (new)"}
	case "control":
		return from, discovery.Announcement{Demo: "echo\x1b[2J", Addr: own, Transport: "tcp", Name: "pc\x1b]0;owned\x07\r\nserver: \u202eolleh\u200b"}
	case "long":
		return from, discovery.Announcement{Demo: "echo", Addr: own, Transport: "tcp", Name: long}
	case "sources":
		s := i % sources
		host := fmt.Sprintf("127.0.%d.%d", 10+s/250, 1+s%250)
		return host, discovery.Announcement{Demo: "echo", Addr: fmt.Sprintf("%s:%d", host, port), Transport: "tcp", Name: long[:1900]}
	default: // ports
		return from, discovery.Announcement{Demo: "echo", Addr: own, Transport: "tcp", Name: long[:1900]}
	}
}
