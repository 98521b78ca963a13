package app

import (
	"testing"

	"github.com/socketlab/socketlab/app/i18n"
)

// The window fits the smallest screens in every language, not only in
// English: a translated label wider than its English one (German's, the
// French toolbar buttons) would otherwise push a tab past the screen.
func TestWindowMinimumFitsSmallScreensInEveryLanguage(t *testing.T) {
	for _, lang := range i18n.Languages[1:] {
		t.Run(lang.Code, func(t *testing.T) {
			useLanguage(t, lang.Code)
			TestWindowMinimumFitsSmallScreens(t)
		})
	}
}
