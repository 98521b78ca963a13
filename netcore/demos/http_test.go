package demos_test

import (
	"io"
	"net/http"
	"os/exec"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/socketlab/socketlab/netcore/demos"
	"github.com/socketlab/socketlab/netcore/internal/nettest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func startHTTP(t *testing.T) *nettest.Server {
	return nettest.StartServer(t, "127.0.0.1", nettest.Config(t, "http", nil))
}

func TestHTTPAnswersGoClientWithTheRequest(t *testing.T) {
	ts := startHTTP(t)
	client := &http.Client{Timeout: 5 * time.Second, Transport: &http.Transport{DisableKeepAlives: true}}
	defer client.CloseIdleConnections()
	req, err := http.NewRequest("GET", "http://"+ts.HostPort+"/lesson?x=<b>", nil)
	require.NoError(t, err)
	req.Header.Set("X-Class", `"quotes" & <tags>`)
	resp, err := client.Do(req)
	require.NoError(t, err)
	body, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	require.NoError(t, err)
	assert.Equal(t, 200, resp.StatusCode)
	assert.Equal(t, demos.HTTPContentType, resp.Header.Get("Content-Type"))
	assert.Equal(t, strconv.Itoa(len(body)), resp.Header.Get("Content-Length"))
	assert.True(t, resp.Close, "Connection: close")
	page := string(body)
	assert.Contains(t, page, "<li><code>GET /lesson?x=&lt;b&gt; HTTP/1.1</code></li>", "the request line, escaped")
	assert.Contains(t, page, "X-Class: &#34;quotes&#34; &amp; &lt;tags&gt;")
	assert.Contains(t, page, "Host: "+ts.HostPort)
	assert.NotContains(t, page, "<tags>")
}

func TestHTTPWithCurl(t *testing.T) {
	if _, err := exec.LookPath("curl"); err != nil {
		t.Skip("curl not installed")
	}
	ts := startHTTP(t)
	out, err := exec.Command("curl", "-sS", "-i", "--max-time", "5", "http://"+ts.HostPort+"/").Output()
	require.NoError(t, err)
	text := string(out)
	assert.True(t, strings.HasPrefix(text, demos.HTTPStatusOK+"\r\n"), text)
	assert.Contains(t, text, "<li><code>User-Agent: curl/")
}

func TestHTTPRefusesOtherMethodsAndNonsense(t *testing.T) {
	ts := startHTTP(t)
	for _, c := range []struct{ request, status string }{
		{"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n", demos.HTTPStatusMethodNotAllowed},
		{"hello there\r\n\r\n", demos.HTTPStatusBadRequest},
		{"GET /\r\n\r\n", demos.HTTPStatusBadRequest},
		{"get / HTTP/1.1\r\n\r\n", demos.HTTPStatusBadRequest},
		{strings.Repeat("X: y\r\n", demos.HTTPMaxLines), demos.HTTPStatusBadRequest},
		{"GET / HTTP/1.1\r\nX: " + strings.Repeat("y", demos.HTTPMaxRequestBytes) + "\r\n", demos.HTTPStatusBadRequest},
	} {
		raw := nettest.DialRaw(t, "tcp", ts.HostPort)
		raw.Send(c.request)
		assert.Equal(t, c.status+"\r\n", raw.Line(), "%q", c.request)
		head := raw.Until('<')
		assert.Contains(t, head, "Connection: close\r\n")
		raw.ExpectClosed()
	}
}

func TestHTTPAcceptsBareNewlines(t *testing.T) {
	ts := startHTTP(t)
	raw := nettest.DialRaw(t, "tcp", ts.HostPort)
	raw.Send("\r\nGET / HTTP/1.0\n\n")
	assert.Equal(t, demos.HTTPStatusOK+"\r\n", raw.Line())
}
