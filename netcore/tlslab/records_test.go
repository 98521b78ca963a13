package tlslab

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestRecordReaderFollowsRecordsAcrossChunks(t *testing.T) {
	var r RecordReader
	// A handshake record of 6 bytes cut after 2, then an alert and the
	// start of application data in the next chunk.
	first := []byte{22, 3, 1, 0, 6, 1, 2}
	assert.Equal(t, "handshake 6 B", r.Describe(first))
	second := []byte{3, 4, 5, 6, 21, 3, 3, 0, 2, 1, 0, 23, 3, 3, 0, 40, 9}
	assert.Equal(t, "rest of a record 4 B, alert 2 B, application data (encrypted) 40 B", r.Describe(second))
	assert.Equal(t, "rest of a record 3 B", r.Describe([]byte{1, 2, 3}))
}

func TestRecordReaderSaysPlainBytesAreNotTLS(t *testing.T) {
	var r RecordReader
	assert.Equal(t, "not TLS records", r.Describe([]byte("hello\n")))
	assert.Equal(t, "not TLS records", r.Describe([]byte{22, 3, 3, 0, 1, 0}), "once lost, it stays lost")
	var cut RecordReader
	assert.Equal(t, "part of a record header", cut.Describe([]byte{23, 3}))
}
