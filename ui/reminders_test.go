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
	test.AssertNotificationSent(t, nil, func() {
		u.prefs.SetBool(prefRemindScores, false)
		u.prefs.SetBool(prefRemindFollowUps, false)
		u.prefs.SetStringList(prefSentReminders, nil)
		if got := u.remind(); len(got) != 0 {
			t.Errorf("with questionnaire and follow-up reminders off, sent %+v", got)
		}
	})
	if len(u.pending) != 0 {
		t.Errorf("pending in the tray: %+v", u.pending)
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
