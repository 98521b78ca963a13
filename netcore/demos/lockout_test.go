package demos

import (
	"net/netip"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

func TestLockoutWaitGrowsAndIsCapped(t *testing.T) {
	want := []time.Duration{5 * time.Second, 10 * time.Second, 20 * time.Second, 40 * time.Second, 80 * time.Second, 160 * time.Second, MaxLockout, MaxLockout}
	for i, w := range want {
		assert.Equal(t, w, lockoutWait(i+1), "lockout %d", i+1)
	}
	assert.Equal(t, MaxLockout, lockoutWait(1000), "no overflow")
	assert.Equal(t, "too many attempts - wait 5 s", LockedOut(5*time.Second))
	assert.Equal(t, "too many attempts - wait 1 s", LockedOut(time.Millisecond), "rounded up, never 0 s")
	assert.Equal(t, "too many attempts - wait 300 s", LockedOut(MaxLockout))
}

// fixedLockouts is a table whose clock the test sets.
func fixedLockouts(now *time.Time) *lockouts {
	l := newLockouts()
	l.now = func() time.Time { return *now }
	return l
}

func addrN(i int) netip.Addr {
	return netip.AddrFrom4([4]byte{10, byte(i >> 16), byte(i >> 8), byte(i)})
}

func TestLockoutTableIsBounded(t *testing.T) {
	now := time.Date(2026, 12, 3, 9, 0, 0, 0, time.UTC)
	l := fixedLockouts(&now)
	locked := addrN(0)
	for range 3 {
		l.attempt(locked, false, 3)
	}
	assert.Greater(t, l.wait(locked), time.Duration(0))
	most := 0
	for i := 1; i <= lockoutEntries+500; i++ {
		if v, _ := l.attempt(addrN(i), false, 3); v != denied {
			t.Fatalf("address %d: verdict %d", i, v)
		}
		most = max(most, len(l.byAddr))
	}
	assert.Equal(t, lockoutEntries, most)
	assert.Greater(t, l.wait(locked), time.Duration(0), "a flood of other addresses evicts idle records first, not a waiting one")
}

func TestLockoutTableForgetsOldEntries(t *testing.T) {
	now := time.Date(2026, 12, 3, 9, 0, 0, 0, time.UTC)
	l := fixedLockouts(&now)
	for i := range 100 {
		l.attempt(addrN(i), false, 3)
	}
	a := addrN(0)
	l.attempt(a, false, 3) // a has 2 of 3 wrong now
	now = now.Add(lockoutForget + 2*time.Minute)
	l.attempt(addrN(1000), false, 3) // a new address sweeps
	assert.Len(t, l.byAddr, 1, "quiet addresses are forgotten")
	for range 2 {
		v, _ := l.attempt(a, false, 3)
		assert.Equal(t, denied, v, "a forgotten address has its attempts again")
	}
}
