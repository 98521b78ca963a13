package netcore

import (
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
// surrounding space). A refusal is a *SettingError: its Error() is the
// English the command line prints, its fields let a front end word it.
func (s Setting) Check(text string) (string, error) {
	if s.Kind != SettingInt {
		if s.NotEmpty && text == "" {
			return "", &SettingError{Code: SettingEmpty, Setting: s}
		}
		if s.MaxBytes > 0 && len(text) > s.MaxBytes {
			return "", &SettingError{Code: SettingTooLong, Setting: s, Bytes: len(text)}
		}
		if s.Validate != nil {
			if err := s.Validate(text); err != nil {
				return "", err
			}
		}
		return text, nil
	}
	typed := strings.TrimSpace(text)
	n, err := strconv.Atoi(typed)
	if err != nil || n < s.Min || n > s.Max {
		return "", &SettingError{Code: SettingOutOfRange, Setting: s, Value: typed}
	}
	return strconv.Itoa(n), nil
}
