package demos_test

import (
	"testing"

	"github.com/socketlab/socketlab/netcore"
	"github.com/socketlab/socketlab/netcore/demos"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestAllIsInTeachingOrder(t *testing.T) {
	for i, d := range demos.All() {
		assert.Equal(t, i, d.Order, d.Name)
	}
	assert.Equal(t, "echo, time, chat, guess, password, calc, rps, duel, mancala, http, rules", demos.Names())
}

func TestSettingsAreCheckedAndNamed(t *testing.T) {
	for _, tc := range []struct {
		demo string
		v    demos.Values
		err  string
	}{
		{"password", demos.Values{"attempts": "0"}, `Attempts must be a whole number from 1 to 100, not "0"`},
		{"password", demos.Values{"attempts": "x"}, `Attempts must be a whole number from 1 to 100, not "x"`},
		{"password", demos.Values{"password": ""}, "the password cannot be empty"},
		{"guess", demos.Values{"min": "5", "max": "1"}, "the smallest secret must not be larger than the largest"},
		{"guess", demos.Values{"max": "9999999"}, `Largest must be a whole number from -1000000 to 1000000, not "9999999"`},
		{"echo", demos.Values{"colour": "red"}, `the echo demo has no setting "colour"`},
	} {
		_, err := demos.New(tc.demo, tc.v, nil)
		assert.EqualError(t, err, tc.err, "%s %v", tc.demo, tc.v)
	}
	_, err := demos.New("guess", demos.Values{"min": " 3 ", "max": "3"}, nil)
	assert.NoError(t, err, "numbers may have spaces around them")
}

func TestEverySettingHasWhatAFormNeeds(t *testing.T) {
	keys := map[string]bool{}
	for _, d := range demos.All() {
		for _, st := range d.Settings {
			assert.NotEmpty(t, st.Key, d.Name)
			assert.NotEmpty(t, st.Label, st.Key)
			assert.NotEmpty(t, st.Help, st.Key)
			_, err := st.Check(st.Default)
			assert.NoError(t, err, "the default of %s is valid", st.Key)
			keys[st.Key] = true
		}
	}
	// The CLI's flag names, kept from before there was a registry, and
	// the rules demo's --rules FILE.
	assert.Equal(t, map[string]bool{"welcome": true, "password": true, "attempts": true, "min": true, "max": true, "rules": true}, keys)
	info, ok := demos.Lookup("password")
	require.True(t, ok)
	assert.Equal(t, netcore.SettingSecret, info.Settings[0].Kind)
}
