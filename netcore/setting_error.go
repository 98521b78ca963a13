package netcore

import (
	"fmt"
	"strings"
)

// SettingErrorCode says why Setting.Check refused a value.
type SettingErrorCode string

const (
	SettingEmpty      SettingErrorCode = "empty" // a NotEmpty text was empty
	SettingOutOfRange SettingErrorCode = "range" // not a whole number from Min to Max
)

// SettingError is a value Setting.Check refused, with what a front end
// needs to word it in its user's language (the setting's Key, Min and Max,
// the value as typed). Error() is the English the command line prints.
type SettingError struct {
	Code    SettingErrorCode
	Setting Setting
	Value   string // as typed, space trimmed (SettingOutOfRange)
}

func (e *SettingError) Error() string {
	if e.Code == SettingEmpty {
		return fmt.Sprintf("the %s cannot be empty", strings.ToLower(e.Setting.Label))
	}
	return fmt.Sprintf("%s must be a whole number from %d to %d, not %q", e.Setting.Label, e.Setting.Min, e.Setting.Max, e.Value)
}
