package app

import (
	"io"
	"strconv"
	"strings"

	"github.com/socketlab/socketlab/app/i18n"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/socketlab/socketlab/netcore"
)

// The Client tab's saved messages, under its send box: a name and Save keep
// what the send box holds (text and mode); each row sends with one click or
// Ctrl+1…9, once or repeated (saved_repeat.go); Import and Export hand the
// list round as a file (saved_messages.go).

// savedShortcutKeys are the shortcut keys of the first nine messages.
const savedShortcutKeys = 9

// savedRowsHeight caps the list: past two rows and a half it scrolls (the
// cut row shows there is more), so the transcript keeps its height.
const savedRowsHeight = 95

type savedView struct {
	t    *clientTab
	list []savedMessage // UI goroutine only

	content fyne.CanvasObject
	name    *widget.Entry
	save    *widget.Button
	imports *widget.Button
	export  *widget.Button
	times   *widget.Entry // repeat this many times…
	every   *widget.Entry // …this many ms apart
	// status says what the last action did or why not, and the repeat's
	// count, live ("sent 37/100"), and how it ended.
	status *widget.Label
	stop   *widget.Button
	rows   *fyne.Container
	empty  *widget.Label

	repeat *repeatRun // the running repeat; nil when none. UI goroutine only.
	slot   *uiSlot    // shows the repeat's progress
}

func newSavedView(t *clientTab) *savedView {
	v := &savedView{t: t}
	v.slot = t.pump.register(v.flushRepeat, 0)
	v.name = &widget.Entry{PlaceHolder: i18n.T("client.saved.name.placeholder"), OnSubmitted: func(string) { v.onSaveTapped() }}
	v.save = &widget.Button{Text: i18n.T("client.saved.save"), Icon: theme.DocumentSaveIcon(), OnTapped: v.onSaveTapped}
	v.imports = &widget.Button{Text: i18n.T("client.saved.import"), Icon: theme.FolderOpenIcon(), OnTapped: v.onImportTapped}
	v.export = &widget.Button{Text: i18n.T("client.saved.export"), Icon: theme.UploadIcon(), OnTapped: v.onExportTapped}
	v.times = &widget.Entry{Text: "1"}
	v.every = &widget.Entry{Text: "100"}
	v.status = &widget.Label{Truncation: fyne.TextTruncateEllipsis}
	v.stop = &widget.Button{Text: i18n.T("client.saved.stop"), Icon: theme.MediaStopIcon(), OnTapped: v.onStopTapped}
	v.stop.Disable()
	v.rows = container.NewVBox()
	v.empty = &widget.Label{
		Text:      i18n.T("client.saved.empty"),
		TextStyle: fyne.TextStyle{Italic: true}, Truncation: fyne.TextTruncateEllipsis,
	}

	title := &widget.Label{Text: i18n.T("client.saved.title"), TextStyle: fyne.TextStyle{Bold: true}}
	saveRow := container.NewBorder(nil, nil, title, container.NewHBox(v.save, v.imports, v.export), v.name)
	// The two numbers never need more than five digits.
	num := func(e *widget.Entry) fyne.CanvasObject {
		return container.NewGridWrap(fyne.NewSize(70, e.MinSize().Height), e)
	}
	repeatRow := container.NewBorder(nil, nil,
		container.NewHBox(widget.NewLabel(i18n.T("client.saved.repeat")), num(v.times),
			widget.NewLabel(i18n.T("client.saved.every")), num(v.every), widget.NewLabel(i18n.T("client.saved.ms"))),
		v.stop, v.status)
	v.content = container.NewVBox(saveRow, repeatRow, cappedHeight(container.NewStack(v.rows, v.empty), savedRowsHeight))

	v.load()
	v.showRows()
	return v
}

// load reads the list kept in the preferences; a damaged value is left
// out rather than stopping the tab.
func (v *savedView) load() {
	if s := v.t.prefs.String(prefClientSaved); s != "" {
		if msgs, err := decodeSaved(strings.NewReader(s)); err == nil {
			v.list = msgs
		}
	}
}

func (v *savedView) keep() {
	var b strings.Builder
	if err := encodeSaved(&b, v.list); err == nil {
		v.t.prefs.SetString(prefClientSaved, b.String())
	}
}

