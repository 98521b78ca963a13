package main

import (
	"bufio"
	"fmt"
	"io"
	"net"
	"strings"
	"sync"
	"time"

	"github.com/socketlab/socketlab/bench/load"
)

// classDemos are the demos a class clicks through, in turn.
var classDemos = []string{"echo", "time", "chat", "guess", "password", "calc", "rps", "duel", "mancala"}

// classMessages is what each round's two clients send in all.
const classMessages = 1000

// benchClass is an hour of class: each round picks the next demo, starts
// it, connects two clients that send classMessages lines between them
// (reading whatever comes back), stops the server and visits every tab.
// The app's memory after the last round is compared with after the first.
func benchClass(bin, display string, rounds int, heapProfile string) error {
	w, err := startWindow(bin, display, true)
	if err != nil {
		return err
	}
	defer w.stop()
	time.Sleep(settle)
	fresh := w.rss()
	var first float64
	start := time.Now()
	for r := 0; r < rounds; r++ {
		demo := classDemos[r%len(classDemos)]
		addr, err := w.startServer(demo)
		if err != nil {
			return fmt.Errorf("round %d (%s): %w", r+1, demo, err)
		}
		if err := twoClients(addr, 2*r); err != nil {
			return fmt.Errorf("round %d (%s): %w", r+1, demo, err)
		}
		if err := w.stopServer(); err != nil {
			return fmt.Errorf("round %d (%s): %w", r+1, demo, err)
		}
		for _, tab := range []string{"client", "lessons", "server"} {
			if _, err := w.ctl("tab %s", tab); err != nil {
				return err
			}
		}
		if r == 0 {
			first = w.rss()
		}
		if r == 0 || (r+1)%10 == 0 || r == rounds-1 {
			stats, _ := w.ctl("perf")
			fmt.Printf("class, after round %d (%s): RSS %.0f MB; %s\n", r+1, demo, w.rss(), stats)
		}
	}
	last := w.rss()
	if heapProfile != "" {
		if _, err := w.ctl("perf heap %s", heapProfile); err != nil {
			return err
		}
	}
	fmt.Printf("class: %d rounds in %v; RSS fresh %.0f MB, after round 1 %.0f MB, after round %d %.0f MB: %.2f× round 1 (target ≤ 1.5×)\n",
		rounds, time.Since(start).Round(time.Second), fresh, first, rounds, last, last/first)
	return nil
}

// twoClients connects two clients (from loopback sources k and k+1) that
// send classMessages lines between them, as fast as the server reads them,
// while reading and discarding whatever it answers; then they leave.
func twoClients(addr string, k int) error {
	var wg sync.WaitGroup
	errs := make(chan error, 2)
	for c := 0; c < 2; c++ {
		conn, err := load.DialSpread(addr, k+c, 5*time.Second)
		if err != nil {
			return err
		}
		conn.SetDeadline(time.Now().Add(30 * time.Second))
		wg.Add(1)
		go func(conn net.Conn, c int) {
			defer wg.Done()
			defer conn.Close()
			go io.Copy(io.Discard, conn) // ends with the connection
			bw := bufio.NewWriter(conn)
			for i := 0; i < classMessages/2; i++ {
				// Something every demo reads as a move or a guess or a
				// line of chat: a small number.
				fmt.Fprintf(bw, "%d\n", i%7+1)
			}
			if err := bw.Flush(); err != nil && !strings.Contains(err.Error(), "reset") {
				errs <- err
			}
			time.Sleep(200 * time.Millisecond) // the replies come back
		}(conn, c)
	}
	wg.Wait()
	close(errs)
	return <-errs
}
