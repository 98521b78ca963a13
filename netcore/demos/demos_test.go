package demos_test

import (
	"fmt"
	"net"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/socketlab/socketlab/netcore"
	"github.com/socketlab/socketlab/netcore/demos"
	"github.com/socketlab/socketlab/netcore/internal/nettest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestEchoEveryFraming(t *testing.T) {
	nettest.ForEachLoopback(t, func(t *testing.T, host string) {
		ts := nettest.StartServer(t, host, nettest.Config(t, "echo", nil))
		for _, fr := range nettest.Framings {
			t.Run(fr.Name, func(t *testing.T) {
				c := nettest.DialRaw(t, "tcp", ts.HostPort)
				assert.Equal(t, "hello from server\n", c.Line(), "the welcome comes first, as a line")
				assert.Equal(t, "ping"+fr.ReplyEnd, c.Ask("ping", fr.End))
				assert.Equal(t, "two words"+fr.ReplyEnd, c.Ask("two words", fr.End))
			})
		}
	})
}

func TestEchoWelcomeIsConfigurable(t *testing.T) {
	cfg := nettest.Config(t, "echo", demos.Values{"welcome": ""})
	ts := nettest.StartServer(t, "127.0.0.1", cfg)
	c := nettest.DialRaw(t, "tcp", ts.HostPort)
	assert.Equal(t, "first\n", c.Ask("first", "\n"), "no welcome when it is empty")

	cfg = nettest.Config(t, "echo", demos.Values{"welcome": "bonjour"})
	ts = nettest.StartServer(t, "127.0.0.1", cfg)
	c = nettest.DialRaw(t, "tcp", ts.HostPort)
	assert.Equal(t, "bonjour\n", c.Line())
}

func TestEchoKeepsBytesUnchanged(t *testing.T) {
	cfg := nettest.Config(t, "echo", demos.Values{"welcome": ""})
	ts := nettest.StartServer(t, "127.0.0.1", cfg)
	c := nettest.DialRaw(t, "tcp", ts.HostPort)
	invalid := "caf\xe9 \xff\xfe \x01\x7f"
	assert.Equal(t, invalid+"\n", c.Ask(invalid, "\n"), "invalid UTF-8 and control bytes come back as sent")
	// Several messages in one write come back as several replies.
	c.Send("a\nb\x00c\r\n")
	assert.Equal(t, "a\n", c.Line())
	assert.Equal(t, "b\x00", c.Until(0))
	assert.Equal(t, "c\n", c.Line())
}

// ctime is the shape of Python's time.ctime().
var ctime = `[A-Z][a-z]{2} [A-Z][a-z]{2} [ 1-3][0-9] [0-2][0-9]:[0-5][0-9]:[0-5][0-9] [0-9]{4}`

func TestTimeEveryFraming(t *testing.T) {
	nettest.ForEachLoopback(t, func(t *testing.T, host string) {
		ts := nettest.StartServer(t, host, nettest.Config(t, "time", nil))
		for _, fr := range nettest.Framings {
			t.Run(fr.Name, func(t *testing.T) {
				c := nettest.DialRaw(t, "tcp", ts.HostPort)
				reply := c.Ask("hello there", fr.End)
				assert.Regexp(t, "^\\["+ctime+"\\] hello there"+regexp.QuoteMeta(fr.ReplyEnd)+"$", reply)
			})
		}
	})
}

