package discovery

import (
	"crypto/tls"
	"net"
	"os"
	"testing"

	"github.com/socketlab/socketlab/netcore"
	"github.com/socketlab/socketlab/netcore/internal/nettest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestServiceAndPartnerAddr(t *testing.T) {
	bound := &net.TCPAddr{IP: net.IPv4zero, Port: 8123}
	cfg := nettest.Config(t, "guess", nil)
	cfg.Addr = ":8123"
	assert.Equal(t, net.JoinHostPort(netcore.BestLANAddress(), "8123"), PartnerAddr(cfg, bound), "every interface: the best LAN address")
	cfg.Addr = "0.0.0.0:0"
	assert.Equal(t, net.JoinHostPort(netcore.BestLANAddress(), "8123"), PartnerAddr(cfg, bound), "the bound port, not the asked one")
	cfg.Addr = "127.0.0.1:8123"
	assert.Equal(t, "127.0.0.1:8123", PartnerAddr(cfg, bound))
	host, _ := os.Hostname()
	assert.Equal(t, Service{Demo: "guess", Port: 8123, Transport: "tcp", Name: host, Settings: map[string]string{"min": "0", "max": "9"}}, ServiceFor(cfg, bound))
	cfg.TLS = &tls.Config{}
	assert.True(t, ServiceFor(cfg, bound).TLS, "a TLS server says so, for the lists and find")
	cfg.TLS = nil
	cfg.Addr, cfg.Network = "192.0.2.5:8123", "udp"
	assert.Equal(t, "192.0.2.5:8123", PartnerAddr(cfg, &net.UDPAddr{Port: 8123}), "one address: that one")
	assert.Equal(t, "udp", ServiceFor(cfg, &net.UDPAddr{Port: 8123}).Transport)
}

// AnnounceServer on loopback: a server bound to 127.0.0.1 sends its beacon
// to 127.0.0.1 only, naming 127.0.0.1 and its bound port.
func TestAnnounceServerOnLoopback(t *testing.T) {
	b := browse(t, AnnounceEvery*5, defaultLimits)
	ts := nettest.StartServer(t, "127.0.0.1", nettest.Config(t, "echo", nil))
	cfg := ts.Config()
	an, partner, err := AnnounceServer(cfg, ts.Addr(), b.Addr().(*net.UDPAddr).Port)
	require.NoError(t, err)
	defer an.Stop()
	assert.Equal(t, ts.HostPort, partner)
	nettest.WaitFor(t, "the server to be listed", func() bool { return listed(b, ts.HostPort) != nil })
	assert.Equal(t, "echo", listed(b, ts.HostPort).Demo)
}
