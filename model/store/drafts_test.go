package store

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"keel/model"
)

func journalDraft(text string) model.Draft {
	return model.Draft{Place: model.JournalPlace(0), Fields: map[string]string{model.FieldText: text, model.FieldPrompt: "What came up?"}}
}

// TestJournalDraftSurvivesClosingTheWindow: a draft kept while typing is there after
// the store is closed and opened again (the window closed, or Keel crashed), with
// what was typed, its place and when it was kept.
func TestJournalDraftSurvivesClosingTheWindow(t *testing.T) {
	dir := t.TempDir()
	st, err := Open(DataFile(dir), Options{Now: func() time.Time { return testNow }})
	if err != nil {
		t.Fatal(err)
	}
	kept, err := st.SaveDraft(journalDraft("At 2 am the critic was quieter than"))
	if err != nil {
		t.Fatalf("SaveDraft() = %v", err)
	}
	if !kept.Saved.Equal(testNow) {
		t.Errorf("kept at %v, want the store's clock %v", kept.Saved, testNow)
	}
	st.Close()

	st2 := reopen(t, dir)
	d, ok, err := st2.Draft(model.JournalPlace(0))
	if err != nil || !ok {
		t.Fatalf("Draft(journal/new) after reopening = %v, %v; want the draft", ok, err)
	}
	if d.Get(model.FieldText) != "At 2 am the critic was quieter than" || d.Get(model.FieldPrompt) != "What came up?" || !d.Saved.Equal(testNow) {
		t.Errorf("draft after reopening = %+v", d)
	}
	if err := st2.DiscardDraft(d.Place); err != nil {
		t.Fatal(err)
	}
	if _, ok, _ := st2.Draft(d.Place); ok {
		t.Error("the draft is still there after DiscardDraft")
	}
	if err := st2.DiscardDraft(d.Place); err != nil {
		t.Errorf("discarding a draft that is not there = %v, want nil", err)
	}
}

