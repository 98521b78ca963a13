package main

import (
	"fmt"
	"os"

	"github.com/socketlab/socketlab/bench/load"
)

// The echo load of issue 12: 50 connections × 2,000 messages × 256 B.
const echoConns, echoMsgs, echoSize = 50, 2000, 256

// benchEcho alternates the bare server and `socketlab serve --demo echo`,
// and reports each round and the median ratio. Every message makes two log
// lines (received, sent); the log must hold them all or say how many it
// left out.
func benchEcho(bin string, rounds int, output string) error {
	dir, err := os.MkdirTemp("", "socketlab-bench-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	var ratios, oursAll, baseAll []float64
	for r := 0; r < rounds; r++ {
		bare, err := load.StartBareEcho()
		if err != nil {
			return err
		}
		base, err := load.Echo(bare.Addr, echoConns, echoMsgs, echoSize, false)
		baseCPU, _ := load.CPUSeconds(bare.Pid)
		bare.Stop()
		if err != nil {
			return fmt.Errorf("bare echo: %w", err)
		}

		s, err := startServe(bin, "echo", dir, output)
		if err != nil {
			return err
		}
		ours, lerr := load.Echo(s.addr, echoConns, echoMsgs, echoSize, true)
		rss, _ := load.RSSMB(s.cmd.Process.Pid)
		oursCPU, _ := load.CPUSeconds(s.cmd.Process.Pid)
		if err := s.stop(); err != nil && lerr == nil {
			lerr = fmt.Errorf("socketlab serve exited: %w", err)
		}
		if lerr != nil {
			return fmt.Errorf("socketlab serve: %w", lerr)
		}
		lines := s.lines()
		note := ""
		if s.logPath != "" {
			note = notShown(s.logPath)
		}
		want := 2 * echoConns * echoMsgs
		msgs := float64(echoConns * echoMsgs)
		fmt.Printf("round %d: bare %.0f msgs/s (%.1f µs CPU/msg), socketlab serve (log to %s) %.0f msgs/s (%.1f µs CPU/msg): %.2f×; log %d lines for %d messages' events, RSS %.0f MB %s\n",
			r+1, base, baseCPU/msgs*1e6, output, ours, oursCPU/msgs*1e6, ours/base, lines, want, rss, note)
		ratios = append(ratios, ours/base)
		oursAll = append(oursAll, ours)
		baseAll = append(baseAll, base)
	}
	fmt.Printf("echo: median %.2f× (socketlab %.0f msgs/s, bare io.Copy %.0f msgs/s) over %d rounds; target ≥ 0.90×\n",
		load.Median(ratios), load.Median(oursAll), load.Median(baseAll), rounds)
	return nil
}
