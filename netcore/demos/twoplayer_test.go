package demos_test

import (
	"fmt"
	"net"
	"testing"

	"github.com/socketlab/socketlab/netcore/internal/nettest"
	"github.com/socketlab/socketlab/netcore/kalah"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestMancalaOverTheWire(t *testing.T) {
	ts := nettest.StartServer(t, "127.0.0.1", nettest.Config(t, "mancala", nil))
	a := nettest.DialRaw(t, "tcp", ts.HostPort)
	assert.Equal(t, "waiting for an opponent\n", a.Line())
	a.Send("3\n")
	assert.Equal(t, "still waiting for an opponent\n", a.Line())
	b := nettest.DialRaw(t, "tcp", ts.HostPort)
	assert.Equal(t, "matched with "+b.Conn.LocalAddr().String()+": you move first\n", a.Line())
	assert.Equal(t, "matched with "+a.Conn.LocalAddr().String()+": they move first\n", b.Line())
	assert.Contains(t, a.ReadUntil("your turn"), "board 4 4 4 4 4 4 0 4 4 4 4 4 4 0\n")
	b.ReadUntil("their turn")

	b.Send("1\n")
	assert.Equal(t, "not your turn: waiting for your opponent\n", b.Line())
	a.Send("3\n")
	assert.Equal(t, "last stone in your store: you move again\n", a.Line())
	assert.Contains(t, a.ReadUntil("your turn"), "board 4 4 0 5 5 5 1 4 4 4 4 4 4 0\n")
	assert.Contains(t, b.ReadUntil("their turn"), "board 4 4 4 4 4 4 0 4 4 0 5 5 5 1\n")
	a.Send("seven\n")
	assert.Equal(t, "please send a pit number from 1 to 6\n", a.Line())
	a.Send("3\n")
	assert.Equal(t, "pit 3 is empty: pick another\n", a.Line())
	a.Send("1\n")
	a.ReadUntil("their turn")
	b.ReadUntil("your turn")

	a.Conn.Close()
	assert.Equal(t, "your opponent left\n", b.Line())
	assert.Equal(t, "waiting for an opponent\n", b.Line())
	c := nettest.DialRaw(t, "tcp", ts.HostPort)
	assert.Equal(t, "matched with "+c.Conn.LocalAddr().String()+": you move first\n", b.Line(), "the one left behind is paired again")
}

func TestMancalaFullGameOverTheWire(t *testing.T) {
	ts := nettest.StartServer(t, "127.0.0.1", nettest.Config(t, "mancala", nil))
	first := nettest.DialRaw(t, "tcp", ts.HostPort)
	assert.Equal(t, "waiting for an opponent\n", first.Line(), "seated first, so moves first")
	players := []*nettest.Raw{first, nettest.DialRaw(t, "tcp", ts.HostPort)}
	players[0].ReadUntil("your turn")
	players[1].ReadUntil("their turn")
	// Mirror the server's game locally and always play the first legal pit.
	k := kalah.New(0)
	for !k.Over() {
		p := k.Turn()
		pit := 1
		for k.Pit(p, pit) == 0 {
			pit++
		}
		players[p].Send(fmt.Sprintf("%d\n", pit))
		again, err := k.Move(p, pit)
		require.NoError(t, err)
		if again {
			assert.Equal(t, "last stone in your store: you move again\n", players[p].Line())
		}
		if k.Over() {
			break
		}
		players[k.Turn()].ReadUntil("your turn")
		players[1-k.Turn()].ReadUntil("their turn")
	}
	end := players[0].ReadUntil("game over")
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
	assert.Equal(t, "new game\n", players[0].Line())
	assert.Contains(t, players[0].ReadUntil("their turn"), "board 4 4 4 4 4 4 0 4 4 4 4 4 4 0\n", "the second game starts with the other player")
}

func TestDuelTwoPlayers(t *testing.T) {
	nettest.ForEachLoopback(t, func(t *testing.T, host string) {
		ts := nettest.StartServer(t, host, nettest.Config(t, "duel", nil))
		a := nettest.DialRaw(t, "tcp", ts.HostPort)
		assert.Equal(t, "waiting for an opponent\n", a.Line())
		b := nettest.DialRaw(t, "tcp", ts.HostPort)
		assert.Equal(t, "matched with "+b.Conn.LocalAddr().String()+": send rock, paper or scissors\n", a.Line())
		assert.Equal(t, "matched with "+a.Conn.LocalAddr().String()+": send rock, paper or scissors\n", b.Line())

		assert.Equal(t, "you chose rock: waiting for your opponent\n", a.Ask("R", "\n"))
		b.Send("scissors\n")
		assert.Equal(t, "you win: rock beats scissors (you 1, them 0)\n", a.Line())
		assert.Equal(t, "you lose: rock beats scissors (you 0, them 1)\n", b.Line())

		assert.Equal(t, "please send rock, paper or scissors\n", b.Ask("spock", "\n"))
		b.Send("p\n")
		assert.Equal(t, "you chose paper: waiting for your opponent\n", b.Line())
		a.Send("paper\n")
		assert.Equal(t, "draw: both chose paper (you 1, them 0)\n", a.Line())
		assert.Equal(t, "draw: both chose paper (you 0, them 1)\n", b.Line())

		var third *nettest.Raw
		b.Reset()
		assert.Equal(t, "your opponent left\n", a.Line())
		assert.Equal(t, "waiting for an opponent\n", a.Line())
		third = nettest.DialRaw(t, "tcp", ts.HostPort)
		assert.Equal(t, "matched with "+third.Conn.LocalAddr().String()+": send rock, paper or scissors\n", a.Line())
		_ = net.IPv4len
	})
}
