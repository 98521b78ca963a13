package netcore

import (
	"net"
	"strconv"
	"strings"
)

// SplitHostPort checks a "host:port" a person typed and returns the port.
// It accepts "[::1]:8000" and bare IPv6 with brackets only, as net does.
func SplitHostPort(addr string) (int, error) {
	host, portText, err := net.SplitHostPort(addr)
	if err != nil {
		return 0, friendly(FriendlyNotHostPort, map[string]string{"addr": strconv.Quote(addr)}, nil)
	}
	if strings.ContainsAny(host, " \t") {
		return 0, friendly(FriendlyHostSpace, map[string]string{"host": strconv.Quote(host)}, nil)
	}
	port, err := strconv.Atoi(portText)
	if err != nil || port < 0 || port > 65535 {
		return 0, BadPortError(portText)
	}
	return port, nil
}

// BadPortError refuses a port that is not a number from 1 to 65535.
func BadPortError(port string) error {
	return friendly(FriendlyBadPort, map[string]string{"port": strconv.Quote(port)}, nil)
}

// PortOf is the port of a bound TCP or UDP address (0 when there is none).
func PortOf(a net.Addr) int {
	switch a := a.(type) {
	case *net.TCPAddr:
		return a.Port
	case *net.UDPAddr:
		return a.Port
	}
	if a == nil {
		return 0
	}
	_, p, _ := net.SplitHostPort(a.String())
	n, _ := strconv.Atoi(p)
	return n
}
