package insights

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"keel/model"
)

// acc adds up values.
type acc struct {
	sum float64
	n   int32
}

func (a *acc) add(v float64) {
	a.sum += v
	a.n++
}

func (a *acc) addInt(v *int) {
	if v != nil {
		a.add(float64(*v))
	}
}

func (a *acc) addHours(v *float64) {
	if v != nil && finite(*v) && *v >= 0 && *v <= 24 {
		a.add(*v)
	}
}

func (a acc) mean() float64 { return a.sum / float64(a.n) }

// day is one calendar day of the records.
type day struct {
	mood, anxiety, sleep, stress acc
	// tags are indexes into timeline.tags, each once.
	tags []int32
}

// tagInfo is one tag as the records spell it: key is its lower-case form, which
// groups spellings; name is the spelling used most.
type tagInfo struct {
	key, name string
	spellings map[string]int
}

// timeline is the records laid out by calendar day in the person's location.
type timeline struct {
	loc   *time.Location
	now   time.Time
	today int // day number of now
	lo    int // day number of days[0]
	days  []day
	tags  []tagInfo

	checkIns, followUps int // the moods counted, by source
}

// at returns the day numbered d, or nil outside the records.
func (tl *timeline) at(d int) *day {
	if i := d - tl.lo; i >= 0 && i < len(tl.days) {
		return &tl.days[i]
	}
	return nil
}

// newTimeline lays out the check-ins and answered follow-ups up to opt.Now.
func newTimeline(r Records, opt Options) *timeline {
	tl := &timeline{loc: opt.Loc, now: opt.Now, today: model.DayNumber(opt.Now, opt.Loc)}
	lo, hi := math.MaxInt, math.MinInt
	see := func(t time.Time) {
		d := model.DayNumber(t, tl.loc)
		lo, hi = min(lo, d), max(hi, d)
	}
	for i := range r.CheckIns {
		if c := &r.CheckIns[i]; !c.At.After(opt.Now) {
			see(c.At)
		}
	}
	for i := range r.FollowUps {
		if f := r.FollowUps[i].Filled; f != nil && !f.After(opt.Now) {
			see(*f)
		}
	}
	if hi < lo {
		return tl
	}
	tl.lo = lo
	tl.days = make([]day, hi-lo+1)
	keys := map[string]int32{}
	for i := range r.CheckIns {
		c := &r.CheckIns[i]
		if c.At.After(opt.Now) {
			continue
		}
		d := tl.at(model.DayNumber(c.At, tl.loc))
		if c.Mood != nil {
			d.mood.addInt(c.Mood)
			tl.checkIns++
		}
		d.anxiety.addInt(c.Anxiety)
		d.sleep.addHours(c.SleepHours)
		d.stress.addInt(c.Stress)
		for _, t := range c.Tags {
			name := strings.TrimSpace(t)
			if name == "" {
				continue
			}
			key := strings.ToLower(name)
			k, ok := keys[key]
			if !ok {
				k = int32(len(tl.tags)) // #nosec G115 -- at most MaxTags tags are kept
				keys[key] = k
				tl.tags = append(tl.tags, tagInfo{key: key, spellings: map[string]int{}})
			}
			tl.tags[k].spellings[name]++
			if !slices.Contains(d.tags, k) {
				d.tags = append(d.tags, k)
			}
		}
	}
	for i := range r.FollowUps {
		f := &r.FollowUps[i]
		if f.Filled == nil || f.Filled.After(opt.Now) {
			continue
		}
		d := tl.at(model.DayNumber(*f.Filled, tl.loc))
		if f.Mood != nil {
			d.mood.addInt(f.Mood)
			tl.followUps++
		}
		d.sleep.addHours(f.SleepHours)
		d.stress.addInt(f.Stress)
	}
	for i := range tl.tags {
		t := &tl.tags[i]
		best := 0
		for s, n := range t.spellings {
			if n > best || n == best && s < t.name {
				t.name, best = s, n
			}
		}
	}
	return tl
}

