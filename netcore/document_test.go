package netcore_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/socketlab/socketlab/netcore"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestReadDocumentBoundsAndText(t *testing.T) {
	text, err := netcore.ReadDocument(strings.NewReader("equals a => b\n"), 14)
	require.NoError(t, err)
	assert.Equal(t, "equals a => b\n", text)
	_, err = netcore.ReadDocument(strings.NewReader(strings.Repeat("x", 15)), 14)
	assert.ErrorContains(t, err, "over 14 bytes")
	_, err = netcore.ReadDocument(strings.NewReader("a\x00b"), 0)
	assert.ErrorContains(t, err, "not a text file")
	_, err = netcore.ReadDocument(strings.NewReader("caf\xe9"), 0)
	assert.ErrorContains(t, err, "not a text file")
}

func TestErrorLineFindsTheLine(t *testing.T) {
	err := fmt.Errorf("start: %w", &netcore.LineError{What: "rules", Line: 7, Err: errors.New("no pattern")})
	assert.Equal(t, 7, netcore.ErrorLine(err))
	assert.Equal(t, "start: rules line 7: no pattern", err.Error())
	assert.Equal(t, 0, netcore.ErrorLine(errors.New("plain")))
}

func TestDocumentSettingCheck(t *testing.T) {
	st := netcore.Setting{Label: "Rules", Kind: netcore.SettingDocument, MaxBytes: 5,
		Validate: func(s string) error {
			if s != "ok" {
				return errors.New("not ok")
			}
			return nil
		}}
	v, err := st.Check("ok")
	require.NoError(t, err)
	assert.Equal(t, "ok", v)
	_, err = st.Check("nope")
	assert.EqualError(t, err, "not ok")
	_, err = st.Check("toolong")
	assert.EqualError(t, err, "the rules are 7 bytes; at most 5")
}
