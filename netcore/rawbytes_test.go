package netcore

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestParseHex(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want string
	}{
		{"48 69 0d 0a", "Hi\r\n"},
		{"48690d0a", "Hi\r\n"},
		{"4869 0D0A", "Hi\r\n"},
		{"  00\tff  ", "\x00\xff"},
		{"7F", "\x7f"},
	} {
		got, err := ParseHex(tc.in)
		if err != nil || string(got) != tc.want {
			t.Errorf("ParseHex(%q) = %q, %v; want %q", tc.in, got, err, tc.want)
		}
	}
}

func TestParseEscapes(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want string
	}{
		{`Hi\r\n`, "Hi\r\n"},
		{`a\tb\0c`, "a\tb\x00c"},
		{`C:\\temp`, `C:\temp`},
		{`\x1b[2J\xFF`, "\x1b[2J\xff"},
		{`\x000`, "\x000"},
		{"héllo", "héllo"}, // other characters go as UTF-8
		{"plain", "plain"},
	} {
		got, err := ParseEscapes(tc.in)
		if err != nil || string(got) != tc.want {
			t.Errorf("ParseEscapes(%q) = %q, %v; want %q", tc.in, got, err, tc.want)
		}
	}
}

// Every mistake names where it is (a character count, as the student
// counts along the line) and what to write instead.
func TestParseRawErrors(t *testing.T) {
	for _, tc := range []struct {
		mode RawMode
		in   string
		pos  int
		says string
	}{
		{RawHex, "48 6", 4, "'6' is half a byte"},
		{RawHex, "4 8", 1, "'4' is half a byte"},
		{RawHex, "48 zz", 4, "'z' is not a hex digit"},
		{RawHex, "48 0x0a", 5, "'x' is not a hex digit"},
		{RawHex, "é 41", 1, "'é' is not a hex digit"},
		{RawHex, "41,42", 3, "',' is not a hex digit"},
		{RawHex, "41\x0142", 3, `'\x01' is not a hex digit`},
		{RawEscapes, `ab\q`, 3, `\q is not an escape`},
		{RawEscapes, `é\`, 2, `a lone \ at the end`},
		{RawEscapes, `x\x4`, 2, `\x needs two hex digits`},
		{RawEscapes, `\xg0`, 1, `\x needs two hex digits`},
		{RawEscapes, `ü\u00e9`, 2, `\u is not an escape`},
	} {
		_, err := ParseRaw(tc.mode, tc.in)
		var re *RawError
		if !errors.As(err, &re) {
			t.Errorf("%v %q: error %v, want a RawError", tc.mode, tc.in, err)
			continue
		}
		if re.Pos != tc.pos || !strings.Contains(re.Msg, tc.says) {
			t.Errorf("%v %q: %v; want at character %d saying %q", tc.mode, tc.in, err, tc.pos, tc.says)
		}
		if !strings.HasPrefix(err.Error(), "at character ") {
			t.Errorf("%v %q: %q does not say where", tc.mode, tc.in, err)
		}
	}
}

func TestParseRawEmpty(t *testing.T) {
	for _, in := range []string{"", "   ", "\t"} {
		if _, err := ParseHex(in); !errors.Is(err, ErrRawEmpty) {
			t.Errorf("ParseHex(%q): %v, want ErrRawEmpty", in, err)
		}
	}
	if _, err := ParseEscapes(""); !errors.Is(err, ErrRawEmpty) {
		t.Errorf("ParseEscapes(\"\"): %v, want ErrRawEmpty", err)
	}
	// Text is the old send box: an empty line is still a newline to send.
	if b, err := ParseRaw(RawText, ""); err != nil || len(b) != 0 {
		t.Errorf("ParseRaw(text, \"\") = %q, %v", b, err)
	}
	if b, err := ParseRaw(RawText, `a\n`); err != nil || string(b) != `a\n` {
		t.Errorf("text mode changed %q into %q (%v)", `a\n`, b, err)
	}
}

func TestRawModeNames(t *testing.T) {
	for _, m := range RawModes {
		got, err := ParseRawMode(strings.ToUpper(m.String()))
		if err != nil || got != m {
			t.Errorf("ParseRawMode(%q) = %v, %v", m.String(), got, err)
		}
	}
	if _, err := ParseRawMode("binary"); err == nil || !strings.Contains(err.Error(), "text, escapes or hex") {
		t.Errorf("ParseRawMode(binary): %v", err)
	}
}

func TestFormatEscapesRoundTrip(t *testing.T) {
	all := make([]byte, 256)
	for i := range all {
		all[i] = byte(i)
	}
	s := FormatEscapes(all)
	if strings.ContainsFunc(s, func(r rune) bool { return r < 0x20 || r >= 0x7f }) {
		t.Fatalf("FormatEscapes left a control or non-ASCII character in %q", s)
	}
	back, err := ParseEscapes(s)
	if err != nil || !bytes.Equal(back, all) {
		t.Fatalf("ParseEscapes(FormatEscapes(all bytes)) = %q, %v", back, err)
	}
}

// FuzzRawBytes: any typed text either parses or fails with a position on
// the line; and any bytes written as escapes or hex read back the same.
func FuzzRawBytes(f *testing.F) {
	f.Add("48 69 0d 0a", []byte("Hi\r\n"))
	f.Add(`Hi\r\n\x00\\`, []byte{0, 0xff, '\\'})
	f.Add(`\x4`, []byte{})
	f.Add("\xff\\\xfe", []byte("é"))
	f.Fuzz(func(t *testing.T, typed string, data []byte) {
		runes := utf8.RuneCountInString(typed)
		for _, m := range []RawMode{RawEscapes, RawHex} {
			b, err := ParseRaw(m, typed)
			var re *RawError
			switch {
			case err == nil:
				if len(b) == 0 || len(b) > len(typed) {
					t.Fatalf("%v %q gave %d bytes", m, typed, len(b))
				}
			case errors.As(err, &re):
				if re.Pos < 1 || re.Pos > runes {
					t.Fatalf("%v %q: position %d outside 1..%d", m, typed, re.Pos, runes)
				}
			case !errors.Is(err, ErrRawEmpty):
				t.Fatalf("%v %q: unexpected error %v", m, typed, err)
			}
		}
		if len(data) == 0 {
			return
		}
		if back, err := ParseEscapes(FormatEscapes(data)); err != nil || !bytes.Equal(back, data) {
			t.Fatalf("escapes round trip of %q: %q, %v", data, back, err)
		}
		hex := fmt.Sprintf("% x", data) // as the hex views show bytes
		if back, err := ParseHex(hex); err != nil || !bytes.Equal(back, data) {
			t.Fatalf("hex round trip of %q via %q: %q, %v", data, hex, back, err)
		}
	})
}
