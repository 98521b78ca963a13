package cli

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/socketlab/socketlab/netcore"
)

// `socketlab connect --raw`: each line typed is read as escapes (or, with
// --raw=hex, as hex) and exactly those bytes are sent, with no newline of
// its own, so a terminal can show framing byte by byte as the Client tab's
// Escapes and Hex modes do.

// rawFlag is --raw (escapes), --raw=escapes or --raw=hex. It is a bool
// flag, so a bare --raw takes no value and never swallows HOST:PORT.
type rawFlag struct {
	on   bool
	mode netcore.RawMode
}

func (f *rawFlag) IsBoolFlag() bool { return true }

func (f *rawFlag) String() string {
	if f == nil || !f.on {
		return ""
	}
	return f.mode.String()
}

func (f *rawFlag) Set(v string) error {
	switch v {
	case "true":
		f.on, f.mode = true, netcore.RawEscapes
		return nil
	case "false":
		f.on = false
		return nil
	}
	m, err := netcore.ParseRawMode(v)
	if err != nil {
		return errors.New("use --raw (escapes such as \\r \\n \\x00) or --raw=hex")
	}
	if m == netcore.RawText {
		return errors.New("--raw=text is plain connect: leave out --raw")
	}
	f.on, f.mode = true, m
	return nil
}

// pump sends each line of input: with its newline, as nc does, or with
// raw set, the bytes the line stands for. A raw line that does not parse
// is not sent; warn says which and why, and the next line is read.
func pump(in io.Reader, c *netcore.Client, raw rawFlag, warn func(string)) error {
	r := bufio.NewReader(in)
	for n := 1; ; n++ {
		line, err := r.ReadString('\n')
		if line != "" {
			wire := line
			if raw.on {
				b, perr := netcore.ParseRaw(raw.mode, strings.TrimSuffix(strings.TrimSuffix(line, "\n"), "\r"))
				switch {
				case errors.Is(perr, netcore.ErrRawEmpty):
					wire = "" // a blank line stands for nothing
				case perr != nil:
					warn(fmt.Sprintf("line %d not sent: %v", n, perr))
					wire = ""
				default:
					wire = string(b)
				}
			}
			if wire != "" {
				if serr := c.Send(wire); serr != nil {
					return serr
				}
			}
		}
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
	}
}

// warnings carries pump's notes to connect's loop, which alone writes
// stderr; a note never blocks pump once the command is ending.
type warnings chan string

func (w warnings) send(ctx context.Context) func(string) {
	return func(s string) {
		select {
		case w <- s:
		case <-ctx.Done():
		}
	}
}
