package demos

import (
	"html"
	"strconv"
	"strings"

	"github.com/socketlab/socketlab/netcore"
)

// The http demo's wire texts (docs/protocols.md, "http"): status lines and
// the header a browser needs. Everything else in a reply is the page.
const (
	HTTPStatusOK               = "HTTP/1.1 200 OK"
	HTTPStatusBadRequest       = "HTTP/1.1 400 Bad Request"
	HTTPStatusMethodNotAllowed = "HTTP/1.1 405 Method Not Allowed"
	HTTPContentType            = "text/html; charset=utf-8"
	HTTPPageTitle              = "Socket Lab: the request your browser sent"
	// HTTPMaxLines bounds a request's lines (request line, headers, the
	// empty line); a longer one is answered 400.
	HTTPMaxLines = 100
	// HTTPMaxRequestBytes bounds the bytes of a request's lines together
	// (a browser sends one or two KiB); over it, 400. It keeps what one
	// connection holds, and the page it gets back, small.
	HTTPMaxRequestBytes = 16 << 10
)

var httpInfo = netcore.DemoInfo{
	Name:        "http",
	Order:       9,
	Title:       "Web page",
	Description: "A tiny web server: open http://ADDRESS:PORT/ in a browser and the page shows the request the browser sent, line by line. Only GET is answered.",
	ClassicPort: 8080,
	URLScheme:   "http",
}

func init() {
	register(httpInfo, func(settings) (netcore.Demo, error) { return httpDemo{}, nil })
}

// httpDemo shows that a web server is a socket server: the framer hands it
// the request's lines, and it answers with raw bytes (Peer.SendRaw), the
// status line and headers a browser expects, then closes, as HTTP/1.0 did.
type httpDemo struct{}

func (httpDemo) Info() netcore.DemoInfo { return httpInfo }

func (httpDemo) Open(p netcore.Peer) netcore.Session { return &httpSession{p: p} }

type httpSession struct {
	p     netcore.Peer
	lines []string // the request so far, without the empty line
	size  int      // bytes in lines
	done  bool     // answered: anything after is ignored while the close goes out
}

func (s *httpSession) Handle(text string) {
	if s.done {
		return
	}
	if text == "" && len(s.lines) == 0 {
		return // an empty line before the request line is allowed (RFC 9112, 2.2)
	}
	if text != "" {
		s.lines = append(s.lines, text)
		s.size += len(text)
		switch {
		case len(s.lines) >= HTTPMaxLines:
			s.answer(HTTPStatusBadRequest, "", errorPage("the request has too many lines (at most "+strconv.Itoa(HTTPMaxLines-1)+")"))
		case s.size > HTTPMaxRequestBytes:
			s.answer(HTTPStatusBadRequest, "", errorPage("the request is too long (at most "+strconv.Itoa(HTTPMaxRequestBytes)+" bytes)"))
		}
		return
	}
	method, _, ok := parseRequestLine(s.lines[0])
	switch {
	case !ok:
		s.answer(HTTPStatusBadRequest, "", errorPage("the first line is not a request line such as GET / HTTP/1.1"))
	case method != "GET":
		s.answer(HTTPStatusMethodNotAllowed, "Allow: GET\r\n", errorPage("this server only answers GET, not "+method))
	default:
		s.answer(HTTPStatusOK, "", requestPage(s.lines))
	}
}

func (*httpSession) Close() {}

// answer sends one whole HTTP response and closes the connection.
func (s *httpSession) answer(status, extraHeaders, page string) {
	s.done = true
	s.p.SendRaw([]byte(status + "\r\n" +
		"Content-Type: " + HTTPContentType + "\r\n" +
		"Content-Length: " + strconv.Itoa(len(page)) + "\r\n" +
		"Connection: close\r\n" +
		extraHeaders +
		"\r\n" + page))
	s.p.Close()
}

// parseRequestLine splits "GET /path HTTP/1.1" into method and target; ok
// is false for anything else (wrong number of parts, not HTTP/1.x).
func parseRequestLine(line string) (method, target string, ok bool) {
	parts := strings.Split(line, " ")
	if len(parts) != 3 || parts[0] == "" || parts[1] == "" || !strings.HasPrefix(parts[2], "HTTP/1.") {
		return "", "", false
	}
	for _, r := range parts[0] {
		if r < 'A' || r > 'Z' {
			return "", "", false
		}
	}
	return parts[0], parts[1], true
}

// requestPage shows the request's lines, escaped for HTML (and with any
// control character spelled out, so nothing hides).
func requestPage(lines []string) string {
	var b strings.Builder
	b.WriteString("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>" + HTTPPageTitle + "</title></head>\n<body>\n<h1>" + HTTPPageTitle + "</h1>\n")
	b.WriteString("<p>Your browser opened a TCP connection to this server and sent these lines, each ending in \\r\\n:</p>\n<ol>\n")
	for _, l := range lines {
		b.WriteString("<li><code>" + html.EscapeString(netcore.Escape(l)) + "</code></li>\n")
	}
	b.WriteString("<li><i>(an empty line: the request ends here)</i></li>\n</ol>\n")
	b.WriteString("<p>This page is the server's answer: a status line, a few headers, an empty line, then this HTML. Then the server closed the connection.</p>\n</body></html>\n")
	return b.String()
}

func errorPage(why string) string {
	return "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>Socket Lab: not answered</title></head>\n<body><p>" + html.EscapeString(why) + "</p></body></html>\n"
}
