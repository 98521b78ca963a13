package netcore

import (
	"fmt"
	"net"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func kalahFrom(pits [14]int, turn int) *Kalah { return &Kalah{pits: pits, turn: turn} }

func total(k *Kalah) int {
	n := 0
	for _, p := range k.pits {
		n += p
	}
	return n
}

func TestKalahOpeningMoveEarnsAnotherTurn(t *testing.T) {
	k := NewKalah(0)
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
	k := kalahFrom([14]int{0, 0, 0, 0, 0, 10, 0, 1, 1, 1, 1, 1, 1, 5}, 0)
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
	k := kalahFrom([14]int{2, 1, 0, 1, 1, 1, 0, 1, 1, 1, 7, 1, 1, 0}, 0)
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
	k := kalahFrom([14]int{0, 0, 0, 0, 0, 1, 20, 3, 0, 0, 0, 2, 0, 10}, 0)
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
		k := NewKalah(g % 2)
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
	k := NewKalah(0)
	k.Move(0, 3)
	lines := k.Lines(0)
	assert.Equal(t, "    [ 4][ 4][ 4][ 4][ 4][ 4]", lines[1])
	assert.Equal(t, "[ 0]                        [ 1]", lines[2])
	assert.Equal(t, "    [ 4][ 4][ 0][ 5][ 5][ 5]", lines[3])
	assert.Equal(t, "board 4 4 0 5 5 5 1 4 4 4 4 4 4 0", lines[5])
	assert.Equal(t, "board 4 4 4 4 4 4 0 4 4 0 5 5 5 1", k.Lines(1)[5], "each player sees their own row first")
}

// readUntil reads lines until one has the prefix and returns all of them.
func (c *rawClient) readUntil(prefix string) []string {
	c.t.Helper()
	var lines []string
	for {
		l := c.line()
		lines = append(lines, l)
		if strings.HasPrefix(l, prefix) {
			return lines
		}
	}
}

func TestMancalaOverTheWire(t *testing.T) {
	ts := startServer(t, "127.0.0.1", NewConfig("mancala"))
	a := dialRaw(t, "tcp", ts.addr)
	assert.Equal(t, "waiting for an opponent\n", a.line())
	a.send("3\n")
	assert.Equal(t, "still waiting for an opponent\n", a.line())
	b := dialRaw(t, "tcp", ts.addr)
	assert.Equal(t, "matched with "+b.nc.LocalAddr().String()+": you move first\n", a.line())
	assert.Equal(t, "matched with "+a.nc.LocalAddr().String()+": they move first\n", b.line())
	assert.Contains(t, a.readUntil("your turn"), "board 4 4 4 4 4 4 0 4 4 4 4 4 4 0\n")
	b.readUntil("their turn")

	b.send("1\n")
	assert.Equal(t, "not your turn: waiting for your opponent\n", b.line())
	a.send("3\n")
	assert.Equal(t, "last stone in your store: you move again\n", a.line())
	assert.Contains(t, a.readUntil("your turn"), "board 4 4 0 5 5 5 1 4 4 4 4 4 4 0\n")
	assert.Contains(t, b.readUntil("their turn"), "board 4 4 4 4 4 4 0 4 4 0 5 5 5 1\n")
	a.send("seven\n")
	assert.Equal(t, "please send a pit number from 1 to 6\n", a.line())
	a.send("3\n")
	assert.Equal(t, "pit 3 is empty: pick another\n", a.line())
	a.send("1\n")
	a.readUntil("their turn")
	b.readUntil("your turn")

	a.nc.Close()
	assert.Equal(t, "your opponent left\n", b.line())
	assert.Equal(t, "waiting for an opponent\n", b.line())
	c := dialRaw(t, "tcp", ts.addr)
	assert.Equal(t, "matched with "+c.nc.LocalAddr().String()+": you move first\n", b.line(), "the one left behind is paired again")
}

func TestMancalaFullGameOverTheWire(t *testing.T) {
	ts := startServer(t, "127.0.0.1", NewConfig("mancala"))
	first := dialRaw(t, "tcp", ts.addr)
	assert.Equal(t, "waiting for an opponent\n", first.line(), "seated first, so moves first")
	players := []*rawClient{first, dialRaw(t, "tcp", ts.addr)}
	players[0].readUntil("your turn")
	players[1].readUntil("their turn")
	// Mirror the server's game locally and always play the first legal pit.
	k := NewKalah(0)
	for !k.Over() {
		p := k.Turn()
		pit := 1
		for k.Pit(p, pit) == 0 {
			pit++
		}
		players[p].send(fmt.Sprintf("%d\n", pit))
		again, err := k.Move(p, pit)
		require.NoError(t, err)
		if again {
			assert.Equal(t, "last stone in your store: you move again\n", players[p].line())
		}
		if k.Over() {
			break
		}
		players[k.Turn()].readUntil("your turn")
		players[1-k.Turn()].readUntil("their turn")
	}
	end := players[0].readUntil("game over")
	last := end[len(end)-1]
	mine, theirs := k.Store(0), k.Store(1)
	switch {
	case mine > theirs:
		assert.Equal(t, fmt.Sprintf("game over: you win %d to %d\n", mine, theirs), last)
	case mine < theirs:
		assert.Equal(t, fmt.Sprintf("game over: you lose %d to %d\n", mine, theirs), last)
	default:
		assert.Equal(t, fmt.Sprintf("game over: draw %d to %d\n", mine, theirs), last)
	}
	assert.Equal(t, "new game\n", players[0].line())
	assert.Contains(t, players[0].readUntil("their turn"), "board 4 4 4 4 4 4 0 4 4 4 4 4 4 0\n", "the second game starts with the other player")
}

func TestDuelTwoPlayers(t *testing.T) {
	forEachLoopback(t, func(t *testing.T, host string) {
		ts := startServer(t, host, NewConfig("duel"))
		a := dialRaw(t, "tcp", ts.addr)
		assert.Equal(t, "waiting for an opponent\n", a.line())
		b := dialRaw(t, "tcp", ts.addr)
		assert.Equal(t, "matched with "+b.nc.LocalAddr().String()+": send rock, paper or scissors\n", a.line())
		assert.Equal(t, "matched with "+a.nc.LocalAddr().String()+": send rock, paper or scissors\n", b.line())

		assert.Equal(t, "you chose rock: waiting for your opponent\n", a.ask("R", "\n"))
		b.send("scissors\n")
		assert.Equal(t, "you win: rock beats scissors (you 1, them 0)\n", a.line())
		assert.Equal(t, "you lose: rock beats scissors (you 0, them 1)\n", b.line())

		assert.Equal(t, "please send rock, paper or scissors\n", b.ask("spock", "\n"))
		b.send("p\n")
		assert.Equal(t, "you chose paper: waiting for your opponent\n", b.line())
		a.send("paper\n")
		assert.Equal(t, "draw: both chose paper (you 1, them 0)\n", a.line())
		assert.Equal(t, "draw: both chose paper (you 0, them 1)\n", b.line())

		var third *rawClient
		b.reset()
		assert.Equal(t, "your opponent left\n", a.line())
		assert.Equal(t, "waiting for an opponent\n", a.line())
		third = dialRaw(t, "tcp", ts.addr)
		assert.Equal(t, "matched with "+third.nc.LocalAddr().String()+": send rock, paper or scissors\n", a.line())
		_ = net.IPv4len
	})
}
