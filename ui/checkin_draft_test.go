package ui

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"keel/model"
)

// TestCheckInDraftSurvivesClosingTheWindow: a check-in note typed and the window
// closed was gone after a restart. It is kept as the day's draft and back in the
// form, marked; Save stores it and drops the draft.
func TestCheckInDraftSurvivesClosingTheWindow(t *testing.T) {
	dir := t.TempDir()
	u, w, st := openWindow(t, dir)
	f := u.today.checkin
	test.Type(f.mood.entry, "4")
	test.Type(f.note, "Heavy morning, lighter after the walk")
	if !f.markRow.Visible() || !strings.Contains(f.mark.Text, "Draft, not saved yet") {
		t.Errorf("while typing, the check-in is not marked as a draft: %q", f.mark.Text)
	}
	w.intercept()
	st.Close()

	u2, _, st2 := openWindow(t, dir)
	defer st2.Close()
	f2 := u2.today.checkin
	if f2.note.Text != "Heavy morning, lighter after the walk" || f2.mood.text() != "4" || !f2.markRow.Visible() {
		t.Fatalf("after a restart the check-in holds %q, mood %q (marked %v); want the draft", f2.note.Text, f2.mood.text(), f2.markRow.Visible())
	}
	test.Tap(f2.save)
	list, _ := st2.CheckInsBetween(time.Time{}, time.Time{})
	if len(list) != 1 || list[0].Note != "Heavy morning, lighter after the walk" {
		t.Fatalf("after Save the store holds %+v", list)
	}
	if _, ok, _ := st2.Draft(model.CheckInPlace(testNow)); ok || f2.markRow.Visible() {
		t.Error("the check-in's draft is still there after it was saved")
	}
}

// TestCheckInDiscardAsks: discarding the check-in's draft asks first.
func TestCheckInDiscardAsks(t *testing.T) {
	u, _, st := openWindow(t, t.TempDir())
	defer st.Close()
	f := u.today.checkin
	test.Type(f.note, "not sure")
	f.keeper.flush()
	test.Tap(f.discard)
	tapInDialog(t, u.win, "Keep writing")
	if _, ok, _ := st.Draft(model.CheckInPlace(testNow)); !ok || f.note.Text != "not sure" {
		t.Fatal("Keep writing dropped the check-in's draft")
	}
	test.Tap(f.discard)
	tapInDialog(t, u.win, "Discard")
	if _, ok, _ := st.Draft(model.CheckInPlace(testNow)); ok || f.note.Text != "" || f.markRow.Visible() {
		t.Errorf("after Discard the form holds %q and the draft is kept %v", f.note.Text, ok)
	}
}

// TestFollowUpDraftSurvivesClosingTheWindow: a follow-up's answers typed and the
// window closed are back when it opens again; Cancel asks before throwing them away.
func TestFollowUpDraftSurvivesClosingTheWindow(t *testing.T) {
	dir := t.TempDir()
	u, w, st := openWindow(t, dir)
	sess, err := st.SaveSession(model.Session{At: testNow.Add(-5 * time.Hour), Status: model.StatusDone, Route: model.RouteIV})
	if err != nil {
		t.Fatal(err)
	}
	fus, _ := st.FollowUpsOf(sess.ID)
	if len(fus) == 0 {
		t.Fatal("a session 5 hours ago has no follow-ups")
	}
	ff := showFollowUp(st, u.win, u, fus[0], nil)
	test.Type(ff.rumination.entry, "6")
	test.Type(ff.note, "Loops about work, fewer than yesterday")
	w.intercept()
	st.Close()

	u2, _, st2 := openWindow(t, dir)
	defer st2.Close()
	ff2 := showFollowUp(st2, u2.win, u2, fus[0], nil)
	if ff2.note.Text != "Loops about work, fewer than yesterday" || ff2.rumination.text() != "6" || !ff2.markRow.Visible() {
		t.Fatalf("the follow-up reopens with %q, rumination %q (marked %v); want the draft", ff2.note.Text, ff2.rumination.text(), ff2.markRow.Visible())
	}
	test.Tap(findButton(topOverlay(u2.win), "Cancel"))
	tapInDialog(t, u2.win, "Keep editing")
	test.Tap(ff2.save)
	got, _ := st2.FollowUpsOf(sess.ID)
	if got[0].Note != "Loops about work, fewer than yesterday" || got[0].Rumination == nil || *got[0].Rumination != 6 {
		t.Fatalf("after Save the follow-up is %+v", got[0])
	}
	if _, ok, _ := st2.Draft(model.FollowUpPlace(fus[0].ID)); ok {
		t.Error("the follow-up's draft is still there after it was saved")
	}
}
