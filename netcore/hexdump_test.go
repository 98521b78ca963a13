package netcore

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestHexDump(t *testing.T) {
	assert.Equal(t, "68 69 0d 0a 00  hi...", HexDump([]byte("hi\r\n\x00"), 16))
	assert.Equal(t, "61 62 …  ab", HexDump([]byte("abc"), 2))
}
