package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strings"
	"time"

	"github.com/socketlab/socketlab/bench/load"
)

// chatMessages is how many lines the sender sends in a fan-out round.
const chatMessages = 50

// benchChat runs the fan-out against `socketlab serve --demo chat` (log to a
// file) and `ncat --chat`, alternating, at 200 and 1,000 receivers.
func benchChat(bin string, rounds int) error {
	ncat, err := exec.LookPath("ncat")
	if err != nil {
		return fmt.Errorf("ncat is not installed (make deps-test installs it)")
	}
	dir, err := os.MkdirTemp("", "socketlab-bench-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	for _, n := range []int{200, 1000} {
		var ourP99, theirP99 []float64
		for r := 0; r < rounds; r++ {
			s, err := startServe(bin, "chat", dir, "file")
			if err != nil {
				return err
			}
			ours, ferr := load.Fanout(s.addr, n, chatMessages)
			s.stop()
			if ferr != nil {
				return fmt.Errorf("socketlab chat: %w", ferr)
			}
			if ours.Connected != n+1 {
				return fmt.Errorf("socketlab chat accepted only %d of %d clients", ours.Connected, n+1)
			}
			theirs, err := ncatFanout(ncat, n)
			if err != nil {
				return err
			}
			o99 := load.Percentile(ours.Latencies, 0.99)
			line := fmt.Sprintf("chat %d clients, round %d: socketlab p50 %v p99 %v delivered %d/%d",
				n, r+1, load.Percentile(ours.Latencies, 0.5).Round(10*time.Microsecond), o99.Round(10*time.Microsecond), ours.Delivered, n*chatMessages)
			ourP99 = append(ourP99, float64(o99.Microseconds()))
			if theirs.Connected == n+1 {
				t99 := load.Percentile(theirs.Latencies, 0.99)
				theirP99 = append(theirP99, float64(t99.Microseconds()))
				line += fmt.Sprintf("; ncat p50 %v p99 %v delivered %d/%d",
					load.Percentile(theirs.Latencies, 0.5).Round(10*time.Microsecond), t99.Round(10*time.Microsecond), theirs.Delivered, n*chatMessages)
			} else {
				line += fmt.Sprintf("; ncat took only %d of %d clients", theirs.Connected, n+1)
			}
			fmt.Println(line)
		}
		summary := fmt.Sprintf("chat %d clients: socketlab median p99 %.0f µs", n, load.Median(ourP99))
		if len(theirP99) > 0 {
			summary += fmt.Sprintf(", ncat median p99 %.0f µs (%d rounds it carried)", load.Median(theirP99), len(theirP99))
		}
		fmt.Println(summary)
	}
	return nil
}

// ncatFanout runs one fan-out round against a fresh `ncat --chat`. ncat quits
// when a client hangs up before it has looked at it, so it waits for ncat's
// "Listening" line instead of probing the port.
func ncatFanout(ncat string, n int) (load.FanoutResult, error) {
	port, err := freePort()
	if err != nil {
		return load.FanoutResult{}, err
	}
	cmd := exec.Command(ncat, "-v", "--listen", "--chat", "--max-conns", "5000", "127.0.0.1", port)
	stderr, err := cmd.StderrPipe()
	if err != nil {
		return load.FanoutResult{}, err
	}
	if err := cmd.Start(); err != nil {
		return load.FanoutResult{}, err
	}
	defer func() {
		cmd.Process.Kill()
		cmd.Wait()
	}()
	sc := bufio.NewScanner(stderr)
	for sc.Scan() {
		if strings.Contains(sc.Text(), "Listening on") {
			go io.Copy(io.Discard, stderr)
			return load.Fanout("127.0.0.1:"+port, n, chatMessages)
		}
	}
	return load.FanoutResult{}, fmt.Errorf("ncat never said it listens")
}
