package tlslab

import (
	"fmt"
	"strings"
)

// Reading the bytes a wire tap kept as TLS records, for the hex views'
// "TLS records" toggle: the class sees a handshake, then only "application
// data" records whose bytes say nothing, where the demo saw plain text.

// recordHeader is a TLS record's header: type, version (2), length (2).
const recordHeader = 5

// maxRecord is the largest record body TLS allows (2^14 plus expansion).
const maxRecord = 1<<14 + 2048

// RecordTypeName names a record's content type as RFC 8446 does.
func RecordTypeName(t byte) string {
	switch t {
	case 20:
		return "change cipher spec"
	case 21:
		return "alert"
	case 22:
		return "handshake"
	case 23:
		return "application data (encrypted)"
	case 24:
		return "heartbeat"
	}
	return fmt.Sprintf("type %d", t)
}

// RecordReader follows one direction of a connection through the chunks a
// wire tap recorded: a record may span chunks, and a chunk may hold many.
// Use one per direction, fed in order.
type RecordReader struct {
	left int // bytes of a record that began in an earlier chunk
	lost bool
}

// Describe says which records chunk holds, e.g. "handshake 122 B,
// change cipher spec 1 B". Bytes that cannot be a record (a plain
// connection, or a stream whose start the tap let go) read "not TLS
// records", and the reader stops trying: one direction is either TLS or not.
func (r *RecordReader) Describe(chunk []byte) string {
	if r.lost {
		return "not TLS records"
	}
	var parts []string
	if r.left > 0 {
		n := min(r.left, len(chunk))
		parts = append(parts, fmt.Sprintf("rest of a record %d B", n))
		r.left -= n
		chunk = chunk[n:]
	}
	for len(chunk) > 0 {
		if len(chunk) < recordHeader {
			// A header cut by the chunk's end: rare enough to say so
			// and stop following, rather than carry half a header.
			r.lost = true
			parts = append(parts, "part of a record header")
			break
		}
		typ, major, size := chunk[0], chunk[1], int(chunk[3])<<8|int(chunk[4])
		if typ < 20 || typ > 24 || major != 3 || size > maxRecord {
			r.lost = true
			parts = append(parts, "not TLS records")
			break
		}
		parts = append(parts, fmt.Sprintf("%s %d B", RecordTypeName(typ), size))
		body := min(size, len(chunk)-recordHeader)
		r.left = size - body
		chunk = chunk[recordHeader+body:]
	}
	return strings.Join(parts, ", ")
}
