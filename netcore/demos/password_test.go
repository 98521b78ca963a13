package demos_test

import (
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/socketlab/socketlab/netcore/demos"
	"github.com/socketlab/socketlab/netcore/internal/nettest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// steppedClock is a clock the test moves by hand.
type steppedClock struct{ ns atomic.Int64 }

func newSteppedClock() *steppedClock {
	c := &steppedClock{}
	c.ns.Store(time.Date(2026, 12, 3, 9, 0, 0, 0, time.UTC).UnixNano())
	return c
}
func (c *steppedClock) now() time.Time       { return time.Unix(0, c.ns.Load()) }
func (c *steppedClock) step(d time.Duration) { c.ns.Add(int64(d)) }

// startPassword runs the password demo with attempts and a stepped clock.
func startPassword(t *testing.T, attempts string) (*nettest.Server, *steppedClock) {
	cfg := nettest.Config(t, "password", demos.Values{"password": "open sesame", "attempts": attempts})
	clock := newSteppedClock()
	demos.SetPasswordClock(cfg.Demo, clock.now)
	return nettest.StartServer(t, "127.0.0.1", cfg), clock
}

// guessOnce connects from local, sends one wrong password and returns the
// reply.
func guessOnce(t *testing.T, local, addr string) string {
	c := nettest.DialRawFrom(t, nettest.SourceAddr(local), addr)
	defer c.Conn.Close()
	return c.Ask("wrong", "\n")
}

func TestPasswordReconnectingBuysNoAttempts(t *testing.T) {
	ts, clock := startPassword(t, "3")
	const attacker, classmate = "127.0.0.2", "127.0.0.3"
	assert.Equal(t, "access denied\n", guessOnce(t, attacker, ts.HostPort))
	assert.Equal(t, "access denied\n", guessOnce(t, attacker, ts.HostPort))
	assert.Equal(t, "too many attempts\n", guessOnce(t, attacker, ts.HostPort), "the third wrong password from the address, on a new connection")

	// Now every new connection from the address is told to wait and closed.
	c := nettest.DialRawFrom(t, nettest.SourceAddr(attacker), ts.HostPort)
	assert.Equal(t, "too many attempts - wait 5 s\n", c.Line())
	c.ExpectClosed()
	clock.step(3 * time.Second)
	c = nettest.DialRawFrom(t, nettest.SourceAddr(attacker), ts.HostPort)
	assert.Equal(t, "too many attempts - wait 2 s\n", c.Line())
	c.ExpectClosed()

	// Another address is not affected.
	other := nettest.DialRawFrom(t, nettest.SourceAddr(classmate), ts.HostPort)
	assert.Equal(t, "access denied\n", other.Ask("nope", "\n"))
	assert.Equal(t, "access granted\n", other.Ask("open sesame", "\n"))

	// After the wait: attempts again, and the next lockout is twice as long.
	clock.step(2 * time.Second)
	for range 2 {
		assert.Equal(t, "access denied\n", guessOnce(t, attacker, ts.HostPort))
	}
	assert.Equal(t, "too many attempts\n", guessOnce(t, attacker, ts.HostPort))
	c = nettest.DialRawFrom(t, nettest.SourceAddr(attacker), ts.HostPort)
	assert.Equal(t, "too many attempts - wait 10 s\n", c.Line())
	c.ExpectClosed()

	// The right password after the wait starts the address afresh.
	clock.step(10 * time.Second)
	c = nettest.DialRawFrom(t, nettest.SourceAddr(attacker), ts.HostPort)
	assert.Equal(t, "access granted\n", c.Ask("open sesame", "\n"))
	for range 2 {
		assert.Equal(t, "access denied\n", c.Ask("wrong", "\n"))
	}
	assert.Equal(t, "too many attempts\n", c.Ask("wrong", "\n"))
	c.ExpectClosed()
	c = nettest.DialRawFrom(t, nettest.SourceAddr(attacker), ts.HostPort)
	assert.Equal(t, "too many attempts - wait 5 s\n", c.Line(), "a grant resets the growing wait")
}

func TestPasswordLockoutReachesOpenConnections(t *testing.T) {
	ts, _ := startPassword(t, "2")
	const attacker = "127.0.0.4"
	// Connections opened before the lockout get no more tries after it.
	open := make([]*nettest.Raw, 5)
	for i := range open {
		open[i] = nettest.DialRawFrom(t, nettest.SourceAddr(attacker), ts.HostPort)
	}
	assert.Equal(t, "access denied\n", open[0].Ask("wrong", "\n"))
	assert.Equal(t, "too many attempts\n", open[1].Ask("wrong", "\n"))
	for _, c := range open[2:] {
		assert.Equal(t, "too many attempts - wait 5 s\n", c.Ask("open sesame", "\n"), "not even the right password is tried while the address waits")
		c.ExpectClosed()
	}
}

func TestPasswordParallelGuessesGetOnlyTheAttempts(t *testing.T) {
	ts, _ := startPassword(t, "3")
	const attacker = "127.0.0.5"
	const conns = 20
	clients := make([]*nettest.Raw, conns)
	for i := range clients {
		clients[i] = nettest.DialRawFrom(t, nettest.SourceAddr(attacker), ts.HostPort)
	}
	replies := make([]string, conns)
	var wg sync.WaitGroup
	for i, c := range clients {
		wg.Go(func() {
			c.Send("wrong\n")
			c.Conn.SetReadDeadline(time.Now().Add(5 * time.Second))
			replies[i], _ = c.R.ReadString('\n')
		})
	}
	wg.Wait()
	count := map[string]int{}
	for _, r := range replies {
		count[r]++
	}
	require.Equal(t, conns, count["access denied\n"]+count["too many attempts\n"]+count["too many attempts - wait 5 s\n"], "replies: %q", replies)
	assert.Equal(t, 2, count["access denied\n"], "only the attempts are tried, however many connections guess at once")
	assert.Equal(t, 1, count["too many attempts\n"])
}
