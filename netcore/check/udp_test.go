package check_test

import (
	"bytes"
	"errors"
	"net"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/socketlab/socketlab/netcore/check"
	"github.com/socketlab/socketlab/netcore/internal/nettest"
)

// Over UDP (check --udp) Socket Lab's echo and time servers pass every rule
// too: there is no welcome and no connection, one datagram answers one.
func TestSocketLabUDPServersPassEveryRule(t *testing.T) {
	for _, demo := range []string{"echo", "time"} {
		t.Run(demo, func(t *testing.T) {
			cfg := nettest.Config(t, demo, nil)
			cfg.Network = "udp"
			ts := nettest.StartServer(t, "127.0.0.1", cfg)
			o := check.DefaultOptions(demo)
			o.UDP = true
			rep := runCheck(t, ts.HostPort, o)
			assertAllHold(t, rep)
			assert.NotEqual(t, check.Pass, statusOf(rep, "echo.welcome"), "no welcome over UDP")
		})
	}
}

// A UDP echo server that shouts back what it got fails the echo rule, with
// what was sent and what came back.
func TestUDPEchoThatChangesTheTextFails(t *testing.T) {
	pc, err := net.ListenPacket("udp", "127.0.0.1:0")
	require.NoError(t, err)
	done := make(chan struct{})
	go func() {
		defer close(done)
		buf := make([]byte, 64<<10)
		for {
			n, from, err := pc.ReadFrom(buf)
			if errors.Is(err, net.ErrClosed) {
				return
			}
			if err == nil {
				pc.WriteTo(bytes.ToUpper(buf[:n]), from)
			}
		}
	}()
	t.Cleanup(func() { pc.Close(); <-done })

	o := check.DefaultOptions("echo")
	o.UDP = true
	rep := runCheck(t, pc.LocalAddr().String(), o)
	assert.True(t, rep.Failed())
	assert.Equal(t, check.Fail, statusOf(rep, "echo.newline"))
}
