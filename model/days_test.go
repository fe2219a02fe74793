package model

import (
	"testing"
	"time"
)

// zones are the time zones the calendar-day tests run in: west and east of
// Greenwich, a half-hour offset, the southern hemisphere (daylight saving in the
// northern winter) and UTC itself.
var zones = []string{"America/Los_Angeles", "America/New_York", "Pacific/Auckland", "Asia/Kolkata", "UTC"}

func mustZone(t *testing.T, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

// TestParseDateIsTheTypedDayInTheirZone: a day typed as 2026-01-01 is the first of
// January where the person is, not midnight UTC (which in New York is the evening of
// 31 December). Days around each zone's daylight-saving changes included.
func TestParseDateIsTheTypedDayInTheirZone(t *testing.T) {
	days := []string{"2026-01-01", "2026-03-31", "2026-03-08", "2026-11-01", "2026-04-05", "2026-09-27", "2026-3-29", "2026/10/25"}
	for _, zone := range zones {
		loc := mustZone(t, zone)
		for _, typed := range days {
			got, err := ParseDate(typed, loc)
			if err != nil {
				t.Fatalf("%s: ParseDate(%q) = %v", zone, typed, err)
			}
			want, _ := time.Parse("2006-1-2", normalise(typed))
			y, m, d := got.In(loc).Date()
			if got.Location() != loc || y != want.Year() || m != want.Month() || d != want.Day() ||
				got.In(loc).Hour() != 0 || got.In(loc).Minute() != 0 {
				t.Errorf("%s: ParseDate(%q) = %v, want midnight of that day there", zone, typed, got)
			}
			// The whole day is in [start, next start): 23, 24 or 25 hours.
			if end := NextMidnight(got); end.Sub(got) < 23*time.Hour || end.Sub(got) > 25*time.Hour || end.In(loc).Day() == d {
				t.Errorf("%s: the day of %q ends at %v", zone, typed, end)
			}
		}
	}
	if _, err := ParseDate("31/12/2026", time.UTC); err == nil {
		t.Error("ParseDate(day first) = nil error, want a refusal")
	}
	if got, _ := ParseDate("2026-01-01", nil); got.Location() != time.Local {
		t.Errorf("ParseDate(nil zone) is in %v, want time.Local", got.Location())
	}
}

func normalise(s string) string {
	out := []byte(s)
	for i, c := range out {
		if c == '/' {
			out[i] = '-'
		}
	}
	return string(out)
}

// TestDayWhoseMidnightIsSkipped: where daylight saving starts at midnight (Havana,
// 8 March 2026), the day starts at 01:00; time.Date alone gives 23:00 the day before.
func TestDayWhoseMidnightIsSkipped(t *testing.T) {
	loc := mustZone(t, "America/Havana")
	got, err := ParseDate("2026-03-08", loc)
	if err != nil {
		t.Fatal(err)
	}
	if y, m, d := got.Date(); y != 2026 || m != time.March || d != 8 || got.Hour() != 1 {
		t.Errorf("ParseDate(2026-03-08) in Havana = %v, want 01:00 on the 8th", got)
	}
	if prev := Midnight(got.Add(-time.Minute)); prev.Day() != 7 || NextMidnight(prev) != got {
		t.Errorf("the 7th starts %v and ends %v, want it to end when the 8th starts", prev, NextMidnight(prev))
	}
	if Midnight(got.Add(5*time.Hour)) != got {
		t.Errorf("Midnight(05:00 on the 8th) = %v, want %v", Midnight(got.Add(5*time.Hour)), got)
	}
}

// TestTodayIsTheirLocalDay: "today" is the person's calendar day, whatever zone the
// clock reading is written in.
func TestTodayIsTheirLocalDay(t *testing.T) {
	instant := time.Date(2026, 3, 12, 6, 30, 0, 0, time.UTC) // 12 March, 06:30 UTC
	want := map[string]int{"America/Los_Angeles": 11, "America/New_York": 12, "Pacific/Auckland": 12, "Asia/Kolkata": 12, "UTC": 12}
	for _, zone := range zones {
		loc := mustZone(t, zone)
		got := Today(instant, loc)
		if got.Day() != want[zone] || got.Location() != loc || got.Hour() != 0 {
			t.Errorf("%s: Today(06:30 UTC on the 12th) = %v, want midnight of the %dth there", zone, got, want[zone])
		}
	}
}

// TestSessionFormKeepsTheTimeAcrossZones: a session stored with another offset (typed
// in New York) opened and saved unchanged in Los Angeles stays at the same instant;
// the form used to show New York's clock and read it back as Los Angeles'.
func TestSessionFormKeepsTheTimeAcrossZones(t *testing.T) {
	ny := mustZone(t, "America/New_York")
	for _, zone := range zones {
		loc := mustZone(t, zone)
		stored := Session{ID: 3, At: time.Date(2026, 3, 7, 23, 30, 0, 0, ny).In(time.FixedZone("", -5*3600)), Status: StatusDone, Route: RouteIV}
		now := time.Date(2026, 3, 20, 12, 0, 0, 0, time.UTC)
		d := DraftIn(stored, loc)
		back, err := d.Parse(now, loc)
		if err != nil {
			t.Fatalf("%s: Parse(DraftIn()) = %v", zone, err)
		}
		if !back.At.Equal(stored.At) {
			t.Errorf("%s: opened and saved unchanged, the session moved from %v to %v (the form showed %s %s)", zone, stored.At, back.At, d.Date, d.Clock)
		}
	}
	// Across the change to daylight saving in Los Angeles (8 March 2026): the day
	// typed is the day stored.
	la := mustZone(t, "America/Los_Angeles")
	d := SessionDraft{Date: "2026-03-08", Clock: "10:00", Route: RouteIV}
	s, err := d.Parse(time.Date(2026, 3, 9, 0, 0, 0, 0, la), la)
	if err != nil || s.At.In(la).Day() != 8 || s.At.In(la).Hour() != 10 {
		t.Errorf("Parse(8 March 10:00) in Los Angeles = %v, %v", s.At, err)
	}
}

// TestQuestionnaireDueCountsTheirDays: "N days since the last one" counts midnights
// where the person is now, even for a response stored with another offset.
func TestQuestionnaireDueCountsTheirDays(t *testing.T) {
	auckland := mustZone(t, "Pacific/Auckland")
	now := time.Date(2026, 3, 20, 13, 30, 0, 0, auckland) // 00:30 UTC on the 20th
	// Stored at 23:00 UTC on the 12th: the 13th in Auckland, 7 days before the 20th
	// (counted in UTC it would be 8).
	last := time.Date(2026, 3, 12, 23, 0, 0, 0, time.UTC)
	items := Due(now, DueInputs{LastResponse: map[string]time.Time{"phq9": last, "gad7": now, "pcl5": now}, CheckedInToday: true,
		Settings: Settings{QuestionnaireDays: 7}})
	if len(items) != 1 || items[0].Title != "Depression (PHQ-9): 7 days since the last one" {
		t.Errorf("Due() = %+v, want PHQ-9 at 7 days", items)
	}
}

// FuzzParseDate: a typed day (the command line's --from, --to and --at are outside
// input) never panics, and a day read is the start of a day in the zone asked for,
// which reads back to itself.
func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"2026-03-12", "2026/3/8", " 2026-11-01 ", "0206-03-01", "2026-02-31", "", "31/12/2026", "2026-3-12-1", "+2026-01-01"} {
		f.Add(s)
	}
	zonesOf := []*time.Location{time.UTC}
	for _, z := range []string{"America/Havana", "Pacific/Auckland", "Asia/Kolkata", "America/Los_Angeles"} {
		if loc, err := time.LoadLocation(z); err == nil {
			zonesOf = append(zonesOf, loc)
		}
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, loc := range zonesOf {
			d, err := ParseDate(s, loc)
			if err != nil {
				continue
			}
			if d.Location() != loc || !Midnight(d).Equal(d) {
				t.Fatalf("ParseDate(%q) in %v = %v, not the start of a day there", s, loc, d)
			}
			again, err := ParseDate(d.Format(time.DateOnly), loc)
			if err != nil || !again.Equal(d) {
				t.Fatalf("ParseDate(%q) = %v reads back as %v, %v", s, d, again, err)
			}
		}
	})
}
