package assets

import (
	"strings"
	"testing"
)

// TestNotices: a package's build shows the notices it was built with: every module
// with its licence and the fonts' OFL; any other build says where they are.
func TestNotices(t *testing.T) {
	text := Notices()
	if !HasNotices() {
		if text != noticesMissing || !strings.Contains(text, "MIT License") || !strings.Contains(text, "THIRD-PARTY-NOTICES.txt") {
			t.Errorf("a build without notices says %q", text)
		}
		return
	}
	for _, want := range []string{"Third-party notices for Keel", "fyne.io/fyne/v2 ", "go.etcd.io/bbolt ", "SIL OPEN FONT LICENSE", "Liberation"} {
		if !strings.Contains(text, want) {
			t.Errorf("the notices lack %q", want)
		}
	}
}
