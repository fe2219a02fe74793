package ui

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"keel/model"
)

func sessionDraftShown(f *sessionForm) bool {
	return f.markRow.Visible() && strings.Contains(f.mark.Text, "Draft, not saved yet")
}

// TestSessionFormDraftSurvivesClosingTheWindow: a filled session form and the window
// closed used to lose everything. The form's texts and choices are kept; the next
// start opens the form on them, marked as a draft, and Save stores them.
func TestSessionFormDraftSurvivesClosingTheWindow(t *testing.T) {
	dir := t.TempDir()
	u, w, st := openWindow(t, dir)
	u.Show(ScreenSessions)
	test.Tap(u.sessions.logBtn)
	f := u.sessions.form
	f.route.SetSelected(model.RouteIM.Label())
	test.Type(f.dose, "0.75")
	f.unit.SetSelected(model.UnitMgPerKg.Label())
	test.Tap(f.character[0])
	test.Type(f.notes, "Felt the floor soften, then my grandmother's kitchen")
	if !sessionDraftShown(f) {
		t.Errorf("while typing, the form is not marked as a draft: %q", f.mark.Text)
	}
	w.intercept() // the person closes the window
	st.Close()

	u2, _, st2 := openWindow(t, dir)
	defer st2.Close()
	u2.Show(ScreenSessions)
	s2 := u2.sessions
	f2 := s2.form
	if !s2.formOpen() {
		t.Fatal("after a restart the Sessions screen does not open the form on its draft")
	}
	if f2.notes.Text != "Felt the floor soften, then my grandmother's kitchen" || f2.dose.Text != "0.75" ||
		f2.route.Selected != model.RouteIM.Label() || f2.unit.Selected != model.UnitMgPerKg.Label() || !f2.character[0].Checked {
		t.Fatalf("after a restart the form holds notes %q dose %q %q route %q, character %v; want the draft",
			f2.notes.Text, f2.dose.Text, f2.unit.Selected, f2.route.Selected, f2.character[0].Checked)
	}
	if !sessionDraftShown(f2) || !strings.Contains(f2.mark.Text, "kept") {
		t.Errorf("after a restart the form is not marked as a draft: %q", f2.mark.Text)
	}
	if list, _ := st2.Sessions(); len(list) != 0 {
		t.Fatalf("the draft became a session without Save: %+v", list)
	}
	test.Tap(f2.save)
	list, _ := st2.Sessions()
	if len(list) != 1 || list[0].Notes != "Felt the floor soften, then my grandmother's kitchen" || list[0].Route != model.RouteIM {
		t.Fatalf("after Save the store holds %+v", list)
	}
	if _, ok, _ := st2.Draft(model.SessionPlace(0)); ok || f2.markRow.Visible() {
		t.Error("the draft is still there after the session was saved")
	}
}

// TestSessionFormCancelAsksBeforeDiscarding: Cancel on a filled form used to throw it
// away with no question. It asks; "Keep editing" keeps the form and its draft,
// "Discard" throws both away. An untouched form closes at once.
func TestSessionFormCancelAsksBeforeDiscarding(t *testing.T) {
	u, _, st := openWindow(t, t.TempDir())
	defer st.Close()
	u.Show(ScreenSessions)
	s := u.sessions
	test.Tap(s.logBtn)
	f := s.form
	test.Type(f.provider, "Clearwater Clinic")
	f.keeper.flush()
	test.Tap(findButton(f.content, "Cancel"))
	tapInDialog(t, u.win, "Keep editing")
	if !s.formOpen() || f.provider.Text != "Clearwater Clinic" {
		t.Fatalf("Keep editing left the form open %v with %q", s.formOpen(), f.provider.Text)
	}
	if _, ok, _ := st.Draft(model.SessionPlace(0)); !ok {
		t.Fatal("Keep editing dropped the draft")
	}
	test.Tap(findButton(f.content, "Cancel"))
	tapInDialog(t, u.win, "Discard")
	if s.formOpen() {
		t.Error("Discard did not close the form")
	}
	if _, ok, _ := st.Draft(model.SessionPlace(0)); ok {
		t.Error("Discard left the draft in the store")
	}
	test.Tap(s.logBtn)
	if f.provider.Text != "" || sessionDraftShown(f) {
		t.Errorf("after Discard a new form holds %q (marked %v)", f.provider.Text, sessionDraftShown(f))
	}
	test.Tap(findButton(f.content, "Cancel"))
	if s.formOpen() || topOverlay(u.win) != nil {
		t.Error("Cancel on an untouched form asked or did not close it")
	}
}

// plannedInForm stores a planned session and opens it in the session form.
func plannedInForm(t *testing.T, u *UI) (model.Session, *sessionForm) {
	t.Helper()
	sess, err := u.store.SaveSession(model.Session{At: testNow.Add(30 * time.Hour), Status: model.StatusPlanned,
		Route: model.RouteIV, Intention: "Rest", Provider: "Clearwater Clinic"})
	if err != nil {
		t.Fatal(err)
	}
	u.Show(ScreenSessions)
	u.sessions.reload()
	u.sessions.openForm(sess, "Edit session")
	return sess, u.sessions.form
}

