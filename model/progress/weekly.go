package progress

import (
	"math"
	"slices"
	"time"

	"keel/model"
)

// Mean is an average and the number of values behind it. N == 0 is a gap: there was
// nothing to average, and Value is then NaN, so that a chart which forgets to check
// Valid draws a hole rather than a false 0.
type Mean struct {
	Value float64
	N     int
}

// Valid reports whether the mean has at least one value behind it.
func (m Mean) Valid() bool { return m.N > 0 }

// gap is the Mean of nothing.
var gap = Mean{Value: math.NaN()}

// meanOf is sum/n, or a gap when n is 0.
func meanOf(sum float64, n int) Mean {
	if n == 0 {
		return gap
	}
	return Mean{Value: sum / float64(n), N: n}
}

// Marker is a session drawn on a chart's time axis.
type Marker struct {
	ID    uint64
	At    time.Time // the exact time recorded, in its own location
	Route model.Route
	Done  bool // false for a planned session, which a chart may draw hollow
}

func markerOf(s *model.Session) Marker {
	return Marker{ID: s.ID, At: s.At, Route: s.Route, Done: s.Done()}
}

// WeekSummary is one ISO week of the weekly charts (docs/product.md item 5).
//
// PHQ9, GAD7 and PCL5 are the mean total of the week's responses to that
// questionnaire, with N the number of responses (most weeks have one; a second
// answer the same week is averaged in rather than hiding the first). Responses that
// do not score (a wrong number of answers, an answer out of range) are left out
// rather than counted as 0.
//
// Mood, Anxiety, SleepHours, SleepQuality and Stress are averages of daily values:
// a day's value is the mean of that day's check-ins that recorded it, and the week's
// value is the mean over the days that have one, with N the number of such days. So
// a day with three check-ins weighs the same as a day with one.
type WeekSummary struct {
	Week                                            Week
	PHQ9, GAD7, PCL5                                Mean
	Mood, Anxiety, SleepHours, SleepQuality, Stress Mean
	// Sessions are the week's sessions, done and planned, in time order.
	Sessions []Marker
}

// The daily measures of a check-in, as indexes into dayAcc.
const (
	mMood = iota
	mAnxiety
	mSleepHours
	mSleepQuality
	mStress
	nMeasures
)

// dayAcc adds up one day's check-ins, per measure.
type dayAcc struct {
	sum [nMeasures]float64
	n   [nMeasures]int32
}

func (a *dayAcc) addInt(m int, v *int) {
	if v != nil {
		a.sum[m] += float64(*v)
		a.n[m]++
	}
}

func (a *dayAcc) add(c *model.CheckIn) {
	a.addInt(mMood, c.Mood)
	a.addInt(mAnxiety, c.Anxiety)
	a.addInt(mSleepQuality, c.SleepQuality)
	a.addInt(mStress, c.Stress)
	if h := c.SleepHours; h != nil && !math.IsNaN(*h) && !math.IsInf(*h, 0) {
		a.sum[mSleepHours] += *h
		a.n[mSleepHours]++
	}
}

// Weekly summarises every week of span: questionnaire scores, averages of the daily
// check-ins and session markers (see WeekSummary). Records outside the span are
// ignored; records may come in any order. Weeks without data hold gaps, never 0.
func Weekly(span Span, checkIns []model.CheckIn, responses []model.Response, sessions []model.Session) []WeekSummary {
	n := span.Len()
	if n == 0 {
		return nil
	}
	loc := orUTC(span.Loc)
	first := span.First.mondayDay()
	days := make([]dayAcc, 7*n)
	for i := range checkIns {
		if d := model.DayNumber(checkIns[i].At, loc) - first; d >= 0 && d < len(days) {
			days[d].add(&checkIns[i])
		}
	}

	out := make([]WeekSummary, n)
	for w := range out {
		ws := &out[w]
		ws.Week = weekOfDay(first + 7*w)
		var sum [nMeasures]float64
		var cnt [nMeasures]int
		for _, a := range days[7*w : 7*w+7] {
			for m := range nMeasures {
				if a.n[m] > 0 {
					sum[m] += a.sum[m] / float64(a.n[m])
					cnt[m]++
				}
			}
		}
		ws.Mood = meanOf(sum[mMood], cnt[mMood])
		ws.Anxiety = meanOf(sum[mAnxiety], cnt[mAnxiety])
		ws.SleepHours = meanOf(sum[mSleepHours], cnt[mSleepHours])
		ws.SleepQuality = meanOf(sum[mSleepQuality], cnt[mSleepQuality])
		ws.Stress = meanOf(sum[mStress], cnt[mStress])
	}

	weekIndex := func(t time.Time) (int, bool) {
		d := model.DayNumber(t, loc) - first
		return d / 7, d >= 0 && d < 7*n
	}

	// Questionnaires: sums and counts per week and instrument.
	type acc struct {
		sum float64
		n   int
	}
	scores := make([][3]acc, n)
	for i := range responses {
		r := &responses[i]
		k := slices.Index(weeklyInstruments, r.Instrument)
		if k < 0 {
			continue
		}
		w, ok := weekIndex(r.At)
		if !ok {
			continue
		}
		total, err := model.Score(model.InstrumentByID(r.Instrument), r.Answers)
		if err != nil {
			continue
		}
		scores[w][k].sum += float64(total)
		scores[w][k].n++
	}
	for w := range out {
		out[w].PHQ9 = meanOf(scores[w][0].sum, scores[w][0].n)
		out[w].GAD7 = meanOf(scores[w][1].sum, scores[w][1].n)
		out[w].PCL5 = meanOf(scores[w][2].sum, scores[w][2].n)
	}

	// Sessions: one backing array in time order, cut into each week's slice.
	type placed struct {
		w int
		m Marker
	}
	var ps []placed
	for i := range sessions {
		if w, ok := weekIndex(sessions[i].At); ok {
			ps = append(ps, placed{w, markerOf(&sessions[i])})
		}
	}
	slices.SortStableFunc(ps, func(a, b placed) int { return a.m.At.Compare(b.m.At) })
	markers := make([]Marker, len(ps))
	for i, p := range ps {
		markers[i] = p.m
	}
	for i := 0; i < len(ps); {
		j := i
		for j < len(ps) && ps[j].w == ps[i].w {
			j++
		}
		out[ps[i].w].Sessions = markers[i:j:j]
		i = j
	}
	return out
}

// weeklyInstruments are the questionnaires WeekSummary carries, in its field order.
var weeklyInstruments = []string{model.PHQ9.ID, model.GAD7.ID, model.PCL5.ID}
