package app

import (
	"runtime/debug"
	"testing"

	"github.com/stretchr/testify/assert"
)

// The package's tests stop servers all the time: a collection of the test
// binary's heap after each, on a goroutine of its own, outlives goleak's
// checks under -race on a busy machine. TestServerTabStopReleasesMemory
// checks that a stop does release.
func init() { releaseMemory = func() {} }

// The window collects at appGCPercent unless the user's GOGC says
// otherwise.
func TestCollectSoonerHonoursGOGC(t *testing.T) {
	old := debug.SetGCPercent(100)
	t.Cleanup(func() { debug.SetGCPercent(old) })

	t.Setenv("GOGC", "")
	collectSooner()
	assert.Equal(t, appGCPercent, debug.SetGCPercent(100))

	t.Setenv("GOGC", "200")
	collectSooner()
	assert.Equal(t, 100, debug.SetGCPercent(100), "GOGC set: left as it was")
}
