package netcore

import (
	"context"
	"errors"
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
	everywhere := host == "" || host == "0.0.0.0" || host == "::"
	v := map[string]string{"host": host, "port": port}
	msg := err.Error()
	switch {
	case errors.Is(err, syscall.EADDRINUSE) || strings.Contains(msg, "address already in use") || strings.Contains(msg, "Only one usage"):
		if everywhere {
			return friendly(FriendlyPortInUseEverywhere, v, err)
		}
		return friendly(FriendlyPortInUse, v, err)
	case errors.Is(err, syscall.EACCES) || errors.Is(err, os.ErrPermission):
		if p, _ := strconv.Atoi(port); p > 0 && p < 1024 {
			return friendly(FriendlyPortPrivileged, v, err)
		}
		if everywhere {
			return friendly(FriendlyListenDeniedEverywhere, v, err)
		}
		return friendly(FriendlyListenDenied, v, err)
	case errors.Is(err, syscall.EADDRNOTAVAIL) || strings.Contains(msg, "assign requested address"):
		return friendly(FriendlyNotThisComputer, v, err)
	case isNotFound(err):
		return friendly(FriendlyListenHostUnknown, map[string]string{"host": strconv.Quote(host)}, err)
	}
	return friendly(FriendlyCannotListen, map[string]string{"addr": addr, "error": err.Error()}, err)
}

// explainDial rewrites connect failures as advice about what to check.
func explainDial(err error, addr string, timeout time.Duration) error {
	host, _, _ := net.SplitHostPort(addr)
	switch {
	case IsRefused(err):
		return friendly(FriendlyRefused, map[string]string{"addr": addr}, err)
	case IsTimeout(err):
		return friendly(FriendlyTimedOut, map[string]string{"timeout": FormatSeconds(timeout)}, err)
	case isNotFound(err):
		return friendly(FriendlyHostUnknown, map[string]string{"host": strconv.Quote(host)}, err)
	case errors.Is(err, syscall.ENETUNREACH) || errors.Is(err, syscall.EHOSTUNREACH):
		return friendly(FriendlyNoRoute, map[string]string{"host": host}, err)
	case errors.Is(err, context.Canceled):
		return friendly(FriendlyCancelled, nil, err)
	}
	return friendly(FriendlyCannotConnect, map[string]string{"addr": addr, "error": err.Error()}, err)
}

// FriendlyError is an error written for a student, with the system's
// error kept underneath for errors.Is. Error() is the English (the
// command line prints it); Code and Values let a front end word it in its
// user's language (friendly_texts.go).
type FriendlyError struct {
	Code   FriendlyCode
	Values map[string]string
	Err    error
}

func friendly(code FriendlyCode, values map[string]string, err error) *FriendlyError {
	return &FriendlyError{Code: code, Values: values, Err: err}
}

func (e *FriendlyError) Error() string { return FriendlyText(e.Code, e.Values) }
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
