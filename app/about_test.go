package app

import (
	"os"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// fyneAppMetadata is ../FyneApp.toml as main passes it to Run.
func fyneAppMetadata(t *testing.T) Metadata {
	b, err := os.ReadFile("../FyneApp.toml")
	require.NoError(t, err)
	meta, err := ParseMetadata(string(b))
	require.NoError(t, err)
	return meta
}

func TestAboutShowsNameVersionAndWebsite(t *testing.T) {
	test.NewTempApp(t)
	w := test.NewWindow(nil)
	defer w.Close()
	w.Resize(fyne.NewSize(1100, 720))
	meta := Metadata{Name: "Socket Lab", Version: "1.2.3", Website: "https://example.org/lab", ID: "org.example.lab"}
	menu := newMainMenu(w, meta)
	require.Len(t, menu.Items, 3)
	assert.Equal(t, "File", menu.Items[0].Label)
	assert.True(t, menu.Items[0].Items[0].IsQuit, "File → Quit closes the window as its close button does")
	assert.Equal(t, "View", menu.Items[1].Label)
	help := menu.Items[2]
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
	assert.Contains(t, text, "Socket-programming exercises for a classroom, with buttons.")
	link := aboutLink(t, top)
	assert.Equal(t, meta.Website, link.Text, "the dialog shows the website it is given")
	assert.Equal(t, meta.Website, link.URL.String())
	test.Tap(findButtons(top, "Close")[0])
	assert.Nil(t, w.Canvas().Overlays().Top(), "Close closes it")
}

// The About dialog, the window and the preferences take their name,
// version, website and ID from FyneApp.toml, parsed as main parses it.
func TestAboutAgreesWithFyneAppTOML(t *testing.T) {
	meta := fyneAppMetadata(t)
	assert.Equal(t, Metadata{
		Name:    "Socket Lab",
		Version: meta.Version,
		Website: "https://github.com/socketlab/socketlab",
		ID:      "io.github.socketlab.socketlab",
	}, meta)
	assert.Regexp(t, `^\d+\.\d+\.\d+$`, meta.Version)

	test.NewTempApp(t)
	w := test.NewWindow(nil)
	defer w.Close()
	w.Resize(fyne.NewSize(1100, 720))
	showAbout(w, meta)
	text := overlayText(w)
	assert.Contains(t, text, "About "+meta.Name)
	assert.Contains(t, text, "Version "+meta.Version)
	assert.Equal(t, meta.Website, aboutLink(t, w.Canvas().Overlays().Top()).Text)
}

// aboutLink is the About dialog's website link.
func aboutLink(t *testing.T, dialog fyne.CanvasObject) *widget.Hyperlink {
	var link *widget.Hyperlink
	walkVisible(dialog, func(o fyne.CanvasObject) {
		if h, ok := o.(*widget.Hyperlink); ok {
			link = h
		}
	})
	require.NotNil(t, link, "the website is a link")
	return link
}

func TestParseMetadata(t *testing.T) {
	meta, err := ParseMetadata("Website = \"https://x.org\"\n[Details]\n  Name = \"X\"\n  ID = \"org.x\"\n  Version = \"1.2.3\"\n  Build = 4\n")
	require.NoError(t, err)
	assert.Equal(t, Metadata{Name: "X", Version: "1.2.3", Website: "https://x.org", ID: "org.x"}, meta)

	_, err = ParseMetadata("[Details]\n  Name = \"X\"\n")
	assert.ErrorContains(t, err, "no Website")
	assert.ErrorContains(t, err, "no Details.Version")
	_, err = ParseMetadata("Version = ")
	assert.ErrorContains(t, err, "FyneApp.toml:")
}
