package chart

import (
	"math"
	"strconv"
	"time"
)

// Tick is a labelled date on a time axis. A label may have two lines.
type Tick struct {
	T     time.Time
	Label string
}

// TimeTicks returns the labelled dates for a time axis that runs from `from` to
// `to` across width pixels, with labels in Keel's tick font at textSize pixels.
//
// The step suits the range: days or weeks ("9 Feb") for up to about four
// months, months ("Mar") up to about a year and a half, then quarters, half
// years and years. Weeks start on Monday, as ISO weeks do. The first label and
// the first label of each new year carry the year ("9 Feb 2026", "Jan 2026").
// No label reaches outside [0, width] and neighbouring labels stay at least
// about one text size apart; a finer step is used only when its labels fit.
// The result is empty when the range is empty or too narrow for one label.
func TimeTicks(from, to time.Time, width, textSize float64) []Tick {
	st := tickStyle(textSize)
	measure := func(s string) float64 { return float64(st.Width(s)) }
	return timeTicks(from, to, width, measure, labelGap(textSize))
}

// labelGap is the least space between two neighbouring tick labels.
func labelGap(textSize float64) float64 { return 1.2 * textSize }

type stepUnit int

const (
	byDay stepUnit = iota
	byWeek
	byMonth
	byYear
)

const day = 24 * time.Hour

// timeStep is one candidate spacing of date ticks. A step is tried only for
// ranges up to maxSpan (0: any range), so that half a year is labelled by
// month even where fortnightly labels would fit.
type timeStep struct {
	unit    stepUnit
	n       int
	maxSpan time.Duration
}

var timeSteps = []timeStep{
	{byDay, 1, 21 * day},
	{byDay, 2, 42 * day},
	{byWeek, 1, 16 * 7 * day},
	{byWeek, 2, 20 * 7 * day},
	{byMonth, 1, 550 * day},
	{byMonth, 2, 3 * 366 * day},
	{byMonth, 3, 5 * 366 * day},
	{byMonth, 6, 8 * 366 * day},
	{byYear, 1, 30 * 366 * day},
	{byYear, 2, 0},
	{byYear, 5, 0},
	{byYear, 10, 0},
	{byYear, 25, 0},
	{byYear, 50, 0},
	{byYear, 100, 0},
}

// approx is the step's typical length, used to skip steps with far too many ticks.
func (s timeStep) approx() time.Duration {
	switch s.unit {
	case byDay:
		return time.Duration(s.n) * day
	case byWeek:
		return time.Duration(s.n) * 7 * day
	case byMonth:
		return time.Duration(s.n) * 30 * day
	}
	return time.Duration(s.n) * 365 * day
}

// civilDay numbers calendar days, 0 being 1 January 1970.
func civilDay(t time.Time) int64 {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Unix() / 86400
}

func mod(a, n int64) int64 {
	r := a % n
	if r < 0 {
		r += n
	}
	return r
}

// aligned reports whether midnight t is a tick of step s.
func (s timeStep) aligned(t time.Time) bool {
	n := int64(s.n)
	switch s.unit {
	case byDay:
		return mod(civilDay(t), n) == 0
	case byWeek:
		// Day 4 (5 January 1970) was a Monday.
		d := civilDay(t) - 4
		return mod(d, 7) == 0 && mod(d/7, n) == 0
	case byMonth:
		return t.Day() == 1 && mod(int64(t.Month())-1, n) == 0
	}
	return t.Day() == 1 && t.Month() == time.January && mod(int64(t.Year()), n) == 0
}

// times returns the ticks of step s in [from, to].
func (s timeStep) times(from, to time.Time) []time.Time {
	loc := from.Location()
	y, m, d := from.Date()
	t := time.Date(y, m, d, 0, 0, 0, 0, loc)
	if t.Before(from) {
		t = time.Date(y, m, d+1, 0, 0, 0, 0, loc)
	}
	// Find the first aligned day; no step needs more than one period plus a week.
	for i := 0; !s.aligned(t); i++ {
		if i > 400*s.n+7 || t.After(to) {
			return nil
		}
		y, m, d = t.Date()
		t = time.Date(y, m, d+1, 0, 0, 0, 0, loc)
	}
	var out []time.Time
	for !t.After(to) {
		out = append(out, t)
		y, m, d = t.Date()
		switch s.unit {
		case byDay:
			t = time.Date(y, m, d+s.n, 0, 0, 0, 0, loc)
		case byWeek:
			t = time.Date(y, m, d+7*s.n, 0, 0, 0, 0, loc)
		case byMonth:
			t = time.Date(y, m+time.Month(s.n), 1, 0, 0, 0, 0, loc)
		default:
			t = time.Date(y+s.n, time.January, 1, 0, 0, 0, 0, loc)
		}
	}
	return out
}

