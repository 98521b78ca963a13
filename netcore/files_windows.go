package netcore

// Windows has no per-process limit on sockets like RLIMIT_NOFILE: no cap,
// and no spare descriptor to keep.

func fileLimit() int { return 0 }

func isOutOfFiles(error) bool { return false }

type spareFile struct{}

func holdSpareFile() *spareFile { return &spareFile{} }

func (*spareFile) release() bool { return false }

func (*spareFile) held() bool { return false }
