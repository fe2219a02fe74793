package store

import (
	"testing"
	"time"

	"keel/model"
)

// TestMarkingDoneOpensFollowUps checks docs/product.md item 3: a completed session opens
// check-ins due at about +4 h, +24 h, +48 h and +72 h.
func TestMarkingDoneOpensFollowUps(t *testing.T) {
	st := openTest(t)
	at := testNow.Add(-2 * time.Hour)
	s, _ := st.SaveSession(model.Session{At: at.Add(48 * time.Hour), Status: model.StatusPlanned, Route: model.RouteIV})
	if fs, _ := st.FollowUpsOf(s.ID); len(fs) != 0 {
		t.Fatalf("a planned session has %d follow-ups, want none", len(fs))
	}
	s.At, s.Status = at, model.StatusDone
	s, err := st.SaveSession(s)
	if err != nil {
		t.Fatal(err)
	}
	fs, _ := st.FollowUpsOf(s.ID)
	want := []time.Time{at.Add(4 * time.Hour), at.Add(24 * time.Hour), at.Add(48 * time.Hour), at.Add(72 * time.Hour)}
	if len(fs) != len(want) {
		t.Fatalf("FollowUpsOf(done session) = %d follow-ups, want 4", len(fs))
	}
	for i, f := range fs {
		if !f.Due.Equal(want[i]) || f.Step != i || !f.Open() || f.SessionID != s.ID {
			t.Errorf("follow-up %d due %v (step %d, open %v), want due %v", i, f.Due, f.Step, f.Open(), want[i])
		}
	}
	// Answer the first, then move the session an hour later: the open ones move, the answered one stays.
	filled := testNow
	fs[0].Filled, fs[0].Mood = &filled, ptr(6)
	if _, err := st.SaveFollowUp(fs[0]); err != nil {
		t.Fatal(err)
	}
	s.At = at.Add(time.Hour)
	if s, err = st.SaveSession(s); err != nil {
		t.Fatal(err)
	}
	moved, _ := st.FollowUpsOf(s.ID)
	if !moved[0].Due.Equal(want[0]) || *moved[0].Mood != 6 {
		t.Errorf("the answered follow-up changed: %+v", moved[0])
	}
	if !moved[1].Due.Equal(want[1].Add(time.Hour)) {
		t.Errorf("open follow-up due %v after the session moved, want %v", moved[1].Due, want[1].Add(time.Hour))
	}
	// Back to planned: the open ones go, the answered one stays.
	s.Status = model.StatusPlanned
	if _, err := st.SaveSession(s); err != nil {
		t.Fatal(err)
	}
	if left, _ := st.FollowUpsOf(s.ID); len(left) != 1 || left[0].Step != 0 {
		t.Errorf("after going back to planned, follow-ups = %+v, want only the answered one", left)
	}
}

func TestOldSessionGetsNoFollowUps(t *testing.T) {
	st := openTest(t)
	s, _ := st.SaveSession(model.Session{At: testNow.AddDate(0, -3, 0), Status: model.StatusDone, Route: model.RouteIV})
	if fs, _ := st.FollowUpsOf(s.ID); len(fs) != 0 {
		t.Errorf("a session logged three months late opened %d follow-ups, want none", len(fs))
	}
	recent, _ := st.SaveSession(model.Session{At: testNow.Add(-6 * 24 * time.Hour), Status: model.StatusDone, Route: model.RouteIV})
	if fs, _ := st.FollowUpsOf(recent.ID); len(fs) != 4 {
		t.Errorf("a session of 6 days ago opened %d follow-ups, want 4", len(fs))
	}
}

func TestJournal(t *testing.T) {
	st := openTest(t)
	for i, text := range []string{"The critic sounded further away.", "Walked by the river", "Ψυχή: calmer today"} {
		if _, err := st.SaveJournal(model.JournalEntry{At: testNow.Add(time.Duration(i) * -time.Hour), Text: text, Prompt: model.IntegrationPrompts[i%3]}); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := st.SaveJournal(model.JournalEntry{At: testNow, Text: "  "}); err == nil {
		t.Error("SaveJournal(empty) = nil, want a refusal")
	}
	tests := []struct {
		query string
		want  int
	}{
		{"", 3},
		{"river", 1},
		{"RIVER walked", 1},
		{"critic river", 0},
		{"ψυχή", 1},
		{"came up", 1}, // the prompt is searched too
	}
	for _, tt := range tests {
		if got, _ := st.Journal(tt.query); len(got) != tt.want {
			t.Errorf("Journal(%q) = %d entries, want %d", tt.query, len(got), tt.want)
		}
	}
	all, _ := st.Journal("")
	if !all[0].At.After(all[1].At) {
		t.Error("Journal is not newest first")
	}
}
