package main

import (
	"fmt"
	"time"

	"github.com/socketlab/socketlab/bench/load"
)

// settle is how long a window runs before its memory is read: its first
// frames are drawn and its start-up garbage is collected.
const settle = 5 * time.Second

// benchFresh starts the app and the minimal Fyne window in turn and reads
// each one's resident memory once it has settled.
func benchFresh(bin, minimal, display string, rounds int) error {
	var ours, theirs []float64
	for r := 0; r < rounds; r++ {
		for _, c := range []struct {
			bin  string
			hook bool
			into *[]float64
		}{{bin, true, &ours}, {minimal, false, &theirs}} {
			w, err := startWindow(c.bin, display, c.hook)
			if err != nil {
				return err
			}
			time.Sleep(settle)
			*c.into = append(*c.into, w.rss())
			w.stop()
		}
		fmt.Printf("fresh, round %d: Socket Lab %.0f MB, minimal Fyne window %.0f MB\n", r+1, ours[r], theirs[r])
	}
	fmt.Printf("fresh: Socket Lab median %.0f MB, minimal Fyne window median %.0f MB over %d starts each\n",
		load.Median(ours), load.Median(theirs), rounds)
	return nil
}
