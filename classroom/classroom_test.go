//go:build classroom

package classroom

import (
	"net"
	"os"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/socketlab/socketlab/netcore/demos"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A teacher, three students on the same LAN and one on another subnet,
// every one a network namespace running the real socketlab binary.
func TestClassroom(t *testing.T) {
	l := newLab(t)

	// Every server a teacher may run: each demo, over UDP too where it can.
	var keys []string // "demo/transport", in teaching order
	for _, d := range demos.All() {
		keys = append(keys, d.Name+"/tcp")
		if d.UDP {
			keys = append(keys, d.Name+"/udp")
		}
	}
	serve := func(key string, announce bool) (string, *proc) {
		d, transport, _ := strings.Cut(key, "/")
		args := []string{"serve", "--demo", d} // no --addr: the default address
		if d == "password" {
			args = append(args, "--password", "sesame")
		}
		if transport == "udp" {
			args = append(args, "--udp")
		}
		if announce {
			args = append(args, "--announce")
		}
		return l.serve(args...)
	}
	// A server a teacher bound to loopback by mistake.
	loopbackOnly, _ := l.serve("serve", "--demo", "echo", "--addr", "127.0.0.1:9000", "--announce")
	require.Equal(t, "127.0.0.1:9000", loopbackOnly)

	// Listeners list at most 8 servers of one computer (docs/protocols.md,
	// "Discovery"), so the teacher announces in two rounds: the first 8,
	// then the rest while all serve.
	first := keys[:min(8, len(keys))]
	t.Run("students find the teacher, the other subnet does not", func(t *testing.T) {
		announced := map[string]string{}
		for _, key := range first {
			addr, p := serve(key, true)
			announced[key] = addr
			defer p.stop()
		}
		l.findRound(t, announced, true)
	})

	servers := map[string]string{} // "demo/transport" → HOST:PORT
	announced := map[string]string{}
	for _, key := range keys {
		// echo is announced again: doctor hears its beacons in the
		// firewall case below.
		announce := !slices.Contains(first, key) || key == "echo/tcp"
		servers[key], _ = serve(key, announce)
		if announce {
			announced[key] = servers[key]
		}
	}
	t.Run("the best LAN guess is the LAN address", func(t *testing.T) {
		for key, addr := range servers {
			d, _, _ := strings.Cut(key, "/")
			info, _ := demos.Lookup(d)
			assert.Equal(t, net.JoinHostPort(teacherIP, strconv.Itoa(info.ClassicPort)), addr, key)
		}
		r := l.socketlab("teacher", "", "interfaces")
		assert.Contains(t, r.out, "best guess for your partner to type: "+teacherIP+"\n", r)
	})
	t.Run("students find the rest", func(t *testing.T) {
		l.findRound(t, announced, false)
	})

	t.Run("every demo across the LAN", func(t *testing.T) {
		played := map[string]bool{}
		for name, play := range l.plays(servers) {
			t.Run(name, play)
			played[name] = true
		}
		for _, d := range demos.All() {
			assert.True(t, played[d.Name], "demo %s is not played across the classroom: add it to plays", d.Name)
		}
	})

	t.Run("the lesson's Python scripts across the LAN", func(t *testing.T) {
		host, port, _ := net.SplitHostPort(servers["echo/tcp"])
		r := l.python("s1", "echo_client.py", host, port)
		assert.Equal(t, "hello from server\nhello from python\n", r.out, r)
		host, port, _ = net.SplitHostPort(servers["guess/tcp"])
		r = l.python("s2", "guess_player.py", host, port)
		assert.Regexp(t, `^found the secret in [1-4] tries\n$`, r.out, r)
		host, port, _ = net.SplitHostPort(servers["time/udp"])
		r = l.python("s3", "time_udp_client.py", host, port)
		assert.Regexp(t, `^\[\w{3} \w{3} [ \d]\d \d\d:\d\d:\d\d \d{4}\] what time is it\n$`, r.out, r)
	})

	t.Run("chat: every student sees every other", func(t *testing.T) {
		var clients []*proc
		for _, s := range students {
			c := l.start(s, "connect", servers["chat/tcp"])
			// Everyone already in the room sees the newcomer join, under
			// the address of the newcomer's own computer.
			for _, seen := range append(clients, c) {
				seen.waitFor("* " + studentIPs[s] + ":")
			}
			clients = append(clients, c)
		}
		for i, c := range clients {
			c.send("/nick " + students[i])
			c.waitFor("is now " + students[i])
		}
		for i, c := range clients {
			c.send("hello from " + students[i])
		}
		for _, c := range clients {
			for _, s := range students {
				c.waitFor(s + ": hello from " + s + "\n")
			}
		}
		for _, c := range clients {
			c.stop()
		}
	})

	t.Run("doctor: a server that answers", func(t *testing.T) {
		r := l.socketlab("s1", "", "doctor", servers["echo/tcp"])
		assert.Equal(t, 0, r.code, r)
		assert.Contains(t, r.out, "ok: Your interface eth0 (10.199.1.11/24) is on the same network as "+teacherIP+".", r)
		assert.Contains(t, r.out, "ok: "+servers["echo/tcp"]+" answers: a server is listening there.", r)
		assert.NotContains(t, r.out, "problem:", r)
		r = l.socketlab("s2", "", "doctor", "--udp", servers["time/udp"])
		assert.Equal(t, 0, r.code, r)
		assert.Contains(t, r.out, "ok: "+servers["time/udp"]+" answers over UDP", r)
	})

	echoPort := port(servers["echo/tcp"])
	t.Run("doctor: a firewall drops the port", func(t *testing.T) {
		l.iptables("teacher", "-I", "INPUT", "-p", "tcp", "--dport", echoPort, "-j", "DROP")
		defer l.iptables("teacher", "-D", "INPUT", "-p", "tcp", "--dport", echoPort, "-j", "DROP")
		r := l.socketlab("s1", "", "doctor", servers["echo/tcp"])
		assert.Equal(t, 1, r.code, r)
		assert.Contains(t, r.out, "problem: No answer at "+servers["echo/tcp"]+" within 2 s while "+teacherIP+" itself answers (on port 1): a firewall on that computer drops port "+echoPort, r)
		c := l.socketlab("s3", "hi\n", "connect", "--timeout", "2s", servers["echo/tcp"])
		assert.Equal(t, 1, c.code, c)
		assert.Contains(t, c.err, "timed out after 2 s", c)
	})

	t.Run("doctor: a firewall rejects the port", func(t *testing.T) {
		// As firewalld and many routers reject: "administratively prohibited".
		rule := []string{"INPUT", "-p", "tcp", "--dport", echoPort, "-j", "REJECT", "--reject-with", "icmp-admin-prohibited"}
		l.iptables("teacher", append([]string{"-I"}, rule...)...)
		r := l.socketlab("s1", "", "doctor", servers["echo/tcp"])
		l.iptables("teacher", append([]string{"-D"}, rule...)...)
		assert.Equal(t, 1, r.code, r)
		assert.Contains(t, r.out, "problem: "+servers["echo/tcp"]+" is rejected while "+teacherIP+" itself answers (on port 1): a firewall on that computer rejects port "+echoPort, r)

		// iptables' own default looks like a closed port; the server's
		// announcements give the firewall away.
		rule = []string{"INPUT", "-p", "tcp", "--dport", echoPort, "-j", "REJECT"}
		l.iptables("teacher", append([]string{"-I"}, rule...)...)
		r = l.socketlab("s2", "", "doctor", servers["echo/tcp"])
		l.iptables("teacher", append([]string{"-D"}, rule...)...)
		assert.Equal(t, 1, r.code, r)
		assert.Contains(t, r.out, "problem: "+servers["echo/tcp"]+" refuses connections although a Socket Lab server there announces itself on that port: a firewall on that computer rejects port "+echoPort, r)

		r = l.socketlab("s1", "", "doctor", servers["echo/tcp"])
		assert.Equal(t, 0, r.code, "the firewall rules are gone: %s", r)
	})

	t.Run("doctor: the server listens on loopback", func(t *testing.T) {
		r := l.socketlab("s1", "", "doctor", teacherIP+":9000")
		assert.Equal(t, 1, r.code, r)
		assert.Contains(t, r.out, "problem: Nothing listens at "+teacherIP+":9000: is the server started, on port 9000, and on an interface with this address (not on loopback", r)
		assert.NotContains(t, r.out, "firewall on that computer", r)
		r = l.socketlab("teacher", "", "doctor", loopbackOnly)
		assert.Equal(t, 0, r.code, r)
		assert.Contains(t, r.out, "warning: 127.0.0.1 always means this computer, never your partner's", r)
	})

	t.Run("doctor: localhost typed for a partner", func(t *testing.T) {
		r := l.socketlab("s1", "", "doctor", "localhost:"+echoPort)
		assert.Equal(t, 1, r.code, "nothing listens on the student's own computer: %s", r)
		assert.Contains(t, r.out, "warning: localhost always means this computer, never your partner's", r)
	})

	t.Run("doctor: a name that means IPv6 too, the server on IPv4 only", func(t *testing.T) {
		r := l.socketlab("s1", "", "doctor", teacherDNS+":"+echoPort)
		assert.Equal(t, 0, r.code, "the IPv4 address answers: %s", r)
		assert.Contains(t, r.out, "ok: "+servers["echo/tcp"]+" answers", r)
		assert.Contains(t, r.out, "warning: ["+teacherV6+"]:"+echoPort+", the name's IPv6 address, does not answer while another of its addresses does", r)
	})

	t.Run("the student on the other subnet", func(t *testing.T) {
		r := l.socketlab("other", "", "doctor", servers["echo/tcp"])
		assert.Equal(t, 0, r.code, "the router forwards: %s", r)
		assert.Contains(t, r.out, "warning: None of this computer's networks contains "+teacherIP+": are you both on the same Wi-Fi? (Your IPv4 addresses: "+otherNetIP+"/24.)", r)
		assert.Contains(t, r.out, "note: "+servers["echo/tcp"]+" answers through a router, from a different network", r)
		c := l.socketlab("other", "typed by hand\n", "connect", servers["echo/tcp"])
		assert.Equal(t, "hello from server\ntyped by hand\n", c.out, c)

		r = l.socketlab("other", "", "doctor", nowhereIP+":8000")
		assert.Equal(t, 1, r.code, r)
		assert.Contains(t, r.out, "problem: There is no route to "+nowhereIP+" (from this computer, or from a router on the way): it is on a different network than yours", r)
	})

	t.Run("doctor: a host that is not there", func(t *testing.T) {
		r := l.socketlab("s3", "", "doctor", missingIP+":8000")
		assert.Equal(t, 1, r.code, r)
		assert.Regexp(t, "problem: (No answer at all from "+regexp.QuoteMeta(missingIP)+" within 2 s|"+regexp.QuoteMeta(missingIP)+" cannot be reached)", r.out, r)
	})
}

// findRound runs find on every computer of the lab at once while the
// teacher announces the servers in announced ("demo/transport" → HOST:PORT).
// With replays, a student meanwhile replays beacons that name the
// teacher's address, and the teacher's loopback server is checked too.
func (l *lab) findRound(t *testing.T, announced map[string]string, replays bool) {
	hosts := []string{"s1", "s2", "s3", "other", "teacher"}
	var replay <-chan int
	if replays {
		// One beacon renames the teacher's echo server, one invents a
		// server the teacher does not have.
		replay = l.replayBeacons("s2", 12,
			`{"demo":"forged","addr":"`+teacherIP+`:6666","transport":"tcp","name":"teacher"}`,
			`{"demo":"echo","addr":"`+teacherIP+`:8000","transport":"tcp","name":"not-the-teacher"}`)
	}
	found := map[string]result{}
	var mu sync.Mutex
	var wg sync.WaitGroup
	for _, h := range hosts {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r := l.socketlab(h, "", "find", "--wait", "3s")
			mu.Lock()
			found[h] = r
			mu.Unlock()
		}()
	}
	wg.Wait()
	if replay != nil {
		require.Equal(t, 0, <-replay, "the replaying student's sender failed")
	}

	hostname, _ := os.Hostname()
	if hostname == "" {
		hostname = "-"
	}
	var want []string
	for key, addr := range announced {
		d, transport, _ := strings.Cut(key, "/")
		want = append(want, d+" "+addr+" "+transport+" "+hostname)
	}
	sort.Strings(want)
	for _, s := range students {
		r := found[s]
		assert.Equal(t, 0, r.code, "%s: %s", s, r)
		assert.Equal(t, want, findLines(r.out), "%s hears every server the teacher announces, and only those, at the teacher's LAN address", s)
		assert.NotContains(t, r.out, "forged", "%s: a beacon naming another computer's address is ignored", s)
		assert.NotContains(t, r.out, "not-the-teacher", "%s: a student cannot rename the teacher's server", s)
		assert.NotContains(t, r.out, "127.0.0.1", "%s: loopback servers are not announced to the LAN", s)
	}
	r := found["teacher"]
	assert.Contains(t, findLines(r.out), "echo 127.0.0.1:9000 tcp "+hostname, "the teacher's own computer lists its loopback server: %s", r)
	r = found["other"]
	assert.Equal(t, 1, r.code, "announcements do not cross the router: %s", r)
	assert.Empty(t, r.out)
	assert.Contains(t, r.err, "no server announced itself within 3 s")
}

