package ui

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"keel/model"
	"keel/model/store"
)

func TestRecoverFromDamagedDatabase(t *testing.T) {
	// On a 1280x800 screen at scale 2: the window opens within it and fits.
	defer func(f func() (fyne.Size, bool)) { screenPoints = f }(screenPoints)
	screenPoints = func() (fyne.Size, bool) { return smallWindow, true }
	for _, restore := range []bool{true, false} {
		dir := t.TempDir()
		path := store.DataFile(dir)
		st, _ := store.Open(path, store.Options{Now: func() time.Time { return testNow }})
		st.SaveSession(model.Session{At: testNow.Add(-time.Hour), Status: model.StatusDone, Route: model.RouteIV, Notes: "in the backup"})
		st.Backup()
		st.Close()
		junk := bytes.Repeat([]byte("not a database "), 1000)
		os.WriteFile(path, junk, 0o600)

		open := func() (*store.Store, error) {
			return store.Open(path, store.Options{Now: func() time.Time { return testNow }})
		}
		_, err := open()
		a := test.NewTempApp(t)
		w := Recover(a, memoryPrefs(), path, err, open)
		if text := labelTexts(w.Content()); !strings.Contains(text, "damaged") || !strings.Contains(text, "not change or delete") {
			t.Fatalf("recovery screen says %q", text)
		}
		if got := w.Canvas().Size(); got != smallWindow {
			t.Errorf("on a %v screen the recovery window opens at %v", smallWindow, got)
		}
		fitsIn(t, smallWindow, "The recovery window", w.Content())
		label := "Start with empty data"
		if restore {
			label = "Restore the backup of " + testNow.Format("2 January 2006, 15:04")
		}
		b := findButton(w.Content(), label)
		if b == nil {
			t.Fatalf("no %q button", label)
		}
		test.Tap(b)
		matches, _ := filepath.Glob(filepath.Join(dir, "keel-damaged-*.db"))
		if len(matches) != 1 {
			t.Fatalf("the damaged file was not set aside: %v", matches)
		}
		if kept, _ := os.ReadFile(matches[0]); !bytes.Equal(kept, junk) {
			t.Error("the damaged file set aside is not byte for byte the original")
		}
		if text := labelTexts(w.Content()); !strings.Contains(text, "How are you today?") {
			t.Errorf("after recovery the window shows %q, want Keel's screens", text)
		}
		if _, err := store.Open(path, store.Options{Timeout: 50 * time.Millisecond}); err == nil {
			t.Fatal("the recovered database is not in use by the window")
		}
		a.Quit()
	}
}
