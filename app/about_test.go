package app

import (
	"os"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/socketlab/socketlab/cli"
)

func TestAboutShowsNameVersionAndWebsite(t *testing.T) {
	test.NewTempApp(t)
	w := test.NewWindow(nil)
	defer w.Close()
	w.Resize(fyne.NewSize(1100, 720))
	menu := newMainMenu(w, "1.2.3")
	require.Len(t, menu.Items, 2)
	assert.Equal(t, "File", menu.Items[0].Label)
	assert.True(t, menu.Items[0].Items[0].IsQuit, "File → Quit closes the window as its close button does")
	help := menu.Items[1]
	assert.Equal(t, "Help", help.Label)
	require.Len(t, help.Items, 1)
	assert.Equal(t, "About Socket Lab", help.Items[0].Label)

	help.Items[0].Action()
	top := w.Canvas().Overlays().Top()
	require.NotNil(t, top, "the About dialog is shown")
	text := overlayText(w)
	assert.Contains(t, text, "About Socket Lab")
	assert.Contains(t, text, "Socket Lab\n")
	assert.Contains(t, text, "Version 1.2.3")
	assert.Contains(t, text, appDescription)
	var link *widget.Hyperlink
	walkVisible(top, func(o fyne.CanvasObject) {
		if h, ok := o.(*widget.Hyperlink); ok {
			link = h
		}
	})
	require.NotNil(t, link, "the website is a link")
	assert.Equal(t, appWebsite, link.Text)
	assert.Equal(t, appWebsite, link.URL.String())
	test.Tap(findButtons(top, "Close")[0])
	assert.Nil(t, w.Canvas().Overlays().Top(), "Close closes it")
}

// The About dialog's version comes from FyneApp.toml through Run; its
// name and website must say what FyneApp.toml says too.
func TestAboutAgreesWithFyneAppTOML(t *testing.T) {
	b, err := os.ReadFile("../FyneApp.toml")
	require.NoError(t, err)
	toml := string(b)
	assert.Contains(t, toml, `Website = "`+appWebsite+`"`)
	assert.Contains(t, toml, `Name = "`+appName+`"`)
	assert.Contains(t, toml, `ID = "`+AppID+`"`)
	assert.NotEmpty(t, cli.VersionFromTOML(toml))
	assert.True(t, strings.HasSuffix(appDescription, "."))
}
