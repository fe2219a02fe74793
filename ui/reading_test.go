package ui

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"

	"keel/model"
)

// TestSessionDetailStartsAtTopForAnotherSession scrolls a long session's details down,
// then selects another session: its details start at the top.
func TestSessionDetailStartsAtTopForAnotherSession(t *testing.T) {
	u, store := newTestUI(t)
	u.win.Resize(fyne.NewSize(1024, 700))
	long := strings.Repeat("A long note about the session, line after line. ", 60)
	for _, days := range []int{3, 10} {
		if _, err := store.SaveSession(model.Session{At: testNow.AddDate(0, 0, -days), Status: model.StatusDone,
			Route: model.RouteIV, Notes: long, Intention: long}); err != nil {
			t.Fatal(err)
		}
	}
	u.Show(ScreenSessions)
	s := u.sessions
	s.list.Select(0)
	d := s.detail
	d.scroll.ScrollToBottom()
	if d.scroll.Offset.Y == 0 {
		t.Fatal("the test's session details are too short to scroll")
	}
	s.list.Select(1)
	if y := d.scroll.Offset.Y; y != 0 {
		t.Errorf("another session's details open scrolled to %v, want the top", y)
	}
	d.scroll.ScrollToBottom()
	d.show(&s.items[1]) // the same session redrawn (after an edit) keeps its place
	if d.scroll.Offset.Y == 0 {
		t.Error("redrawing the same session jumped to the top")
	}
}

var _ = time.Now
