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
}

// Check validates a typed value and returns it normalised (numbers without
// surrounding space). A refusal is a *SettingError: its Error() is the
// English the command line prints, its fields let a front end word it.
func (s Setting) Check(text string) (string, error) {
	if s.Kind != SettingInt {
		if s.NotEmpty && text == "" {
			return "", &SettingError{Code: SettingEmpty, Setting: s}
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
