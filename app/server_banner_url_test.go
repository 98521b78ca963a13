package app

import (
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/socketlab/socketlab/netcore/tlslab"
)

func TestServerBannerTellsTheClassToOpenABrowser(t *testing.T) {
	h := newServerHarness(t)
	h.selectDemo("http")
	port := h.start()
	url := "http://127.0.0.1:" + strconv.Itoa(port) + "/"
	assert.Equal(t, "Your partner opens in a web browser", h.tab.bannerTitle.Text)
	assert.Equal(t, url, h.tab.bannerAddr.Text)
	assert.Contains(t, h.tab.bannerNote.Text, "Open "+url+" in a web browser")
	h.tab.onCopyTapped()
	assert.Equal(t, url, h.app.Clipboard().Content(), "Copy address copies the URL")
	h.stop()

	h.selectDemo("echo")
	port = h.start()
	assert.Equal(t, "127.0.0.1 : "+strconv.Itoa(port), h.tab.bannerAddr.Text, "other demos show an address to type")
	assert.NotContains(t, h.tab.bannerNote.Text, "browser")
}

// The http demo wrapped in TLS is opened as https.
func TestServerBannerURLIsHTTPSOverTLS(t *testing.T) {
	t.Setenv(tlslab.DirEnv, t.TempDir())
	h := newServerHarness(t)
	h.selectDemo("http")
	h.tab.tlsCheck.SetChecked(true)
	port := h.start()
	assert.Equal(t, "https://127.0.0.1:"+strconv.Itoa(port)+"/", h.tab.bannerAddr.Text)
	h.stop()
}