// sources counts the days with a mood and what they came from.
func (tl *timeline) sources() Sources {
	s := Sources{CheckIns: tl.checkIns, FollowUps: tl.followUps}
	for i := range tl.days {
		if tl.days[i].mood.n > 0 {
			s.MoodDays++
		}
	}
	switch {
	case s.MoodDays == 0:
		s.Text = "No mood recorded yet: the daily check-ins and the follow-ups after sessions give it."
	case s.FollowUps == 0:
		s.Text = fmt.Sprintf("Daily mood comes from your check-ins: %s, on %s.", count(s.CheckIns, "check-in"), count(s.MoodDays, "day"))
	case s.CheckIns == 0:
		s.Text = fmt.Sprintf("Daily mood comes from the follow-ups after your sessions: %s, on %s.", count(s.FollowUps, "follow-up"), count(s.MoodDays, "day"))
	default:
		s.Text = fmt.Sprintf("Daily mood comes from your check-ins and the follow-ups after sessions: %s and %s, on %s.",
			count(s.CheckIns, "check-in"), count(s.FollowUps, "follow-up"), count(s.MoodDays, "day"))
	}
	return s
}

// window is the mean over days d0+from..d0+to of the days' means of a measure, and
// the number of days with a value.
func (tl *timeline) window(d0, from, to int, measure func(*day) *acc) (float64, int) {
	var sum float64
	n := 0
	for d := d0 + from; d <= d0+to; d++ {
		if dd := tl.at(d); dd != nil {
			if a := measure(dd); a.n > 0 {
				sum += a.mean()
				n++
			}
		}
	}
	if n == 0 {
		return math.NaN(), 0
	}
	return sum / float64(n), n
}

// change is a measure's change around the session on day d0; complete reports
// whether the week after has ended.
func (tl *timeline) change(d0 int, complete bool, measure func(*day) *acc) Change {
	var c Change
	before, nb := tl.window(d0, -WindowDays, -1, measure)
	after, na := tl.window(d0, 1, WindowDays, measure)
	c.BeforeDays, c.AfterDays = nb, na
	if nb > 0 {
		c.Before = ptr(before)
	}
	if na > 0 {
		c.After = ptr(after)
	}
	if complete && nb >= MinWindowDays && na >= MinWindowDays {
		c.Change = ptr(after - before)
	}
	return c
}

func moodOf(d *day) *acc    { return &d.mood }
func anxietyOf(d *day) *acc { return &d.anxiety }

// dayRule is one day comparison: which side a day is on (ok false leaves it out).
// When to > 0, only the days from..to (indexes into timeline.days) count.
type dayRule struct {
	id, tag  string
	from, to int
	side     func(d *day) (with, ok bool)
}

// dayFindings compares days: sleep, stress, then the most used tags.
func (tl *timeline) dayFindings(seed uint64) []Finding {
	rules := []dayRule{
		{id: SleepID, side: func(d *day) (bool, bool) { return d.sleep.n > 0 && d.sleep.mean() >= SleepNightHours, d.sleep.n > 0 }},
		{id: StressID, side: func(d *day) (bool, bool) { return d.stress.n > 0 && d.stress.mean() >= HighStress, d.stress.n > 0 }},
	}
	from, to := tl.taggedSpan()
	for _, k := range tl.chosenTags(from, to) {
		rules = append(rules, dayRule{id: TagID + tl.tags[k].key, tag: tl.tags[k].name, from: from, to: to,
			side: func(d *day) (bool, bool) { return slices.Contains(d.tags, k), true }})
	}

	// The weeks that have a mood, and each rule's sums per week.
	weekIndex := map[int]int{}
	for i := range tl.days {
		if tl.days[i].mood.n > 0 {
			w := weekOf(tl.lo + i)
			if _, ok := weekIndex[w]; !ok {
				weekIndex[w] = len(weekIndex)
			}
		}
	}
	cells := make([][]weekCell, len(rules))
	for f := range rules {
		cells[f] = make([]weekCell, len(weekIndex))
	}
	for i := range tl.days {
		d := &tl.days[i]
		if d.mood.n == 0 {
			continue
		}
		k := weekIndex[weekOf(tl.lo+i)]
		m := d.mood.mean()
		for f, r := range rules {
			if r.to > 0 && (i < r.from || i > r.to) {
				continue
			}
			with, ok := r.side(d)
			switch {
			case !ok:
			case with:
				cells[f][k].sw += m
				cells[f][k].nw++
			default:
				cells[f][k].so += m
				cells[f][k].no++
			}
		}
	}

	out := make([]Finding, len(rules))
	var enough []int
	for f, r := range rules {
		fd := Finding{ID: r.id, Kind: DayKind, Tag: r.tag}
		var sw, so float64
		for _, c := range cells[f] {
			sw, so = sw+c.sw, so+c.so
			fd.With.N += int(c.nw)
			fd.Without.N += int(c.no)
			if c.nw > 0 {
				fd.With.Weeks++
			}
			if c.no > 0 {
				fd.Without.Weeks++
			}
		}
		if fd.With.N > 0 {
			fd.With.Mean = ptr(sw / float64(fd.With.N))
		}
		if fd.Without.N > 0 {
			fd.Without.Mean = ptr(so / float64(fd.Without.N))
		}
		if fd.With.Mean != nil && fd.Without.Mean != nil {
			fd.Difference = ptr(*fd.With.Mean - *fd.Without.Mean)
		}
		if enoughDays(fd.With) && enoughDays(fd.Without) {
			enough = append(enough, f)
		}
		out[f] = fd
	}
	if len(enough) > 0 {
		chosen := make([][]weekCell, len(enough))
		for i, f := range enough {
			chosen[i] = cells[f]
		}
		reps := weekBootstrap(chosen, newRNG(seed, "days"))
		for i, f := range enough {
			if len(reps[i]) < Resamples/2 { // the days bunch in too few weeks to resample
				continue
			}
			iv, p := intervalAndP(reps[i])
			out[f].Interval, out[f].P = &iv, &p
		}
	}
	return out
}

