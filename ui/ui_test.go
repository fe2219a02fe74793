package ui

import (
	"os"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"keel/model/seal"
	"keel/model/store"
)

func TestMain(m *testing.M) {
	if os.Getenv(quitHelperEnv) != "" {
		os.Exit(quitHelper()) // a real window on the main goroutine (quit_test.go)
	}
	background = false                                    // the tests call checkIdle and remind themselves
	systemLocale = func() string { return "en_US.UTF-8" } // the crisis card's country, unless a test says otherwise
	hasTrayHost = func() bool { return false }            // no desktop's tray: tests say when there is one
	exit = func(int) {}                                   // Quit returns (withExit sees the code)
	quitClosesStores = false                              // and leaves the test's store open
	spawn = func(f func()) { f() }                        // every UI's long work in place, as fyne.Do runs here
	os.Exit(m.Run())
}

// testNow is the fixed clock of every UI test: Thursday 12 March 2026, 15:00 local time.
var testNow = time.Date(2026, 3, 12, 15, 0, 0, 0, time.Local)

// newTestUI opens a real store in a temporary folder and builds the window over it.
func newTestUI(t *testing.T) (*UI, *store.Store) {
	t.Helper()
	u, st := newTestUIAtOpening(t)
	u.win.Resize(fyne.NewSize(1280, 800))
	return u, st
}

// newTestUIAtOpening is newTestUI with the window at the size it opens at.
func newTestUIAtOpening(t *testing.T) (*UI, *store.Store) {
	t.Helper()
	a := test.NewTempApp(t)
	kdf := seal.TestParams()
	store, err := store.Open(store.DataFile(t.TempDir()), store.Options{Now: func() time.Time { return testNow }, KDF: &kdf})
	if err != nil {
		t.Fatalf("Open() = %v", err)
	}
	t.Cleanup(func() { store.Close() })
	u := New(a, store, welcomedPrefs())
	u.async = func(f func()) { f() } // the test driver's fyne.Do runs in place: keep it on one goroutine
	return u, store
}

// findButton returns the visible button with the given text anywhere in o, or nil.
func findButton(o fyne.CanvasObject, text string) *widget.Button {
	for _, obj := range test.LaidOutObjects(o) {
		if b, ok := obj.(*widget.Button); ok && b.Text == text && b.Visible() {
			return b
		}
	}
	return nil
}

// topOverlay is the dialog or pop-up shown over the window, or nil.
func topOverlay(w fyne.Window) fyne.CanvasObject {
	return w.Canvas().Overlays().Top()
}

// tapInDialog taps the button labelled text in the topmost dialog.
func tapInDialog(t *testing.T, w fyne.Window, text string) {
	t.Helper()
	top := topOverlay(w)
	if top == nil {
		t.Fatalf("no dialog is shown; wanted one with %q", text)
	}
	b := findButton(top, text)
	if b == nil {
		t.Fatalf("the dialog has no %q button", text)
	}
	test.Tap(b)
}

// labelTexts collects the text of every visible label in o.
func labelTexts(o fyne.CanvasObject) string {
	var sb strings.Builder
	for _, obj := range test.LaidOutObjects(o) {
		if l, ok := obj.(*widget.Label); ok && l.Visible() {
			sb.WriteString(l.Text)
			sb.WriteString("\n")
		}
	}
	return sb.String()
}

// crisisShown reports whether the crisis card is the dialog on top.
func crisisShown(w fyne.Window) bool {
	top := topOverlay(w)
	return top != nil && strings.Contains(labelTexts(top), "Nobody is monitoring")
}

// widgetsIn returns the visible widgets of type T in o, in layout order.
func widgetsIn[T fyne.CanvasObject](o fyne.CanvasObject) []T {
	var out []T
	for _, obj := range test.LaidOutObjects(o) {
		if w, ok := obj.(T); ok && obj.Visible() {
			out = append(out, w)
		}
	}
	return out
}

// welcomedPrefs are in-memory preferences of someone past the first-run welcome.
func welcomedPrefs() *prefs {
	p := memoryPrefs()
	p.SetBool(prefWelcomed, true)
	return p
}
