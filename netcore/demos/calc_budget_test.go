package demos_test

import (
	"strings"
	"testing"
	"time"

	"github.com/socketlab/socketlab/netcore/calc"
	"github.com/socketlab/socketlab/netcore/demos"
	"github.com/socketlab/socketlab/netcore/internal/nettest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestCalcPipeliningClientIsStoppedByItsBudget sends 1 KB float-power
// lines back to back, as issue 11's attacker did, with the clock stopped so
// no allowance comes back: the budget must stop the work after one
// second's worth, while another client's answers stay right.
func TestCalcPipeliningClientIsStoppedByItsBudget(t *testing.T) {
	cfg := nettest.Config(t, "calc", nil)
	clock := newSteppedClock()
	demos.SetCalcClock(cfg.Demo, clock.now)
	ts := nettest.StartServer(t, "127.0.0.1", cfg)

	costly := strings.Repeat("1.1**1.1*", 110) + "1"
	const lines = 60
	attacker := nettest.DialRaw(t, "tcp", ts.HostPort)
	attacker.Send(strings.Repeat(costly+"\n", lines))
	victim := nettest.DialRaw(t, "tcp", ts.HostPort)

	count := map[string]int{}
	for range lines {
		count[strings.TrimSuffix(attacker.Line(), "\n")]++
	}
	assert.Equal(t, calc.SecondWork/calc.MessageWork, count[demos.CalcTooMuchWork], "only one second's work is done: %v", count)
	assert.Equal(t, lines-calc.SecondWork/calc.MessageWork, count[demos.CalcSlowDown], "the rest is refused without work: %v", count)

	// The other connection has its own budget: lesson expressions answered.
	assert.Equal(t, "14\n", victim.Ask("2+3*4", "\n"))
	assert.Equal(t, "12.25\n", victim.Ask("(1.5+2)**2", "\n"))
	assert.Equal(t, "1267650600228229401496703205376\n", victim.Ask("2**100", "\n"))
	assert.Equal(t, "2.0\n", victim.Ask("8**(1/3)", "\n"))

	// The attacker gets answers again once time has passed.
	clock.step(time.Second)
	assert.Equal(t, "14\n", attacker.Ask("2+3*4", "\n"))
	require.Equal(t, demos.CalcTooMuchWork+"\n", attacker.Ask(costly, "\n"))
}