// labels names ts for step s. The first label and each year's first carry
// the year on a second line, so that they are no wider than the others.
func (s timeStep) labels(ts []time.Time) []Tick {
	out := make([]Tick, len(ts))
	for i, t := range ts {
		withYear := i == 0 || t.Year() != ts[i-1].Year()
		var l string
		switch {
		case s.unit == byYear:
			l = strconv.Itoa(t.Year())
		case s.unit == byMonth && withYear:
			l = t.Format("Jan\n2006")
		case s.unit == byMonth:
			l = t.Format("Jan")
		case withYear:
			l = t.Format("2 Jan\n2006")
		default:
			l = t.Format("2 Jan")
		}
		out[i] = Tick{T: t, Label: l}
	}
	return out
}

// timeTicks is TimeTicks with the label measure and gap given.
func timeTicks(from, to time.Time, width float64, measure func(string) float64, gap float64) []Tick {
	if !to.After(from) || !(width > 0) {
		return nil
	}
	span := to.Sub(from)
	x := func(t time.Time) float64 { return width * float64(t.Sub(from)) / float64(span) }
	for _, s := range timeSteps {
		if s.maxSpan > 0 && span > s.maxSpan {
			continue
		}
		// Skip steps whose ticks could not fit even with one-character labels.
		if float64(span/s.approx()) > width/gap+2 {
			continue
		}
		ts := s.times(from, to)
		lo, hi := 0, len(ts)
		for lo < hi {
			ticks := s.labels(ts[lo:hi])
			first, last := ticks[0], ticks[len(ticks)-1]
			if x(first.T)-measure(first.Label)/2 < 0 {
				lo++
				continue
			}
			if x(last.T)+measure(last.Label)/2 > width {
				hi--
				continue
			}
			if spaced(ticks, x, measure, gap) {
				return ticks
			}
			break
		}
	}
	return nil
}

// spaced reports whether centred labels keep at least gap apart.
func spaced(ticks []Tick, x func(time.Time) float64, measure func(string) float64, gap float64) bool {
	for i := 1; i < len(ticks); i++ {
		right := x(ticks[i-1].T) + measure(ticks[i-1].Label)/2
		left := x(ticks[i].T) - measure(ticks[i].Label)/2
		if left-right < gap {
			return false
		}
	}
	return true
}

// dayTick is a labelled day on an AlignedChart's axis.
type dayTick struct {
	Day   int
	Label string
}

// dayLabel names day d relative to the session: "−3", zero, "+7".
func dayLabel(d int, zero string) string {
	switch {
	case d == 0:
		return zero
	case d > 0:
		return "+" + strconv.Itoa(d)
	}
	return "−" + strconv.Itoa(-d)
}

// dayTicks returns labelled days for an axis from lo to hi (in days, not
// necessarily whole) across width pixels: every day, every other day, weekly
// or coarser, always on multiples of the step so that day 0 is labelled
// whenever it is in range.
func dayTicks(lo, hi, width float64, zero string, measure func(string) float64, gap float64) []dayTick {
	if !(hi > lo) || !(width > 0) {
		return nil
	}
	x := func(d int) float64 { return width * (float64(d) - lo) / (hi - lo) }
	for _, step := range []int{1, 2, 7, 14, 28, 56, 112, 364} {
		if (hi-lo)/float64(step) > width/gap+2 {
			continue
		}
		var ticks []dayTick
		for d := int(math.Ceil(lo/float64(step))) * step; float64(d) <= hi; d += step {
			l := dayLabel(d, zero)
			w := measure(l)
			if x(d)-w/2 < 0 || x(d)+w/2 > width {
				continue
			}
			ticks = append(ticks, dayTick{Day: d, Label: l})
		}
		ok := len(ticks) > 0
		for i := 1; ok && i < len(ticks); i++ {
			right := x(ticks[i-1].Day) + measure(ticks[i-1].Label)/2
			left := x(ticks[i].Day) - measure(ticks[i].Label)/2
			ok = left-right >= gap
		}
		if ok {
			return ticks
		}
	}
	return nil
}

// valueTicks returns round values (steps of 1, 2 or 5 times a power of ten)
// in [lo, hi] at most one per minGap pixels along length pixels, with labels.
func valueTicks(lo, hi, length, minGap float64) ([]float64, []string) {
	if !(hi > lo) || !(length > 0) || !(minGap > 0) {
		return nil, nil
	}
	maxCount := math.Max(2, math.Floor(length/minGap)+1)
	span := hi - lo
	mag := math.Pow(10, math.Floor(math.Log10(span))-2)
	const eps = 1e-9
	for i := 0; i < 60; i++ {
		for _, m := range []float64{1, 2, 5} {
			step := m * mag
			first := math.Ceil(lo/step - eps)
			last := math.Floor(hi/step + eps)
			if last-first+1 > maxCount {
				continue
			}
			prec := 0
			if step < 1 {
				prec = int(math.Ceil(-math.Log10(step) - eps))
			}
			var vs []float64
			var ls []string
			for k := first; k <= last; k++ {
				v := k * step
				if v == 0 {
					v = 0 // no "-0"
				}
				vs = append(vs, v)
				ls = append(ls, strconv.FormatFloat(v, 'f', prec, 64))
			}
			return vs, ls
		}
		mag *= 10
	}
	return nil, nil
}