func TestGuessPlaysRoundsOnOneConnection(t *testing.T) {
	nettest.ForEachLoopback(t, func(t *testing.T, host string) {
		ts := nettest.StartServer(t, host, nettest.Config(t, "guess", nil))
		for _, fr := range nettest.Framings {
			t.Run(fr.Name, func(t *testing.T) {
				c := nettest.DialRaw(t, "tcp", ts.HostPort)
				for round := 0; round < 3; round++ {
					lo, hi, tries := 0, 9, 0
					for {
						guess := (lo + hi) / 2
						tries++
						require.LessOrEqual(t, tries, 4, "binary search over 0..9 needs at most 4 tries")
						reply := strings.TrimSuffix(c.Ask(fmt.Sprint(guess), fr.End), fr.ReplyEnd)
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
	ts := nettest.StartServer(t, "127.0.0.1", nettest.Config(t, "guess", nil))
	c := nettest.DialRaw(t, "tcp", ts.HostPort)
	for _, bad := range []string{"five", "", "4.5", "1e3", "\xff\xfe", "99999999999999999999999"} {
		assert.Equal(t, "please send a whole number from 0 to 9\n", c.Ask(bad, "\n"), "input %q", bad)
	}
	assert.Regexp(t, `^(too low|too high|found the secret)\n$`, c.Ask(" 5 ", "\n"), "spaces around a number are fine")
}

func TestGuessRangeIsConfigurable(t *testing.T) {
	cfg := nettest.Config(t, "guess", demos.Values{"min": "42", "max": "42"})
	ts := nettest.StartServer(t, "127.0.0.1", cfg)
	c := nettest.DialRaw(t, "tcp", ts.HostPort)
	assert.Equal(t, "too low\n", c.Ask("41", "\n"))
	assert.Equal(t, "too high\n", c.Ask("43", "\n"))
	assert.Equal(t, "found the secret\n", c.Ask("42", "\n"))
	assert.Equal(t, "please send a whole number from 42 to 42\n", c.Ask("x", "\n"))
}

// A made demo describes itself with the settings it runs with: the guess
// description says the range set, and a password never shows.
func TestMadeDemoInfoFollowsItsSettings(t *testing.T) {
	registered, _ := demos.Lookup("guess")
	assert.Contains(t, registered.Describe(), "from 0 to 9")
	d, err := demos.New("guess", demos.Values{"min": "1", "max": "20"}, nil)
	require.NoError(t, err)
	assert.Equal(t, map[string]string{"min": "1", "max": "20"}, d.Info().Values)
	assert.Contains(t, d.Info().Describe(), "The server thinks of a number from 1 to 20.")
	assert.NotContains(t, d.Info().Describe(), "{{")

	p, err := demos.New("password", demos.Values{"password": "hunter2"}, nil)
	require.NoError(t, err)
	assert.Equal(t, map[string]string{"attempts": "3"}, p.Info().Values)
	assert.NotContains(t, p.Info().Describe(), "hunter2")
	for _, info := range demos.All() {
		assert.NotContains(t, info.Describe(), "{{", "%s names a setting it does not have", info.Name)
	}
}

func TestPasswordGrantedDeniedAndLockout(t *testing.T) {
	nettest.ForEachLoopback(t, func(t *testing.T, host string) {
		for _, fr := range nettest.Framings {
			t.Run(fr.Name, func(t *testing.T) {
				// A server each: the lockout at the end counts for the address.
				cfg := nettest.Config(t, "password", demos.Values{"password": "open sesame"})
				ts := nettest.StartServer(t, host, cfg)
				c := nettest.DialRaw(t, "tcp", ts.HostPort)
				assert.Equal(t, "access denied"+fr.ReplyEnd, c.Ask("guess1", fr.End))
				assert.Equal(t, "access granted"+fr.ReplyEnd, c.Ask("open sesame", fr.End))
				assert.Equal(t, "access denied"+fr.ReplyEnd, c.Ask("Open Sesame", fr.End), "case matters")
				assert.Equal(t, "access denied"+fr.ReplyEnd, c.Ask("open sesame ", fr.End))
				assert.Equal(t, "too many attempts"+fr.ReplyEnd, c.Ask("x", fr.End), "the third denial in a row hangs up")
				c.ExpectClosed()
			})
		}
	})
}

func TestPasswordIsNeverLogged(t *testing.T) {
	cfg := nettest.Config(t, "password", demos.Values{"password": "hunter2"})
	ts := nettest.StartServer(t, "127.0.0.1", cfg)
	c := nettest.DialRaw(t, "tcp", ts.HostPort)
	assert.Equal(t, "access denied\n", c.Ask("wrong-guess-xyz", "\n"))
	assert.Equal(t, "access granted\n", c.Ask("hunter2", "\n"))
	// The events reach the log on their own goroutine: wait for both
	// attempts (and the two replies) before reading it.
	nettest.WaitFor(t, "both attempts and replies to be logged", func() bool {
		return ts.CountEvents(netcore.EventReceived) == 2 && ts.CountEvents(netcore.EventSent) == 2
	})
	received := 0
	for _, e := range ts.EventLog() {
		assert.NotContains(t, e.String(), "hunter2")
		assert.NotContains(t, e.String(), "wrong-guess-xyz")
		if e.Kind == netcore.EventReceived {
			received++
			// Not even the length: no byte count, no bytes for a hex view.
			assert.True(t, e.Hidden)
			assert.Equal(t, netcore.HiddenText, e.Text)
			assert.Zero(t, e.Bytes)
			assert.Empty(t, e.Wire())
			assert.NotRegexp(t, `\d+ B|•`, e.String())
		}
	}
	assert.Equal(t, 2, received)
}

func TestPasswordAttemptsAreConfigurable(t *testing.T) {
	cfg := nettest.Config(t, "password", demos.Values{"attempts": "1"})
	ts := nettest.StartServer(t, "127.0.0.1", cfg)
	c := nettest.DialRaw(t, "tcp", ts.HostPort)
	assert.Equal(t, "too many attempts\n", c.Ask("nope", "\n"))
	c.ExpectClosed()
}

func TestCalcOverTheWire(t *testing.T) {
	nettest.ForEachLoopback(t, func(t *testing.T, host string) {
		ts := nettest.StartServer(t, host, nettest.Config(t, "calc", nil))
		for _, fr := range nettest.Framings {
			t.Run(fr.Name, func(t *testing.T) {
				c := nettest.DialRaw(t, "tcp", ts.HostPort)
				assert.Equal(t, "14"+fr.ReplyEnd, c.Ask("2+3*4", fr.End))
				assert.Equal(t, "3.5"+fr.ReplyEnd, c.Ask("7/2", fr.End))
				assert.Equal(t, "1024"+fr.ReplyEnd, c.Ask("2^10", fr.End))
				assert.Equal(t, "error: division by zero"+fr.ReplyEnd, c.Ask("1/0", fr.End))
				assert.Equal(t, "error: number too large"+fr.ReplyEnd, c.Ask("9**9**9", fr.End))
				assert.Regexp(t, "^error: ", c.Ask("__import__('os').system('ls')", fr.End))
				assert.Equal(t, "-1"+fr.ReplyEnd, c.Ask("(1-2)", fr.End), "still serving after errors")
				c.Send("quit" + fr.End)
				c.ExpectClosed()
			})
		}
	})
}

func TestRockPaperScissorsKeepsScore(t *testing.T) {
	nettest.ForEachLoopback(t, func(t *testing.T, host string) {
		ts := nettest.StartServer(t, host, nettest.Config(t, "rps", nil))
		c := nettest.DialRaw(t, "tcp", ts.HostPort)
		verdict := regexp.MustCompile(`^(you win: (rock|paper|scissors) beats (rock|paper|scissors)|you lose: (rock|paper|scissors) beats (rock|paper|scissors)|draw: both chose (rock|paper|scissors)) \(you (\d+), server (\d+)\)\n$`)
		you, server := 0, 0
		for i, move := range []string{"rock", "PAPER", "s", "R", "Scissors", "p", "rock", "paper", "scissors"} {
			reply := c.Ask(move, "\n")
			m := verdict.FindStringSubmatch(reply)
			require.NotNil(t, m, "reply %d %q", i, reply)
			switch {
			case strings.HasPrefix(reply, "you win"):
				you++
				assert.True(t, demos.RPSBeats(mustMove(t, m[2]), mustMove(t, m[3])))
			case strings.HasPrefix(reply, "you lose"):
				server++
				assert.True(t, demos.RPSBeats(mustMove(t, m[4]), mustMove(t, m[5])))
			}
			assert.Equal(t, fmt.Sprint(you), m[7])
			assert.Equal(t, fmt.Sprint(server), m[8])
		}
		assert.Equal(t, "please send rock, paper or scissors\n", c.Ask("lizard", "\n"))
		assert.Regexp(t, `^\w.* \(you \d+, server \d+\)$`, c.Ask("r", ""), "unterminated move, unterminated reply")
	})
}

func mustMove(t *testing.T, name string) int {
	i, ok := demos.RPSMove(name)
	require.True(t, ok, name)
	return i
}

func TestChatTwentyClientsAndOneVanishes(t *testing.T) {
	nettest.ForEachLoopback(t, func(t *testing.T, host string) {
		ts := nettest.StartServer(t, host, nettest.Config(t, "chat", nil))
		const n = 24
		clients := make([]*nettest.Raw, n)
		for i := range clients {
			clients[i] = nettest.DialRaw(t, "tcp", ts.HostPort)
			me := clients[i].Conn.LocalAddr().String()
			// Each newcomer sees itself join; older members see it too.
			assert.Equal(t, "* "+me+" joined\n", clients[i].Line())
			clients[i].Send(fmt.Sprintf("/nick s%d\n", i))
			assert.Equal(t, fmt.Sprintf("* %s is now s%d\n", me, i), clients[i].Line())
		}
		// Drain the join/rename notices so every reader is at the same point.
		for i := range clients {
			for j := i + 1; j < n; j++ {
				assert.Contains(t, clients[i].Line(), "joined")
				assert.Contains(t, clients[i].Line(), "is now")
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
					clients[i].Conn.Write(fmt.Appendf(nil, "msg %d from %d\n", k, i))
				}
			}()
		}
		clients[7].Reset()
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
				line := c.Line()
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
				assert.Equal(t, "* s7 left\n", c.Line())
			}
		}
	})
}

func TestChatServerPostsAndDefaultNames(t *testing.T) {
	ts := nettest.StartServer(t, "127.0.0.1", nettest.Config(t, "chat", nil))
	a := nettest.DialRaw(t, "tcp", ts.HostPort)
	aName := a.Conn.LocalAddr().String()
	assert.Equal(t, "* "+aName+" joined\n", a.Line())
	b := nettest.DialRaw(t, "tcp", ts.HostPort)
	bName := b.Conn.LocalAddr().String()
	assert.Equal(t, "* "+bName+" joined\n", a.Line())
	assert.Equal(t, "* "+bName+" joined\n", b.Line())

	a.Send("hi all\n")
	assert.Equal(t, aName+": hi all\n", a.Line(), "the sender sees its own message")
	assert.Equal(t, aName+": hi all\n", b.Line())

	require.NoError(t, ts.Broadcast("class ends in 5 minutes"))
	assert.Equal(t, "server: class ends in 5 minutes\n", a.Line())
	assert.Equal(t, "server: class ends in 5 minutes\n", b.Line())

	b.Send("/nick\n")
	assert.Equal(t, "usage: /nick NAME\n", b.Line())
	b.Send("/nick " + strings.Repeat("x", 40) + "\n")
	assert.Regexp(t, "^error: ", b.Line())
	b.Send("/nickname is not a command\n")
	assert.Equal(t, bName+": /nickname is not a command\n", b.Line())
	assert.Equal(t, bName+": /nickname is not a command\n", a.Line())

	b.Conn.Close()
	assert.Equal(t, "* "+bName+" left\n", a.Line())
}

func TestUDPEchoAndTime(t *testing.T) {
	nettest.ForEachLoopback(t, func(t *testing.T, host string) {
		for _, demo := range []string{"echo", "time"} {
			t.Run(demo, func(t *testing.T) {
				cfg := nettest.Config(t, demo, nil)
				cfg.Network = "udp"
				ts := nettest.StartServer(t, host, cfg)
				nc, err := net.Dial("udp", ts.HostPort)
				require.NoError(t, err)
				defer nc.Close()
				for _, fr := range nettest.Framings {
					_, err := nc.Write([]byte("datagram " + fr.Name + fr.End))
					require.NoError(t, err)
					buf := make([]byte, 1024)
					nc.SetReadDeadline(time.Now().Add(5 * time.Second))
					n, err := nc.Read(buf)
					require.NoError(t, err)
					want := "^datagram " + fr.Name + regexp.QuoteMeta(fr.ReplyEnd) + "$"
					if demo == "time" {
						want = "^\\[" + ctime + "\\] " + want[1:]
					}
					assert.Regexp(t, want, string(buf[:n]), "one datagram in, one out, no welcome")
				}
				nettest.WaitFor(t, "the datagrams to be logged", func() bool {
					for _, e := range ts.EventLog() {
						if e.Kind == netcore.EventReceived && e.Peer == nc.LocalAddr().String() {
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
		cfg := nettest.Config(t, demo, nil)
		cfg.Network = "udp"
		cfg.Addr = "127.0.0.1:0"
		_, err := netcore.NewServer(cfg)
		assert.ErrorContains(t, err, "use TCP", demo)
	}
}

func TestDemosListAndLookup(t *testing.T) {
	var names []string
	for _, d := range demos.All() {
		names = append(names, d.Name)
		assert.NotEmpty(t, d.Description, d.Name)
		assert.NotZero(t, d.ClassicPort, d.Name)
	}
	assert.Equal(t, []string{"echo", "time", "chat", "guess", "password", "calc", "rps", "duel", "mancala", "http", "rules"}, names)
	_, err := demos.New("telnet", nil, nil)
	assert.EqualError(t, err, `unknown demo "telnet" (choose one of echo, time, chat, guess, password, calc, rps, duel, mancala, http, rules)`)
	ports := map[string]int{"echo": 8000, "time": 21567, "guess": 11267, "password": 41267, "calc": 1081, "chat": 8001, "rps": 8002}
	for name, port := range ports {
		info, ok := demos.Lookup(name)
		require.True(t, ok)
		assert.Equal(t, port, info.ClassicPort, name)
	}
}
