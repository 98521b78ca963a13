package demos

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

func TestTimeFormatMatchesPythonCtime(t *testing.T) {
	d := timeDemo{now: func() time.Time { return time.Date(2026, 11, 3, 6, 53, 48, 0, time.Local) }}
	assert.Equal(t, "[Tue Nov  3 06:53:48 2026] hi", d.Datagram("hi"), "single-digit days are space-padded")
	d.now = func() time.Time { return time.Date(2026, 11, 23, 6, 53, 48, 0, time.Local) }
	assert.Equal(t, "[Mon Nov 23 06:53:48 2026] hi", d.Datagram("hi"))
}

func TestRPSRules(t *testing.T) {
	r, p, s := 0, 1, 2
	assert.True(t, rpsBeats(r, s))
	assert.True(t, rpsBeats(p, r))
	assert.True(t, rpsBeats(s, p))
	assert.False(t, rpsBeats(s, r))
	assert.False(t, rpsBeats(r, p))
	assert.False(t, rpsBeats(p, s))
	assert.False(t, rpsBeats(r, r))
}
