package model

import (
	"testing"
	"time"
)

func TestCheckInDraft(t *testing.T) {
	tests := []struct {
		name  string
		d     CheckInDraft
		field string // the refused field, "" when it must pass
		hours float64
	}{
		{"all filled", CheckInDraft{Mood: "6", Anxiety: "3", SleepHours: "7.5", SleepQuality: "7", Stress: "4"}, "", 7.5},
		{"mood only", CheckInDraft{Mood: "5"}, "", 0},
		{"hours and minutes", CheckInDraft{SleepHours: "6h30"}, "", 6.5},
		{"hours with comma", CheckInDraft{SleepHours: "6,5"}, "", 6.5},
		{"hours with h", CheckInDraft{SleepHours: "8h"}, "", 8},
		{"nothing", CheckInDraft{}, FieldMood, 0},
		{"mood 11", CheckInDraft{Mood: "11"}, FieldMood, 0},
		{"anxiety abc", CheckInDraft{Anxiety: "abc"}, FieldAnxiety, 0},
		{"sleep 25", CheckInDraft{SleepHours: "25"}, FieldSleepHours, 0},
		{"sleep lots", CheckInDraft{SleepHours: "lots"}, FieldSleepHours, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := tt.d.Parse(testNow, testNow)
			if tt.field == "" {
				if err != nil {
					t.Fatalf("Parse(%+v) = %v, want no error", tt.d, err)
				}
				if tt.hours != 0 && (c.SleepHours == nil || *c.SleepHours != tt.hours) {
					t.Errorf("Parse(%+v).SleepHours = %v, want %v", tt.d, c.SleepHours, tt.hours)
				}
				return
			}
			v, ok := err.(*ValidationError)
			if !ok || v.For(tt.field) == "" {
				t.Errorf("Parse(%+v) = %v, want a message on %s", tt.d, err, tt.field)
			}
		})
	}
}

func TestFollowUpDraftApply(t *testing.T) {
	f := NewFollowUps(Session{ID: 2, At: testNow.Add(-5 * time.Hour)})[0]
	got, err := FollowUpDraft{Mood: "7", Rumination: "2", LessSticky: "8", SleepHours: "7"}.Apply(f, testNow)
	if err != nil {
		t.Fatal(err)
	}
	if got.Filled == nil || !got.Filled.Equal(testNow) || *got.LessSticky != 8 {
		t.Errorf("Apply() = %+v, want it answered now with the values", got)
	}
	if _, err := (FollowUpDraft{LessSticky: "12"}).Apply(f, testNow); err == nil {
		t.Error("Apply(less sticky 12) = nil, want a refusal")
	}
	if _, err := (FollowUpDraft{}).Apply(f, testNow); err == nil {
		t.Error("Apply(nothing) = nil, want a refusal")
	}
	// Editing an answered follow-up keeps when it was first answered.
	again, _ := DraftOfFollowUp(got).Apply(got, testNow.Add(time.Hour))
	if !again.Filled.Equal(testNow) || *again.Mood != 7 {
		t.Errorf("re-apply = %+v, want the first answer time and the same values", again)
	}
}

// TestCheckInDraftUpdate edits a stored check-in: the answers change, its identity,
// time, tags and version stay, and the draft of it reads back the same.
func TestCheckInDraftUpdate(t *testing.T) {
	mood, hours := 4, 6.5
	at := testNow.Add(-2 * time.Hour)
	stored := CheckIn{ID: 7, At: at, Mood: &mood, SleepHours: &hours, Note: "tired", Tags: []string{"work"},
		Created: at, Updated: at.Add(time.Minute)}
	d := DraftOfCheckIn(stored)
	if d != (CheckInDraft{Mood: "4", SleepHours: "6.5", Note: "tired"}) {
		t.Fatalf("DraftOfCheckIn = %+v", d)
	}
	d.Mood, d.Stress = "6", "3"
	c, err := d.Update(stored, testNow)
	if err != nil {
		t.Fatal(err)
	}
	if c.ID != 7 || !c.At.Equal(at) || !c.Version().Equal(stored.Updated) || *c.Mood != 6 || *c.Stress != 3 ||
		len(c.Tags) != 1 || c.Note != "tired" {
		t.Errorf("Update = %+v, want the same check-in with mood 6 and stress 3", c)
	}
}
