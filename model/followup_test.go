package model

import (
	"strings"
	"testing"
	"time"
)

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