// showRows rebuilds the rows: at most maxSaved, so rebuilding is cheap.
func (v *savedView) showRows() {
	v.rows.RemoveAll()
	for i, m := range v.list {
		v.rows.Add(v.newRow(i, m))
	}
	if len(v.list) == 0 {
		v.empty.Show()
	} else {
		v.empty.Hide()
	}
	v.rows.Refresh()
}

// sendButtons are the rows' send buttons, in order (for the screenshots
// hook).
func (v *savedView) sendButtons() []*widget.Button {
	var out []*widget.Button
	for _, row := range v.rows.Objects {
		// A row is Border(preview; left: HBox(key, send); right: delete).
		left := row.(*fyne.Container).Objects[1].(*fyne.Container)
		out = append(out, left.Objects[1].(*widget.Button))
	}
	return out
}

func (v *savedView) newRow(i int, m savedMessage) fyne.CanvasObject {
	key := &widget.Label{TextStyle: fyne.TextStyle{Monospace: true}}
	if i < savedShortcutKeys {
		key.Text = savedKeyLabel(i)
	}
	send := &widget.Button{Text: m.Name, Icon: theme.MailSendIcon(), OnTapped: func() { v.sendAt(i) }}
	preview := &widget.Label{Text: m.Mode + ": " + netcore.Escape(m.Text), Truncation: fyne.TextTruncateEllipsis}
	del := &widget.Button{Icon: theme.DeleteIcon(), Importance: widget.LowImportance, OnTapped: func() { v.deleteAt(i) }}
	return container.NewBorder(nil, nil, container.NewHBox(key, send), del, preview)
}

// say shows what happened; a problem in the danger colour.
func (v *savedView) say(text string, problem bool) {
	imp := widget.MediumImportance
	if problem {
		imp = widget.DangerImportance
	}
	setLabel(v.status, text, imp)
}

// onSaveTapped keeps the send box's text and mode under the typed name
// (replacing a message of that name).
func (v *savedView) onSaveTapped() {
	t := v.t
	m := savedMessage{Name: strings.TrimSpace(v.name.Text), Text: t.message.Text, Mode: sendModeOf(t.sendMode).String()}
	if m.Mode == netcore.RawText.String() && t.noNewline.Checked {
		// A saved text is sent as a line; without its newline it is the
		// same bytes written as escapes.
		m.Text, m.Mode = netcore.FormatEscapes([]byte(m.Text)), netcore.RawEscapes.String()
	}
	if err := m.check(); err != nil {
		v.say(i18n.T("client.saved.notsaved", map[string]string{"Error": err.Error()}), true)
		return
	}
	merged, replaced, err := mergeSaved(v.list, []savedMessage{m})
	if err != nil {
		v.say(i18n.T("client.saved.notsaved", map[string]string{"Error": err.Error()}), true)
		return
	}
	v.list = merged
	v.keep()
	v.showRows()
	v.name.SetText("")
	what := map[string]string{"Name": strconv.Quote(m.Name), "Shortcut": shortcutNote(indexSaved(v.list, m.Name))}
	if replaced > 0 {
		v.say(i18n.T("client.saved.replaced", what), false)
	} else {
		v.say(i18n.T("client.saved.saved", what), false)
	}
}

func shortcutNote(i int) string {
	if i < 0 || i >= savedShortcutKeys {
		return ""
	}
	return " (" + savedKeyLabel(i) + ")"
}

// savedKeyLabel names the shortcut of message i as the keyboard in the
// user's language does ("Ctrl+1", "Strg+1").
func savedKeyLabel(i int) string { return i18n.T("client.saved.key", map[string]int{"N": i + 1}) }

func (v *savedView) deleteAt(i int) {
	if i < 0 || i >= len(v.list) {
		return
	}
	name := v.list[i].Name
	v.list = append(v.list[:i:i], v.list[i+1:]...)
	v.keep()
	v.showRows()
	v.say(i18n.T("client.saved.deleted", map[string]string{"Name": strconv.Quote(name)}), false)
}

