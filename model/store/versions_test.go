package store

import (
	"errors"
	"slices"
	"testing"
	"time"

	"keel/model"
)

// conflictOf fails the test unless err is a refusal with code EConflict carrying a
// *model.Conflict.
func conflictOf(t *testing.T, err error) *model.Conflict {
	t.Helper()
	c, ok := model.ConflictOf(err)
	if !ok || model.ErrorCode(err) != model.EConflict {
		t.Fatalf("save = %v, want a refusal with code %s", err, model.EConflict)
	}
	if model.Message(err) == "" || model.Message(err) == model.Message(errors.New("x")) {
		t.Errorf("the refusal says %q, want a sentence about the conflict", model.Message(err))
	}
	return c
}

func plannedSession(t *testing.T, st *Store) model.Session {
	t.Helper()
	s, err := st.SaveSession(model.Session{At: testNow.Add(30 * time.Hour), Status: model.StatusPlanned, Route: model.RouteIV,
		Provider: "Clearwater", Intention: "Be kind to myself"})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// TestSessionFormSaveKeepsAnIntentionTypedInPrepare: the session form keeps its own
// copy; Prepare saves the intention on its own. Saving the form after an intention
// was typed in Prepare used to replace it with the form's stale one. Now the save is
// refused with both versions, and a merge from the form's starting copy keeps both
// the intention and the form's own change.
func TestSessionFormSaveKeepsAnIntentionTypedInPrepare(t *testing.T) {
	st := openTest(t)
	opened := plannedSession(t, st) // the form opens

	if _, err := st.SetIntention(opened.ID, "Let it come", opened.Intention); err != nil { // typed in Prepare
		t.Fatalf("SetIntention() = %v", err)
	}
	form := opened
	form.Provider = "Clearwater Clinic, room 2" // the form's own edit
	_, err := st.SaveSession(form)
	c := conflictOf(t, err)
	if got := c.Theirs.(*model.Session).Intention; got != "Let it come" || c.Mine.(*model.Session).Provider != form.Provider {
		t.Errorf("conflict carries theirs' intention %q and mine %+v, want both versions", got, c.Mine)
	}
	if !slices.Contains(c.Fields, "intention") || !slices.Contains(c.Fields, "provider") {
		t.Errorf("conflict fields = %q, want the intention and the provider", c.Fields)
	}
	if s, _ := st.Session(opened.ID); s.Intention != "Let it come" || s.Provider != "Clearwater" {
		t.Fatalf("after the refused save: %+v, want Prepare's intention and the old provider", s)
	}

	merged, clashes, err := model.Merge3(opened, form, *c.Theirs.(*model.Session))
	if err != nil || len(clashes) != 0 {
		t.Fatalf("Merge3() clashes %q, %v; want none", clashes, err)
	}
	saved, err := st.SaveSession(merged)
	if err != nil {
		t.Fatalf("saving the merge = %v", err)
	}
	if saved.Intention != "Let it come" || saved.Provider != form.Provider {
		t.Errorf("after the merge: intention %q, provider %q; want both edits", saved.Intention, saved.Provider)
	}
}

// TestPrepareIntentionRefusedAfterTheFormChangedIt: the other way round, Prepare
// showing an intention the form has since replaced does not write over it.
func TestPrepareIntentionRefusedAfterTheFormChangedIt(t *testing.T) {
	st := openTest(t)
	s := plannedSession(t, st)
	shown := s.Intention // Prepare shows it
	form := s
	form.Intention = "Notice, don't fix"
	if _, err := st.SaveSession(form); err != nil {
		t.Fatal(err)
	}
	_, err := st.SetIntention(s.ID, "Be kind to myself, and rest", shown)
	c := conflictOf(t, err)
	if c.Theirs.(*model.Session).Intention != "Notice, don't fix" || c.Mine.(*model.Session).Intention != "Be kind to myself, and rest" {
		t.Errorf("conflict = %+v / %+v, want the form's intention as theirs and Prepare's as mine", c.Theirs, c.Mine)
	}
	if got, _ := st.Session(s.ID); got.Intention != "Notice, don't fix" {
		t.Errorf("stored intention = %q, want the form's", got.Intention)
	}
	// Keeping Prepare's: from is now the stored one.
	if got, err := st.SetIntention(s.ID, "Be kind to myself, and rest", "Notice, don't fix"); err != nil || got.Intention != "Be kind to myself, and rest" {
		t.Errorf("SetIntention(keep mine) = %q, %v", got.Intention, err)
	}
}

// TestSetIntentionTouchesNothingElse: the narrow setter never writes the session's
// other fields, and the same text writes nothing.
func TestSetIntentionTouchesNothingElse(t *testing.T) {
	st := openTest(t)
	s := plannedSession(t, st)
	got, err := st.SetIntention(s.ID, "Let it come", s.Intention)
	if err != nil {
		t.Fatal(err)
	}
	want := s
	want.Intention, want.Updated = "Let it come", got.Updated
	if !sameJSON(t, got, want) || !got.Updated.After(s.Updated) {
		t.Errorf("SetIntention() = %+v, want only the intention (and the version) changed from %+v", got, s)
	}
	if again, err := st.SetIntention(s.ID, "Let it come", "whatever"); err != nil || !again.Updated.Equal(got.Updated) {
		t.Errorf("SetIntention(the stored text) = %v, version %v; want no change from %v", err, again.Updated, got.Updated)
	}
	var v *model.ValidationError
	if _, err := st.SetIntention(s.ID, string(make([]byte, model.MaxLongText+1)), "Let it come"); !errors.As(err, &v) {
		t.Errorf("SetIntention(too long) = %v, want a *ValidationError", err)
	}
	if _, err := st.SetIntention(999, "x", ""); !errors.Is(err, model.ErrNotFound) {
		t.Errorf("SetIntention(no such session) = %v, want ErrNotFound", err)
	}
}

// TestTwoEditsOfOneRecord: for each pair of places that edit the same record, the
// second save from the same starting copy is refused with both versions, and the
// first save is what is stored.
func TestTwoEditsOfOneRecord(t *testing.T) {
	type pair struct {
		name string
		// load stores a record and returns how to save a copy edited with a change.
		load func(t *testing.T, st *Store) (first, second func() error, check func(t *testing.T))
	}
	sessionPair := func(firstEdit, secondEdit func(*model.Session)) func(t *testing.T, st *Store) (func() error, func() error, func(*testing.T)) {
		return func(t *testing.T, st *Store) (func() error, func() error, func(*testing.T)) {
			s, err := st.SaveSession(model.Session{At: testNow.Add(-3 * time.Hour), Status: model.StatusPlanned, Route: model.RouteIV, Notes: "as planned"})
			if err != nil {
				t.Fatal(err)
			}
			a, b := s, s
			firstEdit(&a)
			secondEdit(&b)
			return func() error { _, err := st.SaveSession(a); return err },
				func() error { _, err := st.SaveSession(b); return err },
				func(t *testing.T) {
					if got, _ := st.Session(s.ID); got.Notes != a.Notes || got.Status != a.Status {
						t.Errorf("stored %q (%s), want the first save's %q (%s)", got.Notes, got.Status, a.Notes, a.Status)
					}
				}
		}
	}
	pairs := []pair{
		{"two session forms", sessionPair(
			func(s *model.Session) { s.Notes = "from the first form" },
			func(s *model.Session) { s.Notes = "from the second form" })},
		{"session form, then record how it went", sessionPair(
			func(s *model.Session) { s.Notes = "edited in the form" },
			func(s *model.Session) { s.Status, s.MoodAfter, s.Notes = model.StatusDone, ptr(7), "how it went" })},
		{"record how it went, then the session form", sessionPair(
			func(s *model.Session) { s.Status, s.MoodAfter, s.Notes = model.StatusDone, ptr(7), "how it went" },
			func(s *model.Session) { s.Notes = "edited in the form" })},
		{"follow-up dialog twice", func(t *testing.T, st *Store) (func() error, func() error, func(*testing.T)) {
			s, _ := st.SaveSession(model.Session{At: testNow.Add(-5 * time.Hour), Status: model.StatusDone, Route: model.RouteIV})
			fs, _ := st.FollowUpsOf(s.ID)
			a, _ := model.FollowUpDraft{Mood: "6", Note: "first dialog"}.Apply(fs[0], testNow)
			b, _ := model.FollowUpDraft{Mood: "3", Note: "second dialog"}.Apply(fs[0], testNow)
			return func() error { _, err := st.SaveFollowUp(a); return err },
				func() error { _, err := st.SaveFollowUp(b); return err },
				func(t *testing.T) {
					if got, _ := st.FollowUpsOf(s.ID); got[0].Note != "first dialog" {
						t.Errorf("stored follow-up note %q, want the first dialog's", got[0].Note)
					}
				}
		}},
		{"journal entry edited twice", func(t *testing.T, st *Store) (func() error, func() error, func(*testing.T)) {
			j, _ := st.SaveJournal(model.JournalEntry{At: testNow.Add(-time.Hour), Text: "first words"})
			a, b := j, j
			a.Text, b.Text = "first words, and then some", "first words, differently"
			return func() error { _, err := st.SaveJournal(a); return err },
				func() error { _, err := st.SaveJournal(b); return err },
				func(t *testing.T) {
					if got, _ := st.Journal(""); got[0].Text != a.Text {
						t.Errorf("stored %q, want the first save's", got[0].Text)
					}
				}
		}},
		{"course form twice", func(t *testing.T, st *Store) (func() error, func() error, func(*testing.T)) {
			c, _ := st.SaveCourse(model.NewCourse(model.CourseIV, testNow))
			a, b := c, c
			a.Name, b.Notes = "My IV course", "notes from the second form"
			return func() error { _, err := st.SaveCourse(a); return err },
				func() error { _, err := st.SaveCourse(b); return err },
				func(t *testing.T) {
					if got, _ := st.Courses(); got[0].Name != a.Name || got[0].Notes != "" {
						t.Errorf("stored %+v, want the first form's", got[0])
					}
				}
		}},
		{"settings twice", func(t *testing.T, st *Store) (func() error, func() error, func(*testing.T)) {
			base, _ := st.Settings()
			a, b := base, base
			a.QuestionnaireDays, b.ReportName = 14, "Alex"
			return func() error { return st.SaveSettingsOver(base, a) },
				func() error { return st.SaveSettingsOver(base, b) },
				func(t *testing.T) {
					if got, _ := st.Settings(); got.QuestionnaireDays != 14 || got.ReportName != "" {
						t.Errorf("stored %+v, want the first save's", got)
					}
				}
		}},
	}
	for _, p := range pairs {
		t.Run(p.name, func(t *testing.T) {
			st := openTest(t)
			first, second, check := p.load(t, st)
			if err := first(); err != nil {
				t.Fatalf("first save = %v", err)
			}
			c := conflictOf(t, second())
			if c.Mine == nil || c.Theirs == nil || len(c.Fields) == 0 {
				t.Errorf("conflict = %+v, want both versions and the fields that differ", c)
			}
			check(t)
		})
	}
}

// TestKeepMineAfterAConflict: Rebase makes mine a save over theirs.
func TestKeepMineAfterAConflict(t *testing.T) {
	st := openTest(t)
	j, _ := st.SaveJournal(model.JournalEntry{At: testNow.Add(-time.Hour), Text: "first words"})
	a, b := j, j
	a.Text, b.Text = "theirs", "mine"
	st.SaveJournal(a)
	_, err := st.SaveJournal(b)
	c := conflictOf(t, err)
	kept, err := st.SaveJournal(model.Rebase(b, *c.Theirs.(*model.JournalEntry)))
	if err != nil || kept.Text != "mine" {
		t.Errorf("save after Rebase = %q, %v; want mine saved", kept.Text, err)
	}
}

// TestEverySaveMovesTheVersionOn: with a clock that does not move (or moves back),
// each save still gives the record a new version, so a stale copy is always told
// from the stored one.
func TestEverySaveMovesTheVersionOn(t *testing.T) {
	clock := testNow
	st, err := Open(DataFile(t.TempDir()), Options{Now: func() time.Time { return clock }})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	j, _ := st.SaveJournal(model.JournalEntry{At: testNow.Add(-time.Hour), Text: "one"})
	stale := j
	j.Text = "two"
	j2, err := st.SaveJournal(j)
	if err != nil || !j2.Updated.After(j.Updated) {
		t.Fatalf("second save at the same clock: version %v after %v, %v", j2.Updated, j.Updated, err)
	}
	clock = testNow.Add(-time.Hour)
	j2.Text = "three"
	if j3, err := st.SaveJournal(j2); err != nil || !j3.Updated.After(j2.Updated) {
		t.Errorf("save with the clock set back: version %v after %v, %v", j3.Updated, j2.Updated, err)
	}
	stale.Text = "stale"
	conflictOf(t, func() error { _, err := st.SaveJournal(stale); return err }())
}

// TestSaveOverADeletedRecordIsAConflict: an edit of a record deleted meanwhile does
// not bring it back under its old ID; the conflict says it was deleted, and saving
// it as new keeps the words.
func TestSaveOverADeletedRecordIsAConflict(t *testing.T) {
	st := openTest(t)
	j, _ := st.SaveJournal(model.JournalEntry{At: testNow.Add(-time.Hour), Text: "first words"})
	st.DeleteJournal(j.ID)
	j.Text = "edited after it was deleted"
	_, err := st.SaveJournal(j)
	if c := conflictOf(t, err); !c.Deleted() {
		t.Errorf("conflict = %+v, want it to say the entry was deleted", c)
	}
	if got, _ := st.Journal(""); len(got) != 0 {
		t.Errorf("the deleted entry came back: %+v", got)
	}
	j.ID, j.Created, j.Updated = 0, time.Time{}, time.Time{}
	if _, err := st.SaveJournal(j); err != nil {
		t.Errorf("saving it as new = %v", err)
	}
}

// TestUnversionedSaveStillReplaces: a copy carrying no version (an ID, a zero
// Updated) replaces the stored record as before; the forms carry one.
func TestUnversionedSaveStillReplaces(t *testing.T) {
	st := openTest(t)
	s := plannedSession(t, st)
	old := s
	old.Updated, old.Notes = time.Time{}, "unversioned"
	if got, err := st.SaveSession(old); err != nil || got.Notes != "unversioned" {
		t.Errorf("unversioned save = %+v, %v", got, err)
	}
}

// TestTickDoesNotMoveTheSessionVersion: a checklist tick is its own record, so the
// session form open meanwhile still saves.
func TestTickDoesNotMoveTheSessionVersion(t *testing.T) {
	st := openTest(t)
	s := plannedSession(t, st)
	if _, err := st.SetItemDone(s.ID, 1, true); err != nil {
		t.Fatal(err)
	}
	s.Notes = "after a tick"
	if _, err := st.SaveSession(s); err != nil {
		t.Errorf("session form save after a tick = %v", err)
	}
}
