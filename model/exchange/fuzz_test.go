package exchange

import (
	"bytes"
	"fmt"
	"math"
	"os"
	"testing"
	"time"

	"keel/model"
	"keel/model/demo"
	"keel/model/store"
)

// smallHistory is a few records of every kind of the demo.
func smallHistory() model.History {
	h := demo.Demo(testNow, 1, 5)
	var small model.History
	for _, k := range model.Kinds {
		small.Add(k, h.Of(k)[:min(5, len(h.Of(k)))]...)
	}
	return small
}

// fuzzSeeds are exports to start from: another install's, an older Keel's, and
// hostile ones (IDs out of range, duplicates, origins that lie).
func fuzzSeeds(f *testing.F) [][]byte {
	st := openTest(f)
	if err := st.Add(smallHistory()); err != nil {
		f.Fatal(err)
	}
	theirs := exportOf(f, st)
	e, _ := ReadExport(bytes.NewReader(theirs))
	e.Version, e.Database = 1, ""
	var older bytes.Buffer
	e.WriteJSON(&older)
	head := `{"format":"keel-export","version":2,"database":"893c1244a6cb31230b3de0998aa95d02","origins":[%s],"sessions":[%s],"followups":[%s]}`
	session := func(id uint64) string {
		return fmt.Sprintf(`{"id":%d,"at":"2026-01-01T10:00:00Z","status":"done","route":"iv","created":"2026-01-01T10:00:00Z","updated":"2026-01-01T10:00:00Z"}`, id)
	}
	follow := func(id, session uint64, step int) string {
		return fmt.Sprintf(`{"id":%d,"session_id":%d,"step":%d,"due":"2026-01-01T14:00:00Z","created":"2026-01-01T10:00:00Z","updated":"2026-01-01T10:00:00Z"}`, id, session, step)
	}
	return [][]byte{
		theirs, older.Bytes(),
		[]byte(`{"format":"keel-export","version":1}`),
		[]byte(fmt.Sprintf(head, "", session(math.MaxUint64)+","+session(1), follow(4, 1, 0))),
		[]byte(fmt.Sprintf(head, "", session(1<<62+1)+","+session(1), follow(4, 1, 0)+","+follow(4, 1, 0))),
		[]byte(fmt.Sprintf(head, `{"kind":"sessions","id":1,"database":"5d0f6e1c2b3a49788796a5b4c3d2e1f0","original_id":3}`, session(1)+","+session(2), follow(5, 1, 1))),
		[]byte(`{"format":"keel-export","version":1,"sessions":[{"id":1,"at":"2026-01-01T10:00:00Z","status":"done","route":"iv"}]}`),
	}
}

// FuzzReadExport: whatever the bytes, ReadExport never panics or holds more than
// it must, and an export it accepts writes back to one it reads the same.
func FuzzReadExport(f *testing.F) {
	for _, seed := range fuzzSeeds(f) {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		e, err := ReadExport(bytes.NewReader(data))
		if err != nil {
			return
		}
		var buf bytes.Buffer
		if err := e.WriteJSON(&buf); err != nil {
			t.Fatalf("WriteJSON of an accepted export = %v", err)
		}
		again, err := ReadExport(&buf)
		if err != nil {
			t.Fatalf("ReadExport of its own writing = %v\n%s", err, buf.Bytes())
		}
		if e.Templates == nil {
			e.Templates = []model.Template{} // written as an empty list
		}
		if !sameJSON(t, again.History, e.History) || again.Database != e.Database || len(again.Origins) != len(e.Origins) {
			t.Fatalf("write and read changed the export:\n%+v\n%+v", e, again)
		}
	})
}

// FuzzImportStream: whatever the bytes, an import into a store holding records of
// its own never panics; it fails whole or not at all; when it succeeds it did what
// its dry run said, every record of the file is counted once, the store's own
// records are unchanged, and importing the same bytes again would add nothing (a
// dry run: it says what an import does, as the first check proves).
func FuzzImportStream(f *testing.F) {
	for _, seed := range fuzzSeeds(f) {
		f.Add(seed)
	}
	// One database with records of its own, copied for each input: opening a copy
	// writes nothing, so an input costs one commit.
	base := store.DataFile(f.TempDir())
	st, err := store.Open(base, store.Options{Now: func() time.Time { return testNow }})
	if err != nil {
		f.Fatal(err)
	}
	if err := st.Add(smallHistory()); err != nil {
		f.Fatal(err)
	}
	before, _ := st.Snapshot()
	st.Close()
	image, err := os.ReadFile(base)
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		path := store.DataFile(t.TempDir())
		if err := os.WriteFile(path, image, 0o600); err != nil {
			t.Fatal(err)
		}
		st, err := store.Open(path, store.Options{Now: func() time.Time { return testNow }})
		if err != nil {
			t.Fatal(err)
		}
		defer st.Close()
		plan, planErr := importBytes(st, data, store.ImportOptions{DryRun: true})
		res, err := importBytes(st, data, store.ImportOptions{})
		after, _ := st.Snapshot()
		if (err == nil) != (planErr == nil) {
			t.Fatalf("dry run = %v, import = %v", planErr, err)
		}
		if err != nil {
			if !sameJSON(t, before, after) {
				t.Fatalf("a failed import (%v) changed the store", err)
			}
			return
		}
		checkAddsUp(t, res)
		plan.DryRun = false
		if !sameJSON(t, plan, res) {
			t.Fatalf("dry run said %+v, import did %+v", plan, res)
		}
		for _, k := range model.Kinds {
			stored := map[uint64]model.Record{}
			for _, r := range after.Of(k) {
				stored[r.RecordID()] = r
			}
			for _, r := range before.Of(k) {
				if !sameJSON(t, stored[r.RecordID()], r) {
					t.Fatalf("%s %d of the store changed: %+v", k.One, r.RecordID(), stored[r.RecordID()])
				}
			}
		}
		again, err := importBytes(st, data, store.ImportOptions{DryRun: true})
		if err != nil || again.Added != 0 || again.Replaced != 0 || again.Settings.Added+again.Templates.Added != 0 {
			t.Fatalf("the same bytes again would do %+v, %v; want nothing added", again, err)
		}
	})
}
