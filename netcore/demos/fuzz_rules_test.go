package demos

import (
	"html"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/socketlab/socketlab/netcore"
)

// FuzzParseRules feeds arbitrary rules files and messages to the rules
// demo: parsing never panics, a refusal names a line of the text (or none,
// for the whole file), the rules setting agrees with the parser, and a
// reply is bounded.
func FuzzParseRules(f *testing.F) {
	f.Add(ExampleRules, "add 2 3")
	f.Add("equals hi => hello\ndefault => ? {message}", "hi")
	f.Add("matches ^(a+)+$ => {1}", strings.Repeat("a", 40)+"!")
	f.Add("matches (\\w+) (\\w+) => {2} {1} {count} {time}", "{1} {message}")
	f.Add("starts with x => {message}{message}{message}", "x"+strings.Repeat("y", 3000))
	f.Add("# only a comment\n\n", "")
	f.Add("equals a => {0}\nmatches ( => x\ndefault => a\ndefault => b", "a")
	f.Add("sounds like x => y\r\n", "\xff")
	setting := rulesInfo.Settings[0]
	now := time.Date(2026, 1, 2, 13, 4, 5, 0, time.UTC)
	f.Fuzz(func(t *testing.T, text, message string) {
		r, err := ParseRules(text)
		if _, cerr := setting.Check(text); (cerr == nil) != (err == nil) {
			t.Fatalf("the setting says %v, the parser %v", cerr, err)
		}
		if err != nil {
			if line := netcore.ErrorLine(err); line < 0 || line > strings.Count(text, "\n")+1 {
				t.Fatalf("error names line %d of a %d-line text: %v", line, strings.Count(text, "\n")+1, err)
			}
			if err.Error() == "" {
				t.Fatal("an empty error")
			}
			return
		}
		if n := r.Len(); n < 1 || n > MaxRules+1 {
			t.Fatalf("%d rules parsed", n)
		}
		reply := r.Answer(message, 7, now)
		if len(reply) > MaxRulesReplyOutput {
			t.Fatalf("a reply of %d bytes", len(reply))
		}
		if again := r.Answer(message, 7, now); again != reply {
			t.Fatalf("the same message answered %q, then %q", reply, again)
		}
	})
}

// FuzzHTTPRequest feeds arbitrary requests, line by line as the framer
// hands them over, to the http demo: each gets exactly one whole HTTP
// response whose Content-Length is the page's, then the connection closes;
// an answered GET shows every line it got, escaped, and the page never
// carries a control character or a tag from the request.
func FuzzHTTPRequest(f *testing.F) {
	f.Add("GET / HTTP/1.1\r\nHost: 127.0.0.1:8080\r\nUser-Agent: fuzz\r\n")
	f.Add("POST /form HTTP/1.1\r\nContent-Length: 3\r\n")
	f.Add("\r\nGET /<script>alert(1)</script> HTTP/1.0\r\nX: \x1b[2J\r\n")
	f.Add("get / http/1.1")
	f.Add("GET  /  HTTP/1.1")
	f.Add(strings.Repeat("X: y\n", HTTPMaxLines+1))
	f.Add("GET / HTTP/1.1\n" + strings.Repeat("a", HTTPMaxRequestBytes))
	f.Fuzz(func(t *testing.T, request string) {
		p := &fakePeer{}
		s := httpDemo{}.Open(p)
		var got []string // the lines the demo had before it answered
		for _, line := range strings.Split(request, "\n") {
			line = strings.TrimSuffix(line, "\r")
			if line == "" {
				break // the request ends here
			}
			if len(p.sent) == 0 {
				got = append(got, line)
			}
			s.Handle(line)
		}
		s.Handle("")
		s.Close()
		if len(got) == 0 {
			if len(p.sent) != 0 || p.closed {
				t.Fatalf("no request, yet answered %q", p.sent)
			}
			return
		}
		if len(p.sent) != 1 || !p.closed {
			t.Fatalf("%d replies (closed: %v) to %q", len(p.sent), p.closed, request)
		}
		head, page, ok := strings.Cut(p.sent[0], "\r\n\r\n")
		if !ok {
			t.Fatalf("no empty line after the headers: %q", p.sent[0])
		}
		status, _, _ := strings.Cut(head, "\r\n")
		if status != HTTPStatusOK && status != HTTPStatusBadRequest && status != HTTPStatusMethodNotAllowed {
			t.Fatalf("status line %q", status)
		}
		if !strings.Contains(head, "\r\nContent-Length: "+strconv.Itoa(len(page))+"\r\n") {
			t.Fatalf("Content-Length is not the page's %d bytes: %q", len(page), head)
		}
		for _, r := range page {
			if r != '\n' && unicode.IsControl(r) {
				t.Fatalf("a control character %U in the page", r)
			}
		}
		if strings.Contains(strings.ToLower(page), "<script") {
			t.Fatalf("a tag from the request reached the page: %q", page)
		}
		if status == HTTPStatusOK {
			for _, l := range got {
				if !strings.Contains(page, "<code>"+html.EscapeString(netcore.Escape(l))+"</code>") {
					t.Fatalf("the page does not show the line %q", l)
				}
			}
		}
	})
}
