package app

import (
	"io"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/socketlab/socketlab/app/i18n"
	"github.com/socketlab/socketlab/netcore"
)

// documentRows is how many lines of a document setting (the rules) show
// without scrolling: the example rules and a few more.
const documentRows = 9

// documentExtensions are the files the Open dialog lists.
var documentExtensions = []string{".rules", ".txt"}

// documentEditor edits a netcore.SettingDocument in place: the rules file's
// own text in a monospaced box, a line under it that says at once whether
// the text is right and which line is wrong, Check (which also puts the
// cursor on that line), Open… and Save…. A text box rather than a list of
// rule rows, because the text is exactly what a teacher saves, hands out and
// passes to socketlab serve --rules; it keeps comments; rules are copied in
// from docs/rules.md or a colleague's file whole; and one typed line beats
// a kind picker, a pattern field and a reply field per rule.
type documentEditor struct {
	demo   string // the demo whose setting it is, to word its label and errors
	st     netcore.Setting
	win    fyne.Window
	entry  *widget.Entry
	status *widget.Label
	check  *widget.Button
	open   *widget.Button
	save   *widget.Button
	larger *widget.Button
	// file is the last file opened or saved here ("": none): Save… offers
	// its name and both dialogs start in its folder.
	file    string
	content fyne.CanvasObject
}

func newDocumentEditor(demo string, st netcore.Setting, win fyne.Window) *documentEditor {
	ed := &documentEditor{demo: demo, st: st, win: win}
	ed.entry = &widget.Entry{Text: st.Default, MultiLine: true, Wrapping: fyne.TextWrapOff,
		TextStyle: fyne.TextStyle{Monospace: true}, OnChanged: func(string) { ed.validate() }}
	ed.entry.SetMinRowsVisible(documentRows)
	ed.status = &widget.Label{Wrapping: fyne.TextWrapWord}
	ed.check = &widget.Button{Text: i18n.T("server.document.check"), Icon: theme.ConfirmIcon(), OnTapped: ed.onCheckTapped}
	ed.open = &widget.Button{Text: i18n.T("server.document.open"), Icon: theme.FolderOpenIcon(), OnTapped: ed.onOpenTapped}
	ed.save = &widget.Button{Text: i18n.T("server.document.save"), Icon: theme.DocumentSaveIcon(), OnTapped: ed.onSaveTapped}
	ed.larger = &widget.Button{Text: i18n.T("server.document.larger"), Icon: theme.ViewFullScreenIcon(), OnTapped: ed.onLargerTapped}
	// The buttons wrap onto two rows in a narrow settings column.
	buttons := []fyne.CanvasObject{ed.check, ed.open, ed.save, ed.larger}
	cell := fyne.NewSize(0, 0)
	for _, b := range buttons {
		cell = cell.Max(b.MinSize())
	}
	ed.content = container.NewVBox(ed.entry, ed.status, container.NewGridWrap(cell, buttons...))
	ed.validate()
	return ed
}

// validate says under the box whether the text would start, on every
// change: a teacher sees a mistake on the line just typed.
func (ed *documentEditor) validate() error {
	_, err := ed.st.Check(ed.entry.Text)
	showVerdict(ed.status, ed.demo, err)
	return err
}

// showVerdict puts what a check of demo's setting found in status: the
// mistake in red, or that there is none.
func showVerdict(status *widget.Label, demo string, err error) {
	if err != nil {
		status.Importance = widget.DangerImportance
		status.SetText(settingErrorText(demo, err))
		return
	}
	status.Importance = widget.SuccessImportance
	status.SetText(i18n.T("server.document.ok"))
}

func (ed *documentEditor) onCheckTapped() { ed.pointAt(ed.validate()) }

// pointAt puts the cursor at the start of the line err names, if any, and
// the keyboard in the box, so the mistake is where one types next.
func (ed *documentEditor) pointAt(err error) {
	line := netcore.ErrorLine(err)
	if line <= 0 {
		return
	}
	ed.entry.CursorRow, ed.entry.CursorColumn = line-1, 0
	ed.entry.Refresh()
	if c := ed.win.Canvas(); c != nil && ed.entry.Visible() {
		c.Focus(ed.entry)
	}
}

