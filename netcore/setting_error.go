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
	SettingTooLong    SettingErrorCode = "long"  // a document longer than MaxBytes
)

// SettingError is a value Setting.Check refused, with what a front end
// needs to word it in its user's language (the setting's Key, Min and Max,
// the value as typed). Error() is the English the command line prints.
type SettingError struct {
	Code    SettingErrorCode
	Setting Setting
	Value   string // as typed, space trimmed (SettingOutOfRange)
	Bytes   int    // the value's length (SettingTooLong)
}

func (e *SettingError) Error() string {
	switch e.Code {
	case SettingEmpty:
		return fmt.Sprintf("the %s cannot be empty", strings.ToLower(e.Setting.Label))
	case SettingTooLong:
		return fmt.Sprintf("the %s are %d bytes; at most %d", strings.ToLower(e.Setting.Label), e.Bytes, e.Setting.MaxBytes)
	}
	return fmt.Sprintf("%s must be a whole number from %d to %d, not %q", e.Setting.Label, e.Setting.Min, e.Setting.Max, e.Value)
}
