package netcore

import (
	"crypto/tls"
	"errors"
	"fmt"
	"net"
	"net/netip"
	"strconv"
	"time"
)

// The limits that keep one client, or one address, from taking what the
// others need: places (per address, and below the descriptor limit) and
// memory (a budget for all connections together).

// addrKeyOf is the peer's IP as the per-address limit counts it: an
// IPv4-mapped IPv6 address is the IPv4 address, and the zone is dropped.
func addrKeyOf(a net.Addr) string {
	if ta, ok := a.(*net.TCPAddr); ok {
		if ip, ok := netip.AddrFromSlice(ta.IP); ok {
			return ip.Unmap().WithZone("").String()
		}
	}
	host, _, err := net.SplitHostPort(a.String())
	if err != nil {
		return a.String()
	}
	return host
}

// refusal says whether a new connection from key must be turned away: the
// reply it gets and the reason for the log, or "" to admit it. Called with
// s.mu held.
func (s *Server) refusal(key string) (reply, why string) {
	n := len(s.conns)
	switch {
	case s.cfg.MaxClients > 0 && n >= s.cfg.MaxClients:
		return BusyReply, "server busy (max " + strconv.Itoa(s.cfg.MaxClients) + " clients)"
	case s.fileCap > 0 && n >= s.fileCap:
		return BusyReply, "server busy (" + strconv.Itoa(s.fileCap) + " connections: all the process's file descriptors allow)"
	case s.cfg.MaxPerAddress > 0 && s.perAddr[key] >= s.cfg.MaxPerAddress:
		return BusyAddressReply, "server busy (max " + strconv.Itoa(s.cfg.MaxPerAddress) + " connections from " + key + ")"
	}
	return "", ""
}

// turnAway tells a refused connection why and closes it; called with s.mu
// held, which it releases. Over TLS the reply needs a handshake first,
// which waits for the client: that runs apart, bounded by tlsTurnAwayTime,
// so the accept loop never waits for a refused client.
func (s *Server) turnAway(nc net.Conn, reply string) {
	if s.cfg.TLS == nil {
		s.mu.Unlock()
		turnAway(nc, reply)
		return
	}
	s.wg.Add(1) // under s.mu, before Shutdown can start waiting
	s.mu.Unlock()
	go func() {
		defer s.wg.Done()
		tc := tls.Server(nc, s.cfg.TLS)
		tc.SetDeadline(time.Now().Add(tlsTurnAwayTime))
		tc.Write([]byte(reply + "\n"))
		tc.Close()
	}()
}

// tlsTurnAwayTime bounds the handshake and reply to a refused TLS client.
const tlsTurnAwayTime = 2 * time.Second

// turnAway answers a refused connection at once and closes it. The socket
// is new, so its send buffer is empty and the write cannot wait; the
// deadline is only a guard.
func turnAway(nc net.Conn, reply string) {
	nc.SetWriteDeadline(time.Now().Add(time.Second))
	nc.Write([]byte(reply + "\n"))
	nc.Close()
}

// turnAwayNext accepts one connection with the descriptor the spare file
// gave back, and turns it away.
func (s *Server) turnAwayNext(ln net.Listener) {
	nc, err := ln.Accept()
	if err != nil {
		if !s.stopping.Load() && !errors.Is(err, net.ErrClosed) {
			s.events.emit(Event{Kind: EventError, Err: err})
		}
		return
	}
	turnAway(nc, BusyReply)
	s.events.emit(Event{Kind: EventClosed, Peer: nc.RemoteAddr().String(), Text: "turned away: server busy (the process is out of file descriptors)"})
}

// fileReserve is what connectionCap keeps back from the descriptor limit
// for the listeners, the log, discovery, the app's own client and the Go
// runtime, so that accept never fails for want of a descriptor.
const fileReserve = 64

// connectionCap is how many connections a process allowed limit open files
// may hold; 0 means no cap (no limit known).
func connectionCap(limit int) int {
	if limit <= 0 {
		return 0
	}
	// A small limit keeps a quarter back rather than leave nothing.
	return max(limit-min(fileReserve, limit/4), 1)
}

// charge adds n bytes (or gives back -n) to what the connection holds, and
// wakes the budget keeper when all connections together hold too much. It
// may be called with c.mu held: the keeper runs apart, so no lock is taken
// here.
func (c *conn) charge(n int) {
	if n == 0 {
		return
	}
	c.mem.Add(int64(n))
	s := c.srv
	if total := s.mem.Add(int64(n)); n > 0 && s.cfg.MaxMemory > 0 && total > s.cfg.MaxMemory {
		select {
		case s.overBudget <- struct{}{}:
		default: // already woken
		}
	}
}

// keepBudget closes the connection that holds the most whenever all of them
// together hold more than cfg.MaxMemory; it runs until Shutdown.
func (s *Server) keepBudget() {
	defer s.wg.Done()
	for {
		select {
		case <-s.quit:
			return
		case <-s.overBudget:
			for s.evictBiggest() {
			}
		}
	}
}

// evictBiggest closes the biggest holder if the memory that is not already
// on its way out is over budget; it reports whether it closed one.
func (s *Server) evictBiggest() bool {
	s.mu.Lock()
	var victim *conn
	var biggest, leaving int64
	for _, c := range s.conns {
		m := c.mem.Load()
		if c.evicted.Load() {
			leaving += m
			continue
		}
		if m > biggest {
			victim, biggest = c, m
		}
	}
	s.mu.Unlock()
	if victim == nil || s.mem.Load()-leaving <= s.cfg.MaxMemory {
		return false
	}
	victim.evict(biggest)
	return true
}

// evict closes a connection for the memory budget. One that holds unread
// input (or little queued) is told why, like a message that is too long; one
// whose replies pile up is not reading, so it is cut at once, which drops
// its queue.
func (c *conn) evict(held int64) {
	c.evicted.Store(true)
	why := fmt.Sprintf("memory budget: held the most (%d KiB) when the server's %d MiB were full; disconnected", held>>10, c.srv.cfg.MaxMemory>>20)
	c.emit(Event{Kind: EventError, Err: fmt.Errorf("server memory full; closing the biggest holder (%d KiB)", held>>10)})
	c.mu.Lock()
	reading := c.queued == 0
	c.mu.Unlock()
	if reading {
		c.Send(MemoryFullReply)
		c.closeAfter(why)
		return
	}
	c.mu.Lock()
	if !c.closing {
		c.setClosing()
		c.closeWhy = why
	}
	c.mu.Unlock()
	c.nc.Close()
}