// sendAt sends message i once, or starts repeating it when Repeat is more
// than 1. UI goroutine only.
func (v *savedView) sendAt(i int) {
	if i < 0 || i >= len(v.list) {
		return
	}
	m := v.list[i]
	if v.t.state != stateConnected {
		v.say(i18n.T("client.saved.connectfirst", map[string]string{"Name": strconv.Quote(m.Name)}), true)
		return
	}
	times, every, err := v.repeatSettings()
	if err != nil {
		v.say(err.Error(), true)
		return
	}
	if times > 1 {
		v.startRepeat(m, times, every)
		return
	}
	b, err := m.wire(1)
	if err != nil {
		v.say(savedNotSent(m, err), true)
		return
	}
	if v.t.send(string(b), false) {
		v.say(i18n.T("client.saved.sent", map[string]string{"Name": strconv.Quote(m.Name)}), false)
	}
}

// savedShortcut sends message 1…9 for Ctrl+1…9 (Cmd on a Mac). It is
// offered every shortcut typed in the send box, and the window's while the
// Client tab is shown (app.go); it says whether it was one of its own.
func (t *clientTab) savedShortcut(s fyne.Shortcut) bool {
	cs, ok := s.(*desktop.CustomShortcut)
	if !ok || cs.Modifier != fyne.KeyModifierShortcutDefault {
		return false
	}
	k, err := strconv.Atoi(string(cs.KeyName))
	if err != nil || k < 1 || k > savedShortcutKeys {
		return false
	}
	// Chat hides the send box and its saved messages: nothing to send.
	if t.messageBar.Visible() {
		t.saved.sendAt(k - 1)
	}
	return true
}

// addSavedShortcuts makes Ctrl+1…9 work wherever the focus is not in an
// entry (there Fyne gives the entry the keys); active says whether the
// Client tab is the one shown.
func (t *clientTab) addSavedShortcuts(c fyne.Canvas, active func() bool) {
	for k := 1; k <= savedShortcutKeys; k++ {
		sc := &desktop.CustomShortcut{KeyName: fyne.KeyName(strconv.Itoa(k)), Modifier: fyne.KeyModifierShortcutDefault}
		c.AddShortcut(sc, func(s fyne.Shortcut) {
			if active() {
				t.savedShortcut(s)
			}
		})
	}
}

// importFrom adds the messages of a saved-messages file to the list.
func (v *savedView) importFrom(r io.Reader) error {
	msgs, err := decodeSaved(r)
	if err != nil {
		return err
	}
	merged, replaced, err := mergeSaved(v.list, msgs)
	if err != nil {
		return err
	}
	v.list = merged
	v.keep()
	v.showRows()
	counts := map[string]int{"N": len(msgs), "Replaced": replaced}
	if replaced > 0 {
		v.say(i18n.T("client.saved.imported.replaced", counts), false)
	} else {
		v.say(i18n.T("client.saved.imported", counts), false)
	}
	return nil
}

func (v *savedView) exportTo(w io.Writer) error { return encodeSaved(w, v.list) }

var savedFileFilter = storage.NewExtensionFileFilter([]string{".json"})

func (v *savedView) onImportTapped() {
	win := v.t.win
	d := dialog.NewFileOpen(func(rc fyne.URIReadCloser, err error) {
		if err != nil {
			dialog.ShowError(err, win)
			return
		}
		if rc == nil {
			return // cancelled
		}
		defer rc.Close()
		if err := v.importFrom(rc); err != nil {
			dialog.ShowError(&wordedError{text: i18n.T("client.saved.import.failed", map[string]string{"File": rc.URI().Name(), "Error": err.Error()}), err: err}, win)
		}
	}, win)
	d.SetFilter(savedFileFilter)
	d.Show()
}

func (v *savedView) onExportTapped() {
	win := v.t.win
	d := dialog.NewFileSave(func(wc fyne.URIWriteCloser, err error) {
		if err != nil {
			dialog.ShowError(err, win)
			return
		}
		if wc == nil {
			return // cancelled
		}
		werr := v.exportTo(wc)
		if cerr := wc.Close(); werr == nil {
			werr = cerr
		}
		if werr != nil {
			dialog.ShowError(&wordedError{text: i18n.T("client.saved.export.failed", map[string]string{"Error": werr.Error()}), err: werr}, win)
			return
		}
		showSaved(savedMessagesFile, wc.URI(), win)
	}, win)
	d.SetFileName("saved-messages.json")
	d.SetFilter(savedFileFilter)
	d.Show()
}

// savedNotSent says a saved message could not be made into bytes, and why.
func savedNotSent(m savedMessage, err error) string {
	return i18n.T("client.saved.notsent", map[string]string{"Name": strconv.Quote(m.Name), "Error": err.Error()})
}
