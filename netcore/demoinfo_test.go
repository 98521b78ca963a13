package netcore

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestDemoInfoDescribeFollowsValues(t *testing.T) {
	d := DemoInfo{
		Description: "From {{.min}} to {{.max}}; {{.secret}} stays; {{.other}} is not a setting.",
		Settings: []Setting{
			{Key: "min", Label: "Smallest", Kind: SettingInt, Default: "0", Min: -10, Max: 10},
			{Key: "max", Label: "Largest", Kind: SettingInt, Default: "9", Min: -10, Max: 10},
			{Key: "secret", Label: "Password", Kind: SettingSecret, Default: "letmein"},
		},
	}
	assert.Equal(t, "From 0 to 9; {{.secret}} stays; {{.other}} is not a setting.", d.Describe(), "no values: the defaults")
	assert.Equal(t, "0", d.Value("min"))
	assert.Equal(t, "", d.Value("nope"))

	set := d.WithValues(map[string]string{"min": " 1", "max": "abc", "secret": "hunter2"})
	assert.Equal(t, map[string]string{"min": "1"}, set.Values, "checked and normalised; a bad value and a secret left out")
	assert.Equal(t, "From 1 to 9; {{.secret}} stays; {{.other}} is not a setting.", set.Describe())
	assert.Empty(t, d.Values, "WithValues returns a copy")

	plain := DemoInfo{Description: "Echo {{.min}}"}
	assert.Equal(t, "Echo {{.min}}", plain.Describe())
}