// TestSessionFormKeepsTheIntentionTypedInPrepare: the form kept its own copy and
// saved it whole, so an intention typed in Prepare while the form was open was
// replaced by the stale one. The save is refused as edited from an older version, the
// two edits touch different fields, and the merge keeps both.
func TestSessionFormKeepsTheIntentionTypedInPrepare(t *testing.T) {
	u, _, st := openWindow(t, t.TempDir())
	defer st.Close()
	sess, f := plannedInForm(t, u)
	f.notes.SetText("Ask about the dose")
	u.Show(ScreenPrepare)
	u.prepare.intention.SetText("Notice, don't fix")
	u.prepare.flushIntention()
	if got, _ := st.Session(sess.ID); got.Intention != "Notice, don't fix" {
		t.Fatalf("Prepare saved %q", got.Intention)
	}
	u.Show(ScreenSessions)
	test.Tap(f.save)
	got, _ := st.Session(sess.ID)
	if got.Intention != "Notice, don't fix" || got.Notes != "Ask about the dose" {
		t.Fatalf("after the form's save the session has intention %q, notes %q; want both edits", got.Intention, got.Notes)
	}
	if top := topOverlay(u.win); top != nil {
		t.Errorf("edits of different fields asked anyway: %q", labelTexts(top))
	}
	if u.sessions.formOpen() {
		t.Error("the form is still open after the merged save")
	}
}

// TestSessionFormAndPrepareBothChangeTheIntention: when both changed the intention,
// nothing is written over: both are shown, and the choice is kept.
func TestSessionFormAndPrepareBothChangeTheIntention(t *testing.T) {
	for _, choice := range []string{"Keep mine", "Take the newer"} {
		t.Run(choice, func(t *testing.T) {
			u, _, st := openWindow(t, t.TempDir())
			defer st.Close()
			sess, f := plannedInForm(t, u)
			f.intention.SetText("Stay with the body")
			u.Show(ScreenPrepare)
			u.prepare.intention.SetText("Notice, don't fix")
			u.prepare.flushIntention()
			u.Show(ScreenSessions)
			test.Tap(f.save)
			if got, _ := st.Session(sess.ID); got.Intention != "Notice, don't fix" {
				t.Fatalf("the refused save wrote %q over Prepare's intention", got.Intention)
			}
			text := labelTexts(topOverlay(u.win))
			if !strings.Contains(text, "Stay with the body") || !strings.Contains(text, "Notice, don't fix") {
				t.Fatalf("the dialog does not show both intentions: %q", text)
			}
			if _, ok, _ := st.Draft(model.SessionPlace(sess.ID)); !ok {
				t.Error("the form's version is not kept as a draft while the choice is open")
			}
			tapInDialog(t, u.win, choice)
			want := "Stay with the body"
			if choice == "Take the newer" {
				want = "Notice, don't fix"
			}
			got, _ := st.Session(sess.ID)
			if got.Intention != want || got.Provider != "Clearwater Clinic" {
				t.Errorf("after %s the session is %+v, want intention %q", choice, got, want)
			}
			if _, ok, _ := st.Draft(model.SessionPlace(sess.ID)); ok {
				t.Errorf("after %s the form's draft is still there", choice)
			}
		})
	}
}

// TestTwoSessionFormsOnOneSession: two forms (two windows) open on one session.
// Different fields merge; the same field changed in both is shown, not overwritten.
func TestTwoSessionFormsOnOneSession(t *testing.T) {
	u, _, st := openWindow(t, t.TempDir())
	defer st.Close()
	sess, a := plannedInForm(t, u)
	b := newSessionForm(st, u.win)
	var shown model.Session
	b.onSaved = func(s model.Session) { shown = s }
	b.edit(sess, "Edit session")

	a.provider.SetText("Harbour Clinic")
	test.Tap(a.save)
	b.notes.SetText("Bring socks")
	test.Tap(b.save)
	got, _ := st.Session(sess.ID)
	if got.Provider != "Harbour Clinic" || got.Notes != "Bring socks" || topOverlay(u.win) != nil {
		t.Fatalf("after two saves of different fields the session is %+v (dialog %v)", got, topOverlay(u.win) != nil)
	}

	u.sessions.openForm(got, "Edit session")
	b.edit(got, "Edit session")
	a.provider.SetText("Clinic A")
	test.Tap(a.save)
	b.provider.SetText("Clinic B")
	test.Tap(b.save)
	if got, _ := st.Session(sess.ID); got.Provider != "Clinic A" {
		t.Fatalf("the second form wrote %q over the first one's save", got.Provider)
	}
	text := labelTexts(topOverlay(u.win))
	if !strings.Contains(text, "Clinic A") || !strings.Contains(text, "Clinic B") || !strings.Contains(text, "Provider") {
		t.Fatalf("the dialog does not show both providers: %q", text)
	}
	tapInDialog(t, u.win, "Take the newer")
	if got, _ := st.Session(sess.ID); got.Provider != "Clinic A" || got.Notes != "Bring socks" || shown.Provider != "Clinic A" {
		t.Errorf("after Take the newer the session is %+v, shown %q", got, shown.Provider)
	}
	if _, ok, _ := st.Draft(model.SessionPlace(sess.ID)); ok {
		t.Error("after Take the newer the second form's draft is still there")
	}
}

