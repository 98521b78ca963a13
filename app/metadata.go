package app

import (
	"errors"
	"fmt"

	"github.com/BurntSushi/toml"
)

// Metadata is what FyneApp.toml says about the app. main embeds the file
// and passes what it parses to Run, so the window, the About dialog and
// the packages `fyne package` builds all say the same.
type Metadata struct {
	Name    string // the window's title and the About dialog's heading
	Version string
	Website string
	ID      string // names the app's preferences, as in packaging
}

// ParseMetadata reads FyneApp.toml's Website and its [Details] Name, ID and
// Version, and says which of them is missing.
func ParseMetadata(fyneAppTOML string) (Metadata, error) {
	var f struct {
		Website string
		Details struct{ Name, ID, Version string }
	}
	if _, err := toml.Decode(fyneAppTOML, &f); err != nil {
		return Metadata{}, fmt.Errorf("FyneApp.toml: %w", err)
	}
	m := Metadata{Name: f.Details.Name, Version: f.Details.Version, Website: f.Website, ID: f.Details.ID}
	var missing []error
	for _, field := range []struct{ key, value string }{
		{"Website", m.Website}, {"Details.Name", m.Name}, {"Details.ID", m.ID}, {"Details.Version", m.Version},
	} {
		if field.value == "" {
			missing = append(missing, fmt.Errorf("FyneApp.toml has no %s", field.key))
		}
	}
	return m, errors.Join(missing...)
}
