package store

import (
	"bytes"
	"encoding/hex"
	"errors"
	"fmt"
	"math"
	"os"
	"strings"
	"testing"
	"time"

	"keel/model"
)

// doneSession is a finished session an hour before testNow plus offset.
func doneSession(id uint64, offset time.Duration, notes string) *model.Session {
	return &model.Session{ID: id, At: testNow.Add(-time.Hour + offset), Status: model.StatusDone, Route: model.RouteIV, Notes: notes,
		Created: testNow.Add(-time.Hour), Updated: testNow.Add(-time.Hour)}
}

func followUpsOf(s *model.Session) []model.Record {
	var out []model.Record
	for _, f := range model.NewFollowUps(*s) {
		f.Created, f.Updated = s.Created, s.Updated
		out = append(out, &f)
	}
	return out
}

// addsUp checks that every record of the file is counted once.
func addsUp(t *testing.T, res ImportResult) {
	t.Helper()
	if n := res.Added + res.Skipped + res.Replaced + res.Updated + len(res.Conflicts) + len(res.Refused); n != res.Total {
		t.Errorf("result %+v counts %d records, the file holds %d", res, n, res.Total)
	}
}

func reasons(ps []ImportProblem) string {
	var out []string
	for _, p := range ps {
		out = append(out, p.String())
	}
	return strings.Join(out, "; ")
}

