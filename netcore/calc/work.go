package calc

import (
	"errors"
	"math"
	"math/big"
	"time"
)

// Work is counted, never timed: every step is charged from the sizes of its
// numbers before it runs, in units of roughly a microsecond of one laptop
// core, so the same expression always costs the same and a step that would
// go over the limit is never started. Without a budget 1 KB of float powers
// cost 5.7 ms, and four clients sending such lines back to back slowed
// everyone else's answers twentyfold.
const (
	// MessageWork is the work one expression may take: a hundred times
	// what a lesson's expressions need ((1.5+2)**2 costs 14), and enough
	// for the longest sum the length limit allows.
	MessageWork = 2000
	// SecondWork is the work one connection may take per second, with
	// bursts of up to that much.
	SecondWork = 20000
)

// Reasons for refusing work, without the "error: " prefix that the calc
// demo puts in front.
const (
	TooMuchWork = "too much work for one message"
	SlowDown    = "too much work per second - slow down"
)

var (
	// ErrTooMuchWork is an expression that needs more than its limit.
	ErrTooMuchWork = errors.New(TooMuchWork)
	// ErrSlowDown is a connection that used its work for this second.
	ErrSlowDown = errors.New(SlowDown)
)

// meter counts the work of one evaluation.
type meter struct {
	used, limit int
}

// charge books n units before the step they pay for runs.
func (m *meter) charge(n int) error {
	if n > m.limit-m.used {
		m.used = m.limit
		return ErrTooMuchWork
	}
	m.used += n
	return nil
}

// words is the size of an integer in 64-bit words, at least 1.
func words(x *big.Int) int { return x.BitLen()/64 + 1 }

// Costs of the steps. Big-number products and divisions grow with the
// product of the operands' sizes; decimal conversion with the square of the
// size; float powers that go through exp and ln cost a fixed ~40 µs.
func costLiteral(digits int) int      { return 1 + digits/32 }
func costIntAddSub(x, y *big.Int) int { return 1 + max(words(x), words(y))/16 }
func costIntMulDiv(x, y *big.Int) int { return 1 + words(x)*words(y)/256 }
func costIntTrueDiv(x, y *big.Int) int {
	w := words(x) + words(y)
	return 1 + w*w/200
}

// costIntPow is charged with the result's size, which intPow bounds by
// maxBits before anything is computed: a few squarings of at most that size.
func costIntPow(resultBits int64) int {
	w := int(resultBits/64) + 1
	return 1 + w*w/1024
}
func costToFloat(x *big.Int) int { return 1 + words(x)/16 }
func costString(v value) int {
	if v.i == nil {
		return 1
	}
	w := words(v.i)
	return 1 + w*w/128
}

// costSmallIntPow is x**n by n exact multiplications.
func costSmallIntPow(n int) int { return 2 + max(n, -n)/2 }

const (
	costStep     = 1  // a node of the tree, a float operation
	costExpLnPow = 40 // x**y through exp(y·ln x) at 192 bits
)

// Budget is one connection's work allowance: SecondWork units a second,
// saved up to at most SecondWork. Safe for one goroutine (a session).
type Budget struct {
	now  func() time.Time
	left float64
	at   time.Time
}

// NewBudget starts a full allowance; now is time.Now, or a test's clock.
func NewBudget(now func() time.Time) *Budget {
	return &Budget{now: now, left: SecondWork, at: now()}
}

// Evaluate is Evaluate within the budget: at most MessageWork, and no more
// than is left this second. A connection that has used its allowance gets
// ErrSlowDown without any work being done; one expression over MessageWork
// gets ErrTooMuchWork.
func (b *Budget) Evaluate(expr string) (string, error) {
	b.refill()
	if b.left < 1 {
		return "", ErrSlowDown
	}
	limit := min(MessageWork, int(b.left))
	v, used, err := EvaluateWithin(expr, limit)
	b.left -= float64(used)
	if errors.Is(err, ErrTooMuchWork) && limit < MessageWork {
		return "", ErrSlowDown
	}
	return v, err
}

// refill adds the allowance earned since the last call.
func (b *Budget) refill() {
	now := b.now()
	b.left = min(SecondWork, b.left+now.Sub(b.at).Seconds()*SecondWork)
	b.at = now
}

// Left is the work the connection may still do now.
func (b *Budget) Left() int {
	b.refill()
	return int(b.left)
}

// unlimited is Evaluate's limit: the size limits alone bound the work.
const unlimited = math.MaxInt
