package netcore_test

import (
	"os"
	"testing"

	"go.uber.org/goleak"
)

// Every test leaves no goroutine behind: servers and clients must clean up.
// A benchmark may start this binary again as a bare server process.
func TestMain(m *testing.M) {
	if demo := os.Getenv(childServerEnv); demo != "" {
		runChildServer(demo)
		return
	}
	if limit := os.Getenv(limitedServerEnv); limit != "" {
		runLimitedServer(limit)
		return
	}
	goleak.VerifyTestMain(m)
}
