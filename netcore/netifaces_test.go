package netcore

import (
	"net"
	"net/netip"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestInterfacesAndBestGuess(t *testing.T) {
	ifs, err := Interfaces()
	require.NoError(t, err)
	var sawLoopback bool
	for i, it := range ifs {
		assert.NotEmpty(t, it.Name)
		if it.Loopback {
			sawLoopback = true
		} else {
			assert.False(t, sawLoopback, "loopback is listed last (%d)", i)
		}
	}
	assert.True(t, sawLoopback, "every machine has a loopback interface")
	best := BestLANAddress()
	require.NotEmpty(t, best)
	ip := net.ParseIP(best)
	require.NotNil(t, ip)
	assert.NotNil(t, ip.To4(), "the best guess is IPv4")
}

func TestBestLANSkipsDownLoopbackAndLinkLocal(t *testing.T) {
	ifs := []Interface{
		{Name: "lo", Up: true, Loopback: true, Addrs: []netip.Prefix{netip.MustParsePrefix("127.0.0.1/8")}},
		{Name: "wlan9", Up: false, Addrs: []netip.Prefix{netip.MustParsePrefix("10.1.1.5/24")}},
		{Name: "eth7", Up: true, Addrs: []netip.Prefix{netip.MustParsePrefix("fe80::1/64"), netip.MustParsePrefix("169.254.3.3/16"), netip.MustParsePrefix("192.168.0.105/24")}},
	}
	a, ok := bestLAN(ifs)
	require.True(t, ok)
	assert.Equal(t, "192.168.0.105", a.String())
	_, ok = bestLAN(ifs[:2])
	assert.False(t, ok)
}
