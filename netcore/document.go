package netcore

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
)

// LineError is a mistake on one line of a document setting's text (a rules
// file), so a front end can point at the line: the GUI moves the cursor
// there.
type LineError struct {
	What string // what the document is, for the message: "rules"
	Line int    // 1 for the first line
	Err  error
}

func (e *LineError) Error() string { return fmt.Sprintf("%s line %d: %v", e.What, e.Line, e.Err) }

func (e *LineError) Unwrap() error { return e.Err }

// ErrorLine is the line an error names (a *LineError in its chain), or 0.
func ErrorLine(err error) int {
	var le *LineError
	if errors.As(err, &le) {
		return le.Line
	}
	return 0
}

// ReadDocument reads a document setting's text, refusing one over maxBytes
// (0: no bound) before reading it whole; it must be UTF-8 text.
func ReadDocument(r io.Reader, maxBytes int) (string, error) {
	if maxBytes <= 0 {
		b, err := io.ReadAll(r)
		return checkDocument(b, err)
	}
	b, err := io.ReadAll(io.LimitReader(r, int64(maxBytes)+1))
	if err == nil && len(b) > maxBytes {
		return "", fmt.Errorf("it is over %d bytes", maxBytes)
	}
	return checkDocument(b, err)
}

func checkDocument(b []byte, err error) (string, error) {
	if err != nil {
		return "", err
	}
	text := string(b)
	if !strings.ContainsRune(text, 0) && utf8.ValidString(text) {
		return text, nil
	}
	return "", errors.New("it is not a text file (zero bytes or not UTF-8)")
}
