package netcore

import (
	"fmt"
	"net"
	"strconv"
	"strings"
)

// SplitHostPort checks a "host:port" a person typed and returns the port.
// It accepts "[::1]:8000" and bare IPv6 with brackets only, as net does.
func SplitHostPort(addr string) (int, error) {
	host, portText, err := net.SplitHostPort(addr)
	if err != nil {
		return 0, fmt.Errorf("%q is not host:port (for example 192.168.0.5:8000 or [::1]:8000)", addr)
	}
	if strings.ContainsAny(host, " \t") {
		return 0, fmt.Errorf("host %q contains a space", host)
	}
	port, err := strconv.Atoi(portText)
	if err != nil || port < 0 || port > 65535 {
		return 0, fmt.Errorf("port %q must be a number from 1 to 65535", portText)
	}
	return port, nil
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
