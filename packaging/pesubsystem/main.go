// Command pesubsystem reads or changes the subsystem of a Windows
// executable: GUI (no console window; cmd.exe and PowerShell do not wait
// for it and its output goes nowhere) or console (cmd.exe waits, prints its
// output, passes Ctrl+C and its exit code).
//
//	pesubsystem FILE                 prints "gui" or "console"
//	pesubsystem -console IN OUT      writes a copy of IN marked console
//
// packaging/build.sh makes socketlab-cli.exe from socketlab.exe this way:
// the same program, icon and version resource, with one field changed, as
// Microsoft's `editbin /SUBSYSTEM:CONSOLE` does. package-test.sh uses it to
// check both. It runs on Linux; nothing here needs Windows.
package main

import (
	"bytes"
	"debug/pe"
	"encoding/binary"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
)

// Offsets in a PE file: the DOS header's pointer to the PE signature, and
// the Subsystem and CheckSum fields inside the optional header, which sit at
// the same offsets in PE32 and PE32+.
const (
	peOffsetPointer    = 0x3c
	peSignatureSize    = 4
	coffHeaderSize     = 20
	optCheckSumOffset  = 64
	optSubsystemOffset = 68
)

// subsystemName is the name this tool prints for a subsystem value.
func subsystemName(s uint16) string {
	switch s {
	case pe.IMAGE_SUBSYSTEM_WINDOWS_GUI:
		return "gui"
	case pe.IMAGE_SUBSYSTEM_WINDOWS_CUI:
		return "console"
	}
	return fmt.Sprintf("subsystem %d", s)
}

// subsystem is the subsystem recorded in a PE image.
func subsystem(image []byte) (uint16, error) {
	f, err := pe.NewFile(bytes.NewReader(image))
	if err != nil {
		return 0, err
	}
	defer f.Close()
	switch h := f.OptionalHeader.(type) {
	case *pe.OptionalHeader64:
		return h.Subsystem, nil
	case *pe.OptionalHeader32:
		return h.Subsystem, nil
	}
	return 0, errors.New("not an executable image (no optional header)")
}

// withSubsystem returns a copy of image with its subsystem set to s. A
// right checksum is made right again; none, or a wrong one, is left as it
// is, so the copy is exactly as valid as the original. (Windows checks the
// checksum of drivers only; socketlab.exe's, as fyne package makes it,
// does not match its contents.)
func withSubsystem(image []byte, s uint16) ([]byte, error) {
	old, err := subsystem(image) // also validates the headers read below
	if err != nil {
		return nil, err
	}
	opt := int(binary.LittleEndian.Uint32(image[peOffsetPointer:])) + peSignatureSize + coffHeaderSize
	if opt+optSubsystemOffset+2 > len(image) {
		return nil, errors.New("truncated optional header")
	}
	if got := binary.LittleEndian.Uint16(image[opt+optSubsystemOffset:]); got != old {
		return nil, fmt.Errorf("subsystem field at %#x reads %d, debug/pe says %d", opt+optSubsystemOffset, got, old)
	}
	sumAt := opt + optCheckSumOffset
	sum := binary.LittleEndian.Uint32(image[sumAt:])
	keepRight := sum != 0 && peChecksum(image, sumAt) == sum
	out := bytes.Clone(image)
	binary.LittleEndian.PutUint16(out[opt+optSubsystemOffset:], s)
	if keepRight {
		binary.LittleEndian.PutUint32(out[sumAt:], peChecksum(out, sumAt))
	}
	return out, nil
}

// peChecksum is the PE image checksum (as Windows' CheckSumMappedFile and
// Go's linker compute it): the image's 16-bit words summed with the carry
// folded back in, the checksum field itself left out, plus the length.
func peChecksum(image []byte, sumAt int) uint32 {
	var sum uint32
	add := func(w uint32) {
		sum += w
		sum = (sum & 0xffff) + sum>>16
	}
	for i := 0; i+1 < len(image); i += 2 {
		if i == sumAt || i == sumAt+2 {
			continue
		}
		add(uint32(binary.LittleEndian.Uint16(image[i:])))
	}
	if len(image)%2 == 1 {
		add(uint32(image[len(image)-1]))
	}
	return sum + uint32(len(image))
}

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("pesubsystem", flag.ContinueOnError)
	fs.SetOutput(stderr)
	console := fs.Bool("console", false, "write a copy of IN marked console to OUT")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	fail := func(err error) int {
		fmt.Fprintln(stderr, "pesubsystem:", err)
		return 1
	}
	switch {
	case *console && fs.NArg() == 2:
		image, err := os.ReadFile(fs.Arg(0))
		if err != nil {
			return fail(err)
		}
		out, err := withSubsystem(image, pe.IMAGE_SUBSYSTEM_WINDOWS_CUI)
		if err != nil {
			return fail(fmt.Errorf("%s: %w", fs.Arg(0), err))
		}
		if err := os.WriteFile(fs.Arg(1), out, 0o755); err != nil {
			return fail(err)
		}
		return 0
	case !*console && fs.NArg() == 1:
		image, err := os.ReadFile(fs.Arg(0))
		if err != nil {
			return fail(err)
		}
		s, err := subsystem(image)
		if err != nil {
			return fail(fmt.Errorf("%s: %w", fs.Arg(0), err))
		}
		fmt.Fprintln(stdout, subsystemName(s))
		return 0
	}
	fmt.Fprintln(stderr, "usage: pesubsystem FILE | pesubsystem -console IN OUT")
	return 2
}
