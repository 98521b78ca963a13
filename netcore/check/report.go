// Package check is Socket Lab as the partner that tells a student what is
// wrong with the server (or client) they wrote: each demo registers rules
// (one file per demo) that dial a server, talk its protocol and judge the
// replies. Results carry stable rule IDs and note codes plus the values
// seen, never finished sentences, so a front end can translate them; the
// English sentences live in texts.go.
package check

import "time"

// Status is a rule's verdict.
type Status string

const (
	Pass   Status = "pass"   // ✓ the rule holds
	Fail   Status = "fail"   // ✗ a must-rule does not hold
	Remark Status = "remark" // ! worth knowing, not a failure
)

// Symbol is how a terminal or the app shows the status.
func (s Status) Symbol() string {
	switch s {
	case Pass:
		return "✓"
	case Fail:
		return "✗"
	}
	return "!"
}

// Result is one rule's outcome. Sent and Got are the bytes on the wire,
// quoted (strconv.Quote: control characters escaped, framing visible), so
// network text never reaches a terminal raw.
type Result struct {
	Rule   string            `json:"rule"`
	Must   bool              `json:"must"`
	Status Status            `json:"status"`
	Note   string            `json:"note,omitempty"` // a key of notes (texts.go)
	Args   map[string]string `json:"args,omitempty"` // the note's values
	Sent   string            `json:"sent,omitempty"`
	Got    string            `json:"got,omitempty"`
}

// Report is every rule's result for one server.
type Report struct {
	Demo    string        `json:"demo"`
	Addr    string        `json:"addr"`
	Results []Result      `json:"results"`
	Took    time.Duration `json:"took_ns"`
	// TLSFingerprint is the certificate the server showed in a TLS check
	// (Options.TLS), which the user compares with the server's screen
	// unless TLSChecked says it was the one expected.
	TLSFingerprint string `json:"tls_fingerprint,omitempty"`
	TLSChecked     bool   `json:"tls_checked,omitempty"`
}

// Failed reports whether a must-rule failed.
func (r Report) Failed() bool {
	for _, res := range r.Results {
		if res.Status == Fail {
			return true
		}
	}
	return false
}

// Count returns how many results have status s.
func (r Report) Count(s Status) int {
	n := 0
	for _, res := range r.Results {
		if res.Status == s {
			n++
		}
	}
	return n
}
