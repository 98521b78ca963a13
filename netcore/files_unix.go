//go:build !windows

package netcore

import (
	"errors"
	"math"
	"os"
	"syscall"
)

// fileLimit is the process's limit on open files (RLIMIT_NOFILE), as Go
// raised it at start-up; 0 when unknown.
func fileLimit() int {
	var rl syscall.Rlimit
	if err := syscall.Getrlimit(syscall.RLIMIT_NOFILE, &rl); err != nil || rl.Cur == 0 {
		return 0
	}
	return int(min(rl.Cur, math.MaxInt32))
}

func isOutOfFiles(err error) bool {
	return errors.Is(err, syscall.EMFILE) || errors.Is(err, syscall.ENFILE)
}

// spareFile holds one descriptor in reserve (the classic trick of nginx and
// libev): when accept fails for want of descriptors, giving it back lets
// the server accept the waiting client just to say "server busy", instead
// of leaving it hanging in the backlog while accept fails again and again.
type spareFile struct{ f *os.File }

func holdSpareFile() *spareFile {
	f, err := os.Open(os.DevNull)
	if err != nil {
		return &spareFile{}
	}
	return &spareFile{f: f}
}

// release closes the spare descriptor; false when there was none.
func (s *spareFile) release() bool {
	if s.f == nil {
		return false
	}
	s.f.Close()
	s.f = nil
	return true
}

func (s *spareFile) held() bool { return s.f != nil }