func (ed *documentEditor) onOpenTapped() {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil {
			dialog.ShowError(err, ed.win)
			return
		}
		if r == nil {
			return // cancelled
		}
		defer r.Close()
		if err := ed.loadFrom(r, r.URI().Path()); err != nil {
			dialog.ShowError(err, ed.win)
		}
	}, ed.win)
	d.SetFilter(storage.NewExtensionFileFilter(documentExtensions))
	ed.startIn(d.SetLocation)
	d.Show()
}

func (ed *documentEditor) onSaveTapped() {
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil {
			dialog.ShowError(err, ed.win)
			return
		}
		if w == nil {
			return // cancelled
		}
		err = ed.saveTo(w, w.URI().Path())
		if cerr := w.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			dialog.ShowError(err, ed.win)
		}
	}, ed.win)
	name := "my" + documentExtensions[0]
	if ed.file != "" {
		name = filepath.Base(ed.file)
	}
	d.SetFileName(name)
	ed.startIn(d.SetLocation)
	d.Show()
}

// startIn opens a file dialog in the last file's folder, if it is still there.
func (ed *documentEditor) startIn(setLocation func(fyne.ListableURI)) {
	if ed.file == "" {
		return
	}
	if dir, err := storage.ListerForURI(storage.NewFileURI(filepath.Dir(ed.file))); err == nil {
		setLocation(dir)
	}
}

// loadFrom puts a file's text in the box, even a wrong one (the line under
// it says what to fix), refusing only what is no text or too big.
func (ed *documentEditor) loadFrom(r io.Reader, path string) error {
	text, err := netcore.ReadDocument(r, ed.st.MaxBytes)
	if err != nil {
		return &documentFileError{label: settingLabelText(ed.demo, ed.st), path: path, err: err}
	}
	ed.file = path
	ed.entry.SetText(text)
	return nil
}

// saveTo writes the box's text as it is, mistakes and all: work in
// progress is worth keeping; the line under the box says what is wrong.
func (ed *documentEditor) saveTo(w io.Writer, path string) error {
	text := ed.entry.Text
	if text != "" && !strings.HasSuffix(text, "\n") {
		text += "\n" // a text file ends its last line
	}
	if _, err := io.WriteString(w, text); err != nil {
		return &documentFileError{label: settingLabelText(ed.demo, ed.st), path: path, err: err}
	}
	ed.file = path
	return nil
}

func (ed *documentEditor) setEnabled(on bool) {
	// Saving stays possible while the server runs; what it runs cannot change.
	setEnabled(on, ed.entry, ed.open, ed.larger)
}

// documentLargerSize is the larger editor's size: whole rules in view,
// where the settings column shows a third of a line.
var documentLargerSize = fyne.NewSize(760, 480)

// onLargerTapped edits the text in a dialog as wide as the window allows;
// "Use these" puts it back in the box, Cancel leaves the box as it was.
func (ed *documentEditor) onLargerTapped() {
	big := &widget.Entry{Text: ed.entry.Text, MultiLine: true, Wrapping: fyne.TextWrapOff,
		TextStyle: ed.entry.TextStyle}
	status := &widget.Label{Wrapping: fyne.TextWrapWord}
	check := func(text string) {
		_, err := ed.st.Check(text)
		showVerdict(status, ed.demo, err)
	}
	big.OnChanged = check
	check(big.Text)
	d := dialog.NewCustomConfirm(settingLabelText(ed.demo, ed.st), i18n.T("server.document.use"), i18n.T("server.document.cancel"),
		container.NewBorder(nil, status, nil, nil, big), func(use bool) {
			if use {
				ed.entry.SetText(big.Text)
			}
		}, ed.win)
	d.Resize(documentLargerSize)
	d.Show()
	if c := ed.win.Canvas(); c != nil {
		c.Focus(big)
	}
}

// documentFileError says which file could not be read or written.
type documentFileError struct {
	label, path string
	err         error
}

func (e *documentFileError) Error() string {
	return i18n.T("server.document.file.error", map[string]string{"Setting": e.label, "Path": e.path, "Error": e.err.Error()})
}

func (e *documentFileError) Unwrap() error { return e.err }
