package demos_test

import (
	"bufio"
	"fmt"
	"io"
	"net"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/socketlab/socketlab/netcore/demos"
	"github.com/socketlab/socketlab/netcore/internal/nettest"
)

// spreadSource is the i-th of 40 loopback source addresses (127.0.1.1 to
// 127.0.1.40), so that many clients stay under a per-address limit.
func spreadSource(i int) *net.TCPAddr {
	return &net.TCPAddr{IP: net.IPv4(127, 0, 1, byte(1+i%40))}
}

// roomWatcher reads one chat client's lines in the background and counts
// them, and the joins and leaves they tell of.
type roomWatcher struct {
	lines, bytes atomic.Int64
	joined, left atomic.Int64 // others', one by one or counted
	done         chan struct{}
	mu           sync.Mutex
	seen         []string // lines matching want
	want         func(string) bool
}

// watch reads r, the connection nc or a reader in front of it, until it
// ends.
func watch(nc net.Conn, r io.Reader, want func(string) bool) *roomWatcher {
	w := &roomWatcher{done: make(chan struct{}), want: want}
	me := nc.LocalAddr().String()
	nc.SetReadDeadline(time.Now().Add(2 * time.Minute)) // bounded, past any test here
	go func() {
		defer close(w.done)
		sc := bufio.NewScanner(r)
		sc.Buffer(make([]byte, 4096), 128<<10)
		for sc.Scan() {
			line := sc.Text()
			w.lines.Add(1)
			w.bytes.Add(int64(len(line) + 1))
			if n, ok := countNotice(line, demos.ChatMoreJoined); ok {
				w.joined.Add(n)
			} else if n, ok := countNotice(line, demos.ChatMoreLeft); ok {
				w.left.Add(n)
			} else if strings.HasSuffix(line, demos.ChatJoined) && line != "* "+me+demos.ChatJoined {
				w.joined.Add(1)
			} else if strings.HasSuffix(line, demos.ChatLeft) {
				w.left.Add(1)
			}
			if w.want != nil && w.want(line) {
				w.mu.Lock()
				w.seen = append(w.seen, line)
				w.mu.Unlock()
			}
		}
	}()
	return w
}

// countNotice reads "* 12 more joined".
func countNotice(line, suffix string) (int64, bool) {
	s, ok := strings.CutSuffix(line, suffix)
	if !ok {
		return 0, false
	}
	n, err := strconv.ParseInt(strings.TrimPrefix(s, "* "), 10, 64)
	return n, err == nil
}

func (w *roomWatcher) saw() []string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return append([]string(nil), w.seen...)
}

// waitUntil polls cond for up to a minute: a burst of thousands of joins on
// a busy 2-core machine takes longer than nettest.WaitFor's 5 s.
func waitUntil(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(time.Minute)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// TestChatJoinBurstIsCheap: hundreds (make stress: 2,000) join at once from
// 40 source addresses and then leave. Announcing each to everyone would
// send n*n/2 lines; the room must get a few lines per member instead, and
// still learn how many came and went.
func TestChatJoinBurstIsCheap(t *testing.T) {
	n := 300
	if nettest.StressScale() > 1 {
		n = 2000
	}
	ts := nettest.StartServer(t, "127.0.0.1", nettest.Config(t, "chat", nil))
	first := nettest.DialRaw(t, "tcp", ts.HostPort)
	require.Equal(t, "* "+first.Conn.LocalAddr().String()+" joined\n", first.Line())
	over := func(line string) bool { return line == first.Conn.LocalAddr().String()+": burst over" }
	w0 := watch(first.Conn, first.R, over)

	cpu := cpuTime()
	conns := make([]net.Conn, n-1)
	watchers := make([]*roomWatcher, n-1)
	var wg sync.WaitGroup
	for g := 0; g < 50; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := g; i < n-1; i += 50 {
				d := net.Dialer{LocalAddr: spreadSource(i), Timeout: 10 * time.Second}
				nc, err := d.Dial("tcp", ts.HostPort)
				if !assert.NoError(t, err) {
					return
				}
				conns[i], watchers[i] = nc, watch(nc, nc, over)
			}
		}()
	}
	wg.Wait()
	defer func() {
		for _, c := range conns {
			if c != nil {
				c.Close()
			}
		}
	}()
	require.False(t, t.Failed())
	waitUntil(t, "the first member to hear of every join", func() bool { return w0.joined.Load() == int64(n-1) })
	// Everyone reads up to the same point: a line said after the burst.
	first.Send("burst over\n")
	for i, w := range watchers {
		waitUntil(t, "member "+strconv.Itoa(i)+" to read up to the end of the burst", func() bool {
			return len(w.saw()) > 0
		})
	}
	var lines int64
	for _, w := range watchers {
		lines += w.lines.Load()
	}
	lines += w0.lines.Load()
	joinCPU := cpuTime() - cpu
	bound := int64(n) * int64(demos.ChatNoticeBurst+16)
	assert.LessOrEqual(t, lines, bound, "lines sent for %d joins (one by one would be %d)", n, n*(n+1)/2)
	t.Logf("%d joins: %d lines to the room (%.1f a member), %v CPU in this process (clients included)", n, lines, float64(lines)/float64(n), joinCPU)

	// Everyone but the first leaves at once.
	before := w0.lines.Load()
	for _, c := range conns {
		c.Close()
	}
	waitUntil(t, "the first member to hear of every leave", func() bool { return w0.left.Load() == int64(n-1) })
	leaveLines := w0.lines.Load() - before
	assert.LessOrEqual(t, leaveLines, int64(demos.ChatNoticeBurst+16), "lines the remaining member got for %d leaves", n-1)
	for _, w := range watchers {
		<-w.done
	}
}

