package kalah

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func gameFrom(pits [14]int, turn int) *Game { return &Game{pits: pits, turn: turn} }

func total(k *Game) int {
	n := 0
	for _, p := range k.pits {
		n += p
	}
	return n
}

func TestKalahOpeningMoveEarnsAnotherTurn(t *testing.T) {
	k := New(0)
	// Pit 3 holds 4 stones: 4, 5, 6 and the store.
	again, err := k.Move(0, 3)
	require.NoError(t, err)
	assert.True(t, again)
	assert.Equal(t, 0, k.Turn())
	assert.Equal(t, [14]int{4, 4, 0, 5, 5, 5, 1, 4, 4, 4, 4, 4, 4, 0}, k.pits)
	again, err = k.Move(0, 1)
	require.NoError(t, err)
	assert.False(t, again)
	assert.Equal(t, 1, k.Turn())
	_, err = k.Move(0, 2)
	assert.ErrorIs(t, err, ErrNotYourTurn)
	_, err = k.Move(1, 7)
	assert.ErrorIs(t, err, ErrBadPit)
}

func TestKalahSkipsTheOpponentsStore(t *testing.T) {
	k := gameFrom([14]int{0, 0, 0, 0, 0, 10, 0, 1, 1, 1, 1, 1, 1, 5}, 0)
	_, err := k.Move(0, 6)
	require.NoError(t, err)
	// 10 stones from pit 6: store, their 6 pits, (skip their store), my
	// pits 1–3; pit 3 was empty, so it captures the 2 stones opposite.
	assert.Equal(t, [14]int{1, 1, 0, 0, 0, 0, 4, 2, 2, 2, 0, 2, 2, 5}, k.pits)
	assert.Equal(t, 21, total(k), "no stone lost or made")
}

func TestKalahCapture(t *testing.T) {
	// Player 0 sows pit 1 (2 stones) into pits 2 and 3; pit 3 was empty and
	// player 1's pit opposite (their pit 4, index 10) holds 7.
	k := gameFrom([14]int{2, 1, 0, 1, 1, 1, 0, 1, 1, 1, 7, 1, 1, 0}, 0)
	again, err := k.Move(0, 1)
	require.NoError(t, err)
	assert.False(t, again)
	assert.Equal(t, 8, k.Store(0), "the last stone and the 7 opposite")
	assert.Equal(t, 0, k.Pit(0, 3))
	assert.Equal(t, 0, k.Pit(1, 4))
	_, err = k.Move(1, 4)
	assert.ErrorIs(t, err, ErrEmptyPit)
}

func TestKalahEndSweepsTheRest(t *testing.T) {
	k := gameFrom([14]int{0, 0, 0, 0, 0, 1, 20, 3, 0, 0, 0, 2, 0, 10}, 0)
	_, err := k.Move(0, 6)
	require.NoError(t, err)
	assert.True(t, k.Over())
	assert.Equal(t, 21, k.Store(0))
	assert.Equal(t, 15, k.Store(1), "the other row goes to its owner's store")
	_, err = k.Move(0, 1)
	assert.ErrorIs(t, err, ErrGameOver)
}

func TestKalahRandomGamesKeepEveryStone(t *testing.T) {
	for g := 0; g < 200; g++ {
		k := New(g % 2)
		for moves := 0; !k.Over(); moves++ {
			require.Less(t, moves, 1000)
			pit := 1 + (g*7+moves*5)%6
			for k.Pit(k.Turn(), pit) == 0 {
				pit = pit%6 + 1
			}
			_, err := k.Move(k.Turn(), pit)
			require.NoError(t, err)
			require.Equal(t, 48, total(k))
		}
	}
}

func TestKalahBoardText(t *testing.T) {
	k := New(0)
	k.Move(0, 3)
	lines := k.Lines(0)
	assert.Equal(t, "    [ 4][ 4][ 4][ 4][ 4][ 4]", lines[1])
	assert.Equal(t, "[ 0]                        [ 1]", lines[2])
	assert.Equal(t, "    [ 4][ 4][ 0][ 5][ 5][ 5]", lines[3])
	assert.Equal(t, "board 4 4 0 5 5 5 1 4 4 4 4 4 4 0", lines[5])
	assert.Equal(t, "board 4 4 4 4 4 4 0 4 4 0 5 5 5 1", k.Lines(1)[5], "each player sees their own row first")
}
