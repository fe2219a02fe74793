package store

import (
	"errors"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"keel/model"
)

func planned(t *testing.T, st *Store, route model.Route, in time.Duration) model.Session {
	t.Helper()
	s, err := st.SaveSession(model.Session{At: testNow.Add(in), Status: model.StatusPlanned, Route: route})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestPlannedSessionGetsChecklist(t *testing.T) {
	st := openTest(t)
	s := planned(t, st, model.RouteLozenge, 48*time.Hour)
	c, ok, err := st.Checklist(s.ID)
	if err != nil || !ok {
		t.Fatalf("Checklist(%d) = %v, %v; want the lozenge checklist", s.ID, ok, err)
	}
	if !sameJSON(t, itemTexts(model.DefaultTemplate(model.RouteLozenge).Items), checklistTexts(c)) {
		t.Errorf("checklist = %q, want the lozenge template", checklistTexts(c))
	}
	// An untouched checklist follows a change of route...
	s.Route = model.RouteIV
	s, _ = st.SaveSession(s)
	c, _, _ = st.Checklist(s.ID)
	if c.Route != model.RouteIV || !contains(checklistTexts(c), "ride home") {
		t.Errorf("after the route changed to IV the checklist is %q", checklistTexts(c))
	}
	// ...a ticked one is kept.
	if _, err := st.SetItemDone(s.ID, 2, true); err != nil {
		t.Fatal(err)
	}
	s.Route = model.RouteNasal
	st.SaveSession(s)
	c, _, _ = st.Checklist(s.ID)
	if c.Route != model.RouteIV || c.Items[2].DoneAt == nil || !c.Items[2].DoneAt.Equal(testNow) {
		t.Errorf("a ticked checklist changed with the route: %+v", c)
	}
	// A session logged as done straight away has no checklist to fill.
	done, _ := st.SaveSession(model.Session{At: testNow.Add(-time.Hour), Status: model.StatusDone, Route: model.RouteIV})
	if _, ok, _ := st.Checklist(done.ID); ok {
		t.Error("a session saved as done got a checklist")
	}
}

func TestEditingTemplateLeavesOldChecklists(t *testing.T) {
	st := openTest(t)
	before := planned(t, st, model.RouteIV, 24*time.Hour)
	old, _, _ := st.Checklist(before.ID)

	tpl, _ := st.Template(model.RouteIV)
	tpl.Items = append([]model.TemplateItem{{Text: "Call my sister the evening before"}}, tpl.Items[2:]...)
	if _, err := st.SaveTemplate(tpl); err != nil {
		t.Fatalf("SaveTemplate() = %v", err)
	}
	still, _, _ := st.Checklist(before.ID)
	if !sameJSON(t, still, old) {
		t.Errorf("editing the template changed an existing checklist:\n got %q\nwant %q", checklistTexts(still), checklistTexts(old))
	}
	after := planned(t, st, model.RouteIV, 72*time.Hour)
	fresh, _, _ := st.Checklist(after.ID)
	if fresh.Items[0].Text != "Call my sister the evening before" || len(fresh.Items) != len(tpl.Items) {
		t.Errorf("a new checklist = %q, want the edited template", checklistTexts(fresh))
	}
	if err := st.ResetTemplate(model.RouteIV); err != nil {
		t.Fatal(err)
	}
	if got, _ := st.Template(model.RouteIV); !sameJSON(t, got.Items, model.DefaultTemplate(model.RouteIV).Items) {
		t.Error("ResetTemplate did not restore the built-in items")
	}
	bad := model.Template{Route: model.RouteIV, Items: []model.TemplateItem{{Text: "a"}, {Text: "A"}}}
	if _, err := st.SaveTemplate(bad); err == nil {
		t.Error("SaveTemplate(duplicates) = nil, want a refusal")
	}
}

func TestSetItemDone(t *testing.T) {
	st := openTest(t)
	s := planned(t, st, model.RouteIV, 24*time.Hour)
	if _, err := st.SetItemDone(s.ID, 3, true); err != nil {
		t.Fatal(err)
	}
	c, _, _ := st.Checklist(s.ID)
	if c.Items[3].DoneAt == nil {
		t.Fatal("item 3 not ticked after SetItemDone")
	}
	st.SetItemDone(s.ID, 3, false)
	if c, _, _ = st.Checklist(s.ID); c.Items[3].DoneAt != nil {
		t.Error("item 3 still ticked after unticking")
	}
	if _, err := st.SetItemDone(s.ID, 99, true); !errors.Is(err, model.ErrNotFound) {
		t.Errorf("SetItemDone(item 99) = %v, want ErrNotFound", err)
	}
	if _, err := st.SetItemDone(12345, 0, true); !errors.Is(err, model.ErrNotFound) {
		t.Errorf("SetItemDone(no such session) = %v, want ErrNotFound", err)
	}
}

func TestDeleteSessionCascades(t *testing.T) {
	st := openTest(t)
	s := planned(t, st, model.RouteIV, 24*time.Hour)
	j, _ := st.SaveJournal(model.JournalEntry{At: testNow, SessionID: s.ID, Text: "Nervous but ready."})
	s.Status, s.At = model.StatusDone, testNow.Add(-time.Hour)
	s, _ = st.SaveSession(s)
	if fs, _ := st.FollowUpsOf(s.ID); len(fs) != 4 {
		t.Fatalf("follow-ups before delete = %d, want 4", len(fs))
	}
	if err := st.DeleteSession(s.ID); err != nil {
		t.Fatal(err)
	}
	if _, ok, _ := st.Checklist(s.ID); ok {
		t.Error("checklist kept after its session was deleted")
	}
	if fs, _ := st.FollowUpsOf(s.ID); len(fs) != 0 {
		t.Errorf("follow-ups after delete = %d, want 0", len(fs))
	}
	entries, _ := st.Journal("")
	if len(entries) != 1 || entries[0].ID != j.ID || entries[0].SessionID != 0 || entries[0].Text != j.Text {
		t.Errorf("journal after delete = %+v, want the entry kept, no longer tied to the session", entries)
	}
}

// TestMigration2 opens a database at layout 1 holding a planned session: after the
// migration it has the new buckets and the session has its checklist.
func TestMigration2(t *testing.T) {
	path := DataFile(t.TempDir())
	db, err := bolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	s := model.Session{ID: 1, At: testNow.Add(48 * time.Hour), Status: model.StatusPlanned, Route: model.RouteNasal}
	err = db.Update(func(btx *bolt.Tx) error {
		tx := txn{Tx: btx}
		if err := migrateTo(tx, migrations[:1]); err != nil {
			return err
		}
		return put(tx, model.Sessions, &s, testNow)
	})
	db.Close()
	if err != nil {
		t.Fatal(err)
	}
	st, err := Open(path, Options{Now: func() time.Time { return testNow }})
	if err != nil {
		t.Fatalf("Open(layout 1) = %v", err)
	}
	defer st.Close()
	c, ok, err := st.Checklist(1)
	if err != nil || !ok || c.Route != model.RouteNasal {
		t.Fatalf("after migration 2, Checklist(1) = %+v, %v, %v; want the nasal checklist", c, ok, err)
	}
	if _, err := st.SaveCheckIn(model.CheckIn{At: testNow, Mood: ptr(5)}); err != nil {
		t.Errorf("SaveCheckIn after migration = %v", err)
	}
}

func TestChecklists(t *testing.T) {
	st := openTest(t)
	a := planned(t, st, model.RouteIV, 24*time.Hour)
	b := planned(t, st, model.RouteLozenge, 48*time.Hour)
	st.SetItemDone(b.ID, 1, true)
	all, err := st.Checklists()
	if err != nil || len(all) != 2 || all[a.ID].Route != model.RouteIV || all[b.ID].Items[1].DoneAt == nil {
		t.Errorf("Checklists() = %+v, %v; want both, with b's tick", all, err)
	}
}

func itemTexts(items []model.TemplateItem) []string {
	out := make([]string, len(items))
	for i, it := range items {
		out[i] = it.Text
	}
	return out
}

func checklistTexts(c model.Checklist) []string {
	out := make([]string, len(c.Items))
	for i, it := range c.Items {
		out[i] = it.Text
	}
	return out
}

func contains(list []string, part string) bool {
	for _, s := range list {
		if strings.Contains(strings.ToLower(s), part) {
			return true
		}
	}
	return false
}
