package netcore

import (
	"net"
	"os"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

func TestListenErrorsAreAdvice(t *testing.T) {
	opErr := func(errno syscall.Errno) error {
		return &net.OpError{Op: "listen", Net: "tcp", Err: errno}
	}
	assert.Equal(t, "port 80 is below 1024 and needs administrator rights — pick a port from 1024 up, such as 8000",
		ListenError(opErr(syscall.EACCES), "192.168.0.5:80").Error())
	assert.Equal(t, "port 8000 on all interfaces is already in use — pick another or stop the other server",
		ListenError(opErr(syscall.EADDRINUSE), ":8000").Error())
	assert.Contains(t, ListenError(opErr(syscall.EADDRNOTAVAIL), "10.9.9.9:8000").Error(), "not an address of this computer")
}

func TestDialErrorsAreAdvice(t *testing.T) {
	timeout := &net.OpError{Op: "dial", Net: "tcp", Err: os.ErrDeadlineExceeded}
	assert.Equal(t, "timed out after 5 s — check the address, that you are on the same network, and the firewall",
		explainDial(timeout, "192.168.0.5:8000", 5*time.Second).Error())
	notFound := &net.OpError{Op: "dial", Net: "tcp", Err: &net.DNSError{Err: "no such host", Name: "labpc", IsNotFound: true}}
	assert.Equal(t, `host not found — check the spelling of "labpc" or type the IP address shown on the server`,
		explainDial(notFound, "labpc:8000", 5*time.Second).Error())
}
