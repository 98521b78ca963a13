//go:build classroom

package classroom

import (
	"bytes"
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// The lab: the network of scripts/classroom-net.sh, and the real
// socketlab binary run inside its namespaces with `ip netns exec`.

// Addresses of the namespaces' hosts (scripts/classroom-net.sh).
const (
	teacherIP  = "10.199.1.1"
	missingIP  = "10.199.1.99" // on the LAN, no host has it
	nowhereIP  = "10.199.3.1"  // no router knows this network
	otherNetIP = "10.199.2.10" // the student behind the router
	teacherV6  = "fd99:199:1::1"
	teacherDNS = "teacher-pc" // s1's hosts file: both of the teacher's addresses
)

var students = []string{"s1", "s2", "s3"}

var studentIPs = map[string]string{"s1": "10.199.1.11", "s2": "10.199.1.12", "s3": "10.199.1.13"}

// commandTimeout bounds every command the test runs.
const commandTimeout = 30 * time.Second

type lab struct {
	t    *testing.T
	id   string
	repo string // the repository's root
	bin  string // the socketlab binary
}

// newLab makes the network, removed when the test ends, failed or not.
// Without root it fails: a classroom test that skipped would prove nothing.
func newLab(t *testing.T) *lab {
	t.Helper()
	if os.Geteuid() != 0 {
		t.Fatal("the classroom test needs root to make network namespaces (CI runs it as root; locally: sudo make classroom-test)")
	}
	repo, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	l := &lab{t: t, id: randomID(), repo: repo, bin: os.Getenv("SOCKETLAB_BIN")}
	if l.bin == "" {
		l.bin = filepath.Join(t.TempDir(), "socketlab")
		l.must("go", "build", "-tags", "migrated_fynedo", "-o", l.bin, repo)
	}
	// Registered before "up", so that a half-made network goes too.
	t.Cleanup(func() {
		if out, err := exec.Command("bash", filepath.Join(repo, "scripts", "classroom-net.sh"), "down", l.id).CombinedOutput(); err != nil {
			t.Errorf("removing the classroom network %s: %v\n%s", l.id, err, out)
		}
		if out, _ := exec.Command("ip", "netns", "list").Output(); strings.Contains(string(out), "slc-"+l.id+"-") {
			t.Errorf("namespaces of run %s are left:\n%s", l.id, out)
		}
	})
	l.must("bash", filepath.Join(repo, "scripts", "classroom-net.sh"), "up", l.id)
	return l
}

// randomID names one run's namespaces, so that runs never meet.
func randomID() string {
	const letters = "abcdefghijklmnopqrstuvwxyz0123456789"
	b := make([]byte, 6)
	rand.Read(b)
	for i := range b {
		b[i] = letters[int(b[i])%len(letters)]
	}
	return string(b)
}

func (l *lab) must(name string, args ...string) {
	l.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	if out, err := exec.CommandContext(ctx, name, args...).CombinedOutput(); err != nil {
		l.t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, out)
	}
}

func (l *lab) ns(host string) string { return "slc-" + l.id + "-" + host }

// command is name with args run on host (a namespace of the lab).
func (l *lab) command(ctx context.Context, host, name string, args ...string) *exec.Cmd {
	cmd := exec.CommandContext(ctx, "ip", append([]string{"netns", "exec", l.ns(host), name}, args...)...)
	cmd.Dir = l.repo
	return cmd
}

// result is what a finished command printed and its exit status.
type result struct {
	out, err string
	code     int
}

func (r result) String() string {
	return fmt.Sprintf("exit %d\nstdout:\n%s\nstderr:\n%s", r.code, r.out, r.err)
}

// run runs name on host with stdin and waits for it.
func (l *lab) run(host, stdin, name string, args ...string) result {
	l.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), commandTimeout)
	defer cancel()
	cmd := l.command(ctx, host, name, args...)
	var out, errOut bytes.Buffer
	cmd.Stdin, cmd.Stdout, cmd.Stderr = strings.NewReader(stdin), &out, &errOut
	err := cmd.Run()
	r := result{out: out.String(), err: errOut.String()}
	var exit *exec.ExitError
	switch {
	case err == nil:
	case errors.As(err, &exit):
		r.code = exit.ExitCode()
	default:
		l.t.Fatalf("%s on %s: %v", name, host, err)
	}
	if ctx.Err() != nil {
		l.t.Fatalf("%s %v on %s did not end within %s\n%s", name, args, host, commandTimeout, r)
	}
	return r
}

// socketlab runs the socketlab binary on host.
func (l *lab) socketlab(host, stdin string, args ...string) result {
	l.t.Helper()
	return l.run(host, stdin, l.bin, args...)
}

// python runs one of the lesson's Python scripts on host.
func (l *lab) python(host, script string, args ...string) result {
	l.t.Helper()
	py, err := exec.LookPath("python3")
	if err != nil {
		l.t.Fatal("python3 is not installed: make deps-test installs it")
	}
	return l.run(host, "", py, append([]string{filepath.Join(l.repo, "netcore", "demos", "testdata", "python", script)}, args...)...)
}

// iptables changes the firewall of host only.
func (l *lab) iptables(host string, args ...string) {
	l.t.Helper()
	if r := l.run(host, "", "iptables", args...); r.code != 0 {
		l.t.Fatalf("iptables %v on %s: %s", args, host, r)
	}
}

// proc is a command that keeps running: a server, or an interactive client
// fed line by line.
type proc struct {
	t     *testing.T
	name  string
	cmd   *exec.Cmd
	stdin io.WriteCloser
	out   *syncBuffer
	done  chan struct{}
}

// start runs socketlab args on host until the test ends (or stop).
func (l *lab) start(host string, args ...string) *proc {
	l.t.Helper()
	cmd := l.command(context.Background(), host, l.bin, args...)
	p := &proc{t: l.t, name: host + ": socketlab " + strings.Join(args, " "), cmd: cmd, out: &syncBuffer{}, done: make(chan struct{})}
	cmd.Stdout, cmd.Stderr = p.out, p.out
	var err error
	if p.stdin, err = cmd.StdinPipe(); err != nil {
		l.t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		l.t.Fatalf("%s: %v", p.name, err)
	}
	go func() {
		cmd.Wait()
		close(p.done)
	}()
	l.t.Cleanup(p.stop)
	return p
}

// stop ends the process as Ctrl+C would, and kills it if it lingers.
func (p *proc) stop() {
	p.stdin.Close()
	p.cmd.Process.Signal(syscall.SIGINT)
	select {
	case <-p.done:
	case <-time.After(5 * time.Second):
		p.cmd.Process.Kill()
		<-p.done
		p.t.Errorf("%s did not stop on Ctrl+C", p.name)
	}
}

// send writes one line to the process.
func (p *proc) send(line string) {
	p.t.Helper()
	if _, err := io.WriteString(p.stdin, line+"\n"); err != nil {
		p.t.Fatalf("%s: sending %q: %v", p.name, line, err)
	}
}

// waitFor waits until the process has printed want, and returns all it
// printed so far.
func (p *proc) waitFor(want string) string {
	p.t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		out := p.out.String()
		if strings.Contains(out, want) {
			return out
		}
		select {
		case <-p.done:
			p.t.Fatalf("%s ended without printing %q; it printed:\n%s", p.name, want, out)
		default:
		}
		if time.Now().After(deadline) {
			p.t.Fatalf("%s has not printed %q within 10 s; it printed:\n%s", p.name, want, out)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}
