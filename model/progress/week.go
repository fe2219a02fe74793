package progress

import (
	"fmt"
	"time"

	"keel/model"
)

// Week is an ISO 8601 week: weeks start on Monday, and a week belongs to the ISO
// year of its Thursday, so 31 December 2020 is in 2020-W53 and 4 January 2021 in
// 2021-W01. The zero Week is not a real week.
type Week struct {
	Year int // ISO year, which differs from the calendar year near New Year
	Num  int // 1-53
}

// WeekOf returns the ISO week that holds t on the calendar of loc (nil means UTC).
func WeekOf(t time.Time, loc *time.Location) Week {
	y, w := t.In(orUTC(loc)).ISOWeek()
	return Week{Year: y, Num: w}
}

// String is the ISO label of the week, as "2026-W07".
func (w Week) String() string { return fmt.Sprintf("%04d-W%02d", w.Year, w.Num) }

// Short is a label for a chart axis: the day and month of the week's Monday, as "9 Feb".
func (w Week) Short() string { return w.Monday(time.UTC).Format("2 Jan") }

// Monday is midnight at the start of the week's Monday in loc (nil means UTC).
func (w Week) Monday(loc *time.Location) time.Time { return model.DateOfDay(w.mondayDay(), orUTC(loc)) }

// Add returns the week n weeks after w (before it when n is negative).
func (w Week) Add(n int) Week { return weekOfDay(w.mondayDay() + 7*n) }

// Sub returns the number of weeks from u to w: w.Sub(u) == 1 when w is the week after u.
func (w Week) Sub(u Week) int { return (w.mondayDay() - u.mondayDay()) / 7 }

// Before reports whether w is an earlier week than u.
func (w Week) Before(u Week) bool {
	return w.Year < u.Year || w.Year == u.Year && w.Num < u.Num
}

// mondayDay is the day number (days since 1970-01-01) of the week's Monday. Week 1
// is the week that holds 4 January.
func (w Week) mondayDay() int {
	jan4 := model.CivilDay(w.Year, time.January, 4)
	return jan4 - weekdayIndex(jan4) + 7*(w.Num-1)
}

// weekOfDay is the ISO week holding day number d.
func weekOfDay(d int) Week {
	y, n := model.DateOfDay(d, time.UTC).ISOWeek()
	return Week{Year: y, Num: n}
}

// Span is a run of consecutive ISO weeks, First to Last inclusive, counted on the
// calendar of Loc: a record belongs to the week of its date in Loc. A Span whose Last
// is before its First is empty. A nil Loc means UTC.
type Span struct {
	First, Last Week
	Loc         *time.Location
}

// SpanOf returns the weeks from the one holding from to the one holding to, both on
// the calendar of loc (nil means UTC).
func SpanOf(from, to time.Time, loc *time.Location) Span {
	return Span{First: WeekOf(from, loc), Last: WeekOf(to, loc), Loc: loc}
}

// Weeks lists the ISO weeks from the one holding from to the one holding to, in
// order, on the calendar of loc; it is empty when to falls in an earlier week than from.
func Weeks(from, to time.Time, loc *time.Location) []Week {
	return SpanOf(from, to, loc).Weeks()
}

// Len is the number of weeks in the span, 0 when it is empty.
func (s Span) Len() int {
	if s.Last.Before(s.First) {
		return 0
	}
	return s.Last.Sub(s.First) + 1
}

// Weeks lists the span's weeks in order.
func (s Span) Weeks() []Week {
	n := s.Len()
	if n == 0 {
		return nil
	}
	out := make([]Week, n)
	first := s.First.mondayDay()
	for i := range out {
		out[i] = weekOfDay(first + 7*i)
	}
	return out
}

// Start is midnight at the start of the span's first Monday, in the span's location.
func (s Span) Start() time.Time { return s.First.Monday(s.Loc) }

// End is midnight at the start of the Monday after the span's last week: the span
// covers times t with !t.Before(Start()) && t.Before(End()).
func (s Span) End() time.Time { return s.Last.Add(1).Monday(s.Loc) }

func orUTC(loc *time.Location) *time.Location {
	if loc == nil {
		return time.UTC
	}
	return loc
}

// weekdayIndex is 0 for Monday through 6 for Sunday; day 0, 1970-01-01, was a Thursday.
func weekdayIndex(d int) int { return ((d+3)%7 + 7) % 7 }
