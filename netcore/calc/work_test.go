package calc

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// floatPowers is the attack of issue 11: 1 KB of float powers, 5.7 ms each
// before there was a budget.
var floatPowers = strings.Repeat("1.1**1.1*", 110) + "1"

func TestLessonExpressionsFitTheBudgetEasily(t *testing.T) {
	most := 0
	for _, tc := range cases {
		v, used, err := EvaluateWithin(tc.in, MessageWork)
		if tc.err != "" {
			assert.EqualError(t, err, tc.err, tc.in)
		} else {
			assert.NoError(t, err, tc.in)
			assert.Equal(t, tc.want, v, tc.in)
		}
		most = max(most, used)
	}
	assert.LessOrEqual(t, most, MessageWork/10, "every lesson expression uses under a tenth of the budget")
	atLimit := strings.Repeat("1+", 499) + "11" // the longest expression there is
	v, _, err := EvaluateWithin(atLimit, MessageWork)
	require.NoError(t, err, "a long but cheap expression is not refused")
	assert.Equal(t, "510", v)
}

func TestWorkIsCountedNotTimed(t *testing.T) {
	for _, in := range append([]string{"2+3*4", floatPowers}, worstCaseInputs...) {
		_, a, _ := EvaluateWithin(in, unlimited)
		_, b, _ := EvaluateWithin(in, unlimited)
		assert.Equal(t, a, b, "%.30s…: the same expression always costs the same", in)
		assert.Positive(t, a)
	}
}

func TestExpensiveExpressionsGetTooMuchWork(t *testing.T) {
	for _, in := range []string{
		floatPowers,
		strings.Repeat("2.5**0.37+", 99) + "1",
		strings.Repeat("(2**4095-1)//", 76) + "1",
	} {
		_, full, _ := EvaluateWithin(in, unlimited)
		require.Greater(t, full, MessageWork, "%.30s… costs %d", in, full)
		v, used, err := EvaluateWithin(in, MessageWork)
		assert.Empty(t, v)
		assert.ErrorIs(t, err, ErrTooMuchWork, "%.30s…", in)
		assert.Equal(t, MessageWork, used, "stopped at the limit, not after the whole expression")
	}
	assert.Equal(t, "too much work for one message", ErrTooMuchWork.Error())
}

func TestBudgetPerSecond(t *testing.T) {
	now := time.Date(2026, 12, 3, 9, 0, 0, 0, time.UTC)
	b := NewBudget(func() time.Time { return now })
	refused := 0
	for {
		_, err := b.Evaluate(floatPowers)
		if err == ErrSlowDown {
			break
		}
		require.ErrorIs(t, err, ErrTooMuchWork)
		refused++
		require.LessOrEqual(t, refused, SecondWork/MessageWork, "the second's work runs out")
	}
	assert.Equal(t, SecondWork/MessageWork, refused, "each costly line used exactly its MessageWork")
	assert.Zero(t, b.Left())
	_, err := b.Evaluate("1+1")
	assert.ErrorIs(t, err, ErrSlowDown, "nothing is evaluated once the second's work is used")
	assert.Equal(t, "too much work per second - slow down", err.Error())

	now = now.Add(time.Second / 10)
	v, err := b.Evaluate("1+1")
	require.NoError(t, err, "the allowance comes back with time")
	assert.Equal(t, "2", v)
	now = now.Add(time.Hour)
	assert.Equal(t, SecondWork, b.Left(), "saved up to one second's work, no more")
	_, err = b.Evaluate("2")
	require.NoError(t, err)
	_, used, _ := EvaluateWithin("2", unlimited)
	assert.Equal(t, SecondWork-used, b.Left())
}
