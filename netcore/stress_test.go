package netcore_test

import (
	"bufio"
	"bytes"
	"crypto/rand"
	"fmt"
	mrand "math/rand/v2"
	"net"
	"os"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/socketlab/socketlab/netcore"
	"github.com/socketlab/socketlab/netcore/internal/nettest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.uber.org/goleak"
)

// stressReport collects what happened, for docs/reliability.md.
type stressReport struct {
	churned, resets, busy, tooLong, garbage, slowloris, slowReaders atomic.Int64
}

// TestStressAndFaults throws every kind of bad client at one server at once,
// then checks the server still serves a fresh client correctly, stops
// cleanly with everything still running, leaves no goroutine, and gives its
// memory back.
func TestStressAndFaults(t *testing.T) {
	defer goleak.VerifyNone(t, goleak.IgnoreCurrent())
	scale := nettest.StressScale()
	churn := 300 * scale
	if scale > 1 {
		churn = 2000 * scale / 4
	}
	duration := time.Duration(scale) * 2 * time.Second

	runtime.GC()
	var before runtime.MemStats
	runtime.ReadMemStats(&before)

	cfg := nettest.Config(t, "echo", nil)
	cfg.Addr = "127.0.0.1:0"
	cfg.MaxMessage = 64 << 10
	srv, err := netcore.NewServer(cfg)
	require.NoError(t, err)
	require.NoError(t, srv.Start())
	addr := srv.Addr().String()
	drained := make(chan struct{})
	go func() {
		for range srv.Events() {
		}
		close(drained)
	}()

	var rep stressReport
	stop := make(chan struct{})
	var wg sync.WaitGroup
	spawn := func(n int, f func(i int)) {
		for i := 0; i < n; i++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				f(i)
			}()
		}
	}
	// Every bad client has a loopback address of its own, as in a room of
	// laptops: the server limits connections per address.
	var dials atomic.Int64
	dial := func() net.Conn {
		c, err := nettest.DialSpread(addr, int(dials.Add(1)), 5*time.Second)
		if err != nil {
			return nil
		}
		return c
	}
	stopped := func() bool {
		select {
		case <-stop:
			return true
		default:
			return false
		}
	}

	// Churn: connect, say something, leave politely or with a reset.
	var churnNext atomic.Int64
	spawn(8, func(int) {
		buf := make([]byte, 256)
		for churnNext.Add(1) <= int64(churn) && !stopped() {
			c := dial()
			if c == nil {
				continue
			}
			c.SetDeadline(time.Now().Add(5 * time.Second))
			fmt.Fprintf(c, "churn %d\n", churnNext.Load())
			if mrand.IntN(2) == 0 {
				c.Read(buf)
				c.Close()
			} else {
				c.(*net.TCPConn).SetLinger(0)
				c.Close()
				rep.resets.Add(1)
			}
			rep.churned.Add(1)
		}
	})
	// Slow readers: send lots, never read.
	spawn(10, func(int) {
		c := dial()
		if c == nil {
			return
		}
		defer c.Close()
		rep.slowReaders.Add(1)
		line := bytes.Repeat([]byte("never read me "), 70)
		line = append(line, '\n')
		for k := 0; k < 5000*scale && !stopped(); k++ {
			c.SetWriteDeadline(time.Now().Add(200 * time.Millisecond))
			if _, err := c.Write(line); err != nil && !os.IsTimeout(err) {
				return
			}
		}
	})
	// Slowloris: one byte at a time.
	spawn(10, func(int) {
		c := dial()
		if c == nil {
			return
		}
		defer c.Close()
		rep.slowloris.Add(1)
		for k := 0; k < 200*scale && !stopped(); k++ {
			if _, err := c.Write([]byte("z")); err != nil {
				return
			}
			time.Sleep(150 * time.Millisecond)
		}
	})
	// 10 MB lines with no newline.
	spawn(3, func(int) {
		c := dial()
		if c == nil {
			return
		}
		defer c.Close()
		go c.Write(bytes.Repeat([]byte("y"), 10<<20))
		c.SetReadDeadline(time.Now().Add(10 * time.Second))
		var got bytes.Buffer
		buf := make([]byte, 4096)
		for {
			n, err := c.Read(buf)
			got.Write(buf[:n])
			if err != nil {
				break
			}
		}
		if bytes.Contains(got.Bytes(), []byte("error: message too long\n")) {
			rep.tooLong.Add(1)
		}
	})
	// Random bytes.
	spawn(10, func(int) {
		buf := make([]byte, 2048)
		for k := 0; k < 50*scale && !stopped(); k++ {
			c := dial()
			if c == nil {
				continue
			}
			rand.Read(buf)
			c.Write(buf[:mrand.IntN(len(buf))+1])
			rep.garbage.Add(1)
			c.Close()
		}
	})

	// Max clients reached and released, on a second server.
	busyCfg := nettest.Config(t, "echo", nil)
	busyCfg.Addr = "127.0.0.1:0"
	busyCfg.MaxClients = 5
	busy, err := netcore.NewServer(busyCfg)
	require.NoError(t, err)
	require.NoError(t, busy.Start())
	go func() {
		for range busy.Events() {
		}
	}()
	spawn(1, func(int) {
		for round := 0; round < 3*scale && !stopped(); round++ {
			var held []net.Conn
			for k := 0; k < 5; k++ {
				if c, err := net.Dial("tcp", busy.Addr().String()); err == nil {
					held = append(held, c)
					if firstLine(c) != "hello from server\n" {
						t.Errorf("client %d of 5 was not welcomed", k+1)
					}
				}
			}
			if extra, err := net.Dial("tcp", busy.Addr().String()); err == nil {
				if firstLine(extra) == "server busy\n" {
					rep.busy.Add(1)
				}
				extra.Close()
			}
			for _, c := range held {
				c.Close()
			}
			for len(busy.Clients()) > 0 && !stopped() {
				time.Sleep(5 * time.Millisecond)
			}
		}
	})

	// While all of that runs, a well-behaved client is served correctly.
	deadline := time.Now().Add(duration)
	good := nettest.DialRaw(t, "tcp", addr)
	assert.Equal(t, "hello from server\n", good.Line())
	for i := 0; time.Now().Before(deadline); i++ {
		msg := fmt.Sprintf("still fine %d", i)
		assert.Equal(t, msg+"\n", good.Ask(msg, "\n"))
		time.Sleep(20 * time.Millisecond)
	}
	for churnNext.Load() < int64(churn) && time.Now().Before(deadline.Add(time.Minute)) {
		time.Sleep(10 * time.Millisecond)
	}
	fresh := nettest.DialRaw(t, "tcp", addr)
	assert.Equal(t, "hello from server\n", fresh.Line())
	assert.Equal(t, "fresh\n", fresh.Ask("fresh", "\n"), "a fresh client is served after the storm")

	// Close with everything still running.
	srv.Close()
	busy.Close()
	close(stop)
	wg.Wait()
	good.Conn.Close()
	fresh.Conn.Close()
	<-drained

	runtime.GC()
	var after runtime.MemStats
	runtime.ReadMemStats(&after)
	growth := int64(after.HeapInuse) - int64(before.HeapInuse)
	t.Logf("stress x%d: %d churned (%d resets), %d garbage connections, %d/3 huge lines refused, %d busy refusals, %d slowloris, %d slow readers; heap in use %+.1f MB after stop",
		scale, rep.churned.Load(), rep.resets.Load(), rep.garbage.Load(), rep.tooLong.Load(), rep.busy.Load(),
		rep.slowloris.Load(), rep.slowReaders.Load(), float64(growth)/(1<<20))
	assert.Equal(t, int64(churn), rep.churned.Load(), "every churn connection was made")
	assert.Equal(t, int64(3), rep.tooLong.Load(), "every 10 MB line was refused with a reply")
	assert.Positive(t, rep.busy.Load(), "max clients turned someone away")
	assert.Less(t, growth, int64(32<<20), "memory returns near its start after Close")
}

// firstLine reads one line without testify, for use off the test goroutine.
func firstLine(c net.Conn) string {
	c.SetReadDeadline(time.Now().Add(5 * time.Second))
	line, _ := bufio.NewReader(c).ReadString('\n')
	return line
}
