//go:build linux

package cli

import (
	"bufio"
	"io"
	"net"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/sys/unix"
)

// With stdout a pipe nobody reads (a paused terminal) and a client
// flooding the log, Ctrl+C or SIGTERM still ends `socketlab serve`, cleanly,
// within a second. It used to hang for good. The command runs in a process
// of its own: this test binary started again as the real command line.
func TestCtrlCExitsWhateverStdoutDoes(t *testing.T) {
	for _, sig := range []syscall.Signal{syscall.SIGINT, syscall.SIGTERM} {
		t.Run(sig.String(), func(t *testing.T) {
			cmd := exec.Command(os.Args[0], "serve", "--demo", "echo", "--addr", "127.0.0.1:0", "--welcome", "")
			cmd.Env = append(os.Environ(), childEnv+"=1")
			stderr := &lockedBuffer{}
			cmd.Stderr = stderr
			stdout, err := cmd.StdoutPipe()
			require.NoError(t, err)
			require.NoError(t, cmd.Start())
			exited := make(chan error, 1)
			go func() { exited <- cmd.Wait() }()
			defer func() {
				cmd.Process.Kill() // only if the test failed with it running
				<-exited
			}()

			first, err := bufio.NewReader(stdout).ReadString('\n')
			require.NoError(t, err)
			addr := strings.TrimSpace(strings.TrimPrefix(first, "listening on "))
			// From here on nobody reads stdout.

			stopFlood := flood(t, addr)
			defer stopFlood()
			fd := int(stdout.(*os.File).Fd())
			// The pipe is full when what it holds stops growing under the
			// flood. Its 64 KiB are 16 pages, and the log's writes of a few
			// KiB each can leave part of a page unused, so "full" is not
			// one fixed number of bytes.
			deadline := time.Now().Add(10 * time.Second)
			for last, same := -1, 0; same < 5; {
				queued, err := unix.IoctlGetInt(fd, unix.TIOCINQ)
				require.NoError(t, err)
				if queued >= 48<<10 && queued == last {
					same++
				} else {
					same = 0
				}
				last = queued
				require.True(t, time.Now().Before(deadline), "the log never filled the pipe (%d B)", queued)
				time.Sleep(20 * time.Millisecond)
			}
			time.Sleep(200 * time.Millisecond) // the flood goes on against a blocked log
			t.Logf("child: %s", childMemory(cmd.Process.Pid))

			require.NoError(t, cmd.Process.Signal(sig))
			signalled := time.Now()
			select {
			case err := <-exited:
				exited <- err // for the deferred wait
				t.Logf("exited %v after %v", err, time.Since(signalled).Round(time.Millisecond))
				// Main itself returned 0: the clean way out, not its deadline.
				assert.Contains(t, stderr.String(), childReturned+"0\n", "exit: %v", err)
			case <-time.After(2 * time.Second):
				t.Fatalf("still running 2 s after %v", sig)
			}
		})
	}
}

// flood sends short lines to addr as fast as the server takes them, and
// reads and discards the echoes, until the returned stop is called (or
// 20 s, whichever is first).
func flood(t *testing.T, addr string) (stop func()) {
	nc, err := net.Dial("tcp", addr)
	require.NoError(t, err)
	done := make(chan struct{})
	go io.Copy(io.Discard, nc)
	go func() {
		defer close(done)
		chunk := []byte(strings.Repeat("flood\n", 1000))
		end := time.Now().Add(20 * time.Second)
		for time.Now().Before(end) {
			if _, err := nc.Write(chunk); err != nil {
				return
			}
		}
	}()
	return func() {
		nc.Close()
		<-done
	}
}

// childMemory is the VmRSS line of a process, for the test log.
func childMemory(pid int) string {
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/status")
	if err != nil {
		return "unknown"
	}
	for _, l := range strings.Split(string(b), "\n") {
		if strings.HasPrefix(l, "VmRSS:") {
			return strings.Join(strings.Fields(l), " ")
		}
	}
	return "unknown"
}
