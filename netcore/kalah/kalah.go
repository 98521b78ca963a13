package kalah

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// Game is one game of Kalah, the mancala variant taught most often: two rows
// of six pits with four stones each and a store per player. Stones are sown counter-clockwise,
// skipping the opponent's store; the last stone in your own store earns
// another turn; the last stone in an empty pit of your own row captures it
// and the stones opposite. When one row is empty the other player banks the
// rest and the bigger store wins.
type Game struct {
	// pits[0..5] are player 0's pits 1–6, pits[6] its store,
	// pits[7..12] player 1's pits 1–6, pits[13] its store.
	pits [14]int
	turn int // whose move: 0 or 1
	done bool
}

const (
	pitsPerRow   = 6
	stonesPerPit = 4
)

// New sets up the board with first to move.
func New(first int) *Game {
	k := &Game{turn: first}
	for i := range k.pits {
		if i != storeOf(0) && i != storeOf(1) {
			k.pits[i] = stonesPerPit
		}
	}
	return k
}

func storeOf(player int) int { return player*7 + 6 }

// Turn is whose move it is.
func (k *Game) Turn() int { return k.turn }

// Over reports whether the game has ended.
func (k *Game) Over() bool { return k.done }

// Store is a player's store.
func (k *Game) Store(player int) int { return k.pits[storeOf(player)] }

// Pit is the number of stones in a player's pit 1–6.
func (k *Game) Pit(player, pit int) int { return k.pits[player*7+pit-1] }

// Move errors, worded for the player.
var (
	ErrNotYourTurn = errors.New("not your turn")
	ErrEmptyPit    = errors.New("that pit is empty: pick another")
	ErrBadPit      = errors.New("please send a pit number from 1 to 6")
	ErrGameOver    = errors.New("the game is over")
)

// Move sows the stones of player's pit (1–6). It reports whether the
// player moves again.
func (k *Game) Move(player, pit int) (again bool, err error) {
	switch {
	case k.done:
		return false, ErrGameOver
	case player != k.turn:
		return false, ErrNotYourTurn
	case pit < 1 || pit > pitsPerRow:
		return false, ErrBadPit
	}
	i := player*7 + pit - 1
	stones := k.pits[i]
	if stones == 0 {
		return false, ErrEmptyPit
	}
	k.pits[i] = 0
	for stones > 0 {
		i = (i + 1) % 14
		if i == storeOf(1-player) {
			continue
		}
		k.pits[i]++
		stones--
	}
	mine := i >= player*7 && i < player*7+pitsPerRow
	if mine && k.pits[i] == 1 {
		if opposite := 12 - i; k.pits[opposite] > 0 {
			k.pits[storeOf(player)] += k.pits[opposite] + 1
			k.pits[opposite], k.pits[i] = 0, 0
		}
	}
	again = i == storeOf(player)
	if k.rowEmpty(0) || k.rowEmpty(1) {
		for p := 0; p < 2; p++ {
			for j := p * 7; j < p*7+pitsPerRow; j++ {
				k.pits[storeOf(p)] += k.pits[j]
				k.pits[j] = 0
			}
		}
		k.done = true
		return false, nil
	}
	if !again {
		k.turn = 1 - player
	}
	return again, nil
}

func (k *Game) rowEmpty(player int) bool {
	for j := player * 7; j < player*7+pitsPerRow; j++ {
		if k.pits[j] > 0 {
			return false
		}
	}
	return true
}

// BoardLine starts the last line of Lines, the one for programs.
const BoardLine = "board"

// Lines draws the board as player sees it: the opponent's row on top, read
// right to left, your row below, your store on the right. The last line is
// for programs: "board" then your pits 1–6 and store, then theirs.
func (k *Game) Lines(player int) []string {
	opp := 1 - player
	cell := func(n int) string { return fmt.Sprintf("[%2d]", n) }
	var top, bottom strings.Builder
	for pit := pitsPerRow; pit >= 1; pit-- {
		top.WriteString(cell(k.Pit(opp, pit)))
	}
	for pit := 1; pit <= pitsPerRow; pit++ {
		bottom.WriteString(cell(k.Pit(player, pit)))
	}
	state := []string{BoardLine}
	for _, p := range []int{player, opp} {
		for pit := 1; pit <= pitsPerRow; pit++ {
			state = append(state, strconv.Itoa(k.Pit(p, pit)))
		}
		state = append(state, strconv.Itoa(k.Store(p)))
	}
	return []string{
		"      6   5   4   3   2   1     their pits",
		"    " + top.String(),
		cell(k.Store(opp)) + strings.Repeat(" ", 24) + cell(k.Store(player)),
		"    " + bottom.String(),
		"      1   2   3   4   5   6     your pits",
		strings.Join(state, " "),
	}
}
