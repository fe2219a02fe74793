package model

import (
	"errors"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"
)

func itemTexts(items []TemplateItem) []string {
	out := make([]string, len(items))
	for i, it := range items {
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

func TestDefaultTemplates(t *testing.T) {
	common := []string{"intention", "stressful commitments", "integration or therapy", "journal", "medicines", "alcohol or cannabis", "sleep"}
	tests := []struct {
		route      Route
		want, lack []string
	}{
		{RouteIV, []string{"fast", "ride home", "eye mask"}, []string{"sitter"}},
		{RouteIM, []string{"fast", "ride home", "headphones"}, []string{"sitter"}},
		{RouteNasal, []string{"fast", "ride home", "comfortable clothes"}, []string{"sitter"}},
		{RouteLozenge, []string{"sober sitter", "quiet room", "do-not-disturb"}, []string{"ride home", "fast as"}},
		{RouteOther, nil, []string{"sitter", "ride home"}},
	}
	for _, tt := range tests {
		t.Run(string(tt.route), func(t *testing.T) {
			tpl := DefaultTemplate(tt.route)
			texts := itemTexts(tpl.Items)
			for _, w := range append(common, tt.want...) {
				if !contains(texts, w) {
					t.Errorf("DefaultTemplate(%s) lacks an item about %q: %q", tt.route, w, texts)
				}
			}
			for _, l := range tt.lack {
				if contains(texts, l) {
					t.Errorf("DefaultTemplate(%s) has an item about %q, which is for another route", tt.route, l)
				}
			}
			if err := tpl.Validate(testNow); err != nil {
				t.Errorf("DefaultTemplate(%s).Validate() = %v", tt.route, err)
			}
			if tpl.Items[0].Kind != ItemIntention {
				t.Errorf("DefaultTemplate(%s) does not start with the intention item", tt.route)
			}
		})
	}
	// The defaults are data: changing the returned template must not change the next one.
	a := DefaultTemplate(RouteIV)
	a.Items[1].Text = "changed"
	if DefaultTemplate(RouteIV).Items[1].Text == "changed" {
		t.Error("DefaultTemplate returns shared items")
	}
}

func TestTemplateValidate(t *testing.T) {
	many := make([]TemplateItem, MaxChecklistItems+1)
	for i := range many {
		many[i].Text = strings.Repeat("x", i+1)
	}
	tests := []struct {
		name  string
		items []TemplateItem
		ok    bool
	}{
		{"fine", []TemplateItem{{Text: "Rest"}, {Text: "Eat"}}, true},
		{"exactly 50", many[:MaxChecklistItems], true},
		{"51 items", many, false},
		{"empty item", []TemplateItem{{Text: "Rest"}, {Text: "  "}}, false},
		{"duplicate", []TemplateItem{{Text: "Rest"}, {Text: "rest "}}, false},
		{"no items", nil, false},
		{"item too long", []TemplateItem{{Text: strings.Repeat("y", MaxShortText+1)}}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tpl := Template{Route: RouteIV, Items: tt.items}
			err := tpl.Validate(testNow)
			var v *ValidationError
			if tt.ok != (err == nil) || (err != nil && (!errors.As(err, &v) || v.For(FieldItems) == "")) {
				t.Errorf("Validate(%s) = %v, want ok=%v with a message on the items", tt.name, err, tt.ok)
			}
		})
	}
}

func TestPreparationScore(t *testing.T) {
	c := NewChecklist(1, DefaultTemplate(RouteIV)) // 10 items, the first is the intention
	s := Session{At: testNow.Add(12 * time.Hour), Status: StatusPlanned}
	if p := c.Score(s); p.Done != 0 || p.Total != 10 || p.String() != "0 of 10" {
		t.Fatalf("Score(empty) = %v, want 0 of 10", p)
	}
	s.Intention = "Stay curious"
	c.Items[3].DoneAt = &testNow
	c.Items[4].DoneAt = &testNow
	if p := c.Score(s); p.Done != 3 {
		t.Errorf("Score(intention + 2 ticks) = %v, want 3 of 10", p)
	}
	tests := []struct {
		name  string
		until time.Duration
		done  int
		thin  bool
	}{
		{"12 h away, 3 of 10", 12 * time.Hour, 3, true},
		{"12 h away, 5 of 10", 12 * time.Hour, 5, false},
		{"30 h away, 0 of 10", 30 * time.Hour, 0, false},
		{"24 h away, 4 of 10", 24 * time.Hour, 4, true},
		{"already past", -time.Hour, 0, false},
	}
	for _, tt := range tests {
		s := Session{At: testNow.Add(tt.until), Status: StatusPlanned}
		if got := ThinPreparation(testNow, s, Preparation{Done: tt.done, Total: 10}); got != tt.thin {
			t.Errorf("ThinPreparation(%s) = %v, want %v", tt.name, got, tt.thin)
		}
	}
}

func planned(t *testing.T, st *Store, route Route, in time.Duration) Session {
	t.Helper()
	s, err := st.SaveSession(Session{At: testNow.Add(in), Status: StatusPlanned, Route: route})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestPlannedSessionGetsChecklist(t *testing.T) {
	st := openTest(t)
	s := planned(t, st, RouteLozenge, 48*time.Hour)
	c, ok, err := st.Checklist(s.ID)
	if err != nil || !ok {
		t.Fatalf("Checklist(%d) = %v, %v; want the lozenge checklist", s.ID, ok, err)
	}
	if !sameJSON(t, itemTexts(DefaultTemplate(RouteLozenge).Items), checklistTexts(c)) {
		t.Errorf("checklist = %q, want the lozenge template", checklistTexts(c))
	}
	// An untouched checklist follows a change of route...
	s.Route = RouteIV
	s, _ = st.SaveSession(s)
	c, _, _ = st.Checklist(s.ID)
	if c.Route != RouteIV || !contains(checklistTexts(c), "ride home") {
		t.Errorf("after the route changed to IV the checklist is %q", checklistTexts(c))
	}
	// ...a ticked one is kept.
	if _, err := st.SetItemDone(s.ID, 2, true); err != nil {
		t.Fatal(err)
	}
	s.Route = RouteNasal
	st.SaveSession(s)
	c, _, _ = st.Checklist(s.ID)
	if c.Route != RouteIV || c.Items[2].DoneAt == nil || !c.Items[2].DoneAt.Equal(testNow) {
		t.Errorf("a ticked checklist changed with the route: %+v", c)
	}
	// A session logged as done straight away has no checklist to fill.
	done, _ := st.SaveSession(Session{At: testNow.Add(-time.Hour), Status: StatusDone, Route: RouteIV})
	if _, ok, _ := st.Checklist(done.ID); ok {
		t.Error("a session saved as done got a checklist")
	}
}

func checklistTexts(c Checklist) []string {
	out := make([]string, len(c.Items))
	for i, it := range c.Items {
		out[i] = it.Text
	}
	return out
}

func TestEditingTemplateLeavesOldChecklists(t *testing.T) {
	st := openTest(t)
	before := planned(t, st, RouteIV, 24*time.Hour)
	old, _, _ := st.Checklist(before.ID)

	tpl, _ := st.Template(RouteIV)
	tpl.Items = append([]TemplateItem{{Text: "Call my sister the evening before"}}, tpl.Items[2:]...)
	if _, err := st.SaveTemplate(tpl); err != nil {
		t.Fatalf("SaveTemplate() = %v", err)
	}
	still, _, _ := st.Checklist(before.ID)
	if !sameJSON(t, still, old) {
		t.Errorf("editing the template changed an existing checklist:\n got %q\nwant %q", checklistTexts(still), checklistTexts(old))
	}
	after := planned(t, st, RouteIV, 72*time.Hour)
	fresh, _, _ := st.Checklist(after.ID)
	if fresh.Items[0].Text != "Call my sister the evening before" || len(fresh.Items) != len(tpl.Items) {
		t.Errorf("a new checklist = %q, want the edited template", checklistTexts(fresh))
	}
	if err := st.ResetTemplate(RouteIV); err != nil {
		t.Fatal(err)
	}
	if got, _ := st.Template(RouteIV); !sameJSON(t, got.Items, DefaultTemplate(RouteIV).Items) {
		t.Error("ResetTemplate did not restore the built-in items")
	}
	bad := Template{Route: RouteIV, Items: []TemplateItem{{Text: "a"}, {Text: "A"}}}
	if _, err := st.SaveTemplate(bad); err == nil {
		t.Error("SaveTemplate(duplicates) = nil, want a refusal")
	}
}

func TestSetItemDone(t *testing.T) {
	st := openTest(t)
	s := planned(t, st, RouteIV, 24*time.Hour)
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
	if _, err := st.SetItemDone(s.ID, 99, true); !errors.Is(err, ErrNotFound) {
		t.Errorf("SetItemDone(item 99) = %v, want ErrNotFound", err)
	}
	if _, err := st.SetItemDone(12345, 0, true); !errors.Is(err, ErrNotFound) {
		t.Errorf("SetItemDone(no such session) = %v, want ErrNotFound", err)
	}
}

func TestDeleteSessionCascades(t *testing.T) {
	st := openTest(t)
	s := planned(t, st, RouteIV, 24*time.Hour)
	j, _ := st.SaveJournal(JournalEntry{At: testNow, SessionID: s.ID, Text: "Nervous but ready."})
	s.Status, s.At = StatusDone, testNow.Add(-time.Hour)
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
	s := Session{ID: 1, At: testNow.Add(48 * time.Hour), Status: StatusPlanned, Route: RouteNasal}
	err = db.Update(func(btx *bolt.Tx) error {
		tx := txn{Tx: btx}
		if err := migrateTo(tx, migrations[:1]); err != nil {
			return err
		}
		return put(tx, sessionsC, &s, testNow)
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
	if err != nil || !ok || c.Route != RouteNasal {
		t.Fatalf("after migration 2, Checklist(1) = %+v, %v, %v; want the nasal checklist", c, ok, err)
	}
	if _, err := st.SaveCheckIn(CheckIn{At: testNow, Mood: ptr(5)}); err != nil {
		t.Errorf("SaveCheckIn after migration = %v", err)
	}
}

func TestChecklists(t *testing.T) {
	st := openTest(t)
	a := planned(t, st, RouteIV, 24*time.Hour)
	b := planned(t, st, RouteLozenge, 48*time.Hour)
	st.SetItemDone(b.ID, 1, true)
	all, err := st.Checklists()
	if err != nil || len(all) != 2 || all[a.ID].Route != RouteIV || all[b.ID].Items[1].DoneAt == nil {
		t.Errorf("Checklists() = %+v, %v; want both, with b's tick", all, err)
	}
}
