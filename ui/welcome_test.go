package ui

import (
	"strings"
	"testing"
	"time"

	"keel/model/store"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

func TestWelcomeOnceThenDemoAndBack(t *testing.T) {
	dir := t.TempDir()
	a := test.NewTempApp(t)
	store, err := store.Open(store.DataFile(dir), store.Options{Now: func() time.Time { return testNow }})
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	prefs := openPrefs(dir)
	u := New(a, store, prefs)
	u.async = func(f func()) { f() }
	text := labelTexts(u.win.Content()) + richTexts(u.win.Content())
	for _, want := range []string{"Welcome to Keel", "not a medical device", "never advises on doses", "stays on this computer", store.Path()} {
		if !strings.Contains(text, want) {
			t.Errorf("the welcome screen does not say %q", want)
		}
	}
	test.Tap(findButton(u.win.Content(), "Try it with demo data"))
	if !u.prefs.Bool(prefWelcomed) {
		t.Error("the welcome is not remembered as answered")
	}
	title := u.win.Title()
	if !strings.Contains(strings.ToLower(title), "demo") {
		t.Errorf("the demo window's title is %q, want it to say demo", title)
	}
	if empty, _ := store.IsEmpty(); !empty {
		t.Fatal("demo data went into the user's own database")
	}
	demoBanner := labelTexts(u.win.Content())
	if !strings.Contains(demoBanner, "Demo data") {
		t.Errorf("no demo banner: %q", demoBanner)
	}
	test.Tap(findButton(u.win.Content(), "Leave the demo"))
	if strings.Contains(strings.ToLower(u.win.Title()), "demo") || strings.Contains(labelTexts(u.win.Content()), "Demo data") {
		t.Error("after leaving the demo the window still says demo")
	}

	// The next start shows no welcome, even with no records yet.
	u2 := New(a, store, openPrefs(dir))
	if strings.Contains(labelTexts(u2.win.Content())+richTexts(u2.win.Content()), "Welcome to Keel") {
		t.Error("the welcome showed a second time")
	}
}

// richTexts collects the text of every rich text in o.
func richTexts(o fyne.CanvasObject) string {
	var sb strings.Builder
	for _, obj := range test.LaidOutObjects(o) {
		if r, ok := obj.(*widget.RichText); ok {
			sb.WriteString(r.String())
			sb.WriteString("\n")
		}
	}
	return sb.String()
}
