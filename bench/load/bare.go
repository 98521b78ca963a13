package load

import (
	"bufio"
	"flag"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"strings"
)

// BareEchoFlag makes a benchmark program act as the bare echo server (see
// StartBareEcho); each program that calls StartBareEcho declares it.
const BareEchoFlag = "bare-echo"

// ServeBareEcho is the yardstick: io.Copy per connection on loopback, no
// framing, no log. It prints its address and serves until stdin closes.
func ServeBareEcho() {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		fmt.Println("error:", err)
		os.Exit(1)
	}
	fmt.Println(ln.Addr())
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go func() {
				defer c.Close()
				io.Copy(c, c)
			}()
		}
	}()
	io.Copy(io.Discard, os.Stdin)
}

// Bare is a bare echo server running in a process of its own.
type Bare struct {
	Addr  string
	Pid   int
	stdin io.Closer
	cmd   *exec.Cmd
}

// StartBareEcho starts this program again with -bare-echo, so the baseline
// runs apart from the load generator as the server measured does.
func StartBareEcho() (*Bare, error) {
	if flag.Lookup(BareEchoFlag) == nil {
		return nil, fmt.Errorf("this program has no -%s flag", BareEchoFlag)
	}
	self, err := os.Executable()
	if err != nil {
		return nil, err
	}
	cmd := exec.Command(self, "-"+BareEchoFlag)
	stdin, err := cmd.StdinPipe()
	if err != nil {
		return nil, err
	}
	out, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	line, err := bufio.NewReader(out).ReadString('\n')
	if err != nil {
		cmd.Process.Kill()
		cmd.Wait()
		return nil, err
	}
	return &Bare{Addr: strings.TrimSpace(line), Pid: cmd.Process.Pid, stdin: stdin, cmd: cmd}, nil
}

// Stop ends the server and waits for its process.
func (b *Bare) Stop() error {
	b.stdin.Close()
	return b.cmd.Wait()
}