// serve starts `socketlab args` on the teacher's computer and returns the
// address it listens on, once it announces itself if asked to.
func (l *lab) serve(args ...string) (string, *proc) {
	l.t.Helper()
	p := l.start("teacher", args...)
	out := p.waitFor("\n")
	first, _, _ := strings.Cut(out, "\n")
	addr, ok := strings.CutPrefix(first, "listening on ")
	if !ok {
		l.t.Fatalf("%s: %q", p.name, out)
	}
	if slices.Contains(args, "--announce") {
		p.waitFor("announced as ")
	}
	return addr, p
}

// findLines are find's lines as "demo host:port transport name", sorted;
// the settings column after the name (max=9 min=0) is left out.
func findLines(out string) []string {
	var lines []string
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		if f := strings.Fields(line); len(f) > 0 {
			lines = append(lines, strings.Join(f[:min(len(f), 4)], " "))
		}
	}
	sort.Strings(lines)
	return lines
}

func port(addr string) string {
	_, p, _ := net.SplitHostPort(addr)
	return p
}

// replayBeacons sends each beacon body n times from host to its LAN's
// broadcast address, one round every 300 ms, with Python (as a student's
// program would), and reports the sender's exit status when done.
func (l *lab) replayBeacons(host string, n int, bodies ...string) <-chan int {
	l.t.Helper()
	script := `
import socket, sys, time
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.setsockopt(socket.SOL_SOCKET, socket.SO_BROADCAST, 1)
for _ in range(int(sys.argv[1])):
    for body in sys.argv[2:]:
        s.sendto(b"SOCKETLAB/1 " + body.encode(), ("10.199.1.255", 48690))
    time.sleep(0.3)
`
	done := make(chan int, 1)
	go func() {
		done <- l.run(host, "", "python3", append([]string{"-c", script, strconv.Itoa(n)}, bodies...)...).code
	}()
	return done
}