// TestImportIDOfMaxUint64DoesNotWrap: an imported ID of 2^64-1 used to push the
// sequence to its end, so the next records wrapped to IDs 0 and 1 and overwrote
// record 1. IDs outside 1 to model.MaxID are refused, and the sequence never wraps.
func TestImportIDOfMaxUint64DoesNotWrap(t *testing.T) {
	st := openTest(t)
	mine, err := st.SaveSession(*doneSession(0, 0, "mine"))
	if err != nil {
		t.Fatal(err)
	}
	var h model.History
	h.Add(model.Sessions, doneSession(math.MaxUint64, -time.Hour, "hostile"), doneSession(model.MaxID+1, -2*time.Hour, "past the range"),
		doneSession(model.MaxID, -3*time.Hour, "the last ID"))
	h.Add(model.CheckIns, &model.CheckIn{ID: math.MaxUint64, At: testNow.Add(-time.Hour), Mood: ptr(4)})
	res, err := st.Import(h, ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	addsUp(t, res)
	if res.Added != 1 || len(res.Refused) != 3 || !strings.Contains(reasons(res.Refused), "outside the IDs Keel uses") {
		t.Fatalf("Import() = %+v; want the 3 IDs past %d refused as outside the range, the last one in range added", res, model.MaxID)
	}
	// The sequence is now at MaxID: the next session cannot take an ID, and says so;
	// it never wraps to 0 or 1.
	_, err = st.SaveSession(*doneSession(0, -4*time.Hour, "next"))
	if err == nil || model.Message(err) == model.Message(errors.New("")) {
		t.Errorf("SaveSession after the sequence reached MaxID = %v, want a refusal in words", err)
	}
	if got, _ := st.Session(mine.ID); got.Notes != "mine" {
		t.Errorf("session %d now has notes %q: overwritten", mine.ID, got.Notes)
	}
	if c, _ := st.CheckInsBetween(time.Time{}, time.Time{}); len(c) != 0 {
		t.Errorf("check-ins = %+v, want none (the hostile one refused)", c)
	}
}

// TestSequencePastTheRangeContinuesAfterTheRecords: a database an older Keel let an
// import push to sequence 2^64-1 gives new records IDs after its largest real one,
// not 0 and 1.
func TestSequencePastTheRangeContinuesAfterTheRecords(t *testing.T) {
	st := openTest(t)
	for range 3 {
		if _, err := st.SaveCheckIn(model.CheckIn{At: testNow.Add(-time.Hour), Mood: ptr(5)}); err != nil {
			t.Fatal(err)
		}
	}
	err := st.update(func(tx txn) error {
		b := tx.Bucket(bucketOf(model.CheckIns))
		c := &model.CheckIn{ID: math.MaxUint64, At: testNow.Add(-time.Hour), Mood: ptr(9), Created: testNow, Updated: testNow}
		data, err := tx.encode(shapeOf(model.CheckIns), idKey(c.ID), c)
		if err != nil {
			return err
		}
		return errors.Join(b.Put(idKey(c.ID), data), b.SetSequence(math.MaxUint64))
	})
	if err != nil {
		t.Fatal(err)
	}
	c, err := st.SaveCheckIn(model.CheckIn{At: testNow, Mood: ptr(7)})
	if err != nil || c.ID != 4 {
		t.Fatalf("SaveCheckIn = ID %d, %v; want ID 4, after the three real ones", c.ID, err)
	}
	list, _ := st.CheckInsBetween(time.Time{}, time.Time{})
	moods := map[uint64]int{}
	for _, c := range list {
		moods[c.ID] = *c.Mood
	}
	if moods[1] != 5 || moods[0] != 0 || moods[4] != 7 {
		t.Errorf("check-ins by ID = %v; want 1-3 unchanged, 4 new, none at 0", moods)
	}
}

// TestImportSessionIDPast2To62IsRefused: follow-up keys are session ID × 4 + step,
// so a session ID of 2^62 or more wrapped onto another session's follow-ups and
// deleting it deleted theirs. Such IDs are refused; and a session stored with one by
// an older Keel deletes only its own follow-ups.
func TestImportSessionIDPast2To62IsRefused(t *testing.T) {
	st := openTest(t)
	mine, _ := st.SaveSession(*doneSession(0, 0, "mine"))
	if fs, _ := st.FollowUpsOf(mine.ID); len(fs) != 4 {
		t.Fatalf("my session has %d follow-ups, want 4", len(fs))
	}
	hostile := doneSession(1<<62+mine.ID, -time.Hour, "hostile")
	var h model.History
	h.Add(model.Sessions, hostile)
	res, err := st.Import(h, ImportOptions{})
	if err != nil || len(res.Refused) != 1 {
		t.Fatalf("Import(session 2^62+%d) = %+v, %v; want it refused", mine.ID, res, err)
	}
	// An older Keel stored it (its follow-up keys wrap onto mine): deleting it leaves mine.
	err = st.update(func(tx txn) error {
		data, err := tx.encode(shapeOf(model.Sessions), idKey(hostile.ID), hostile)
		if err != nil {
			return err
		}
		return errors.Join(tx.Bucket(bucketOf(model.Sessions)).Put(idKey(hostile.ID), data),
			tx.Bucket(indexOf(model.Sessions)).Put(timeKey(hostile.At, hostile.ID), nil))
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := st.DeleteSession(hostile.ID); err != nil {
		t.Fatal(err)
	}
	if fs, _ := st.FollowUpsOf(mine.ID); len(fs) != 4 {
		t.Errorf("deleting session 2^62+%d left my session %d with %d follow-ups, want 4", mine.ID, mine.ID, len(fs))
	}
}

// TestImportDuplicateIDInFile: a second record with the same ID in one file is
// refused as a duplicate of the file, not counted as "already here".
func TestImportDuplicateIDInFile(t *testing.T) {
	st := openTest(t)
	var h model.History
	h.Add(model.Sessions, doneSession(5, 0, "first"), doneSession(5, -time.Hour, "second"))
	h.Add(model.FollowUps, followUpsOf(doneSession(5, 0, "first"))[0], followUpsOf(doneSession(5, 0, "first"))[0])
	res, err := st.Import(h, ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	addsUp(t, res)
	if res.Added != 2 || res.Skipped != 0 || len(res.Refused) != 2 || !strings.Contains(reasons(res.Refused), "two sessions with this ID") ||
		!strings.Contains(reasons(res.Refused), "two follow-ups with this ID") {
		t.Fatalf("Import() = %+v; want the second session and follow-up 5 refused as duplicates of the file", res)
	}
	if s, _ := st.Session(5); s.Notes != "first" {
		t.Errorf("session 5 = %q, want the first of the file", s.Notes)
	}
}

// TestImportRefusesFollowUpWithForeignKey: a follow-up whose ID is not its
// session's ID × 4 + step is refused, so it cannot sit under another session's key.
func TestImportRefusesFollowUpWithForeignKey(t *testing.T) {
	st := openTest(t)
	s := doneSession(3, 0, "")
	f := followUpsOf(s)[1].(*model.FollowUp)
	f.ID = model.FollowUpID(2, 1)
	var h model.History
	h.Add(model.Sessions, s)
	h.Add(model.FollowUps, f)
	res, _ := st.Import(h, ImportOptions{})
	if len(res.Refused) != 1 || !strings.Contains(res.Refused[0].Reason, "does not match") {
		t.Errorf("Import(follow-up under another key) = %+v, want it refused", res)
	}
}

// TestImportNeverAttachesToADifferentParent: when a session of the file differs
// from the one here and is left unchanged, its follow-ups, checklist and journal
// entries are not attached to the one here (they used to be); with a refused
// session they are refused; an orphan is refused; all are counted.
func TestImportNeverAttachesToADifferentParent(t *testing.T) {
	st := openTest(t)
	mine, _ := st.SaveSession(model.Session{At: testNow.Add(72 * time.Hour), Status: model.StatusPlanned, Route: model.RouteIV, Notes: "planned"})
	theirs := doneSession(mine.ID, -24*time.Hour, "someone else's")
	invalid := doneSession(mine.ID+1, -48*time.Hour, "")
	invalid.MoodAfter = ptr(11)
	var h model.History
	h.Add(model.Sessions, theirs, invalid)
	h.Add(model.FollowUps, followUpsOf(theirs)...)
	h.Add(model.FollowUps, followUpsOf(invalid)[0])
	h.Add(model.Journal, &model.JournalEntry{ID: 1, At: testNow.Add(-time.Hour), SessionID: theirs.ID, Text: "about their session", Created: testNow, Updated: testNow},
		&model.JournalEntry{ID: 2, At: testNow.Add(-time.Hour), SessionID: invalid.ID, Text: "about the invalid one", Created: testNow, Updated: testNow},
		&model.JournalEntry{ID: 3, At: testNow.Add(-time.Hour), SessionID: 99, Text: "about a session nowhere", Created: testNow, Updated: testNow})
	res, err := st.Import(h, ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	addsUp(t, res)
	// The planned session has a checklist here; the file has none for it.
	if res.Added != 0 || len(res.Conflicts) != 6 || len(res.Refused) != 4 {
		t.Fatalf("Import() = %+v\nconflicts: %s\nrefused: %s\nwant 6 conflicts (the session, its 4 follow-ups, its journal entry), 4 refused", res, reasons(res.Conflicts), reasons(res.Refused))
	}
	if fs, _ := st.FollowUpsOf(mine.ID); len(fs) != 0 {
		t.Errorf("my planned session picked up %d follow-ups from the file", len(fs))
	}
	if j, _ := st.JournalOf(mine); len(j) != 0 {
		t.Errorf("my planned session picked up journal entries: %+v", j)
	}
	// With Replace the file's session replaces mine, and its records come with it.
	res, _ = st.Import(h, ImportOptions{Replace: true})
	addsUp(t, res)
	if res.Replaced != 1 || res.Added != 5 {
		t.Errorf("Import(replace) = %+v; want the session replaced and its 5 records added", res)
	}
}

// TestImportFromAnotherDatabase: records of another database come in under new
// IDs, linked to each other as in the file, and never touch records here; the same
// file again adds nothing.
func TestImportFromAnotherDatabase(t *testing.T) {
	st := openTest(t)
	mine, _ := st.SaveSession(model.Session{At: testNow.Add(72 * time.Hour), Status: model.StatusPlanned, Route: model.RouteIV, Notes: "mine"})
	theirs := doneSession(mine.ID, -24*time.Hour, "theirs")
	var h model.History
	h.Add(model.Sessions, theirs)
	h.Add(model.FollowUps, followUpsOf(theirs)...)
	h.Add(model.Journal, &model.JournalEntry{ID: 1, At: testNow.Add(-time.Hour), SessionID: theirs.ID, Text: "theirs", Created: testNow, Updated: testNow})
	cl := model.NewChecklist(theirs.ID, model.DefaultTemplate(model.RouteIV))
	cl.Created, cl.Updated = testNow, testNow
	h.Add(model.Checklists, &cl)
	other := Provenance{Database: strings.Repeat("ab", identityLen)}
	for round := range 2 {
		res, err := st.ImportStream(HistoryFeed(other, h), ImportOptions{})
		if err != nil {
			t.Fatal(err)
		}
		addsUp(t, res)
		if want := 7 * (1 - round); res.Added != want || res.Skipped != 7-want || res.From != AnotherKeel {
			t.Fatalf("import %d = %+v; want %d added, the rest already here, from another Keel", round+1, res, want)
		}
	}
	if got, _ := st.Session(mine.ID); got.Notes != "mine" {
		t.Errorf("my session now says %q", got.Notes)
	}
	if fs, _ := st.FollowUpsOf(mine.ID); len(fs) != 0 {
		t.Errorf("my session picked up %d follow-ups", len(fs))
	}
	all, _ := st.Sessions()
	if len(all) != 2 {
		t.Fatalf("sessions = %d, want mine and theirs", len(all))
	}
	var got model.Session
	for _, s := range all {
		if s.Notes == "theirs" {
			got = s
		}
	}
	fs, _ := st.FollowUpsOf(got.ID)
	j, _ := st.JournalOf(got)
	c, ok, _ := st.Checklist(got.ID)
	if got.ID == mine.ID || len(fs) != 4 || len(j) != 1 || j[0].Text != "theirs" || !ok || c.SessionID != got.ID {
		t.Errorf("their session %d has %d follow-ups, journal %+v, checklist %v; want all of them linked to it", got.ID, len(fs), j, ok)
	}
	// The export of this database says where their session came from.
	_, p, err := st.ExportSnapshot()
	if err != nil || len(p.Origins) != 2 || p.Origins[0].Database != other.Database {
		t.Errorf("ExportSnapshot origins = %+v, %v; want their session and journal entry from %s", p.Origins, err, other.Database)
	}
}

// TestImportOwnRecordsBackFromAnotherDatabase: records that first came from this
// database and come back in another's export are this database's own: already here.
func TestImportOwnRecordsBackFromAnotherDatabase(t *testing.T) {
	st := openTest(t)
	mine, _ := st.SaveSession(*doneSession(0, 0, "mine"))
	id, _ := st.Identity()
	if _, ok := ParseIdentity(id); !ok {
		t.Fatalf("Identity() = %q", id)
	}
	h, _ := st.Snapshot()
	back := *h.Of(model.Sessions)[0].(*model.Session)
	back.ID = 40 // its ID in the other database
	var file model.History
	file.Add(model.Sessions, &back)
	for _, r := range h.Of(model.FollowUps) {
		f := r.(*model.FollowUp)
		f.SessionID, f.ID = 40, model.FollowUpID(40, f.Step)
		file.Add(model.FollowUps, f)
	}
	p := Provenance{Database: strings.Repeat("cd", identityLen), Origins: []Origin{{Kind: model.Sessions, ID: 40, Database: id, OriginalID: mine.ID}}}
	res, err := st.ImportStream(HistoryFeed(p, file), ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if res.Skipped != 5 || res.Added != 0 {
		t.Errorf("Import(my session back) = %+v\n%s; want all 5 already here", res, reasons(res.Conflicts))
	}
}

// TestImportOlderExportAsNew: an export that does not say which Keel made it is
// matched by ID; with AsNew it comes in as another Keel's, and once only.
func TestImportOlderExportAsNew(t *testing.T) {
	st := openTest(t)
	st.SaveSession(*doneSession(0, 0, "mine"))
	var h model.History
	h.Add(model.Sessions, doneSession(1, -time.Hour, "theirs"))
	res, _ := st.Import(h, ImportOptions{})
	if res.From != OlderExport || len(res.Conflicts) != 1 {
		t.Fatalf("Import(older export) = %+v; want session 1 a conflict", res)
	}
	p := Provenance{Head: "2026-01-01T10:00:00Z"}
	for round := range 2 {
		res, _ = st.ImportStream(HistoryFeed(p, h), ImportOptions{AsNew: true})
		if res.Added != 1-round || res.Skipped != round {
			t.Errorf("Import(as new) %d = %+v; want 1 added, then already here", round+1, res)
		}
	}
}

// TestImportRefusesBadProvenance: an export naming its database oddly, or whose
// origins contradict it, is refused whole.
func TestImportRefusesBadProvenance(t *testing.T) {
	st := openTest(t)
	other := strings.Repeat("ef", identityLen)
	for _, p := range []Provenance{
		{Database: "not hex"},
		{Database: other, Origins: []Origin{{Kind: model.Sessions, ID: 1, Database: other, OriginalID: 1}}},
		{Database: other, Origins: []Origin{{Kind: model.Sessions, ID: 1, Database: "x", OriginalID: 1}}},
		{Database: other, Origins: []Origin{{Kind: model.FollowUps, ID: 4, Database: strings.Repeat("01", identityLen), OriginalID: 4}}},
		{Database: other, Origins: []Origin{{Kind: model.Sessions, ID: 1, Database: strings.Repeat("01", identityLen), OriginalID: math.MaxUint64}}},
	} {
		if _, err := st.ImportStream(HistoryFeed(p, model.History{}), ImportOptions{}); !errors.Is(err, model.ErrNotExport) {
			t.Errorf("import from %+v = %v, want it refused", p, err)
		}
	}
}

// TestDryRunWritesNothingAndSaysWhatImportDoes: the plan's numbers are the import's.
func TestDryRunWritesNothingAndSaysWhatImportDoes(t *testing.T) {
	st := openTest(t)
	st.SaveSession(*doneSession(0, 0, "mine"))
	var h model.History
	s := doneSession(1, -time.Hour, "theirs")
	h.Add(model.Sessions, s, doneSession(2, -2*time.Hour, "new"))
	h.Add(model.FollowUps, followUpsOf(s)...)
	h.Add(model.CheckIns, &model.CheckIn{ID: 1, At: testNow.Add(-time.Hour), Mood: ptr(11)})
	for _, p := range []Provenance{{}, {Database: strings.Repeat("12", identityLen)}} {
		for _, replace := range []bool{false, true} {
			before, _ := st.Snapshot()
			plan, err := st.ImportStream(HistoryFeed(p, h), ImportOptions{Replace: replace, DryRun: true})
			after, _ := st.Snapshot()
			if err != nil || !sameJSON(t, before, after) || !plan.DryRun {
				t.Fatalf("dry run = %v, changed the database: %v", err, !sameJSON(t, before, after))
			}
			addsUp(t, plan)
			dst := openTest(t)
			dst.SaveSession(*doneSession(0, 0, "mine"))
			res, err := dst.ImportStream(HistoryFeed(p, h), ImportOptions{Replace: replace})
			if err != nil {
				t.Fatal(err)
			}
			res.DryRun = true
			if !sameJSON(t, plan, res) {
				t.Errorf("from %q, replace %v: plan\n%+v\nimport\n%+v", p.Database, replace, plan, res)
			}
		}
	}
}

// TestLargeImportIsRebuiltAtomically: an import over liveImportLimit records is
// built on a copy, in several transactions, and swapped in; it ends as the same
// import in one transaction would, and a failure half-way changes nothing.
func TestLargeImportIsRebuiltAtomically(t *testing.T) {
	defer func(l, b int) { liveImportLimit, importBatch = l, b }(liveImportLimit, importBatch)
	liveImportLimit, importBatch = 7, 3
	var h model.History
	for i := range 20 {
		h.Add(model.CheckIns, &model.CheckIn{ID: uint64(i + 1), At: testNow.Add(-time.Duration(i) * time.Hour), Mood: ptr(i % 11), Created: testNow, Updated: testNow})
	}
	st := openTest(t)
	st.SaveSession(*doneSession(0, 0, "mine"))
	res, err := st.Import(h, ImportOptions{})
	if err != nil || res.Added != 20 {
		t.Fatalf("Import(20 check-ins) = %+v, %v", res, err)
	}
	got, _ := st.CheckInsBetween(time.Time{}, time.Time{})
	if len(got) != 20 {
		t.Errorf("%d check-ins after the import, want 20", len(got))
	}
	if s, _ := st.Sessions(); len(s) != 1 {
		t.Errorf("the session here is gone after the swap: %+v", s)
	}
	// A feed that fails after 10 records (three transactions on the copy) leaves
	// nothing of them.
	st2 := openTest(t)
	boom := errors.New("the disk went away")
	_, err = st2.ImportStream(func(sink *ImportSink) error {
		for i, r := range h.Of(model.CheckIns) {
			if i == 10 {
				return boom
			}
			c := *r.(*model.CheckIn)
			if err := sink.Record(model.CheckIns, &c); err != nil {
				return err
			}
		}
		return nil
	}, ImportOptions{})
	if !errors.Is(err, boom) {
		t.Fatalf("failing import = %v", err)
	}
	if got, _ := st2.CheckInsBetween(time.Time{}, time.Time{}); len(got) != 0 {
		t.Errorf("a failed import left %d check-ins", len(got))
	}
	if _, err := st2.SaveCheckIn(model.CheckIn{At: testNow, Mood: ptr(3)}); err != nil {
		t.Errorf("the store does not work after a failed import: %v", err)
	}
}

// TestIdentityIsKept: a database gets its identity at creation and keeps it.
func TestIdentityIsKept(t *testing.T) {
	path := DataFile(t.TempDir())
	st, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	id, _ := st.Identity()
	st.Close()
	st, err = Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	again, _ := st.Identity()
	if raw, ok := ParseIdentity(id); !ok || again != id || hex.EncodeToString(raw) != id {
		t.Errorf("identity %q, after reopening %q", id, again)
	}
	if other := openTest(t); func() string { s, _ := other.Identity(); return s }() == id {
		t.Error("two databases have the same identity")
	}
}

// TestImportSummaryAddsUp: the summary's numbers add up to the records in the
// file, which it states; settings and templates are said apart.
func TestImportSummaryAddsUp(t *testing.T) {
	res := ImportResult{Total: 10, Added: 3, Skipped: 2, Replaced: 1, Updated: 1,
		Conflicts: make([]ImportProblem, 2), Refused: make([]ImportProblem, 1), Settings: Tally{Conflicts: make([]ImportProblem, 1)}, Templates: Tally{Added: 2}}
	s := res.Summary()
	sum := 0
	for _, f := range strings.Fields(strings.Split(s, "(")[0]) {
		var n int
		if _, err := fmt.Sscan(f, &n); err == nil {
			sum += n
		}
	}
	if sum != 10 || !strings.Contains(s, "(10 records in the file)") || !strings.Contains(s, "settings differ") || !strings.Contains(s, "templates: 2 added") {
		t.Errorf("Summary() = %q; its numbers add up to %d, want 10", s, sum)
	}
}

// TestDaylioMappingChangeUpdatesCheckIns: re-importing an app's check-ins with a
// changed mood value updates the check-ins imported with the old one (it used to
// be silently ignored), leaves a check-in changed here, and remembers the mapping.
func TestDaylioMappingChangeUpdatesCheckIns(t *testing.T) {
	st := openTest(t)
	entries := []struct {
		key, mood string
	}{{"a", "meh"}, {"b", "meh"}, {"c", "sad"}, {"d", "meh"}}
	checkIns := func(m map[string]int) ([]model.CheckIn, []string) {
		var cs []model.CheckIn
		var moods []string
		for i, e := range entries {
			cs = append(cs, model.CheckIn{At: testNow.Add(-time.Duration(i+1) * time.Hour), Mood: ptr(m[e.mood]), Source: "daylio", SourceKey: e.key})
			moods = append(moods, e.mood)
		}
		return cs, moods
	}
	first := map[string]int{"meh": 5, "sad": 2}
	cs, moods := checkIns(first)
	res, err := st.ImportSourceCheckIns(cs, SourceImport{Source: "daylio", Moods: moods, Mapping: first})
	if err != nil || res.Added != 4 {
		t.Fatalf("first import = %+v, %v", res, err)
	}
	if m, _ := st.MoodMapping("daylio"); m["meh"] != 5 || m["sad"] != 2 {
		t.Errorf("remembered mapping = %v", m)
	}
	// The person changes one check-in here.
	list, _ := st.CheckInsBetween(time.Time{}, time.Time{})
	for _, c := range list {
		if c.SourceKey == "d" {
			c.Mood = ptr(9)
			st.SaveCheckIn(c)
		}
	}
	second := map[string]int{"meh": 4, "sad": 2}
	cs, moods = checkIns(second)
	plan, _ := st.ImportSourceCheckIns(cs, SourceImport{Source: "daylio", Moods: moods, Mapping: second, DryRun: true})
	res, err = st.ImportSourceCheckIns(cs, SourceImport{Source: "daylio", Moods: moods, Mapping: second})
	if err != nil {
		t.Fatal(err)
	}
	addsUp(t, res)
	want := []MoodChange{{Mood: "meh", From: 5, To: 4, CheckIns: 2}}
	if res.Updated != 2 || res.Skipped != 1 || len(res.Conflicts) != 1 || !sameJSON(t, res.Changes, want) {
		t.Fatalf("second import = %+v; want meh 5 → 4 on 2 check-ins, sad unchanged, the edited one left", res)
	}
	plan.DryRun = false
	if !sameJSON(t, plan, res) {
		t.Errorf("the plan said %+v, the import did %+v", plan, res)
	}
	list, _ = st.CheckInsBetween(time.Time{}, time.Time{})
	for _, c := range list {
		if want := map[string]int{"a": 4, "b": 4, "c": 2, "d": 9}[c.SourceKey]; *c.Mood != want {
			t.Errorf("check-in %s has mood %d, want %d", c.SourceKey, *c.Mood, want)
		}
	}
	// The same again changes nothing.
	res, _ = st.ImportSourceCheckIns(cs, SourceImport{Source: "daylio", Moods: moods, Mapping: second})
	if res.Updated != 0 || res.Added != 0 || res.Skipped != 3 {
		t.Errorf("third import = %+v, want nothing to do", res)
	}
}

// TestDaylioMappingChangeWithoutRememberedMapping: check-ins imported by a Keel that
// did not remember mappings are updated from the value most of them hold.
func TestDaylioMappingChangeWithoutRememberedMapping(t *testing.T) {
	st := openTest(t)
	var cs []model.CheckIn
	for i, k := range []string{"a", "b", "c"} {
		cs = append(cs, model.CheckIn{At: testNow.Add(-time.Duration(i+1) * time.Hour), Mood: ptr(2), Source: "daylio", SourceKey: k})
	}
	if _, err := st.ImportCheckIns(cs); err != nil {
		t.Fatal(err)
	}
	list, _ := st.CheckInsBetween(time.Time{}, time.Time{})
	list[0].Mood = ptr(7) // changed here
	st.SaveCheckIn(list[0])
	for i := range cs {
		cs[i].Mood = ptr(3)
	}
	res, err := st.ImportSourceCheckIns(cs, SourceImport{Source: "daylio", Moods: []string{"sad", "sad", "sad"}, Mapping: map[string]int{"sad": 3}})
	if err != nil || res.Updated != 2 || len(res.Conflicts) != 1 {
		t.Errorf("import with sad = 3 = %+v, %v; want the two at 2 updated, the one changed here left", res, err)
	}
}

// TestImportStateSurvivesEncryption: the remembered mood values are sealed like
// the settings (a mood name of the person's own never shows in the file), and they,
// the identity and the origins survive turning encryption on.
func TestImportStateSurvivesEncryption(t *testing.T) {
	dir := t.TempDir()
	st := openCrypt(t, dir, nil)
	id, _ := st.Identity()
	cs := []model.CheckIn{{At: testNow.Add(-time.Hour), Mood: ptr(4), Source: "daylio", SourceKey: "k"}}
	secret := "MOOD-Ψ-secret-51ab"
	if _, err := st.ImportSourceCheckIns(cs, SourceImport{Source: "daylio", Moods: []string{secret}, Mapping: map[string]int{secret: 4}}); err != nil {
		t.Fatal(err)
	}
	var h model.History
	h.Add(model.Sessions, doneSession(1, 0, "theirs"))
	if _, err := st.ImportStream(HistoryFeed(Provenance{Database: strings.Repeat("ab", identityLen)}, h), ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	if err := st.EnableEncryption([]byte("correct horse battery")); err != nil {
		t.Fatal(err)
	}
	st.Close()
	raw, _ := os.ReadFile(DataFile(dir))
	if bytes.Contains(raw, []byte(strings.ToLower(secret))) {
		t.Error("the remembered mood name is in the encrypted file in plain text")
	}
	st = openCrypt(t, dir, []byte("correct horse battery"))
	defer st.Close()
	m, err := st.MoodMapping("daylio")
	again, _ := st.Identity()
	_, p, _ := st.ExportSnapshot()
	if err != nil || m[strings.ToLower(secret)] != 4 || again != id || len(p.Origins) != 1 {
		t.Errorf("after encryption: mapping %v (%v), identity %q (was %q), origins %+v", m, err, again, id, p.Origins)
	}
}

// TestRememberedMappingPassesTheCheck: the mood mapping remembered in the settings
// bucket is a value CheckFile knows, so a database and its backups stay good.
func TestRememberedMappingPassesTheCheck(t *testing.T) {
	st := openTest(t)
	c := model.CheckIn{At: testNow.Add(-time.Hour), Mood: ptr(6), Source: "daylio", SourceKey: "k1"}
	if _, err := st.ImportSourceCheckIns([]model.CheckIn{c}, SourceImport{Source: "daylio", Moods: []string{"fine"}, Mapping: map[string]int{"fine": 6}}); err != nil {
		t.Fatal(err)
	}
	b, err := st.Backup()
	if err != nil {
		t.Fatal(err)
	}
	st.Close()
	for _, path := range []string{st.Path(), b.Path} {
		if err := CheckFile(path); err != nil {
			t.Errorf("CheckFile(%s) after a Daylio import = %v", path, err)
		}
	}
}
