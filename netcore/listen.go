package netcore

import "net"

// Listen binds a TCP address for Server.Serve. Its errors are written for
// people ("port 8000 on 192.168.0.5 is already in use — …"), so a front end
// binds first, shows the error at once, and only then runs Serve.
func Listen(network, addr string) (net.Listener, error) {
	if _, err := SplitHostPort(addr); err != nil {
		return nil, err
	}
	ln, err := net.Listen(network, addr)
	if err != nil {
		return nil, ListenError(err, addr)
	}
	return ln, nil
}

// ListenPacket binds a UDP address for Server.ServePacket, with the same
// errors as Listen.
func ListenPacket(network, addr string) (net.PacketConn, error) {
	if _, err := SplitHostPort(addr); err != nil {
		return nil, err
	}
	pc, err := net.ListenPacket(network, addr)
	if err != nil {
		return nil, ListenError(err, addr)
	}
	return pc, nil
}
