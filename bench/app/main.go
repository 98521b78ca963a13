// Command app benchmarks the real Socket Lab window under Xvfb, driven by
// the screenshots hook (a build with -tags screenshots: app/shots_hook.go),
// its memory read from /proc, the load generator in this process and the
// baselines in processes of their own. Loopback only; every step is bounded.
//
//	go run ./bench/app -bin ./socketlab-shots -minimal ./minimalfyne fresh
//	go run ./bench/app -bin ./socketlab-shots echo    # the Server tab under the echo load
//	go run ./bench/app -bin ./socketlab-shots class   # an hour of class: 60 rounds
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/socketlab/socketlab/bench/load"
)

func main() {
	bin := flag.String("bin", "./socketlab-shots", "Socket Lab built with -tags screenshots,migrated_fynedo")
	minimal := flag.String("minimal", "./minimalfyne", "the minimal Fyne window (bench/minimalfyne), for fresh")
	display := flag.String("display", ":97", "the Xvfb display to use")
	rounds := flag.Int("rounds", 3, "echo: alternating rounds; fresh: starts of each; class: rounds of class (60 is an hour)")
	profile := flag.String("profile", "", "echo: write the app's CPU profile during the load to this file (and its heap to FILE.heap); class: its heap after the last round")
	bareEcho := flag.Bool(load.BareEchoFlag, false, "(internal) be the bare io.Copy echo server")
	flag.Parse()
	if *bareEcho {
		load.ServeBareEcho()
		return
	}
	x, err := startXvfb(*display)
	if err != nil {
		fail(err)
	}
	defer x.stop()
	fmt.Printf("load average: %s", loadAvg())
	switch flag.Arg(0) {
	case "fresh":
		err = benchFresh(*bin, *minimal, *display, *rounds)
	case "echo":
		err = benchEcho(*bin, *display, *rounds, *profile)
	case "class":
		err = benchClass(*bin, *display, *rounds, *profile)
	default:
		err = fmt.Errorf("usage: app [flags] fresh|echo|class")
	}
	fmt.Printf("load average: %s", loadAvg())
	if err != nil {
		x.stop()
		fail(err)
	}
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "bench:", err)
	os.Exit(1)
}

func loadAvg() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "unknown\n"
	}
	return string(b)
}