// TestSessionDraftOverAnOlderVersionAsks: a draft kept over a version that has since
// changed (closed, then the session edited elsewhere) cannot be merged field by
// field: its save shows both, even for fields only one side changed.
func TestSessionDraftOverAnOlderVersionAsks(t *testing.T) {
	dir := t.TempDir()
	u, w, st := openWindow(t, dir)
	sess, f := plannedInForm(t, u)
	f.notes.SetText("Written before the close")
	w.intercept()
	newer := sess
	newer.Provider = "Changed meanwhile"
	if _, err := st.SaveSession(newer); err != nil {
		t.Fatal(err)
	}
	st.Close()

	u2, _, st2 := openWindow(t, dir)
	defer st2.Close()
	u2.Show(ScreenSessions)
	f2 := u2.sessions.form
	if f2.notes.Text != "Written before the close" || f2.provider.Text != "Clearwater Clinic" {
		t.Fatalf("the form reopens with notes %q provider %q, want the draft as typed", f2.notes.Text, f2.provider.Text)
	}
	row := newSessionRow()
	u2.sessions.updateRow(0, row)
	if text := labelTexts(row); !strings.HasPrefix(text, "Draft · ") {
		t.Errorf("the list row of the session with a draft says %q, want a draft mark first", text)
	}
	test.Tap(f2.save)
	if got, _ := st2.Session(sess.ID); got.Provider != "Changed meanwhile" || got.Notes != "" {
		t.Fatalf("a draft over an older version was saved without asking: %+v", got)
	}
	tapInDialog(t, u2.win, "Keep mine")
	if got, _ := st2.Session(sess.ID); got.Provider != "Clearwater Clinic" || got.Notes != "Written before the close" {
		t.Errorf("after Keep mine the session is %+v", got)
	}
	u2.sessions.updateRow(0, row)
	if text := labelTexts(row); strings.Contains(text, "Draft") {
		t.Errorf("after the save the list row still says %q", text)
	}
}

// TestLockingKeepsEveryFormsDraft: locking drops the key, so the session form, the
// check-in and an open follow-up keep what they hold first (sealed); after unlocking
// every draft is there.
func TestLockingKeepsEveryFormsDraft(t *testing.T) {
	u, _, st := openWindow(t, t.TempDir())
	defer st.Close()
	sess, err := st.SaveSession(model.Session{At: testNow.Add(-5 * time.Hour), Status: model.StatusDone, Route: model.RouteIV})
	if err != nil {
		t.Fatal(err)
	}
	if err := st.EnableEncryption([]byte("correct horse battery")); err != nil {
		t.Fatal(err)
	}
	test.Type(u.today.checkin.note, "check-in typed before the lock")
	fus, _ := st.FollowUpsOf(sess.ID)
	ff := showFollowUp(st, u.win, u, fus[0], nil)
	test.Type(ff.note, "follow-up typed before the lock")
	u.Show(ScreenSessions)
	u.sessions.openForm(sess, "Edit session")
	u.sessions.form.notes.SetText("session typed before the lock")
	u.showLock()
	if !st.Locked() {
		t.Fatal("showLock did not lock")
	}
	if err := st.Unlock([]byte("correct horse battery")); err != nil {
		t.Fatal(err)
	}
	for place, want := range map[model.Place]string{
		model.CheckInPlace(testNow):    "check-in typed before the lock",
		model.FollowUpPlace(fus[0].ID): "follow-up typed before the lock",
		model.SessionPlace(sess.ID):    "session typed before the lock",
	} {
		d, ok, err := st.Draft(place)
		text := d.Get(model.FieldNote) + d.Get(model.FieldNotes)
		if err != nil || !ok || text != want {
			t.Errorf("after the lock the draft at %s is %q (kept %v, %v), want %q", place, text, ok, err, want)
		}
	}
}

// TestSessionFormOverADeletedSession: a session deleted while its form was open is
// not silently brought back or lost: the save says so and offers to save it as new.
func TestSessionFormOverADeletedSession(t *testing.T) {
	u, _, st := openWindow(t, t.TempDir())
	defer st.Close()
	sess, f := plannedInForm(t, u)
	f.notes.SetText("Still worth keeping")
	if err := st.DeleteSession(sess.ID); err != nil { // another window
		t.Fatal(err)
	}
	test.Tap(f.save)
	if list, _ := st.Sessions(); len(list) != 0 {
		t.Fatalf("the save brought the deleted session back without asking: %+v", list)
	}
	tapInDialog(t, u.win, "Save as a new session")
	list, _ := st.Sessions()
	if len(list) != 1 || list[0].ID == sess.ID || list[0].Notes != "Still worth keeping" {
		t.Fatalf("after Save as a new session the store holds %+v", list)
	}
	if drafts, _ := st.Drafts(model.PlaceSession + "/"); len(drafts) != 0 {
		t.Errorf("drafts left after the save: %+v", drafts)
	}
}
