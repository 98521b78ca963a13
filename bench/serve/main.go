// Command serve benchmarks `socketlab serve` as people run it: the real
// binary in a process of its own, its log going to a file (or a pipe), the
// load generator in this process, and each figure next to a baseline
// measured in the same run. Loopback only; every run is bounded.
//
//	go run ./bench/serve -bin ./socketlab echo   # vs a bare io.Copy echo server
//	go run ./bench/serve -bin ./socketlab chat   # vs ncat --chat, 200 and 1,000 clients
//
// The baselines run in processes of their own too: the bare echo server is
// this program started again with -bare-echo.
package main

import (
	"bufio"
	"flag"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/socketlab/socketlab/bench/load"
)

func main() {
	bin := flag.String("bin", "./socketlab", "the socketlab binary to measure")
	rounds := flag.Int("rounds", 5, "alternating rounds (the median is reported)")
	output := flag.String("output", "file", "where serve's log goes: file or pipe")
	bareEcho := flag.Bool(load.BareEchoFlag, false, "(internal) be the bare io.Copy echo server")
	flag.Parse()
	if *bareEcho {
		load.ServeBareEcho()
		return
	}
	fmt.Printf("load average: %s", loadAvg())
	var err error
	switch flag.Arg(0) {
	case "echo":
		err = benchEcho(*bin, *rounds, *output)
	case "chat":
		err = benchChat(*bin, *rounds)
	default:
		err = fmt.Errorf("usage: serve [-bin PATH] [-rounds N] echo|chat")
	}
	fmt.Printf("load average: %s", loadAvg())
	if err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}

// process is a server started for one round.
type process struct {
	cmd  *exec.Cmd
	addr string
	stop func() error
}

// served is `socketlab serve` running, and what its log said.
type served struct {
	process
	logPath string
	lines   func() int // log lines so far (pipe: read by this program)
}

// startServe runs `socketlab serve --demo DEMO` on a free loopback port with
// the shipped defaults, its stdout to a file in dir or to a pipe this
// program reads (counting lines, as a terminal would show them).
func startServe(bin, demo, dir, output string, extra ...string) (*served, error) {
	port, err := freePort()
	if err != nil {
		return nil, err
	}
	addr := "127.0.0.1:" + port
	cmd := exec.Command(bin, append([]string{"serve", "--demo", demo, "--addr", addr}, extra...)...)
	cmd.Stderr = os.Stderr
	s := &served{process: process{cmd: cmd, addr: addr}}
	lines := make(chan int, 1)
	lines <- 0
	pipeDone := make(chan struct{})
	switch output {
	case "file":
		s.logPath = filepath.Join(dir, demo+"-"+port+".log")
		f, err := os.Create(s.logPath)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		cmd.Stdout = f
		close(pipeDone)
		s.lines = func() int { return countLines(s.logPath) }
	case "pipe":
		out, err := cmd.StdoutPipe()
		if err != nil {
			return nil, err
		}
		go func() {
			defer close(pipeDone)
			r := bufio.NewReaderSize(out, 1<<16)
			for {
				b, err := r.ReadSlice('\n')
				if len(b) > 0 && b[len(b)-1] == '\n' {
					lines <- <-lines + 1
				}
				if err != nil && err != bufio.ErrBufferFull {
					return
				}
			}
		}()
		s.lines = func() int { n := <-lines; lines <- n; return n }
	default:
		return nil, fmt.Errorf("-output is file or pipe, not %q", output)
	}
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	// Up once it accepts.
	for i := 0; ; i++ {
		c, err := net.DialTimeout("tcp", addr, time.Second)
		if err == nil {
			c.Close()
			break
		}
		if i > 100 {
			cmd.Process.Kill()
			cmd.Wait()
			return nil, fmt.Errorf("socketlab serve never listened on %s", addr)
		}
		time.Sleep(50 * time.Millisecond)
	}
	s.stop = func() error {
		cmd.Process.Signal(syscall.SIGINT)
		err := cmd.Wait()
		<-pipeDone
		return err
	}
	return s, nil
}

func freePort() (string, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	defer ln.Close()
	_, port, _ := net.SplitHostPort(ln.Addr().String())
	return port, nil
}

func countLines(path string) int {
	f, err := os.Open(path)
	if err != nil {
		return 0
	}
	defer f.Close()
	n := 0
	buf := make([]byte, 1<<16)
	for {
		k, err := f.Read(buf)
		for _, c := range buf[:k] {
			if c == '\n' {
				n++
			}
		}
		if err != nil {
			return n
		}
	}
}

// notShown is the last "(N messages not shown …)" line of a log file.
func notShown(path string) string {
	b, err := os.ReadFile(path)
	if err != nil {
		return ""
	}
	last := ""
	for _, l := range strings.Split(string(b), "\n") {
		if strings.Contains(l, "messages not shown") {
			last = l
		}
	}
	return last
}

func loadAvg() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "unknown\n"
	}
	return string(b)
}
