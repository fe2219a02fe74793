package progress

import (
	"slices"
	"testing"
	"time"
)

func TestWeekOf(t *testing.T) {
	tests := []struct {
		name  string
		t     time.Time
		loc   *time.Location
		want  Week
		label string
		short string
	}{
		{"31 Dec 2020 is in the last week of 2020", at(2020, 12, 31, 12, 0), testLoc, Week{2020, 53}, "2020-W53", "28 Dec"},
		{"3 Jan 2021, a Sunday, is still in 2020-W53", at(2021, 1, 3, 12, 0), testLoc, Week{2020, 53}, "2020-W53", "28 Dec"},
		{"4 Jan 2021, a Monday, starts 2021-W01", at(2021, 1, 4, 0, 0), testLoc, Week{2021, 1}, "2021-W01", "4 Jan"},
		{"1 Jan 2021 in a week spanning New Year", at(2021, 1, 1, 9, 0), testLoc, Week{2020, 53}, "2020-W53", "28 Dec"},
		{"30 Dec 2024 belongs to 2025-W01 (its Thursday is 2 Jan)", at(2024, 12, 30, 9, 0), testLoc, Week{2025, 1}, "2025-W01", "30 Dec"},
		{"1 Jan 2027, a Friday, is in 2026-W53", at(2027, 1, 1, 9, 0), testLoc, Week{2026, 53}, "2026-W53", "28 Dec"},
		{"a Monday in February", at(2026, 2, 9, 8, 0), testLoc, Week{2026, 7}, "2026-W07", "9 Feb"},
		{"Sunday 23:30 local is Monday in UTC, but the user's week", at(2021, 1, 3, 23, 30), testLoc, Week{2020, 53}, "2020-W53", "28 Dec"},
		{"the same instant on the UTC calendar", at(2021, 1, 3, 23, 30), time.UTC, Week{2021, 1}, "2021-W01", "4 Jan"},
		{"nil location is UTC", at(2021, 1, 3, 23, 30), nil, Week{2021, 1}, "2021-W01", "4 Jan"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := WeekOf(tt.t, tt.loc)
			if got != tt.want {
				t.Fatalf("WeekOf(%v, %v) = %v, want %v", tt.t, tt.loc, got, tt.want)
			}
			if got.String() != tt.label {
				t.Errorf("%#v.String() = %q, want %q", got, got.String(), tt.label)
			}
			if got.Short() != tt.short {
				t.Errorf("%v.Short() = %q, want %q", got, got.Short(), tt.short)
			}
		})
	}
}

// TestWeekMondayEveryDay checks Monday, Add and Sub against time.ISOWeek for every
// day of 1999-2041, which includes every kind of ISO year (52 and 53 weeks, every
// weekday for 1 January, leap years).
func TestWeekMondayEveryDay(t *testing.T) {
	loc := berlin(t)
	for d := time.Date(1999, 1, 1, 12, 0, 0, 0, loc); d.Year() < 2042; d = d.AddDate(0, 0, 1) {
		w := WeekOf(d, loc)
		mon := w.Monday(loc)
		if mon.Weekday() != time.Monday || mon.Hour() != 0 || mon.After(d) || !d.Before(mon.AddDate(0, 0, 7)) {
			t.Fatalf("WeekOf(%v).Monday() = %v, want the Monday midnight of that week", d, mon)
		}
		if got := WeekOf(mon, loc); got != w {
			t.Fatalf("WeekOf(%v) = %v, want %v", mon, got, w)
		}
		if got, want := w.Add(1), WeekOf(d.AddDate(0, 0, 7), loc); got != want {
			t.Fatalf("%v.Add(1) = %v, want %v", w, got, want)
		}
		if got, want := w.Add(-1), WeekOf(d.AddDate(0, 0, -7), loc); got != want {
			t.Fatalf("%v.Add(-1) = %v, want %v", w, got, want)
		}
		if got := w.Add(1).Sub(w); got != 1 {
			t.Fatalf("%v.Add(1).Sub(%v) = %d, want 1", w, w, got)
		}
		if !w.Before(w.Add(1)) || w.Add(1).Before(w) || w.Before(w) {
			t.Fatalf("%v.Before is not the order of weeks", w)
		}
	}
}

func TestWeekSub(t *testing.T) {
	tests := []struct {
		w, u Week
		want int
	}{
		{Week{2021, 1}, Week{2020, 53}, 1},
		{Week{2020, 53}, Week{2021, 1}, -1},
		{Week{2026, 7}, Week{2025, 7}, 52},
		{Week{2021, 1}, Week{2015, 1}, 53 + 52*4 + 53}, // 2015 and 2020 have 53 weeks
		{Week{2026, 10}, Week{2026, 10}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.w.String()+"-"+tt.u.String(), func(t *testing.T) {
			if got := tt.w.Sub(tt.u); got != tt.want {
				t.Errorf("%v.Sub(%v) = %d, want %d", tt.w, tt.u, got, tt.want)
			}
		})
	}
}

func TestWeeks(t *testing.T) {
	tests := []struct {
		name     string
		from, to time.Time
		want     []Week
	}{
		{"across New Year", at(2020, 12, 30, 9, 0), at(2021, 1, 12, 9, 0), []Week{{2020, 53}, {2021, 1}, {2021, 2}}},
		{"within one week", at(2026, 2, 9, 0, 0), at(2026, 2, 15, 23, 59), []Week{{2026, 7}}},
		{"Sunday to Monday", at(2026, 2, 15, 12, 0), at(2026, 2, 16, 12, 0), []Week{{2026, 7}, {2026, 8}}},
		{"to before from", at(2026, 2, 16, 12, 0), at(2026, 2, 1, 12, 0), nil},
		{"to earlier in the same week", at(2026, 2, 12, 12, 0), at(2026, 2, 10, 12, 0), []Week{{2026, 7}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Weeks(tt.from, tt.to, testLoc)
			if !slices.Equal(got, tt.want) {
				t.Errorf("Weeks(%v, %v) = %v, want %v", tt.from, tt.to, got, tt.want)
			}
			if n := SpanOf(tt.from, tt.to, testLoc).Len(); n != len(tt.want) {
				t.Errorf("SpanOf(%v, %v).Len() = %d, want %d", tt.from, tt.to, n, len(tt.want))
			}
		})
	}
}

func TestSpanStartEnd(t *testing.T) {
	loc := berlin(t)
	// Clocks in Berlin go forward on Sunday 29 March 2026: that week is an hour short.
	s := SpanOf(time.Date(2026, 3, 25, 12, 0, 0, 0, loc), time.Date(2026, 3, 27, 12, 0, 0, 0, loc), loc)
	start, end := s.Start(), s.End()
	if want := time.Date(2026, 3, 23, 0, 0, 0, 0, loc); !start.Equal(want) {
		t.Errorf("Start() = %v, want %v", start, want)
	}
	if want := time.Date(2026, 3, 30, 0, 0, 0, 0, loc); !end.Equal(want) {
		t.Errorf("End() = %v, want %v", end, want)
	}
	if got := end.Sub(start); got != 167*time.Hour {
		t.Errorf("End()-Start() = %v, want 167h (the clocks went forward)", got)
	}
}
