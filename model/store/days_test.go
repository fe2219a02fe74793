package store

import (
	"testing"
	"time"

	"keel/model"
)

// TestTodaysCheckInIsTheirDay: "today's check-in" is done by a check-in since the
// person's local midnight, in several zones and on the days daylight saving starts
// or ends there (23 and 25 hour days).
func TestTodaysCheckInIsTheirDay(t *testing.T) {
	days := map[string][]string{
		"America/Los_Angeles": {"2026-03-08", "2026-11-01", "2026-06-15"},
		"Pacific/Auckland":    {"2026-04-05", "2026-09-27"},
		"Asia/Kolkata":        {"2026-03-12"},
		"UTC":                 {"2026-03-12"},
		"America/Havana":      {"2026-03-08"}, // midnight is skipped: the day starts at 01:00
	}
	for zone, list := range days {
		loc, err := time.LoadLocation(zone)
		if err != nil {
			t.Fatal(err)
		}
		for _, typed := range list {
			start, _ := model.ParseDate(typed, loc)
			now := start.Add(20 * time.Hour)
			st, err := Open(DataFile(t.TempDir()), Options{Now: func() time.Time { return now }})
			if err != nil {
				t.Fatal(err)
			}
			if _, err := st.SaveCheckIn(model.CheckIn{At: start.Add(-30 * time.Minute), Mood: ptr(5)}); err != nil {
				t.Fatal(err)
			}
			if in, _ := st.DueInputs(now); in.CheckedInToday {
				t.Errorf("%s %s: a check-in the evening before counts as today's", zone, typed)
			}
			if _, err := st.SaveCheckIn(model.CheckIn{At: start.Add(10 * time.Minute), Mood: ptr(6)}); err != nil {
				t.Fatal(err)
			}
			if in, _ := st.DueInputs(now); !in.CheckedInToday {
				t.Errorf("%s %s: a check-in just after midnight does not count as today's", zone, typed)
			}
			st.Close()
		}
	}
}
