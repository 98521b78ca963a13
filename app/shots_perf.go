//go:build screenshots

package app

// The hook's "perf" command, for bench/app (the Server tab under load, an
// hour of class): what the UI goroutine spent flushing the server log, how
// many frames the window drew, and the process's goroutines and live heap.
//
//	perf            answer "ok flushes=N flush-ms=T flush-max-ms=M frames=F goroutines=G heap-mb=H"
//	perf reset      zero the flush and frame counts (and start counting frames)
//	perf cpu FILE   write a CPU profile to FILE (for go tool pprof) …
//	perf cpu stop   … until this
//	perf heap FILE  write a heap profile (live objects) to FILE

import (
	"errors"
	"fmt"
	"os"
	"runtime"
	"runtime/pprof"
	"sync/atomic"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
)

func init() {
	shotsCommands["perf"] = shotsCommand{"perf [reset | cpu FILE | cpu stop | heap FILE]", 0, 2, (*shotsDriver).perf}
}

// frameProbe is an invisible widget laid over the window: the painter asks
// its renderer for its objects once per frame it draws, which is how the
// frames are counted (calls less than 4 ms apart count as one frame: a
// frame's size pass asks too).
type frameProbe struct {
	widget.BaseWidget
	frames atomic.Int64
	last   atomic.Int64 // unix ns of the last call
}

func newFrameProbe() *frameProbe {
	p := &frameProbe{}
	p.ExtendBaseWidget(p)
	return p
}

func (p *frameProbe) CreateRenderer() fyne.WidgetRenderer { return probeRenderer{p} }

type probeRenderer struct{ p *frameProbe }

func (probeRenderer) Destroy()           {}
func (probeRenderer) Layout(fyne.Size)   {}
func (probeRenderer) MinSize() fyne.Size { return fyne.Size{} }
func (probeRenderer) Refresh()           {}
func (r probeRenderer) Objects() []fyne.CanvasObject {
	now := time.Now().UnixNano()
	if now-r.p.last.Swap(now) > int64(4*time.Millisecond) {
		r.p.frames.Add(1)
	}
	return nil
}

// shotsProbe is the window's probe once "perf reset" has laid it over.
var shotsProbe *frameProbe

func (d *shotsDriver) perf(args []string) (string, error) {
	if len(args) == 2 && args[0] == "cpu" {
		return "", shotsProfile(args[1])
	}
	if len(args) == 2 && args[0] == "heap" {
		return "", shotsHeapProfile(args[1])
	}
	var out string
	err := d.onUI(func() error {
		l := d.tabs.server.log
		if len(args) > 0 {
			if args[0] != "reset" {
				return fmt.Errorf("usage: perf [reset]")
			}
			if shotsProbe == nil {
				shotsProbe = newFrameProbe()
				d.win.SetContent(container.NewStack(d.win.Content(), shotsProbe))
			}
			shotsProbe.frames.Store(0)
			l.flushes, l.flushTime, l.flushMax = 0, 0, 0
			return nil
		}
		frames := int64(-1)
		if shotsProbe != nil {
			frames = shotsProbe.frames.Load()
		}
		runtime.GC()
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		out = fmt.Sprintf("flushes=%d flush-ms=%.1f flush-max-ms=%.1f frames=%d goroutines=%d heap-mb=%.1f",
			l.flushes, float64(l.flushTime.Microseconds())/1000, float64(l.flushMax.Microseconds())/1000,
			frames, runtime.NumGoroutine(), float64(ms.HeapAlloc)/(1<<20))
		return nil
	})
	return out, err
}

// shotsProfileFile is the CPU profile being written, if any.
var shotsProfileFile *os.File

// shotsProfile starts a CPU profile into path, or stops it ("stop").
func shotsProfile(path string) error {
	if path == "stop" {
		if shotsProfileFile == nil {
			return fmt.Errorf("no CPU profile is being written")
		}
		pprof.StopCPUProfile()
		err := shotsProfileFile.Close()
		shotsProfileFile = nil
		return err
	}
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return err
	}
	shotsProfileFile = f
	return nil
}

// shotsHeapProfile writes the live heap, after a collection, to path.
func shotsHeapProfile(path string) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	runtime.GC()
	return errors.Join(pprof.WriteHeapProfile(f), f.Close())
}