// TestChatFlooderIsSlowedWarnedAndRemoved: one member sends 1 KB lines as
// fast as it can while another reads at about 100 KB/s. The flood is slowed
// to the limit, its sender warned and then removed; the slow reader stays
// and hears what is said after.
func TestChatFlooderIsSlowedWarnedAndRemoved(t *testing.T) {
	ts := nettest.StartServer(t, "127.0.0.1", nettest.Config(t, "chat", nil))
	ann := joinChat(t, ts.HostPort, "ann")
	// The slow readers (one; make stress: 20) read at most 10 KB every
	// 100 ms, watching for a line said after the flood.
	const after = "ann: after the flood"
	readers := make([]*slowReader, 1+19*min(1, nettest.StressScale()-1))
	for i := range readers {
		readers[i] = readSlowly(joinChat(t, ts.HostPort, "slow"+strconv.Itoa(i)), after)
	}
	eve := joinChat(t, ts.HostPort, "eve")
	floodLine := "eve: " + strings.Repeat("x", 1000)
	annSaw := watch(ann.Conn, ann.R, func(l string) bool { return l == floodLine })

	// Eve floods, bounded to 30 s, and reads what she is sent.
	var warnedAt, kickedAt, flooded atomic.Int64
	eveDone := make(chan struct{})
	go func() {
		defer close(eveDone)
		eve.Conn.SetReadDeadline(time.Now().Add(time.Minute))
		sc := bufio.NewScanner(eve.R)
		sc.Buffer(make([]byte, 4096), 128<<10)
		for i := int64(1); sc.Scan(); i++ {
			switch sc.Text() {
			case demos.ChatSlowDown:
				warnedAt.CompareAndSwap(0, i)
			case demos.ChatFloodKick:
				kickedAt.CompareAndSwap(0, i)
			}
		}
	}()
	start := time.Now()
	payload := []byte(strings.Repeat("x", 1000) + "\n")
	for time.Since(start) < 30*time.Second {
		eve.Conn.SetWriteDeadline(time.Now().Add(200 * time.Millisecond))
		if _, err := eve.Conn.Write(payload); err != nil {
			if ne, ok := err.(net.Error); ok && ne.Timeout() {
				select {
				case <-eveDone:
				default:
					continue
				}
			}
			break
		}
		flooded.Add(1)
	}
	select {
	case <-eveDone:
	case <-time.After(30 * time.Second):
		t.Fatal("the flooder was never removed")
	}
	elapsed := time.Since(start)
	require.NotZero(t, warnedAt.Load(), "the flooder is warned")
	require.NotZero(t, kickedAt.Load(), "the flooder is told why it is removed")
	assert.Less(t, warnedAt.Load(), kickedAt.Load(), "warned before removed")
	assert.GreaterOrEqual(t, elapsed, demos.ChatFloodKickAfter, "removed only after being slowed that long")

	ann.Send("after the flood\n")
	for i, r := range readers {
		select {
		case <-r.heard:
		case <-time.After(40 * time.Second):
			t.Fatalf("slow reader %d never heard the line after the flood (%v)", i, r.err.Load())
		}
	}
	// Slowed: what reached the room is about the byte limit over the time,
	// not what eve sent.
	relayed := int64(len(annSaw.saw())) * int64(len(floodLine)+1)
	limit := int64(demos.ChatByteBurst) + int64(float64(demos.ChatByteRate)*elapsed.Seconds()*1.2)
	assert.LessOrEqual(t, relayed, limit, "flood bytes relayed in %v (eve wrote %d lines)", elapsed, flooded.Load())
	assert.Positive(t, relayed, "the flood was slowed, not dropped")
	t.Logf("eve wrote %d lines in %v; the room got %d (%d B); warned at her line %d, removed at %d", flooded.Load(), elapsed.Round(time.Millisecond), len(annSaw.saw()), relayed, warnedAt.Load(), kickedAt.Load())
}

