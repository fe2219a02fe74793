package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
)

// TestTwoSettingsScreensMeet: Settings saved whole whatever was stored, so a second
// Settings screen (another window) silently undid the first one's save. A change to
// another setting is merged; the same setting changed in both shows both and keeps
// the one chosen.
func TestTwoSettingsScreensMeet(t *testing.T) {
	u, _, st := openWindow(t, t.TempDir())
	defer st.Close()
	u.Show(ScreenSettings)
	a := u.settings
	b := newSettingsScreen(st, u.win, u, welcomedPrefs())

	a.interval.SetText("7")
	test.Tap(a.save)
	b.name.SetText("Sam Doe")
	test.Tap(b.save)
	got, _ := st.Settings()
	if got.QuestionnaireDays != 7 || got.ReportName != "Sam Doe" || topOverlay(u.win) != nil {
		t.Fatalf("after saves of different settings the store has every %d days, name %q (dialog %v)", got.QuestionnaireDays, got.ReportName, topOverlay(u.win) != nil)
	}
	if b.interval.Text != "7" {
		t.Errorf("after the merge the second screen shows every %q days, want the first one's 7", b.interval.Text)
	}

	for _, choice := range []string{"Take the newer", "Keep mine"} {
		a.load()
		b.load()
		nameA, nameB := "A, then "+choice, "B, then "+choice
		a.name.SetText(nameA)
		test.Tap(a.save)
		b.name.SetText(nameB)
		test.Tap(b.save)
		if got, _ := st.Settings(); got.ReportName != nameA {
			t.Fatalf("the second screen wrote %q over the first one's save", got.ReportName)
		}
		text := labelTexts(topOverlay(u.win))
		if !strings.Contains(text, nameA) || !strings.Contains(text, nameB) {
			t.Fatalf("the dialog does not show both names: %q", text)
		}
		tapInDialog(t, u.win, choice)
		want := nameB
		if choice == "Take the newer" {
			want = nameA
		}
		if got, _ := st.Settings(); got.ReportName != want || got.QuestionnaireDays != 7 {
			t.Errorf("after %s the settings are %+v, want name %q", choice, got, want)
		}
		if b.name.Text != want {
			t.Errorf("after %s the second screen shows %q", choice, b.name.Text)
		}
	}
}
