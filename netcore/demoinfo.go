package netcore

import "strings"

// Value is the setting key of the demo: the value it runs with, else the
// setting's default ("" for a key the demo does not have).
func (d DemoInfo) Value(key string) string {
	if v, ok := d.Values[key]; ok {
		return v
	}
	for _, s := range d.Settings {
		if s.Key == key {
			return s.Default
		}
	}
	return ""
}

// Describe is the Description with each {{.key}} replaced by the setting's
// Value, so a guess server set to 1–20 says "from 1 to 20" and the text is
// written once. The placeholders are in the form translation catalogues use
// ({{.Name}}), so a translated description keeps them and is filled from
// ShownValues. Secrets are never filled in.
func (d DemoInfo) Describe() string {
	var pairs []string
	for key, v := range d.ShownValues() {
		pairs = append(pairs, "{{."+key+"}}", v)
	}
	if len(pairs) == 0 {
		return d.Description
	}
	return strings.NewReplacer(pairs...).Replace(d.Description)
}

// ShownValues are the values a description may show, by setting key: every
// setting's Value but the secrets'.
func (d DemoInfo) ShownValues() map[string]string {
	values := map[string]string{}
	for _, s := range d.Settings {
		if s.Kind != SettingSecret {
			values[s.Key] = d.Value(s.Key)
		}
	}
	return values
}

// WithValues is d describing a demo that would run with values (a form
// being filled in, or the checked values a demo is made with): Describe
// and Value then follow them. Secrets are left out, as is a value that does
// not pass its setting's Check (its default stands in: the form marks the
// field).
func (d DemoInfo) WithValues(values map[string]string) DemoInfo {
	d.Values = map[string]string{}
	for _, s := range d.Settings {
		v, ok := values[s.Key]
		if !ok || s.Kind == SettingSecret {
			continue
		}
		if checked, err := s.Check(v); err == nil {
			d.Values[s.Key] = checked
		}
	}
	return d
}
