package ui

import (
	"fmt"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"keel/model"
	"keel/model/demo"
)

func TestRemindersFromRecords(t *testing.T) {
	u, store := newTestUI(t) // the clock: 12 March 2026, 15:00
	// A session 5 hours ago: its +4 h follow-up is due (and not late) now; the
	// questionnaires were never answered.
	s, _ := store.SaveSession(model.Session{At: testNow.Add(-5 * time.Hour), Status: model.StatusDone, Route: model.RouteIV})
	store.SaveCheckIn(model.CheckIn{At: testNow.Add(-time.Hour), Mood: ptr(6)})
	store.SaveSession(model.Session{At: testNow.AddDate(0, 0, 1), Status: model.StatusPlanned, Route: model.RouteIV})

	fresh := u.remind()
	keys := map[string]bool{}
	for _, r := range fresh {
		keys[r.Key] = true
	}
	if !keys["questionnaire/phq9/2026-03-12"] || !keys["questionnaire/gad7/2026-03-12"] || !keys[fmt.Sprintf("followup/%d", model.FollowUpID(s.ID, 0))] {
		t.Errorf("sent %v, want the follow-up, PHQ-9 and GAD-7 reminders", keys)
	}
	if keys["checkin/2026-03-12"] {
		t.Error("a check-in reminder at 15:00 although the check-in is set for 20:00 and done")
	}
	if len(u.remind()) != 0 {
		t.Error("the same reminders were sent twice")
	}
	if sent, _ := store.SentReminders(); len(sent) != len(fresh) {
		t.Errorf("the database remembers %d reminders sent, want %d", len(sent), len(fresh))
	}

	// The same records with questionnaire and follow-up reminders off: nothing.
	off, offStore := newTestUI(t)
	s, _ = offStore.SaveSession(model.Session{At: testNow.Add(-5 * time.Hour), Status: model.StatusDone, Route: model.RouteIV})
	offStore.SaveCheckIn(model.CheckIn{At: testNow.Add(-time.Hour), Mood: ptr(6)})
	test.AssertNotificationSent(t, nil, func() {
		off.prefs.SetBool(prefRemindScores, false)
		off.prefs.SetBool(prefRemindFollowUps, false)
		if got := off.remind(); len(got) != 0 {
			t.Errorf("with questionnaire and follow-up reminders off, sent %+v", got)
		}
	})
	if len(off.pending) != 0 {
		t.Errorf("pending in the tray: %+v", off.pending)
	}
}

// TestSentRemindersMoveToTheDatabase: the list an older Keel kept in the preferences
// is moved into the database once, and those reminders are not sent again.
func TestSentRemindersMoveToTheDatabase(t *testing.T) {
	u, store := newTestUI(t)
	store.SaveCheckIn(model.CheckIn{At: testNow.Add(-time.Hour), Mood: ptr(6)})
	u.prefs.SetStringList(prefSentReminders, []string{"questionnaire/phq9/2026-03-12", "questionnaire/gad7/2026-03-12"})
	if got := u.remind(); len(got) != 0 {
		t.Errorf("reminders already sent by an older Keel were sent again: %+v", got)
	}
	if left := u.prefs.StringList(prefSentReminders); len(left) != 0 {
		t.Errorf("the preferences still list %v", left)
	}
	if sent, _ := store.SentReminders(); len(sent) != 2 {
		t.Errorf("the database remembers %v", sent)
	}
}

func TestNoRemindersForDemoData(t *testing.T) {
	u, store := newTestUI(t)
	store.Add(demo.Demo(testNow, 1, 3))
	store.MarkDemo()
	if got := u.remind(); len(got) != 0 {
		t.Errorf("demo data sent reminders: %+v", got)
	}
}
