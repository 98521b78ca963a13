package netcore

import (
	"fmt"
	"net"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestEchoEveryFraming(t *testing.T) {
	forEachLoopback(t, func(t *testing.T, host string) {
		ts := startServer(t, host, NewConfig("echo"))
		for _, fr := range framings {
			t.Run(fr.name, func(t *testing.T) {
				c := dialRaw(t, "tcp", ts.addr)
				assert.Equal(t, "hello from server\n", c.line(), "the welcome comes first, as a line")
				assert.Equal(t, "ping"+fr.replyEnd, c.ask("ping", fr.end))
				assert.Equal(t, "two words"+fr.replyEnd, c.ask("two words", fr.end))
			})
		}
	})
}

func TestEchoWelcomeIsConfigurable(t *testing.T) {
	cfg := NewConfig("echo")
	cfg.Welcome = ""
	ts := startServer(t, "127.0.0.1", cfg)
	c := dialRaw(t, "tcp", ts.addr)
	assert.Equal(t, "first\n", c.ask("first", "\n"), "no welcome when it is empty")

	cfg.Welcome = "bonjour"
	ts = startServer(t, "127.0.0.1", cfg)
	c = dialRaw(t, "tcp", ts.addr)
	assert.Equal(t, "bonjour\n", c.line())
}

func TestEchoKeepsBytesUnchanged(t *testing.T) {
	cfg := NewConfig("echo")
	cfg.Welcome = ""
	ts := startServer(t, "127.0.0.1", cfg)
	c := dialRaw(t, "tcp", ts.addr)
	invalid := "caf\xe9 \xff\xfe \x01\x7f"
	assert.Equal(t, invalid+"\n", c.ask(invalid, "\n"), "invalid UTF-8 and control bytes come back as sent")
	// Several messages in one write come back as several replies.
	c.send("a\nb\x00c\r\n")
	assert.Equal(t, "a\n", c.line())
	assert.Equal(t, "b\x00", c.until(0))
	assert.Equal(t, "c\n", c.line())
}

// ctime is the shape of Python's time.ctime().
var ctime = `[A-Z][a-z]{2} [A-Z][a-z]{2} [ 1-3][0-9] [0-2][0-9]:[0-5][0-9]:[0-5][0-9] [0-9]{4}`

func TestTimeEveryFraming(t *testing.T) {
	forEachLoopback(t, func(t *testing.T, host string) {
		ts := startServer(t, host, NewConfig("time"))
		for _, fr := range framings {
			t.Run(fr.name, func(t *testing.T) {
				c := dialRaw(t, "tcp", ts.addr)
				reply := c.ask("hello there", fr.end)
				assert.Regexp(t, "^\\["+ctime+"\\] hello there"+regexp.QuoteMeta(fr.replyEnd)+"$", reply)
			})
		}
	})
}

func TestTimeFormatMatchesPythonCtime(t *testing.T) {
	d := timeDemo{now: func() time.Time { return time.Date(2026, 11, 3, 6, 53, 48, 0, time.Local) }}
	assert.Equal(t, "[Tue Nov  3 06:53:48 2026] hi", d.Datagram("hi"), "single-digit days are space-padded")
	d.now = func() time.Time { return time.Date(2026, 11, 23, 6, 53, 48, 0, time.Local) }
	assert.Equal(t, "[Mon Nov 23 06:53:48 2026] hi", d.Datagram("hi"))
}

func TestGuessPlaysRoundsOnOneConnection(t *testing.T) {
	forEachLoopback(t, func(t *testing.T, host string) {
		ts := startServer(t, host, NewConfig("guess"))
		for _, fr := range framings {
			t.Run(fr.name, func(t *testing.T) {
				c := dialRaw(t, "tcp", ts.addr)
				for round := 0; round < 3; round++ {
					lo, hi, tries := 0, 9, 0
					for {
						guess := (lo + hi) / 2
						tries++
						require.LessOrEqual(t, tries, 4, "binary search over 0..9 needs at most 4 tries")
						reply := strings.TrimSuffix(c.ask(fmt.Sprint(guess), fr.end), fr.replyEnd)
						if reply == "found the secret" {
							break
						}
						switch reply {
						case "too low":
							lo = guess + 1
						case "too high":
							hi = guess - 1
						default:
							t.Fatalf("unexpected reply %q", reply)
						}
					}
				}
			})
		}
	})
}

func TestGuessRejectsNonNumbers(t *testing.T) {
	ts := startServer(t, "127.0.0.1", NewConfig("guess"))
	c := dialRaw(t, "tcp", ts.addr)
	for _, bad := range []string{"five", "", "4.5", "1e3", "\xff\xfe", "99999999999999999999999"} {
		assert.Equal(t, "please send a whole number from 0 to 9\n", c.ask(bad, "\n"), "input %q", bad)
	}
	assert.Regexp(t, `^(too low|too high|found the secret)\n$`, c.ask(" 5 ", "\n"), "spaces around a number are fine")
}

func TestGuessRangeIsConfigurable(t *testing.T) {
	cfg := NewConfig("guess")
	cfg.GuessMin, cfg.GuessMax = 42, 42
	ts := startServer(t, "127.0.0.1", cfg)
	c := dialRaw(t, "tcp", ts.addr)
	assert.Equal(t, "too low\n", c.ask("41", "\n"))
	assert.Equal(t, "too high\n", c.ask("43", "\n"))
	assert.Equal(t, "found the secret\n", c.ask("42", "\n"))
	assert.Equal(t, "please send a whole number from 42 to 42\n", c.ask("x", "\n"))
}

func TestPasswordGrantedDeniedAndLockout(t *testing.T) {
	forEachLoopback(t, func(t *testing.T, host string) {
		cfg := NewConfig("password")
		cfg.Password = "open sesame"
		ts := startServer(t, host, cfg)
		for _, fr := range framings {
			t.Run(fr.name, func(t *testing.T) {
				c := dialRaw(t, "tcp", ts.addr)
				assert.Equal(t, "access denied"+fr.replyEnd, c.ask("guess1", fr.end))
				assert.Equal(t, "access granted"+fr.replyEnd, c.ask("open sesame", fr.end))
				assert.Equal(t, "access denied"+fr.replyEnd, c.ask("Open Sesame", fr.end), "case matters")
				assert.Equal(t, "access denied"+fr.replyEnd, c.ask("open sesame ", fr.end))
				assert.Equal(t, "too many attempts"+fr.replyEnd, c.ask("x", fr.end), "the third denial in a row hangs up")
				c.expectClosed()
			})
		}
	})
}

func TestPasswordIsNeverLogged(t *testing.T) {
	cfg := NewConfig("password")
	cfg.Password = "hunter2"
	ts := startServer(t, "127.0.0.1", cfg)
	c := dialRaw(t, "tcp", ts.addr)
	assert.Equal(t, "access denied\n", c.ask("wrong-guess-xyz", "\n"))
	assert.Equal(t, "access granted\n", c.ask("hunter2", "\n"))
	// The events reach the log on their own goroutine: wait for both
	// attempts (and the two replies) before reading it.
	waitFor(t, "both attempts and replies to be logged", func() bool {
		return ts.countEvents(EventReceived) == 2 && ts.countEvents(EventSent) == 2
	})
	for _, e := range ts.eventLog() {
		assert.NotContains(t, e.String(), "hunter2")
		assert.NotContains(t, e.String(), "wrong-guess-xyz")
	}
}

func TestPasswordAttemptsAreConfigurable(t *testing.T) {
	cfg := NewConfig("password")
	cfg.MaxAttempts = 1
	ts := startServer(t, "127.0.0.1", cfg)
	c := dialRaw(t, "tcp", ts.addr)
	assert.Equal(t, "too many attempts\n", c.ask("nope", "\n"))
	c.expectClosed()
}

func TestCalcOverTheWire(t *testing.T) {
	forEachLoopback(t, func(t *testing.T, host string) {
		ts := startServer(t, host, NewConfig("calc"))
		for _, fr := range framings {
			t.Run(fr.name, func(t *testing.T) {
				c := dialRaw(t, "tcp", ts.addr)
				assert.Equal(t, "14"+fr.replyEnd, c.ask("2+3*4", fr.end))
				assert.Equal(t, "3.5"+fr.replyEnd, c.ask("7/2", fr.end))
				assert.Equal(t, "1024"+fr.replyEnd, c.ask("2^10", fr.end))
				assert.Equal(t, "error: division by zero"+fr.replyEnd, c.ask("1/0", fr.end))
				assert.Equal(t, "error: number too large"+fr.replyEnd, c.ask("9**9**9", fr.end))
				assert.Regexp(t, "^error: ", c.ask("__import__('os').system('ls')", fr.end))
				assert.Equal(t, "-1"+fr.replyEnd, c.ask("(1-2)", fr.end), "still serving after errors")
				c.send("quit" + fr.end)
				c.expectClosed()
			})
		}
	})
}

func TestRockPaperScissorsKeepsScore(t *testing.T) {
	forEachLoopback(t, func(t *testing.T, host string) {
		ts := startServer(t, host, NewConfig("rps"))
		c := dialRaw(t, "tcp", ts.addr)
		verdict := regexp.MustCompile(`^(you win: (rock|paper|scissors) beats (rock|paper|scissors)|you lose: (rock|paper|scissors) beats (rock|paper|scissors)|draw: both chose (rock|paper|scissors)) \(you (\d+), server (\d+)\)\n$`)
		you, server := 0, 0
		for i, move := range []string{"rock", "PAPER", "s", "R", "Scissors", "p", "rock", "paper", "scissors"} {
			reply := c.ask(move, "\n")
			m := verdict.FindStringSubmatch(reply)
			require.NotNil(t, m, "reply %d %q", i, reply)
			switch {
			case strings.HasPrefix(reply, "you win"):
				you++
				assert.True(t, rpsBeats(mustMove(t, m[2]), mustMove(t, m[3])))
			case strings.HasPrefix(reply, "you lose"):
				server++
				assert.True(t, rpsBeats(mustMove(t, m[4]), mustMove(t, m[5])))
			}
			assert.Equal(t, fmt.Sprint(you), m[7])
			assert.Equal(t, fmt.Sprint(server), m[8])
		}
		assert.Equal(t, "please send rock, paper or scissors\n", c.ask("lizard", "\n"))
		assert.Regexp(t, `^\w.* \(you \d+, server \d+\)$`, c.ask("r", ""), "unterminated move, unterminated reply")
	})
}

func mustMove(t *testing.T, name string) int {
	i, ok := rpsMove(name)
	require.True(t, ok, name)
	return i
}

func TestRPSRules(t *testing.T) {
	r, p, s := 0, 1, 2
	assert.True(t, rpsBeats(r, s))
	assert.True(t, rpsBeats(p, r))
	assert.True(t, rpsBeats(s, p))
	assert.False(t, rpsBeats(s, r))
	assert.False(t, rpsBeats(r, p))
	assert.False(t, rpsBeats(p, s))
	assert.False(t, rpsBeats(r, r))
}

func TestChatTwentyClientsAndOneVanishes(t *testing.T) {
	forEachLoopback(t, func(t *testing.T, host string) {
		ts := startServer(t, host, NewConfig("chat"))
		const n = 24
		clients := make([]*rawClient, n)
		for i := range clients {
			clients[i] = dialRaw(t, "tcp", ts.addr)
			me := clients[i].nc.LocalAddr().String()
			// Each newcomer sees itself join; older members see it too.
			assert.Equal(t, "* "+me+" joined\n", clients[i].line())
			clients[i].send(fmt.Sprintf("/nick s%d\n", i))
			assert.Equal(t, fmt.Sprintf("* %s is now s%d\n", me, i), clients[i].line())
		}
		// Drain the join/rename notices so every reader is at the same point.
		for i := range clients {
			for j := i + 1; j < n; j++ {
				assert.Contains(t, clients[i].line(), "joined")
				assert.Contains(t, clients[i].line(), "is now")
			}
		}

		// Client 7 vanishes with a reset while everyone is broadcasting.
		var wg sync.WaitGroup
		for i := range clients {
			if i == 7 {
				continue
			}
			wg.Add(1)
			go func() {
				defer wg.Done()
				for k := 0; k < 5; k++ {
					clients[i].nc.Write(fmt.Appendf(nil, "msg %d from %d\n", k, i))
				}
			}()
		}
		clients[7].reset()
		wg.Wait()

		// Every survivor receives all 5 messages of every other survivor
		// (and its own), in each sender's order, plus the notice that 7 left.
		for i, c := range clients {
			if i == 7 {
				continue
			}
			next := map[int]int{}
			left := false
			for got := 0; got < (n-1)*5; {
				line := c.line()
				if line == "* s7 left\n" {
					left = true
					continue
				}
				var k, from int
				_, err := fmt.Sscanf(line, "s%d: msg %d from %d\n", new(int), &k, &from)
				require.NoError(t, err, "client %d got %q", i, line)
				assert.Equal(t, next[from], k, "messages from %d arrive in order", from)
				assert.True(t, strings.HasPrefix(line, fmt.Sprintf("s%d: ", from)), "named by sender: %q", line)
				next[from]++
				got++
			}
			if !left {
				assert.Equal(t, "* s7 left\n", c.line())
			}
		}
	})
}

func TestChatServerPostsAndDefaultNames(t *testing.T) {
	ts := startServer(t, "127.0.0.1", NewConfig("chat"))
	a := dialRaw(t, "tcp", ts.addr)
	aName := a.nc.LocalAddr().String()
	assert.Equal(t, "* "+aName+" joined\n", a.line())
	b := dialRaw(t, "tcp", ts.addr)
	bName := b.nc.LocalAddr().String()
	assert.Equal(t, "* "+bName+" joined\n", a.line())
	assert.Equal(t, "* "+bName+" joined\n", b.line())

	a.send("hi all\n")
	assert.Equal(t, aName+": hi all\n", a.line(), "the sender sees its own message")
	assert.Equal(t, aName+": hi all\n", b.line())

	require.NoError(t, ts.Broadcast("class ends in 5 minutes"))
	assert.Equal(t, "server: class ends in 5 minutes\n", a.line())
	assert.Equal(t, "server: class ends in 5 minutes\n", b.line())

	b.send("/nick\n")
	assert.Equal(t, "usage: /nick NAME\n", b.line())
	b.send("/nick " + strings.Repeat("x", 40) + "\n")
	assert.Regexp(t, "^error: ", b.line())
	b.send("/nickname is not a command\n")
	assert.Equal(t, bName+": /nickname is not a command\n", b.line())
	assert.Equal(t, bName+": /nickname is not a command\n", a.line())

	b.nc.Close()
	assert.Equal(t, "* "+bName+" left\n", a.line())
}

func TestUDPEchoAndTime(t *testing.T) {
	forEachLoopback(t, func(t *testing.T, host string) {
		for _, demo := range []string{"echo", "time"} {
			t.Run(demo, func(t *testing.T) {
				cfg := NewConfig(demo)
				cfg.Network = "udp"
				ts := startServer(t, host, cfg)
				nc, err := net.Dial("udp", ts.addr)
				require.NoError(t, err)
				defer nc.Close()
				for _, fr := range framings {
					_, err := nc.Write([]byte("datagram " + fr.name + fr.end))
					require.NoError(t, err)
					buf := make([]byte, 1024)
					nc.SetReadDeadline(time.Now().Add(5 * time.Second))
					n, err := nc.Read(buf)
					require.NoError(t, err)
					want := "^datagram " + fr.name + regexp.QuoteMeta(fr.replyEnd) + "$"
					if demo == "time" {
						want = "^\\[" + ctime + "\\] " + want[1:]
					}
					assert.Regexp(t, want, string(buf[:n]), "one datagram in, one out, no welcome")
				}
				waitFor(t, "the datagrams to be logged", func() bool {
					for _, e := range ts.eventLog() {
						if e.Kind == EventReceived && e.Peer == nc.LocalAddr().String() {
							return true
						}
					}
					return false
				})
				clients := ts.Clients()
				require.Len(t, clients, 1)
				assert.Equal(t, nc.LocalAddr().String(), clients[0].Peer)
				assert.Error(t, ts.Kick(clients[0].ID), "UDP has nothing to kick")
			})
		}
	})
}

func TestUDPRefusedForConnectionDemos(t *testing.T) {
	for _, demo := range []string{"chat", "guess", "password", "calc", "rps"} {
		cfg := NewConfig(demo)
		cfg.Network = "udp"
		cfg.Addr = "127.0.0.1:0"
		_, err := NewServer(cfg)
		assert.ErrorContains(t, err, "use TCP", demo)
	}
}

func TestDemosListAndLookup(t *testing.T) {
	var names []string
	for _, d := range Demos() {
		names = append(names, d.Name)
		assert.NotEmpty(t, d.Description, d.Name)
		assert.NotZero(t, d.ClassicPort, d.Name)
	}
	assert.Equal(t, []string{"echo", "time", "chat", "guess", "password", "calc", "rps", "duel", "mancala"}, names)
	_, err := NewDemo("telnet", Options{})
	assert.ErrorContains(t, err, "unknown demo")
	ports := map[string]int{"echo": 8000, "time": 21567, "guess": 11267, "password": 41267, "calc": 1081, "chat": 8001, "rps": 8002}
	for name, port := range ports {
		info, ok := LookupDemo(name)
		require.True(t, ok)
		assert.Equal(t, port, info.ClassicPort, name)
	}
}