func enoughDays(g Group) bool { return g.N >= MinDays && g.Weeks >= MinWeeks }

// taggedSpan is the days (indexes into tl.days) from the first to the last that have
// a tag: the days a tag is compared over, so that days from before the person
// tagged anything (or after they stopped) do not count as days without it.
func (tl *timeline) taggedSpan() (from, to int) {
	from, to = -1, -1
	for i := range tl.days {
		if len(tl.days[i].tags) > 0 {
			if from < 0 {
				from = i
			}
			to = i
		}
	}
	return from, to
}

// chosenTags are the indexes of the MaxTags tags on the most days with a mood that
// have enough days with and without them in the days from..to, most used first.
func (tl *timeline) chosenTags(from, to int) []int32 {
	if from < 0 {
		return nil
	}
	with := make([]int, len(tl.tags))
	weeks := make([]map[int]bool, len(tl.tags))
	days := 0
	for i := from; i <= to; i++ {
		d := &tl.days[i]
		if d.mood.n == 0 {
			continue
		}
		days++
		for _, k := range d.tags {
			with[k]++
			if weeks[k] == nil {
				weeks[k] = map[int]bool{}
			}
			weeks[k][weekOf(tl.lo+i)] = true
		}
	}
	var out []int32
	for k := range tl.tags {
		if with[k] >= MinDays && days-with[k] >= MinDays && len(weeks[k]) >= MinWeeks {
			out = append(out, int32(k))
		}
	}
	slices.SortFunc(out, func(a, b int32) int {
		if c := cmp.Compare(with[b], with[a]); c != 0 {
			return c
		}
		return cmp.Compare(tl.tags[a].key, tl.tags[b].key)
	})
	return out[:min(len(out), MaxTags)]
}

// DayMood is one calendar day's mean mood: Date is midnight of the day in the
// report's location, N the number of moods recorded that day.
type DayMood struct {
	Date time.Time
	Mood float64
	N    int
}

// Daily is the daily mood of the records up to opt.Now, in day order, days without
// a mood left out; and the days (midnight in opt.Loc) of the finished sessions up to
// then. It is what the year-at-a-glance calendar draws (see Calendar).
func Daily(r Records, opt Options) (days []DayMood, sessions []time.Time) {
	opt = opt.resolved(r)
	tl := newTimeline(r, opt)
	for i := range tl.days {
		if m := tl.days[i].mood; m.n > 0 {
			days = append(days, DayMood{Date: model.DateOfDay(tl.lo+i, opt.Loc), Mood: m.mean(), N: int(m.n)})
		}
	}
	for i := range r.Sessions {
		s := &r.Sessions[i]
		if s.Done() && !s.At.IsZero() && !s.At.After(opt.Now) {
			sessions = append(sessions, model.DateOfDay(model.DayNumber(s.At, opt.Loc), opt.Loc))
		}
	}
	slices.SortFunc(sessions, time.Time.Compare)
	return days, slices.Compact(sessions)
}

// weekOf numbers the Monday-to-Sunday week holding day d; 1970-01-01 was a Thursday.
func weekOf(d int) int {
	w := d + 3
	if w < 0 {
		return (w - 6) / 7
	}
	return w / 7
}