// plays are the demos, each played across the LAN from the students'
// computers with socketlab connect.
func (l *lab) plays(servers map[string]string) map[string]func(t *testing.T) {
	connect := func(t *testing.T, host, stdin string, args ...string) string {
		t.Helper()
		r := l.socketlab(host, stdin, append([]string{"connect"}, args...)...)
		assert.Equal(t, 0, r.code, r)
		return r.out
	}
	ctime := `\w{3} \w{3} [ \d]\d \d\d:\d\d:\d\d \d{4}`
	return map[string]func(t *testing.T){
		"echo": func(t *testing.T) {
			assert.Equal(t, "hello from server\nhi from s1\n", connect(t, "s1", "hi from s1\n", servers["echo/tcp"]))
			assert.Equal(t, "hi over udp\n", connect(t, "s2", "hi over udp\n", "--udp", servers["echo/udp"]))
		},
		"time": func(t *testing.T) {
			assert.Regexp(t, `^\[`+ctime+`\] hello\n$`, connect(t, "s2", "hello\n", servers["time/tcp"]))
			assert.Regexp(t, `^\[`+ctime+`\] hello\n$`, connect(t, "s3", "hello\n", "--udp", servers["time/udp"]))
		},
		"guess": func(t *testing.T) {
			// Every digit once: one of them is the secret.
			out := connect(t, "s3", "0\n1\n2\n3\n4\n5\n6\n7\n8\n9\n", servers["guess/tcp"])
			assert.Contains(t, out, "found the secret")
		},
		"password": func(t *testing.T) {
			assert.Equal(t, "access denied\naccess granted\n", connect(t, "s1", "open up\nsesame\n", servers["password/tcp"]))
		},
		"calc": func(t *testing.T) {
			assert.Equal(t, "14\n3.5\n", connect(t, "s2", "2+3*4\n7/2\n", servers["calc/tcp"]))
		},
		"rps": func(t *testing.T) {
			assert.Regexp(t, `^(you win|you lose|draw): .* \(you \d, server \d\)\n$`, connect(t, "s3", "rock\n", servers["rps/tcp"]))
		},
		"http": func(t *testing.T) {
			// A browser's request, as connect sends it line by line; the
			// server answers with a whole page and hangs up.
			out := connect(t, "s2", "GET /lesson HTTP/1.1\r\nHost: teacher\r\n\r\n", servers["http/tcp"])
			assert.Contains(t, out, "HTTP/1.1 200 OK\r\n")
			assert.Contains(t, out, "GET /lesson HTTP/1.1")
		},
		"rules": func(t *testing.T) {
			assert.Equal(t, "hi there\n2 plus 3: work it out yourself!\n", connect(t, "s3", "hello\nadd 2 3\n", servers["rules/tcp"]))
		},
		"chat": func(t *testing.T) {
			out := connect(t, "s1", "/nick solo\n", servers["chat/tcp"])
			assert.Contains(t, out, "* "+studentIPs["s1"]+":")
			assert.Contains(t, out, " is now solo")
		},
		"duel": func(t *testing.T) {
			a := l.start("s1", "connect", servers["duel/tcp"])
			a.waitFor("waiting for an opponent")
			b := l.start("s2", "connect", servers["duel/tcp"])
			a.waitFor("matched with " + studentIPs["s2"] + ":")
			b.waitFor("matched with " + studentIPs["s1"] + ":")
			a.send("rock")
			a.waitFor("you chose rock: waiting for your opponent")
			b.send("scissors")
			a.waitFor("you win: rock beats scissors (you 1, them 0)")
			b.waitFor("you lose: rock beats scissors (you 0, them 1)")
			a.stop()
			b.waitFor("your opponent left")
			b.stop()
		},
		"mancala": func(t *testing.T) {
			a := l.start("s3", "connect", servers["mancala/tcp"])
			a.waitFor("waiting for an opponent")
			b := l.start("s1", "connect", servers["mancala/tcp"])
			a.waitFor("matched with " + studentIPs["s1"] + ":")
			b.waitFor("matched with " + studentIPs["s3"] + ":")
			a.waitFor("you move first")
			b.send("1")
			b.waitFor("not your turn: waiting for your opponent")
			// Pit 3 holds 4 stones: the last lands in the store.
			a.send("3")
			a.waitFor("last stone in your store: you move again")
			b.waitFor("board 4 4 4 4 4 4 0 4 4 0 5 5 5 1")
			a.stop()
			b.stop()
		},
	}
}
