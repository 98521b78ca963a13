package netcore

// WritesDirectly says whether client id's replies may skip the writer
// goroutine (a bare socket) or all go through nc.Write (TLS, a wire tap).
func WritesDirectly(s *Server, id int) bool {
	c, err := s.lookup(id)
	return err == nil && c.direct != nil
}
