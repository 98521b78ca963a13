package netcore

import "errors"

// The Server tab's send box in Escapes or Hex mode: the teacher's bytes go
// out exactly as typed, with no terminator added and no demo framing
// (chat's "server: " prefix), so framing can be shown byte by byte.

// SendRawTo sends b to one client exactly as given.
func (s *Server) SendRawTo(id int, b []byte) error {
	c, err := s.lookup(id)
	if err != nil {
		return err
	}
	c.SendRaw(b)
	return nil
}

// BroadcastRaw sends b to every connected client exactly as given.
func (s *Server) BroadcastRaw(b []byte) error {
	if s.cfg.Network == "udp" {
		return errors.New("UDP has no connections: a UDP server only answers datagrams")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, c := range s.conns {
		c.SendRaw(b)
	}
	return nil
}
