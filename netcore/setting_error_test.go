package netcore

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A refused value is a *SettingError with what a front end words it by,
// and its Error() is still the English the command line prints.
func TestSettingCheckGivesTypedErrors(t *testing.T) {
	tries := Setting{Key: "attempts", Label: "Attempts", Kind: SettingInt, Min: 1, Max: 100}
	_, err := tries.Check(" 0 ")
	var se *SettingError
	require.True(t, errors.As(err, &se))
	assert.Equal(t, SettingOutOfRange, se.Code)
	assert.Equal(t, "attempts", se.Setting.Key)
	assert.Equal(t, "0", se.Value)
	assert.EqualError(t, err, `Attempts must be a whole number from 1 to 100, not "0"`)

	pw := Setting{Key: "password", Label: "Password", Kind: SettingSecret, NotEmpty: true}
	_, err = pw.Check("")
	require.True(t, errors.As(err, &se))
	assert.Equal(t, SettingEmpty, se.Code)
	assert.EqualError(t, err, "the password cannot be empty")

	got, err := tries.Check(" 7")
	assert.NoError(t, err)
	assert.Equal(t, "7", got)
}
