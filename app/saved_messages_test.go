package app

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/socketlab/socketlab/netcore"
)

func TestSavedMessageWire(t *testing.T) {
	for _, tc := range []struct {
		m    savedMessage
		n    int
		want string
	}{
		{savedMessage{Name: "a", Text: "hello {n}", Mode: "text"}, 37, "hello 37\n"},
		{savedMessage{Name: "a", Text: "", Mode: "text"}, 1, "\n"},
		{savedMessage{Name: "a", Text: `#{n}\r\n`, Mode: "escapes"}, 2, "#2\r\n"},
		{savedMessage{Name: "a", Text: "48 69 {n} 0a", Mode: "hex"}, 100, "Hi100\n"},
		{savedMessage{Name: "a", Text: "{n}", Mode: "hex"}, 5, "5"},
	} {
		got, err := tc.m.wire(tc.n)
		if err != nil || string(got) != tc.want {
			t.Errorf("%+v #%d = %q, %v; want %q", tc.m, tc.n, got, err, tc.want)
		}
	}
}

// A mistake after a placeholder points into the whole text, as typed.
func TestSavedMessageErrorsPointIntoTheText(t *testing.T) {
	_, err := savedMessage{Name: "a", Text: `{n}ab\q`, Mode: "escapes"}.wire(1)
	var re *netcore.RawError
	require.True(t, errors.As(err, &re), "%v", err)
	assert.Equal(t, 6, re.Pos)
	_, err = savedMessage{Name: "a", Text: "", Mode: "hex"}.wire(1)
	assert.ErrorIs(t, err, netcore.ErrRawEmpty)
}

func TestSavedMessageCheck(t *testing.T) {
	for _, tc := range []struct {
		m    savedMessage
		says string
	}{
		{savedMessage{Name: " ", Text: "x", Mode: "text"}, "needs a name"},
		{savedMessage{Name: strings.Repeat("n", maxSavedName+1), Text: "x", Mode: "text"}, "longer than 40 characters"},
		{savedMessage{Name: "bell\a", Text: "x", Mode: "text"}, `"bell\\x07" holds control characters`},
		{savedMessage{Name: "big", Text: strings.Repeat("x", maxSavedText+1), Mode: "text"}, "longer than 4096 bytes"},
		{savedMessage{Name: "m", Text: "x", Mode: "binary"}, "use text, escapes or hex"},
		{savedMessage{Name: "h", Text: "4", Mode: "hex"}, `"h": at character 1: '4' is half a byte`},
	} {
		err := tc.m.check()
		if err == nil || !strings.Contains(err.Error(), tc.says) {
			t.Errorf("%q: %v; want it to say %q", tc.m.Name, err, tc.says)
		}
	}
}

func TestSavedFileRoundTripAndRefusals(t *testing.T) {
	msgs := []savedMessage{
		{Name: "login", Text: "USER ann", Mode: "text"},
		{Name: "split", Text: `HE\x00LLO`, Mode: "escapes"},
		{Name: "crlf", Text: "0d 0a", Mode: "hex"},
	}
	var b bytes.Buffer
	require.NoError(t, encodeSaved(&b, msgs))
	assert.Contains(t, b.String(), `"format": "socketlab-saved-messages"`)
	back, err := decodeSaved(&b)
	require.NoError(t, err)
	assert.Equal(t, msgs, back)

	for _, tc := range []struct{ file, says string }{
		{`not json`, "not a saved-messages file"},
		{`{"format":"other","version":1,"messages":[]}`, `its format is "other"`},
		{`{"format":"socketlab-saved-messages","version":2,"messages":[]}`, "version 2"},
		{`{"format":"socketlab-saved-messages","version":1,"messages":[{"name":"a","text":"zz","mode":"hex"}]}`, "message 1: \"a\": at character 1"},
		{strings.Repeat(" ", maxSavedFileSize+1), "larger than 1024 KiB"},
	} {
		_, err := decodeSaved(strings.NewReader(tc.file))
		if err == nil || !strings.Contains(err.Error(), tc.says) {
			t.Errorf("%.40q: %v; want it to say %q", tc.file, err, tc.says)
		}
	}
	var many bytes.Buffer
	require.NoError(t, encodeSaved(&many, make([]savedMessage, maxSaved+1)))
	_, err = decodeSaved(&many)
	assert.ErrorContains(t, err, "at most 50")
}

func TestMergeSaved(t *testing.T) {
	list := []savedMessage{{Name: "a", Text: "1", Mode: "text"}, {Name: "b", Text: "2", Mode: "text"}}
	merged, replaced, err := mergeSaved(list, []savedMessage{{Name: "b", Text: "new", Mode: "text"}, {Name: "c", Text: "3", Mode: "text"}})
	require.NoError(t, err)
	assert.Equal(t, 1, replaced)
	assert.Equal(t, []savedMessage{{Name: "a", Text: "1", Mode: "text"}, {Name: "b", Text: "new", Mode: "text"}, {Name: "c", Text: "3", Mode: "text"}}, merged)
	assert.Equal(t, "2", list[1].Text, "the list merged into is not changed")

	full := make([]savedMessage, maxSaved)
	for i := range full {
		full[i] = savedMessage{Name: strings.Repeat("x", i+1), Mode: "text"}
	}
	_, _, err = mergeSaved(full, []savedMessage{{Name: "one more", Mode: "text"}})
	assert.ErrorContains(t, err, "at most 50 messages")
}
