package model

import (
	"strings"
	"testing"
	"time"
)

// TestMarkingDoneOpensFollowUps checks product.md item 3: a completed session opens
// check-ins due at about +4 h, +24 h, +48 h and +72 h.
func TestMarkingDoneOpensFollowUps(t *testing.T) {
	st := openTest(t)
	at := testNow.Add(-2 * time.Hour)
	s, _ := st.SaveSession(Session{At: at.Add(48 * time.Hour), Status: StatusPlanned, Route: RouteIV})
	if fs, _ := st.FollowUpsOf(s.ID); len(fs) != 0 {
		t.Fatalf("a planned session has %d follow-ups, want none", len(fs))
	}
	s.At, s.Status = at, StatusDone
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
	st.SaveSession(s)
	moved, _ := st.FollowUpsOf(s.ID)
	if !moved[0].Due.Equal(want[0]) || *moved[0].Mood != 6 {
		t.Errorf("the answered follow-up changed: %+v", moved[0])
	}
	if !moved[1].Due.Equal(want[1].Add(time.Hour)) {
		t.Errorf("open follow-up due %v after the session moved, want %v", moved[1].Due, want[1].Add(time.Hour))
	}
	// Back to planned: the open ones go, the answered one stays.
	s.Status = StatusPlanned
	st.SaveSession(s)
	if left, _ := st.FollowUpsOf(s.ID); len(left) != 1 || left[0].Step != 0 {
		t.Errorf("after going back to planned, follow-ups = %+v, want only the answered one", left)
	}
}

func TestOldSessionGetsNoFollowUps(t *testing.T) {
	st := openTest(t)
	s, _ := st.SaveSession(Session{At: testNow.AddDate(0, -3, 0), Status: StatusDone, Route: RouteIV})
	if fs, _ := st.FollowUpsOf(s.ID); len(fs) != 0 {
		t.Errorf("a session logged three months late opened %d follow-ups, want none", len(fs))
	}
	recent, _ := st.SaveSession(Session{At: testNow.Add(-6 * 24 * time.Hour), Status: StatusDone, Route: RouteIV})
	if fs, _ := st.FollowUpsOf(recent.ID); len(fs) != 4 {
		t.Errorf("a session of 6 days ago opened %d follow-ups, want 4", len(fs))
	}
}

func TestFollowUpLate(t *testing.T) {
	at := time.Date(2026, 3, 10, 10, 0, 0, 0, time.UTC)
	fs := NewFollowUps(Session{ID: 7, At: at})
	tests := []struct {
		step   int
		closes time.Time
		label  string
	}{
		{0, at.Add(24 * time.Hour), "4 hours after"},
		{1, at.Add(48 * time.Hour), "Day 1 (+24 h)"},
		{2, at.Add(72 * time.Hour), "Day 2 (+48 h)"},
		{3, at.Add(96 * time.Hour), "Day 3 (+72 h)"},
	}
	for _, tt := range tests {
		f := fs[tt.step]
		if f.ID != 7<<2|uint64(tt.step) {
			t.Errorf("follow-up %d ID = %d, want %d", tt.step, f.ID, 7<<2|tt.step)
		}
		if !f.Closes().Equal(tt.closes) || f.Label() != tt.label {
			t.Errorf("follow-up %d: Closes() = %v, Label() = %q; want %v, %q", tt.step, f.Closes(), f.Label(), tt.closes, tt.label)
		}
		if f.Late(tt.closes) || !f.Late(tt.closes.Add(time.Minute)) {
			t.Errorf("follow-up %d: Late at its close = %v, a minute after = %v; want false, true", tt.step, f.Late(tt.closes), f.Late(tt.closes.Add(time.Minute)))
		}
		filled := tt.closes.Add(time.Hour)
		f.Filled = &filled
		if !f.Late(at) {
			t.Errorf("follow-up %d answered after its close is not late", tt.step)
		}
	}
}

func TestFollowUpValidate(t *testing.T) {
	f := NewFollowUps(Session{ID: 1, At: testNow})[0]
	if err := f.Validate(testNow); err != nil {
		t.Fatalf("open follow-up: %v", err)
	}
	filled := testNow
	f.Filled = &filled
	if err := f.Validate(testNow); err == nil {
		t.Error("a filled follow-up with no answer validates, want a refusal")
	}
	f.Rumination = ptr(11)
	if err := f.Validate(testNow); err == nil || !strings.Contains(err.Error(), "0 to 10") {
		t.Errorf("Validate(rumination 11) = %v, want a 0-10 refusal", err)
	}
	f.Rumination, f.LessSticky, f.SleepHours = ptr(3), ptr(7), ptr(25.0)
	if err := f.Validate(testNow); err == nil {
		t.Error("Validate(25 hours of sleep) = nil, want a refusal")
	}
}

func TestCheckInValidate(t *testing.T) {
	tests := []struct {
		name string
		c    CheckIn
		ok   bool
	}{
		{"mood only", CheckIn{At: testNow, Mood: ptr(4)}, true},
		{"note only", CheckIn{At: testNow, Note: "Long day."}, true},
		{"everything", CheckIn{At: testNow, Mood: ptr(4), Anxiety: ptr(6), SleepHours: ptr(6.5), SleepQuality: ptr(5), Stress: ptr(7)}, true},
		{"empty", CheckIn{At: testNow}, false},
		{"mood 11", CheckIn{At: testNow, Mood: ptr(11)}, false},
		{"stress -1", CheckIn{At: testNow, Stress: ptr(-1)}, false},
		{"sleep 30 h", CheckIn{At: testNow, SleepHours: ptr(30.0)}, false},
		{"in the future", CheckIn{At: testNow.Add(time.Hour), Mood: ptr(5)}, false},
		{"no date", CheckIn{Mood: ptr(5)}, false},
		{"note too long", CheckIn{At: testNow, Note: strings.Repeat("n", MaxLongText+1)}, false},
	}
	for _, tt := range tests {
		if err := tt.c.Validate(testNow); (err == nil) != tt.ok {
			t.Errorf("Validate(%s) = %v, want ok=%v", tt.name, err, tt.ok)
		}
	}
}

func TestJournal(t *testing.T) {
	st := openTest(t)
	for i, text := range []string{"The critic sounded further away.", "Walked by the river", "Ψυχή: calmer today"} {
		if _, err := st.SaveJournal(JournalEntry{At: testNow.Add(time.Duration(i) * -time.Hour), Text: text, Prompt: IntegrationPrompts[i%3]}); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := st.SaveJournal(JournalEntry{At: testNow, Text: "  "}); err == nil {
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
