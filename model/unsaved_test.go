package model

import (
	"testing"
	"time"

	"pgregory.net/rapid"
)

func TestPlaces(t *testing.T) {
	tests := []struct {
		p    Place
		ok   bool
		kind string
		id   uint64
	}{
		{JournalPlace(0), true, PlaceJournal, 0},
		{JournalPlace(12), true, PlaceJournal, 12},
		{SessionPlace(7), true, PlaceSession, 7},
		{IntentionPlace(7), true, PlaceIntention, 7},
		{FollowUpPlace(29), true, PlaceFollowUp, 29},
		{CoursePlace(0), true, PlaceCourse, 0},
		{CheckInPlace(testNow), true, PlaceCheckIn, 0},
		{"intention/new", false, PlaceIntention, 0},
		{"journal/012", false, PlaceJournal, 12},
		{"journal/-1", false, PlaceJournal, 0},
		{"checkin/2026-02-30", false, PlaceCheckIn, 0},
		{"notes/new", false, "notes", 0},
		{"journal", false, PlaceJournal, 0},
	}
	for _, tt := range tests {
		if err := tt.p.Valid(); (err == nil) != tt.ok {
			t.Errorf("%q.Valid() = %v, want ok %v", tt.p, err, tt.ok)
		}
		if tt.p.Kind() != tt.kind || tt.p.ID() != tt.id {
			t.Errorf("%q: kind %q id %d, want %q %d", tt.p, tt.p.Kind(), tt.p.ID(), tt.kind, tt.id)
		}
	}
	if CheckInPlace(testNow) != "checkin/2026-03-12" {
		t.Errorf("CheckInPlace(12 March) = %s", CheckInPlace(testNow))
	}
}

func TestDraftEmptyAndSame(t *testing.T) {
	a := Draft{Place: JournalPlace(0), Fields: map[string]string{"text": " \n", "prompt": ""}}
	if !a.Empty() {
		t.Error("a draft of blanks is not Empty")
	}
	b := a
	b.Fields = map[string]string{"text": "x"}
	if b.Empty() || a.Same(b) || !b.Same(Draft{Place: JournalPlace(0), Fields: map[string]string{"text": "x"}, Saved: testNow}) {
		t.Error("Empty or Same got a draft wrong")
	}
	if b.Same(Draft{Place: JournalPlace(0), Fields: map[string]string{"text": "x"}, Base: testNow}) {
		t.Error("drafts over different versions are Same")
	}
}

// TestCheckInPlaceIsTheirDay: the check-in draft of a moment is kept under the
// person's day: 06:30 UTC on 12 March is still the 11th in Los Angeles.
func TestCheckInPlaceIsTheirDay(t *testing.T) {
	instant := time.Date(2026, 3, 12, 6, 30, 0, 0, time.UTC)
	want := map[string]Place{"America/Los_Angeles": "checkin/2026-03-11", "America/New_York": "checkin/2026-03-12",
		"Pacific/Auckland": "checkin/2026-03-12", "Asia/Kolkata": "checkin/2026-03-12", "UTC": "checkin/2026-03-12"}
	for _, zone := range zones {
		loc := mustZone(t, zone)
		if got := CheckInPlace(Today(instant, loc)); got != want[zone] {
			t.Errorf("%s: the check-in draft of 06:30 UTC on the 12th is kept as %s, want %s", zone, got, want[zone])
		}
	}
}

// TestFormDraftFieldsRoundTrip: a form kept as a Draft's fields comes back as it was
// typed, for the session, check-in and follow-up forms.
func TestFormDraftFieldsRoundTrip(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		text := rapid.String()
		tags := rapid.SliceOfN(rapid.StringMatching(`[A-Za-z ,\n"]{1,12}`), 0, 4)
		d := SessionDraft{ID: rapid.Uint64().Draw(t, "id"), Created: testNow, Updated: testNow.Add(time.Second),
			Date: text.Draw(t, "date"), Clock: text.Draw(t, "clock"), Planned: rapid.Bool().Draw(t, "planned"),
			Route: Route(text.Draw(t, "route")), Dose: text.Draw(t, "dose"), DoseUnit: DoseUnit(text.Draw(t, "unit")),
			Provider: text.Draw(t, "provider"), Setting: Setting(text.Draw(t, "setting")), Intention: text.Draw(t, "intention"),
			MoodBefore: text.Draw(t, "mb"), MoodAfter: text.Draw(t, "ma"), Intensity: text.Draw(t, "in"),
			Character: tags.Draw(t, "character"), Dissociation: text.Draw(t, "di"), SideEffects: tags.Draw(t, "effects"),
			BPBefore: text.Draw(t, "bp1"), BPAfter40: text.Draw(t, "bp2"), BPDischarge: text.Draw(t, "bp3"),
			DroveHome: text.Draw(t, "drove"), Cost: text.Draw(t, "cost"), Reimbursed: text.Draw(t, "re"), Notes: text.Draw(t, "notes")}
		if len(d.Character) == 0 {
			d.Character = nil
		}
		if len(d.SideEffects) == 0 {
			d.SideEffects = nil
		}
		back := SessionDraft{ID: d.ID, Created: d.Created, Updated: d.Updated}.WithFields(d.Fields())
		if !sameJSON(t, back, d) {
			t.Fatalf("session form round trip:\n got %+v\nwant %+v", back, d)
		}
		c := CheckInDraft{Mood: text.Draw(t, "c1"), Anxiety: text.Draw(t, "c2"), SleepHours: text.Draw(t, "c3"), SleepQuality: text.Draw(t, "c4"), Stress: text.Draw(t, "c5"), Note: text.Draw(t, "c6")}
		if CheckInDraftOf(c.Fields()) != c {
			t.Fatalf("check-in form round trip lost %+v", c)
		}
		f := FollowUpDraft{Mood: text.Draw(t, "f1"), SleepHours: text.Draw(t, "f2"), SleepQuality: text.Draw(t, "f3"), Stress: text.Draw(t, "f4"), Rumination: text.Draw(t, "f5"), LessSticky: text.Draw(t, "f6"), Note: text.Draw(t, "f7")}
		if FollowUpDraftOf(f.Fields()) != f {
			t.Fatalf("follow-up form round trip lost %+v", f)
		}
	})
}
