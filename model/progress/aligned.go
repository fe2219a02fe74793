package progress

import (
	"slices"
	"time"

	"keel/model"
)

// The session-aligned view covers the calendar days FirstOffset to LastOffset around
// each session (day 0 is the session's day), Offsets days in all.
const (
	FirstOffset = -3
	LastOffset  = 14
	Offsets     = LastOffset - FirstOffset + 1
)

// OffsetAt is the day offset of index i of a Curve or of Aligned.Average: -3 for 0.
func OffsetAt(i int) int { return FirstOffset + i }

// Curve is the daily mood around one completed session. Mood[i] is the mean mood of
// the check-ins on day OffsetAt(i) (N is the number of check-ins), a gap when there
// were none.
type Curve struct {
	Session Marker
	Mood    [Offsets]Mean
}

// Aligned is the session-aligned view of docs/product.md item 5: one curve per completed
// session, in time order, and their average. Average[i] is the mean over the curves
// that have day OffsetAt(i) of that day's mood, with N the number of such sessions; a
// gap when none has it.
type Aligned struct {
	Curves  []Curve
	Average [Offsets]Mean
}

// AlignedMood lines up the daily mood around each completed session, from 3 days
// before to 14 days after, by calendar day in loc (nil means UTC). Planned sessions
// are left out. Check-ins without a mood do not count for their day.
func AlignedMood(sessions []model.Session, checkIns []model.CheckIn, loc *time.Location) Aligned {
	loc = orUTC(loc)
	var a Aligned
	n := 0
	for i := range sessions {
		if sessions[i].Done() {
			n++
		}
	}
	a.Curves = make([]Curve, 0, n)
	for i := range sessions {
		if sessions[i].Done() {
			a.Curves = append(a.Curves, Curve{Session: markerOf(&sessions[i])})
		}
	}
	slices.SortStableFunc(a.Curves, func(x, y Curve) int { return x.Session.At.Compare(y.Session.At) })

	// Daily mood sums over the days that check-ins cover, so each lookup is an index.
	lo, hi := 0, -1
	for i := range checkIns {
		if checkIns[i].Mood == nil {
			continue
		}
		d := model.DayNumber(checkIns[i].At, loc)
		if hi < lo {
			lo, hi = d, d
		}
		lo, hi = min(lo, d), max(hi, d)
	}
	type acc struct{ sum, n int }
	var days []acc
	if hi >= lo {
		days = make([]acc, hi-lo+1)
		for i := range checkIns {
			if m := checkIns[i].Mood; m != nil {
				a := &days[model.DayNumber(checkIns[i].At, loc)-lo]
				a.sum += *m
				a.n++
			}
		}
	}

	var sum [Offsets]float64
	var cnt [Offsets]int
	for c := range a.Curves {
		cv := &a.Curves[c]
		day := model.DayNumber(cv.Session.At, loc)
		for i := range Offsets {
			cv.Mood[i] = gap
			d := day + OffsetAt(i) - lo
			if d < 0 || d >= len(days) || days[d].n == 0 {
				continue
			}
			cv.Mood[i] = meanOf(float64(days[d].sum), days[d].n)
			sum[i] += cv.Mood[i].Value
			cnt[i]++
		}
	}
	for i := range Offsets {
		a.Average[i] = meanOf(sum[i], cnt[i])
	}
	return a
}
