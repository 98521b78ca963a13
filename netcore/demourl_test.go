package netcore

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestDemoInfoURL(t *testing.T) {
	web := DemoInfo{Name: "http", URLScheme: "http"}
	assert.Equal(t, "http://127.0.0.1:8080/", web.URL("127.0.0.1:8080", false))
	assert.Equal(t, "https://127.0.0.1:8080/", web.URL("127.0.0.1:8080", true))
	assert.Equal(t, "http://[::1]:80/", web.URL("[::1]:80", false), "IPv6 in brackets, as a browser needs")
	assert.Empty(t, web.URL("no port", false))
	assert.Empty(t, DemoInfo{Name: "echo"}.URL("127.0.0.1:7", false), "a socket demo has no URL")
}
