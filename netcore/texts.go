package netcore

import "strings"

// FillText writes values into an English sentence of netcore's tables,
// where a value is written {name}. One pass, so a value that itself
// contains braces (text typed by a person) is never filled again. The
// tables keep {name} rather than a Go template so that the command line
// needs no template engine; a front end translating by key reads them as
// {{.name}}.
func FillText(s string, values map[string]string) string {
	if len(values) == 0 {
		return s
	}
	pairs := make([]string, 0, 2*len(values))
	for k, v := range values {
		pairs = append(pairs, "{"+k+"}", v)
	}
	return strings.NewReplacer(pairs...).Replace(s)
}
