package app

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/socketlab/socketlab/app/i18n"
	"github.com/socketlab/socketlab/netcore"
	"github.com/socketlab/socketlab/netcore/demos"
)

// demoSettings is the part of the Server tab's form that belongs to one demo:
// a row per netcore.Setting of every demo, built from the registry and shown
// only while that demo is chosen. A new demo's settings appear here with no
// code in the app.
type demoSettings struct {
	entries map[string]*widget.Entry       // by settingID(demo, key)
	rows    map[string][]fyne.CanvasObject // label and field cells, by demo
	// hideWith are the entries inside those cells, by demo.
	hideWith map[string][]fyne.CanvasObject
	// changed is called when a setting is typed in (nil: nothing to do).
	changed func()
	// docs are the editors of document settings (a rules file), by
	// settingID; their entries are in entries too.
	docs map[string]*documentEditor
}

func settingID(demo, key string) string { return demo + "." + key }

// prefSettingFile is where a document setting's last file is remembered.
func prefSettingFile(demo, key string) string { return prefSetting(demo, key) + ".file" }

// prefSetting is where a setting is remembered, per demo. Secrets are not
// remembered: a password stays on the screen it was typed on.
func prefSetting(demo, key string) string { return "server.setting." + settingID(demo, key) }

// newDemoSettings builds every demo's rows; win hosts the file dialogs of
// document settings.
func newDemoSettings(all []netcore.DemoInfo, win fyne.Window) *demoSettings {
	ds := &demoSettings{entries: map[string]*widget.Entry{}, rows: map[string][]fyne.CanvasObject{},
		hideWith: map[string][]fyne.CanvasObject{}, docs: map[string]*documentEditor{}}
	for _, d := range all {
		for _, st := range d.Settings {
			var e *widget.Entry
			var field fyne.CanvasObject
			if st.Kind == netcore.SettingDocument {
				ed := newDocumentEditor(d.Name, st, win)
				ds.docs[settingID(d.Name, st.Key)] = ed
				e, field = ed.entry, ed.content
			} else {
				e = newSettingEntry(d.Name, st)
				field = e
				e.OnChanged = func(string) {
					if ds.changed != nil {
						ds.changed()
					}
				}
			}
			ds.entries[settingID(d.Name, st.Key)] = e
			if st.Help != "" {
				field = container.NewVBox(field, newTipLabel(sentence(settingHelpText(d.Name, st))))
			}
			// The entry itself is listed too, so that it reads as hidden
			// (Visible) when its row is.
			ds.rows[d.Name] = append(ds.rows[d.Name], settingLabel(settingLabelText(d.Name, st)), field)
			ds.hideWith[d.Name] = append(ds.hideWith[d.Name], e)
		}
	}
	return ds
}

func newSettingEntry(demo string, st netcore.Setting) *widget.Entry {
	e := &widget.Entry{Text: st.Default, Password: st.Kind == netcore.SettingSecret}
	if st.Kind == netcore.SettingText && !st.NotEmpty {
		e.PlaceHolder = i18n.T("server.setting.none")
	}
	if st.Kind == netcore.SettingInt || st.NotEmpty {
		e.Validator = func(text string) error {
			_, err := st.Check(text)
			return settingCheckError(demo, err)
		}
	}
	return e
}

func settingLabel(text string) *widget.Label {
	return &widget.Label{Text: text, TextStyle: fyne.TextStyle{Bold: true}}
}

// cjkStart is where CJK punctuation and ideographs begin in Unicode.
const cjkStart = 0x2E80

// sentence turns a setting's help ("wrong tries before the server hangs
// up", written for the command line's flag list) into a tip under the field.
func sentence(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	s = string(unicode.ToUpper(r)) + s[n:]
	last, _ := utf8.DecodeLastRuneInString(s)
	switch {
	case last == '.' || last == '。':
	case last >= cjkStart: // a Chinese (or Japanese) help ends with its own full stop
		s += "。"
	default:
		s += "."
	}
	return s
}

// cells are every demo's rows, for the form; show hides all but one demo's.
func (ds *demoSettings) cells(all []netcore.DemoInfo) []fyne.CanvasObject {
	var out []fyne.CanvasObject
	for _, d := range all {
		out = append(out, ds.rows[d.Name]...)
	}
	return out
}

func (ds *demoSettings) show(demo string) {
	for name, objs := range ds.rows {
		setVisible(name == demo, objs...)
		setVisible(name == demo, ds.hideWith[name]...)
	}
}

func setVisible(on bool, objs ...fyne.CanvasObject) {
	for _, o := range objs {
		if on {
			o.Show()
		} else {
			o.Hide()
		}
	}
}

// entry is the field of one demo's setting (nil when there is none).
func (ds *demoSettings) entry(demo, key string) *widget.Entry {
	return ds.entries[settingID(demo, key)]
}

// values are the chosen demo's settings as typed; demos.New checks them and
// names the one that is wrong.
func (ds *demoSettings) values(d netcore.DemoInfo) demos.Values {
	v := demos.Values{}
	for _, st := range d.Settings {
		v[st.Key] = ds.entry(d.Name, st.Key).Text
	}
	return v
}

func (ds *demoSettings) setEnabled(on bool) {
	for _, e := range ds.entries {
		setEnabled(on, e)
	}
	for _, ed := range ds.docs {
		ed.setEnabled(on)
	}
}

// pointAt shows where a setting of demo is wrong when Start refused it
// (the line of a rules file).
func (ds *demoSettings) pointAt(demo string, err error) {
	for id, ed := range ds.docs {
		if strings.HasPrefix(id, settingID(demo, "")) {
			ed.pointAt(err)
		}
	}
}

func (ds *demoSettings) restore(prefs fyne.Preferences, all []netcore.DemoInfo) {
	for _, d := range all {
		for _, st := range d.Settings {
			if st.Kind != netcore.SettingSecret {
				e := ds.entry(d.Name, st.Key)
				text := prefs.StringWithFallback(prefSetting(d.Name, st.Key), e.Text)
				if text == "" && st.Kind == netcore.SettingDocument {
					// An empty document never runs; an empty one remembered
					// (the rules setting held a file name, mostly none,
					// before it held the rules) gives way to the example.
					text = e.Text
				}
				e.SetText(text)
			}
			if ed := ds.docs[settingID(d.Name, st.Key)]; ed != nil {
				ed.file = prefs.String(prefSettingFile(d.Name, st.Key))
			}
		}
	}
}

func (ds *demoSettings) save(prefs fyne.Preferences, all []netcore.DemoInfo) {
	for _, d := range all {
		for _, st := range d.Settings {
			if st.Kind != netcore.SettingSecret {
				prefs.SetString(prefSetting(d.Name, st.Key), ds.entry(d.Name, st.Key).Text)
			}
			if ed := ds.docs[settingID(d.Name, st.Key)]; ed != nil {
				prefs.SetString(prefSettingFile(d.Name, st.Key), ed.file)
			}
		}
	}
}
