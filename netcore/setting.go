package netcore

import (
	"fmt"
	"strconv"
	"strings"
)

// SettingKind says how a setting is typed in and checked.
type SettingKind int

const (
	SettingText   SettingKind = iota // any text, empty allowed
	SettingSecret                    // text shown as dots (a password)
	SettingInt                       // a whole number from Min to Max
	// SettingDocument is a text of many lines (a rules file): the CLI's
	// flag names a file whose text is the value; the GUI edits the text
	// in place and loads and saves it as a file.
	SettingDocument
)

// Setting describes one demo setting generically, so the GUI's form and the
// CLI's flags are built from it with no code per demo.
type Setting struct {
	// Key names the setting in a demo's values, is the CLI flag name
	// (--welcome) and the key a front end translates Label and Help by.
	Key      string
	Label    string // English, for forms and error messages: "Attempts"
	Help     string // English, one line: what the setting does
	Kind     SettingKind
	Default  string // as typed; numbers in decimal
	NotEmpty bool   // text kinds: an empty value is refused
	Min, Max int    // SettingInt: the allowed range
	// MaxBytes bounds a SettingDocument's text (and the file it is read
	// from) in bytes; 0: no bound.
	MaxBytes int
	// Validate, when set, checks a text kind's value further (a rules
	// file's syntax); its error is the one Check returns, and a
	// *LineError in it names the line a front end can point at.
	Validate func(text string) error
}

// Check validates a typed value and returns it normalised (numbers without
// surrounding space). Errors name the setting by its Label.
func (s Setting) Check(text string) (string, error) {
	if s.Kind != SettingInt {
		if s.NotEmpty && text == "" {
			return "", fmt.Errorf("the %s cannot be empty", strings.ToLower(s.Label))
		}
		if s.MaxBytes > 0 && len(text) > s.MaxBytes {
			return "", fmt.Errorf("the %s are %d bytes; at most %d", strings.ToLower(s.Label), len(text), s.MaxBytes)
		}
		if s.Validate != nil {
			if err := s.Validate(text); err != nil {
				return "", err
			}
		}
		return text, nil
	}
	n, err := strconv.Atoi(strings.TrimSpace(text))
	if err != nil || n < s.Min || n > s.Max {
		return "", fmt.Errorf("%s must be a whole number from %d to %d, not %q", s.Label, s.Min, s.Max, strings.TrimSpace(text))
	}
	return strconv.Itoa(n), nil
}
