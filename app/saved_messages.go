package app

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/socketlab/socketlab/app/i18n"

	"github.com/socketlab/socketlab/netcore"
)

// Saved messages: named texts a student (or a teacher, for a whole class)
// sends again with one click or Ctrl+1…9, kept in the preferences and
// handed round as a small JSON file (format in docs/saved-messages.md).
// This file is the data: the file format, its limits, and the bytes a
// message stands for. The widgets are in saved_view.go.

const (
	// savedFormat names the file's kind, so a wrong file is told apart
	// from a broken one.
	savedFormat  = "socketlab-saved-messages"
	savedVersion = 1

	maxSaved         = 50   // messages kept
	maxSavedName     = 40   // characters in a name
	maxSavedText     = 4096 // bytes in a message's text
	maxSavedFileSize = 1 << 20

	// counterPlaceholder is replaced by 1, 2, 3… as a message is repeated
	// (1 when it is sent once).
	counterPlaceholder = "{n}"

	prefClientSaved = "client.saved"
)

// savedMessage is one saved message. Mode is a netcore.RawMode name: text
// is sent as a line (a newline added), escapes and hex exactly as written.
type savedMessage struct {
	Name string `json:"name"`
	Text string `json:"text"`
	Mode string `json:"mode"`
}

// savedFile is the exported file and the preference's value.
type savedFile struct {
	Format   string         `json:"format"`
	Version  int            `json:"version"`
	Messages []savedMessage `json:"messages"`
}

// check says what is wrong with a message, in words for the student.
func (m savedMessage) check() error {
	name := strings.TrimSpace(m.Name)
	switch {
	case name == "":
		return errors.New(i18n.T("client.saved.error.noname"))
	case utf8.RuneCountInString(name) > maxSavedName:
		return errors.New(i18n.T("client.saved.error.namelong", map[string]any{"Name": strconv.Quote(name), "Max": maxSavedName}))
	case netcore.HasHidden(name):
		return errors.New(i18n.T("client.saved.error.namecontrol", map[string]any{"Name": strconv.Quote(netcore.Escape(name))}))
	case len(m.Text) > maxSavedText:
		return errors.New(i18n.T("client.saved.error.textlong", map[string]any{"Name": strconv.Quote(name), "Max": maxSavedText}))
	}
	if _, err := m.wire(1); err != nil {
		return fmt.Errorf("%q: %w", name, err)
	}
	return nil
}

// wire is the bytes the message stands for as its n-th send: {n} becomes
// n in decimal digits, in every mode ("48 69 {n} 0a" in hex is "Hi", the
// digits, "\n"), and the rest is read in the message's mode.
func (m savedMessage) wire(n int) ([]byte, error) {
	mode, err := netcore.ParseRawMode(m.Mode)
	if err != nil {
		return nil, err
	}
	count := strconv.Itoa(n)
	if mode == netcore.RawText {
		return []byte(strings.ReplaceAll(m.Text, counterPlaceholder, count) + "\n"), nil
	}
	var out []byte
	offset := 0 // characters before the part, so errors point into the whole text
	for i, part := range strings.Split(m.Text, counterPlaceholder) {
		if i > 0 {
			out = append(out, count...)
			offset += utf8.RuneCountInString(counterPlaceholder)
		}
		b, err := netcore.ParseRaw(mode, part)
		var re *netcore.RawError
		switch {
		case errors.As(err, &re):
			return nil, &netcore.RawError{Pos: re.Pos + offset, Msg: re.Msg}
		case err != nil && !errors.Is(err, netcore.ErrRawEmpty):
			return nil, err
		}
		out = append(out, b...)
		offset += utf8.RuneCountInString(part)
	}
	if len(out) == 0 {
		return nil, netcore.ErrRawEmpty
	}
	return out, nil
}

// encodeSaved writes messages as the file a teacher hands out.
func encodeSaved(w io.Writer, msgs []savedMessage) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	if msgs == nil {
		msgs = []savedMessage{}
	}
	return enc.Encode(savedFile{Format: savedFormat, Version: savedVersion, Messages: msgs})
}

// decodeSaved reads a saved-messages file, refusing one that is too big,
// of another kind or version, or with a message that could not be sent.
func decodeSaved(r io.Reader) ([]savedMessage, error) {
	data, err := io.ReadAll(io.LimitReader(r, maxSavedFileSize+1))
	if err != nil {
		return nil, err
	}
	if len(data) > maxSavedFileSize {
		return nil, errors.New(i18n.T("client.saved.error.toolarge", map[string]any{"KiB": maxSavedFileSize >> 10}))
	}
	var f savedFile
	if err := json.Unmarshal(data, &f); err != nil {
		return nil, errors.New(i18n.T("client.saved.error.notjson", map[string]any{"Error": err.Error()}))
	}
	switch {
	case f.Format != savedFormat:
		return nil, errors.New(i18n.T("client.saved.error.format", map[string]any{"Format": strconv.Quote(f.Format), "Want": strconv.Quote(savedFormat)}))
	case f.Version != savedVersion:
		return nil, errors.New(i18n.T("client.saved.error.version", map[string]any{"Version": f.Version, "Want": savedVersion}))
	case len(f.Messages) > maxSaved:
		return nil, errors.New(i18n.T("client.saved.error.toomany", map[string]any{"N": len(f.Messages), "Max": maxSaved}))
	}
	for i := range f.Messages {
		f.Messages[i].Name = strings.TrimSpace(f.Messages[i].Name)
		if err := f.Messages[i].check(); err != nil {
			return nil, &wordedError{text: i18n.T("client.saved.error.message", map[string]any{"N": i + 1, "Error": err.Error()}), err: err}
		}
	}
	return f.Messages, nil
}

// mergeSaved adds msgs to list: a message with a name already there takes
// its place, the others go at the end. It refuses to grow past maxSaved.
func mergeSaved(list, msgs []savedMessage) (merged []savedMessage, replaced int, err error) {
	merged = append([]savedMessage(nil), list...)
	for _, m := range msgs {
		if i := indexSaved(merged, m.Name); i >= 0 {
			merged[i] = m
			replaced++
			continue
		}
		if len(merged) == maxSaved {
			return nil, 0, errors.New(i18n.T("client.saved.error.full", map[string]any{"Max": maxSaved}))
		}
		merged = append(merged, m)
	}
	return merged, replaced, nil
}

func indexSaved(list []savedMessage, name string) int {
	for i, m := range list {
		if m.Name == name {
			return i
		}
	}
	return -1
}