func reopen(t *testing.T, dir string) *Store {
	t.Helper()
	st, err := Open(DataFile(dir), Options{Now: func() time.Time { return testNow }})
	if err != nil {
		t.Fatalf("Open() = %v", err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

// TestDraftIsSealedWhenEncrypted: a draft is a value like any record: sealed in an
// encrypted database and its backups, unreadable and unwritable while locked.
func TestDraftIsSealedWhenEncrypted(t *testing.T) {
	dir := t.TempDir()
	st := openCrypt(t, dir, nil)
	defer st.Close()
	if _, err := st.SaveDraft(journalDraft("before the passphrase: plainwords")); err != nil {
		t.Fatal(err)
	}
	if err := st.EnableEncryption([]byte("correct horse battery")); err != nil {
		t.Fatal(err)
	}
	if _, err := st.SaveDraft(journalDraft("after the passphrase: secretwords")); err != nil {
		t.Fatal(err)
	}
	if _, err := st.Backup(); err != nil {
		t.Fatal(err)
	}
	for _, p := range filesOf(t, st) {
		data, _ := os.ReadFile(p)
		if bytes.Contains(data, []byte("plainwords")) || bytes.Contains(data, []byte("secretwords")) {
			t.Errorf("%s shows a draft in the clear", filepath.Base(p))
		}
	}
	st.Lock()
	if _, err := st.SaveDraft(journalDraft("while locked")); !errors.Is(err, model.ErrLocked) {
		t.Errorf("SaveDraft while locked = %v, want ErrLocked", err)
	}
	if _, _, err := st.Draft(model.JournalPlace(0)); !errors.Is(err, model.ErrLocked) {
		t.Errorf("Draft while locked = %v, want ErrLocked", err)
	}
	if err := st.Unlock([]byte("correct horse battery")); err != nil {
		t.Fatal(err)
	}
	if d, ok, err := st.Draft(model.JournalPlace(0)); err != nil || !ok || d.Get(model.FieldText) != "after the passphrase: secretwords" {
		t.Errorf("Draft after unlocking = %+v, %v, %v", d, ok, err)
	}
}

// TestKeepingTheSameDraftWritesNothing: the window keeps the draft about once a
// second while typing; a keep with nothing new is not a transaction (no fsync).
func TestKeepingTheSameDraftWritesNothing(t *testing.T) {
	st := openTest(t)
	if _, err := st.SaveDraft(journalDraft("same words")); err != nil {
		t.Fatal(err)
	}
	before := txCount(st)
	if _, err := st.SaveDraft(journalDraft("same words")); err != nil {
		t.Fatal(err)
	}
	if n := txCount(st) - before; n != 0 {
		t.Errorf("keeping the same draft again made %d write transactions, want 0", n)
	}
	if _, err := st.SaveDraft(journalDraft("same words, and more")); err != nil {
		t.Fatal(err)
	}
	if n := txCount(st) - before; n != 1 {
		t.Errorf("keeping a changed draft made %d write transactions, want 1", n)
	}
	before = txCount(st)
	st.DiscardDraft(model.JournalPlace(5))
	if n := txCount(st) - before; n != 0 {
		t.Errorf("discarding a draft that is not there made %d write transactions, want 0", n)
	}
}

// txCount is how many write transactions the database has committed (bbolt's
// transaction ID moves on at each commit).
func txCount(st *Store) int {
	var id int
	st.db.View(func(tx *bolt.Tx) error { id = tx.ID(); return nil })
	return id
}

func TestDraftRefusals(t *testing.T) {
	st := openTest(t)
	tests := []struct {
		name string
		d    model.Draft
	}{
		{"no place", model.Draft{Fields: map[string]string{"text": "x"}}},
		{"unknown place", model.Draft{Place: "diary/new", Fields: map[string]string{"text": "x"}}},
		{"a place without which", model.Draft{Place: "journal/", Fields: map[string]string{"text": "x"}}},
		{"an ID of 0", model.Draft{Place: "journal/0", Fields: map[string]string{"text": "x"}}},
		{"a new follow-up", model.Draft{Place: "followup/new", Fields: map[string]string{"note": "x"}}},
		{"a check-in of no day", model.Draft{Place: "checkin/tomorrow", Fields: map[string]string{"note": "x"}}},
		{"a pasted disk", model.Draft{Place: model.JournalPlace(0), Fields: map[string]string{"text": strings.Repeat("é", model.MaxDraftText+1)}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := st.SaveDraft(tt.d)
			var v *model.ValidationError
			if !errors.As(err, &v) {
				t.Fatalf("SaveDraft(%s) = %v, want a *ValidationError", tt.d.Place, err)
			}
		})
	}
	if all, _ := st.Drafts(""); len(all) != 0 {
		t.Errorf("refused drafts were kept: %+v", all)
	}
	// A long text that a record would refuse is still kept: the person may be
	// cutting it down.
	long := model.Draft{Place: model.JournalPlace(0), Fields: map[string]string{"text": strings.Repeat("a", model.MaxLongText+10)}}
	if _, err := st.SaveDraft(long); err != nil {
		t.Errorf("SaveDraft(over a record's limit) = %v, want it kept", err)
	}
}

func TestDraftsListByPlace(t *testing.T) {
	st := openTest(t)
	places := []model.Place{model.JournalPlace(0), model.JournalPlace(12), model.JournalPlace(3), model.SessionPlace(0),
		model.IntentionPlace(7), model.FollowUpPlace(29), model.CheckInPlace(testNow), model.CoursePlace(2)}
	for _, p := range places {
		if _, err := st.SaveDraft(model.Draft{Place: p, Fields: map[string]string{"x": string(p)}}); err != nil {
			t.Fatalf("SaveDraft(%s) = %v", p, err)
		}
	}
	journal, err := st.Drafts(model.PlaceJournal + "/")
	if err != nil || len(journal) != 3 {
		t.Fatalf("Drafts(journal/) = %d drafts, %v; want 3", len(journal), err)
	}
	for _, d := range journal {
		if d.Place.Kind() != model.PlaceJournal {
			t.Errorf("Drafts(journal/) lists %s", d.Place)
		}
	}
	if all, _ := st.Drafts(""); len(all) != len(places) {
		t.Errorf("Drafts(\"\") = %d drafts, want %d", len(all), len(places))
	}
	if d, ok, _ := st.Draft("checkin/2026-03-12"); !ok || d.Place != model.CheckInPlace(testNow) {
		t.Errorf("the check-in of 12 March is not kept under its day: %+v", d)
	}
}

// TestDeletingARecordDropsItsDrafts: what was being typed about a deleted record goes
// with it (and a session takes its intention's and follow-ups' drafts along).
func TestDeletingARecordDropsItsDrafts(t *testing.T) {
	st := openTest(t)
	j, _ := st.SaveJournal(model.JournalEntry{At: testNow, Text: "saved"})
	s, _ := st.SaveSession(model.Session{At: testNow.Add(-2 * time.Hour), Status: model.StatusDone, Route: model.RouteIV})
	keep := model.JournalPlace(0)
	for _, p := range []model.Place{model.JournalPlace(j.ID), model.SessionPlace(s.ID), model.IntentionPlace(s.ID), model.FollowUpPlace(model.FollowUpID(s.ID, 1)), keep} {
		if _, err := st.SaveDraft(model.Draft{Place: p, Fields: map[string]string{"text": "typing"}}); err != nil {
			t.Fatal(err)
		}
	}
	if err := st.DeleteJournal(j.ID); err != nil {
		t.Fatal(err)
	}
	if err := st.DeleteSession(s.ID); err != nil {
		t.Fatal(err)
	}
	all, _ := st.Drafts("")
	if len(all) != 1 || all[0].Place != keep {
		t.Errorf("drafts after deleting their records = %+v, want only %s", all, keep)
	}
}

// TestBackupWithDraftsChecksOut: a backup holding drafts passes the whole-file check,
// plain and encrypted.
func TestBackupWithDraftsChecksOut(t *testing.T) {
	st := openCrypt(t, t.TempDir(), nil)
	defer st.Close()
	st.SaveDraft(journalDraft("kept in the backup"))
	b, err := st.Backup()
	if err != nil {
		t.Fatal(err)
	}
	if err := CheckFile(b.Path); err != nil {
		t.Errorf("CheckFile(backup with a draft) = %v", err)
	}
	if err := st.EnableEncryption([]byte("correct horse battery")); err != nil {
		t.Fatal(err)
	}
	st.SaveDraft(journalDraft("kept sealed in the backup"))
	b, err = st.Backup()
	if err != nil {
		t.Fatal(err)
	}
	if err := CheckFileWith(b.Path, st.key); err != nil {
		t.Errorf("CheckFileWith(encrypted backup with a draft) = %v", err)
	}
}

// TestDamagedDraftIsDamage: a draft changed on disk reads as damage, never as a
// draft with other words in it.
func TestDamagedDraftIsDamage(t *testing.T) {
	st := openTest(t)
	st.SaveDraft(journalDraft("the words as typed"))
	st.db.Update(func(tx *bolt.Tx) error {
		b := tx.Bucket(draftsBucket)
		k := []byte(model.JournalPlace(0))
		v := bytes.Replace(append([]byte(nil), b.Get(k)...), []byte("typed"), []byte("typeD"), 1)
		return b.Put(k, v)
	})
	if _, _, err := st.Draft(model.JournalPlace(0)); !errors.Is(err, model.ErrDamaged) {
		t.Errorf("Draft(changed on disk) = %v, want ErrDamaged", err)
	}
}

// TestMigrationDrafts opens a database of the layout before drafts: the drafts bucket is added, a course
// start that an older Keel stored at midnight UTC (the typed day) becomes midnight of
// that day here, and a course start at another time is left alone.
func TestMigrationDrafts(t *testing.T) {
	setLocal(t, "America/New_York")
	typed := model.Course{ID: 1, Name: "Typed", Template: model.CourseCustom, Start: time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC),
		Phases: []model.Phase{{Name: "Series", Sessions: 6, MinDays: 2, MaxDays: 7}}}
	other := typed
	other.ID, other.Name, other.Start = 2, "From the demo", time.Date(2026, 3, 2, 9, 30, 0, 0, time.Local)
	path := layoutAt(t, draftsLayout-1, func(tx txn) error {
		if tx.Bucket(draftsBucket) != nil {
			t.Fatal("the layout before drafts already has a drafts bucket")
		}
		for _, c := range []model.Course{typed, other} {
			if err := put(tx, model.Courses, &c, testNow); err != nil {
				return err
			}
		}
		return nil
	})
	st, err := Open(path, Options{Now: func() time.Time { return testNow }})
	if err != nil {
		t.Fatalf("Open(the layout before drafts) = %v", err)
	}
	defer st.Close()
	st.db.View(func(btx *bolt.Tx) error {
		if v := schemaOf(txn{Tx: btx}); v != draftsLayout || btx.Bucket(draftsBucket) == nil {
			t.Errorf("after open: layout %d, drafts bucket %v", v, btx.Bucket(draftsBucket) != nil)
		}
		return nil
	})
	cs, err := st.Courses()
	if err != nil || len(cs) != 2 {
		t.Fatalf("Courses() = %v, %v", cs, err)
	}
	for _, c := range cs {
		want := time.Date(2026, 3, 2, 0, 0, 0, 0, time.Local)
		if c.ID == other.ID {
			want = other.Start
		}
		if !c.Start.Equal(want) {
			t.Errorf("course %q starts %v after the migration, want %v", c.Name, c.Start, want)
		}
		if !c.Updated.Equal(testNow) {
			t.Errorf("course %q: the migration changed its version to %v", c.Name, c.Updated)
		}
	}
	if _, err := st.SaveDraft(journalDraft("after the migration")); err != nil {
		t.Errorf("SaveDraft after the migration = %v", err)
	}
}

// setLocal makes time.Local the zone name for the test (Keel reads the person's zone
// from time.Local, which the TZ variable sets only once, at start-up).
func setLocal(t *testing.T, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Fatal(err)
	}
	old := time.Local
	time.Local = loc
	t.Cleanup(func() { time.Local = old })
	return loc
}
