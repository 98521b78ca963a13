package app

import (
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func ringValues[T any](r *ring[T]) []T {
	out := make([]T, r.len())
	for i := range out {
		out[i] = *r.at(i)
	}
	return out
}

func TestRingKeepsNewest(t *testing.T) {
	r := newRing[int](3)
	assert.Equal(t, 0, r.len())
	for i := 1; i <= 3; i++ {
		assert.False(t, r.push(i), "room left: nothing forgotten")
	}
	assert.Equal(t, []int{1, 2, 3}, ringValues(&r))
	assert.True(t, r.push(4), "full: the oldest goes")
	assert.True(t, r.push(5))
	assert.Equal(t, []int{3, 4, 5}, ringValues(&r))
	*r.at(0) = 30 // at gives the value in place
	assert.Equal(t, 30, *r.at(0))

	r.clear()
	assert.Equal(t, 0, r.len())
	r.push(6)
	assert.Equal(t, []int{6}, ringValues(&r))
}

func TestBacklogBoundedAndCountsLost(t *testing.T) {
	b := newBacklog[int](10)
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 100 {
				b.add(g*1000 + i)
			}
		}()
	}
	wg.Wait()
	assert.Less(t, b.len(), 20, "trimmed as values arrive")
	items, lost := b.take()
	assert.Equal(t, 400, len(items)+lost, "every value is kept or counted")
	assert.Equal(t, 0, b.len())

	for i := range 25 {
		b.add(i)
	}
	items, lost = b.take()
	require.NotEmpty(t, items)
	assert.Equal(t, 24, items[len(items)-1], "the newest are kept")
	assert.Equal(t, 25-len(items), lost)

	b.add(1, 2)
	b.reset()
	items, lost = b.take()
	assert.Empty(t, items)
	assert.Zero(t, lost)
}

// A backlog that filled to its bound between two flushes still gets its
// slice back: under an echo at loopback speed with a slow flush, refusing it
// grew a new slice of thousands of log entries each flush (86 MB of garbage
// in a 3-round bench run, docs/benchmarks.md).
func TestBacklogReusesAFullSlice(t *testing.T) {
	const keep = 1000
	b := newBacklog[int](keep)
	for i := range 2*keep - 1 {
		b.add(i) // one at a time, as events come: append grows the slice past 2*keep
	}
	full, _ := b.take()
	require.Greater(t, cap(full), 2*keep-1)
	b.reuse(full)
	b.add(1) // fills the other slice, new
	other, _ := b.take()
	b.reuse(other)
	b.add(2) // fills the full one given back
	again, _ := b.take()
	require.Len(t, again, 1)
	assert.Equal(t, cap(full), cap(again), "the full slice came back")
	assert.Same(t, &full[:1][0], &again[0])
}
