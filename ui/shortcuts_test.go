package ui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

// press sends Ctrl (Cmd on macOS) + key to the window.
func press(u *UI, key fyne.KeyName) { typeShortcut(u, key) }

func TestShortcutsReachScreens(t *testing.T) {
	u, _ := newTestUI(t)
	for i, s := range u.specs {
		press(u, screenKeys[i])
		if u.current != s.id {
			t.Errorf("Ctrl+%d shows %q, want %q", i+1, u.specs[u.current].title, s.title)
		}
	}
	press(u, fyne.KeyN)
	if u.current != ScreenSessions || !u.sessions.formOpen() {
		t.Error("Ctrl+N did not open a new session form")
	}
	test.Type(u.sessions.form.notes, "draft")
	u.win.Canvas().Unfocus()
	u.win.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if !u.sessions.formOpen() {
		t.Fatal("Esc closed a form holding a draft without asking")
	}
	tapInDialog(t, u.win, "Discard")
	if u.sessions.formOpen() {
		t.Error("Esc, then Discard, did not close the form")
	}
	press(u, fyne.KeyF)
	if u.current != ScreenJournal || u.win.Canvas().Focused() != u.journal.search {
		t.Error("Ctrl+F did not focus the journal search")
	}
	press(u, fyne.KeyD)
	if u.current != ScreenToday || u.win.Canvas().Focused() != u.today.checkin.mood.entry {
		t.Error("Ctrl+D did not focus today's check-in")
	}
	test.Tap(u.helpBtn)
	u.win.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if topOverlay(u.win) != nil {
		t.Error("Esc did not close the crisis card")
	}
}

// TestScreensInIDOrder: the sidebar lists one screen per ScreenID, in ID order, so a
// typed ID always finds its screen.
func TestScreensInIDOrder(t *testing.T) {
	u, _ := newTestUI(t)
	if len(u.specs) != int(screenCount) {
		t.Fatalf("%d screens in the sidebar, want %d", len(u.specs), screenCount)
	}
	for i, s := range u.specs {
		if s.id != ScreenID(i) {
			t.Errorf("sidebar entry %d (%s) has ID %d", i, s.title, s.id)
		}
		u.Show(s.id)
		if u.current != s.id || u.views[s.id].content == nil {
			t.Errorf("Show(%s) did not show it", s.title)
		}
	}
}
