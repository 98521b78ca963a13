package netcore

import (
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// ListenError rewrites a failure to bind addr as advice, for every
// package that binds (the server, discovery).
func ListenError(err error, addr string) error {
	host, port, _ := net.SplitHostPort(addr)
	where := host
	if where == "" || where == "0.0.0.0" || where == "::" {
		where = "all interfaces"
	}
	msg := err.Error()
	switch {
	case errors.Is(err, syscall.EADDRINUSE) || strings.Contains(msg, "address already in use") || strings.Contains(msg, "Only one usage"):
		return &FriendlyError{Msg: fmt.Sprintf("port %s on %s is already in use — pick another or stop the other server", port, where), Err: err}
	case errors.Is(err, syscall.EACCES) || errors.Is(err, os.ErrPermission):
		if p, _ := strconv.Atoi(port); p > 0 && p < 1024 {
			return &FriendlyError{Msg: fmt.Sprintf("port %s is below 1024 and needs administrator rights — pick a port from 1024 up, such as 8000", port), Err: err}
		}
		return &FriendlyError{Msg: fmt.Sprintf("not allowed to listen on %s port %s — pick another port or check the firewall", where, port), Err: err}
	case errors.Is(err, syscall.EADDRNOTAVAIL) || strings.Contains(msg, "assign requested address"):
		return &FriendlyError{Msg: fmt.Sprintf("%s is not an address of this computer — pick one of its interfaces (socketlab interfaces lists them)", host), Err: err}
	case isNotFound(err):
		return &FriendlyError{Msg: fmt.Sprintf("host %q not found — use an IP address of this computer", host), Err: err}
	}
	return &FriendlyError{Msg: fmt.Sprintf("cannot listen on %s: %v", addr, err), Err: err}
}

// explainDial rewrites connect failures as advice about what to check.
func explainDial(err error, addr string, timeout time.Duration) error {
	host, _, _ := net.SplitHostPort(addr)
	switch {
	case IsRefused(err):
		return &FriendlyError{Msg: fmt.Sprintf("connection refused — is the server started on %s?", addr), Err: err}
	case IsTimeout(err):
		return &FriendlyError{Msg: fmt.Sprintf("timed out after %s — check the address, that you are on the same network, and the firewall", FormatSeconds(timeout)), Err: err}
	case isNotFound(err):
		return &FriendlyError{Msg: fmt.Sprintf("host not found — check the spelling of %q or type the IP address shown on the server", host), Err: err}
	case errors.Is(err, syscall.ENETUNREACH) || errors.Is(err, syscall.EHOSTUNREACH):
		return &FriendlyError{Msg: fmt.Sprintf("no route to %s — are both computers on the same network?", host), Err: err}
	case errors.Is(err, context.Canceled):
		return &FriendlyError{Msg: "cancelled", Err: err}
	}
	return &FriendlyError{Msg: fmt.Sprintf("cannot connect to %s: %v", addr, err), Err: err}
}

// FriendlyError is an error written for a student, with the system's
// error kept underneath for errors.Is.
type FriendlyError struct {
	Msg string
	Err error
}

func (e *FriendlyError) Error() string { return e.Msg }
func (e *FriendlyError) Unwrap() error { return e.Err }

// FormatSeconds writes a timeout the way the advice does: "5 s".
func FormatSeconds(d time.Duration) string {
	if d%time.Second == 0 {
		return strconv.Itoa(int(d/time.Second)) + " s"
	}
	return d.String()
}

// IsRefused reports a connection refused: nothing listens there.
func IsRefused(err error) bool {
	return errors.Is(err, syscall.ECONNREFUSED) || strings.Contains(err.Error(), "refused")
}

func isReset(err error) bool {
	return errors.Is(err, syscall.ECONNRESET) || errors.Is(err, syscall.EPIPE) ||
		strings.Contains(err.Error(), "reset by peer") || strings.Contains(err.Error(), "forcibly closed")
}

// IsTimeout reports a dial or read that gave up waiting.
func IsTimeout(err error) bool {
	var ne net.Error
	return errors.Is(err, os.ErrDeadlineExceeded) || errors.Is(err, context.DeadlineExceeded) ||
		(errors.As(err, &ne) && ne.Timeout())
}

func isNotFound(err error) bool {
	var de *net.DNSError
	return errors.As(err, &de) && (de.IsNotFound || !de.IsTimeout)
}
