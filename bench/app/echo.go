package main

import (
	"fmt"
	"strings"
	"sync/atomic"
	"time"

	"github.com/socketlab/socketlab/bench/load"
)

// The echo load: 50 connections × 2,000 messages × 256 B.
const echoConns, echoMsgs, echoSize = 50, 2000, 256

// benchEcho runs the echo load against the Server tab (the log on screen)
// and against a bare io.Copy server, alternating; the app's memory is read
// before, at its peak during the load and 10 s after.
func benchEcho(bin, display string, rounds int, profile string) error {
	w, err := startWindow(bin, display, true)
	if err != nil {
		return err
	}
	defer w.stop()
	time.Sleep(settle)
	var ratios []float64
	for r := 0; r < rounds; r++ {
		bare, err := load.StartBareEcho()
		if err != nil {
			return err
		}
		base, err := load.Echo(bare.Addr, echoConns, echoMsgs, echoSize, false)
		bare.Stop()
		if err != nil {
			return err
		}

		addr, err := w.startServer("echo")
		if err != nil {
			return err
		}
		_, perfErr := w.ctl("perf reset")
		if profile != "" && perfErr == nil {
			if _, err := w.ctl("perf cpu %s", profile); err != nil {
				return err
			}
		}
		before := w.rss()
		// The live heap before the load, beside the one "perf" reports
		// after it: what the first round keeps for good (fonts, rows).
		heapBefore := "heap before: (no perf command in this build)"
		if perfErr == nil {
			if stats, err := w.ctl("perf"); err == nil {
				heapBefore = "heap before: " + stats[strings.LastIndex(stats, "heap-mb="):]
			}
		}
		var peak atomic.Uint64 // MB×100
		stopSampling := make(chan struct{})
		sampled := make(chan struct{})
		go func() {
			defer close(sampled)
			for {
				if mb := uint64(w.rss() * 100); mb > peak.Load() {
					peak.Store(mb)
				}
				select {
				case <-stopSampling:
					return
				case <-time.After(100 * time.Millisecond):
				}
			}
		}()
		start := time.Now()
		ours, lerr := load.Echo(addr, echoConns, echoMsgs, echoSize, true)
		took := time.Since(start)
		close(stopSampling)
		<-sampled
		if profile != "" && perfErr == nil {
			if _, err := w.ctl("perf cpu stop"); err != nil {
				return err
			}
		}
		stats := "(no perf command in this build)"
		if perfErr == nil {
			if stats, err = w.ctl("perf"); err != nil {
				return err
			}
		}
		if lerr != nil {
			return lerr
		}
		if err := w.stopServer(); err != nil {
			return err
		}
		time.Sleep(10 * time.Second)
		after := w.rss()
		if profile != "" && perfErr == nil {
			if _, err := w.ctl("perf heap %s.heap", profile); err != nil {
				return err
			}
		}
		fmt.Printf("round %d: bare %.0f msgs/s, Server tab %.0f msgs/s: %.2f×; RSS %.0f MB before, peak %.0f MB (+%.0f), 10 s after %.0f MB (%+.0f); over the %.1f s of load: %s; %s\n",
			r+1, base, ours, ours/base, before, float64(peak.Load())/100, float64(peak.Load())/100-before, after, after-before, took.Seconds(), stats, heapBefore)
		ratios = append(ratios, ours/base)
	}
	fmt.Printf("Server tab echo: median %.2f× the bare server over %d rounds; target ≥ 0.80×\n", load.Median(ratios), rounds)
	return nil
}
