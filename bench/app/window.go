package main

import (
	"bufio"
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

// xvfb is the virtual display the windows open on.
type xvfb struct{ cmd *exec.Cmd }

func startXvfb(display string) (*xvfb, error) {
	if _, err := os.Stat("/tmp/.X" + strings.TrimPrefix(display, ":") + "-lock"); err == nil {
		return nil, fmt.Errorf("display %s is in use: pick another with -display", display)
	}
	cmd := exec.Command("Xvfb", display, "-screen", "0", "1280x800x24")
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("Xvfb (make deps-shots): %w", err)
	}
	time.Sleep(time.Second)
	return &xvfb{cmd}, nil
}

// stop ends Xvfb with SIGTERM, so it removes its lock file.
func (x *xvfb) stop() {
	if x.cmd.Process != nil && x.cmd.ProcessState == nil {
		x.cmd.Process.Signal(syscall.SIGTERM)
		x.cmd.Wait()
	}
}

// window is a Fyne program running on the display, with a throw-away HOME.
type window struct {
	cmd  *exec.Cmd
	home string
	in   *os.File // the hook's command fifo (nil: no hook)
	out  *bufio.Reader
	outF *os.File
}

// startWindow runs bin on display; with hook, it is driven through the
// screenshots hook's fifos and answers before this returns.
func startWindow(bin, display string, hook bool) (*window, error) {
	home, err := os.MkdirTemp("", "socketlab-bench-home-")
	if err != nil {
		return nil, err
	}
	w := &window{home: home}
	cmd := exec.Command(bin)
	cmd.Env = append(os.Environ(), "DISPLAY="+display, "HOME="+home, "LANG=C.UTF-8",
		"XDG_CONFIG_HOME="+filepath.Join(home, ".config"), "XDG_CACHE_HOME="+filepath.Join(home, ".cache"),
		"XDG_DATA_HOME="+filepath.Join(home, ".local"), "DBUS_SESSION_BUS_ADDRESS=disabled:")
	if hook {
		ctl := filepath.Join(home, "ctl")
		if err := os.Mkdir(ctl, 0o700); err != nil {
			return nil, err
		}
		for _, f := range []string{"in", "out"} {
			if err := syscall.Mkfifo(filepath.Join(ctl, f), 0o600); err != nil {
				return nil, err
			}
		}
		// Held open read-write, so neither side's open blocks.
		if w.in, err = os.OpenFile(filepath.Join(ctl, "in"), os.O_RDWR, 0); err != nil {
			return nil, err
		}
		if w.outF, err = os.OpenFile(filepath.Join(ctl, "out"), os.O_RDWR, 0); err != nil {
			return nil, err
		}
		w.out = bufio.NewReader(w.outF)
		cmd.Env = append(cmd.Env, "SOCKETLAB_SHOTS_CTL="+ctl)
	}
	w.cmd = cmd
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	if hook {
		// The hook answers once the UI goroutine runs.
		if _, err := w.ctlWait("names", 60*time.Second); err != nil {
			w.stop()
			return nil, err
		}
	}
	return w, nil
}

func (w *window) pid() int { return w.cmd.Process.Pid }

func (w *window) rss() float64 {
	mb, _ := load.RSSMB(w.pid())
	return mb
}

func (w *window) stop() {
	w.cmd.Process.Signal(syscall.SIGTERM)
	done := make(chan struct{})
	go func() { w.cmd.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		w.cmd.Process.Kill()
		<-done
	}
	if w.in != nil {
		w.in.Close()
		w.outF.Close()
	}
	os.RemoveAll(w.home)
}

// ctl sends one hook command and returns the answer's text; an answer
// other than ok is an error.
func (w *window) ctl(format string, a ...any) (string, error) {
	return w.ctlWait(fmt.Sprintf(format, a...), 30*time.Second)
}

func (w *window) ctlWait(cmd string, limit time.Duration) (string, error) {
	if _, err := fmt.Fprintln(w.in, cmd); err != nil {
		return "", err
	}
	answer := make(chan string, 1)
	go func() {
		line, _ := w.out.ReadString('\n')
		answer <- strings.TrimSpace(line)
	}()
	select {
	case a := <-answer:
		if a == "ok" || strings.HasPrefix(a, "ok ") {
			return strings.TrimPrefix(strings.TrimPrefix(a, "ok"), " "), nil
		}
		return "", fmt.Errorf("%s: %s", cmd, a)
	case <-time.After(limit):
		return "", fmt.Errorf("%s: no answer in %v (the app's pid %d)", cmd, limit, w.pid())
	}
}

// startServer starts the Server tab's DEMO on 127.0.0.1 only, announcing
// nothing, and returns its address.
func (w *window) startServer(demo string) (string, error) {
	port, err := freePort()
	if err != nil {
		return "", err
	}
	for _, c := range []string{
		"tab server",
		"select server.demo " + demo,
		"select server.interface loopback",
		"type server.port " + port,
		"check server.announce off",
		"tap server.start",
		"wait server.status 20 ^Running",
	} {
		if _, err := w.ctl("%s", c); err != nil {
			return "", err
		}
	}
	return "127.0.0.1:" + port, nil
}

func (w *window) stopServer() error {
	if _, err := w.ctl("tap server.stop"); err != nil {
		return err
	}
	_, err := w.ctl("wait server.status 20 ^Stopped")
	return err
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
