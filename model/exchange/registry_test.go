package exchange

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"keel/model"
	"keel/model/store"
)

// memo is a throwaway kind of record that exists only in this test: a short note
// that may belong to a session.
type memo struct {
	ID        uint64    `json:"id"`
	At        time.Time `json:"at"`
	SessionID uint64    `json:"session_id,omitempty"`
	Text      string    `json:"text"`
	Created   time.Time `json:"created"`
	Updated   time.Time `json:"updated"`
}

func (m *memo) RecordID() uint64      { return m.ID }
func (m *memo) SetRecordID(id uint64) { m.ID = id }
func (m *memo) IndexTime() time.Time  { return m.At }
func (m *memo) Stamp(now time.Time, keep bool) {
	if m.Created.IsZero() {
		m.Created = now
	}
	if !keep || m.Updated.IsZero() {
		m.Updated = now
	}
}
func (m *memo) Validate(time.Time) error { return nil }

// TestRegistryCarriesANewKind adds a kind of record to model.Kinds, and nothing
// else: the store keeps it, the JSON export writes it, an import into another Keel
// brings it in with its link to its session (re-keyed there), and the CSV export has
// a file for it.
func TestRegistryCarriesANewKind(t *testing.T) {
	memos := &model.Kind{Name: "memos", One: "memo", Many: "memos", Version: 1, Indexed: true,
		New:    func() model.Record { return &memo{} },
		Parent: model.Sessions, ParentID: func(r model.Record) uint64 { return r.(*memo).SessionID },
		SetParentID: func(r model.Record, id uint64) { r.(*memo).SessionID = id },
		Table: model.Table{Header: []string{"id", "text"}, Rows: func(r model.Record) [][]string {
			m := r.(*memo)
			return [][]string{{"m" + m.Text[:1], m.Text}}
		}}}
	saved := model.Kinds
	model.Kinds = append(append([]*model.Kind{}, saved...), memos)
	t.Cleanup(func() { model.Kinds = saved })

	src := openTest(t)
	sess, err := src.SaveSession(model.Session{At: testNow.Add(-time.Hour), Status: model.StatusDone, Route: model.RouteIV})
	if err != nil {
		t.Fatal(err)
	}
	var h model.History
	h.Add(memos, &memo{ID: 1, At: testNow.Add(-time.Minute), SessionID: sess.ID, Text: "felt lighter"},
		&memo{ID: 2, At: testNow.Add(-2 * time.Minute), Text: "standing alone"})
	if err := src.Add(h); err != nil {
		t.Fatalf("Add(memos) = %v", err)
	}
	if n, _ := src.Counts(); n[memos] != 2 {
		t.Errorf("Counts()[memos] = %d, want 2", n[memos])
	}

	e, err := Snapshot(src)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := e.WriteJSON(&buf); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), `"memos": [`) || !strings.Contains(buf.String(), "felt lighter") {
		t.Fatalf("the export has no memos:\n%s", buf.String())
	}
	read, err := ReadExport(&buf)
	if err != nil {
		t.Fatalf("ReadExport() = %v", err)
	}
	dst, err := store.Open(store.DataFile(t.TempDir()), store.Options{Now: func() time.Time { return testNow }})
	if err != nil {
		t.Fatal(err)
	}
	defer dst.Close()
	// The other Keel has a session of its own, so the file's session gets ID 2 there.
	if _, err := dst.SaveSession(model.Session{At: testNow.Add(-3 * time.Hour), Status: model.StatusDone, Route: model.RouteIM}); err != nil {
		t.Fatal(err)
	}
	res, err := Import(dst, read, store.ImportOptions{})
	if err != nil || res.Added != e.Count() || len(read.Of(memos)) != 2 {
		t.Fatalf("Import() = %+v, %v; want all %d records (2 memos) added", res, err, e.Count())
	}
	back, _ := dst.Snapshot()
	got := back.Of(memos)
	if len(got) != 2 || got[0].(*memo).SessionID != 2 || got[1].(*memo).Text != "standing alone" || got[1].(*memo).SessionID != 0 {
		t.Errorf("memos after import = %+v, want both, the first tied to the file's session, now session 2", got)
	}

	dir := t.TempDir()
	if err := WriteCSV(dir, &back, nil, ""); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(filepath.Join(dir, "memos.csv"))
	if err != nil || !strings.Contains(string(data), "mf,felt lighter") {
		t.Errorf("memos.csv = %q, %v", data, err)
	}
}