// TestChatSteadyPostersAreNotFlooders: a benchmark posting every 20 ms and
// a saved 400-byte message repeated every 50 ms, at the same time, are
// never warned and everything they say arrives.
func TestChatSteadyPostersAreNotFlooders(t *testing.T) {
	scale := nettest.StressScale()
	ts := nettest.StartServer(t, "127.0.0.1", nettest.Config(t, "chat", nil))
	reader := joinChat(t, ts.HostPort, "reader")
	got := watch(reader.Conn, reader.R, func(l string) bool {
		return strings.HasPrefix(l, "bench: ") || strings.HasPrefix(l, "saved: ")
	})
	warned := func(l string) bool { return l == demos.ChatSlowDown || l == demos.ChatFloodKick }
	type poster struct {
		name  string
		every time.Duration
		count int
		text  string
	}
	posters := []poster{
		{"bench", 20 * time.Millisecond, 150 * scale, "fanout-"},
		{"saved", 50 * time.Millisecond, 60 * scale, strings.Repeat("saved message ", 28)},
	}
	var wg sync.WaitGroup
	watchers := make([]*roomWatcher, len(posters))
	for i, p := range posters {
		c := joinChat(t, ts.HostPort, p.name)
		watchers[i] = watch(c.Conn, c.R, warned)
		wg.Add(1)
		go func() {
			defer wg.Done()
			tick := time.NewTicker(p.every)
			defer tick.Stop()
			for k := 0; k < p.count; k++ {
				<-tick.C
				if _, err := fmt.Fprintf(c.Conn, "%s%d\n", p.text, k); err != nil {
					t.Errorf("%s: %v", p.name, err)
					return
				}
			}
		}()
	}
	wg.Wait()
	want := posters[0].count + posters[1].count
	waitUntil(t, "every post to arrive", func() bool { return len(got.saw()) >= want })
	assert.Len(t, got.saw(), want)
	for i, w := range watchers {
		assert.Empty(t, w.saw(), "%s was not warned", posters[i].name)
	}
}

// slowReader reads a chat connection at about 100 KB/s until it has read
// the line after.
type slowReader struct {
	heard chan struct{}
	err   atomic.Value // why it stopped early
}

func readSlowly(c *nettest.Raw, after string) *slowReader {
	r := &slowReader{heard: make(chan struct{})}
	go func() {
		buf := make([]byte, 10<<10)
		var tail string
		for {
			c.Conn.SetReadDeadline(time.Now().Add(40 * time.Second))
			n, err := c.R.Read(buf)
			tail += string(buf[:n])
			if strings.Contains(tail, "\n"+after+"\n") {
				close(r.heard)
				return
			}
			if err != nil {
				r.err.Store(err)
				return
			}
			tail = tail[max(0, len(tail)-len(after)-2):]
			time.Sleep(100 * time.Millisecond)
		}
	}()
	return r
}
