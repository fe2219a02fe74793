package ui

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"keel/assets"
	"keel/model"
	"keel/model/cli"
	"keel/model/store"
)

// withLocale makes the system locale loc for the test.
func withLocale(t *testing.T, loc string) {
	old := systemLocale
	systemLocale = func() string { return loc }
	t.Cleanup(func() { systemLocale = old })
}

// TestCrisisCardByCountry: the card shows the lines of the country chosen, or while
// none is chosen of the system locale's, with its emergency number; a country not
// in the table gets the fallback (docs/clinical.md, "Crisis resources").
func TestCrisisCardByCountry(t *testing.T) {
	for _, c := range []struct {
		country, locale string
		want, not       []string
	}{
		{"", "en_US.UTF-8", []string{"United States", "988", "741741", "911"}, []string{"findahelpline"}},
		{"CA", "en_US.UTF-8", []string{"Canada", "988", "English or French", "911"}, []string{"741741"}},
		{"", "de_AT.UTF-8", []string{"Austria", "142", "112"}, []string{"988"}},
		{"", "C.UTF-8", []string{"Crisis lines where you live", "findahelpline.com", "your local emergency number"}, []string{"988"}},
		{model.CountryElsewhere, "en_US.UTF-8", []string{"findahelpline.com", "112 works in every EU country"}, []string{"988", "United States"}},
	} {
		withLocale(t, c.locale)
		u, st := newTestUI(t)
		s, _ := st.Settings()
		s.Country = c.country
		if err := st.SaveSettings(s); err != nil {
			t.Fatal(err)
		}
		u.ShowCrisis()
		text := labelTexts(topOverlay(u.win))
		for _, w := range c.want {
			if !strings.Contains(text, w) {
				t.Errorf("country %q, locale %q: the card lacks %q:\n%s", c.country, c.locale, w, text)
			}
		}
		for _, n := range c.not {
			if strings.Contains(text, n) {
				t.Errorf("country %q, locale %q: the card says %q:\n%s", c.country, c.locale, n, text)
			}
		}
	}
}

// TestCrisisCardWording: opened by the person, the card says nothing about an
// answer; opened by PHQ-9 item 9, it does.
func TestCrisisCardWording(t *testing.T) {
	u, _ := newTestUI(t)
	test.Tap(u.helpBtn)
	if text := labelTexts(topOverlay(u.win)); strings.Contains(text, "this answer") || !strings.Contains(text, "Nobody is monitoring") {
		t.Errorf("the card opened by the button says:\n%s", text)
	}
	tapInDialog(t, u.win, "Close")
	q := startQuestionnaire(u.store, u.win, u, model.PHQ9, nil)
	for range 8 {
		test.Tap(q.buttons[0])
	}
	test.Tap(q.buttons[2])
	if text := labelTexts(topOverlay(u.win)); !strings.Contains(text, "nobody will see this answer") || !strings.Contains(text, "tell your care team about this answer") {
		t.Errorf("the card opened by item 9 says:\n%s", text)
	}
}

// TestSettingsCountry: Settings preselects the locale's country while none is
// chosen; the country chosen and the person's own lines are saved and shown.
func TestSettingsCountry(t *testing.T) {
	withLocale(t, "nl_NL.UTF-8")
	u, st := newTestUI(t)
	u.Show(ScreenSettings)
	s := u.settings
	if got := s.country.sel.Selected; got != "Netherlands" {
		t.Errorf("Settings preselects %q, want the locale's Netherlands", got)
	}
	if len(s.crisis) != 0 {
		t.Errorf("a new user's own lines = %+v, want none (the built-in lines are the country's)", s.crisis)
	}
	s.country.sel.SetSelected("Japan")
	test.Tap(findButton(s.content, "Add your own line"))
	entries := widgetsIn[*textEntry](s.lines)
	test.Type(entries[0], "My therapist")
	test.Type(entries[1], "Call 555 0101")
	test.Tap(s.save)
	saved, _ := st.Settings()
	if saved.Country != "JP" || len(saved.OwnCrisisLines()) != 1 || saved.OwnCrisisLines()[0].Name != "My therapist" {
		t.Fatalf("saved country %q, own lines %+v; want JP and the therapist", saved.Country, saved.OwnCrisisLines())
	}
	test.Tap(findButton(s.content, "Preview the card"))
	text := labelTexts(topOverlay(u.win))
	for _, w := range []string{"Japan", "0120-279-338", "119", "My therapist", "555 0101"} {
		if !strings.Contains(text, w) {
			t.Errorf("the card after Settings lacks %q:\n%s", w, text)
		}
	}
	s.country.sel.SetSelected("Another country")
	test.Tap(s.save)
	if saved, _ := st.Settings(); saved.Country != model.CountryElsewhere {
		t.Errorf("“Another country” saved as %q", saved.Country)
	}
}

// TestWelcomeAsksTheCountry: the first-run screen offers the country guessed from
// the locale, and keeps the one chosen.
func TestWelcomeAsksTheCountry(t *testing.T) {
	withLocale(t, "fr_FR.UTF-8")
	a := test.NewTempApp(t)
	st, err := store.Open(store.DataFile(t.TempDir()), store.Options{Now: func() time.Time { return testNow }})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	u := New(a, st, memoryPrefs())
	sels := widgetsIn[*widget.Select](u.win.Content())
	if len(sels) != 1 || sels[0].Selected != "France" {
		t.Fatalf("the welcome screen's country lists = %d, selected %v; want France preselected", len(sels), sels)
	}
	test.Tap(findButton(u.win.Content(), "Need help now?"))
	if text := labelTexts(topOverlay(u.win)); !strings.Contains(text, "3114") {
		t.Errorf("the card from the welcome screen lacks France's 3114:\n%s", text)
	}
	tapInDialog(t, u.win, "Close")
	sels[0].SetSelected("Ireland")
	test.Tap(findButton(u.win.Content(), "Start fresh"))
	if s, _ := st.Settings(); s.Country != "IE" {
		t.Errorf("the welcome screen saved country %q, want IE", s.Country)
	}
	if !u.prefs.Bool(prefWelcomed) {
		t.Error("the welcome is not remembered as answered")
	}
}

// TestHelpShowsVersionAndNotices: the Help screen says the version and opens the
// third-party notices.
func TestHelpShowsVersionAndNotices(t *testing.T) {
	u, _ := newTestUI(t)
	u.Show(ScreenHelp)
	body := u.views[ScreenHelp].content
	if text := labelTexts(body); !strings.Contains(text, "Keel "+cli.Version()) {
		t.Errorf("the Help screen does not say the version %q:\n%s", cli.Version(), text)
	}
	test.Tap(findButton(body, "Third-party notices"))
	grids := widgetsIn[*widget.TextGrid](topOverlay(u.win))
	if len(grids) != 1 {
		t.Fatalf("the notices dialog shows %d text grids", len(grids))
	}
	if got, want := grids[0].Text(), strings.TrimRight(assets.Notices(), "\n"); strings.TrimRight(got, "\n") != want {
		t.Errorf("the notices dialog shows %.80q…, want the notices", got)
	}
	tapInDialog(t, u.win, "Close")
	if topOverlay(u.win) != nil {
		t.Error("the notices dialog did not close")
	}
}
