package progress

import (
	"fmt"
	"slices"
	"time"

	"keel/model"
)

// Assessment is everything Keel says about how a course is going, as of one time:
// the course and its sessions, the verdict, the baseline, previous and latest score
// of each questionnaire, the deterioration flags and the history of PHQ-9 item 9.
// The Today and Progress screens, the clinician's report and `keel progress` all
// show this one computation (Assess), so they never disagree.
type Assessment struct {
	// At is the time judged at; every time below is in its location.
	At time.Time
	// Course is the course judged: the latest whose start day is on or before At's
	// day. nil when none is: every session then counts as one course, without an
	// induction series.
	Course *model.Course
	// Sessions are the sessions that count for the course (CourseSessions), earliest
	// first: the first is session 1 of the course.
	Sessions []model.Session
	// Verdict is the PHQ-9 verdict of docs/clinical.md (see Verdict).
	Verdict Verdict
	// Tracks are the PHQ-9, GAD-7 and PCL-5, in that order, each with its baseline,
	// previous and latest score.
	Tracks []Track
	// Flags are the deterioration flags, one per questionnaire whose latest score
	// rose by its threshold or more (see Flag).
	Flags []Flag
	// Item9 lists every PHQ-9 of the course whose item 9 was answered above 0,
	// earliest first, whatever period a screen or report shows; Item9Answered counts
	// the PHQ-9s of the course (Since to At).
	Item9         []Item9Answer
	Item9Answered int
	// Since is the start of the course's records: the earlier of the course's start
	// day and 31 days (the longest baseline look-back) before the first session;
	// zero (everything) when there is neither.
	Since time.Time
}

// Track is one questionnaire over the course.
type Track struct {
	Instrument *model.Instrument
	// Baseline is the last score taken before the first session and no more than
	// Instrument.BaselineDays calendar days before its day (for the PHQ-9, exactly the
	// verdict's baseline); TooOld is the last before the first session when it is
	// older than that. Both nil without a session.
	Baseline, TooOld *Score
	// Latest is the latest score of the course, Previous the one before it; nil when
	// there is none.
	Latest, Previous *Score
	// N is the number of scores of the course.
	N int
}

// Rise is how much a score rose from an earlier one.
type Rise struct {
	From   Score
	Points int
}

// Flag is a deterioration (docs/clinical.md PHQ-9, "Deterioration"): the latest score
// of a questionnaire is its Instrument.Deterioration or more points (PHQ-9 5, GAD-7
// 4, PCL-5 10) above the baseline, above the previous score, or both. It is said
// plainly with a suggestion to tell the care team, and never beside reassurance.
type Flag struct {
	Instrument *model.Instrument
	Latest     Score
	// FromBaseline and FromPrevious are the rises at or above the threshold, nil when
	// that comparison is below it (or has nothing to compare with). When the previous
	// score is the baseline, only FromBaseline is set.
	FromBaseline, FromPrevious *Rise
}

// Text is the flag as the person reads it on Today and Progress: "Your PHQ-9 is 6
// points higher than before treatment: 18 on 10 Mar 2026, against 12 on 1 Feb 2026.
// Please tell your care team."
func (f Flag) Text() string {
	name := f.Instrument.Name
	l := f.Latest
	switch {
	case f.FromBaseline != nil && f.FromPrevious != nil:
		b, p := f.FromBaseline, f.FromPrevious
		return fmt.Sprintf("Your %s is %s higher than before treatment and %s higher than the time before: %d on %s, "+
			"against %d on %s before treatment and %d on %s. Please tell your care team.",
			name, plural(b.Points, "point"), plural(p.Points, "point"), l.Total, l.Date(), b.From.Total, b.From.Date(), p.From.Total, p.From.Date())
	case f.FromBaseline != nil:
		b := f.FromBaseline
		return fmt.Sprintf("Your %s is %s higher than before treatment: %d on %s, against %d on %s. Please tell your care team.",
			name, plural(b.Points, "point"), l.Total, l.Date(), b.From.Total, b.From.Date())
	}
	p := f.FromPrevious
	return fmt.Sprintf("Your %s is %s higher than the time before: %d on %s, against %d on %s. Please tell your care team.",
		name, plural(p.Points, "point"), l.Total, l.Date(), p.From.Total, p.From.Date())
}

// ClinicianText is the flag for the report: "PHQ-9 +6 from baseline 12 (1 Feb 2026)
// to 18 (10 Mar 2026); threshold 5."
func (f Flag) ClinicianText() string {
	var parts []string
	if b := f.FromBaseline; b != nil {
		parts = append(parts, fmt.Sprintf("+%d from baseline %d (%s)", b.Points, b.From.Total, b.From.Date()))
	}
	if p := f.FromPrevious; p != nil {
		parts = append(parts, fmt.Sprintf("+%d from previous %d (%s)", p.Points, p.From.Total, p.From.Date()))
	}
	s := f.Instrument.Name + " " + parts[0]
	if len(parts) > 1 {
		s += " and " + parts[1]
	}
	return fmt.Sprintf("%s to %d (%s); threshold %d points.", s, f.Latest.Total, f.Latest.Date(), f.Instrument.Deterioration)
}

// Item9Answer is one PHQ-9 whose item 9 ("thoughts that you would be better off dead,
// or of hurting yourself in some way") was answered above 0.
type Item9Answer struct {
	At time.Time
	// Answer is 1-3; Label its published words ("Several days").
	Answer  int
	Label   string
	DayOnly bool
	Source  model.ResponseSource
	ID      uint64
}

// Expectations is what people notice about how long it takes (docs/clinical.md,
// "What people notice"), said as others' experience, never as a promise. The
// Progress screen shows it only when Assessment.Reassure allows.
const Expectations = "What people notice, as experience and not a promise: some feel relief after 1-2 sessions, " +
	"many need 4-6 before change settles, some feel worse before they feel better, and dips between sessions are common."

// Assess computes the assessment at at from every course, session and questionnaire
// response (records after at are left out). Calendar days are counted in at's
// location. It is pure and takes about as long as one pass over the records.
func Assess(courses []model.Course, sessions []model.Session, responses []model.Response, at time.Time) Assessment {
	loc := at.Location()
	a := Assessment{At: at}
	today := model.DayNumber(at, loc)
	for i := range courses {
		c := &courses[i]
		if model.DayNumber(c.Start, loc) <= today && (a.Course == nil || !c.Start.Before(a.Course.Start)) {
			a.Course = c
		}
	}
	c := model.Course{Name: "All sessions"} // no start, no route, no induction series
	if a.Course != nil {
		c = *a.Course
	}
	counted := courseSessions(c, sessions, at)
	a.Sessions = make([]model.Session, len(counted))
	for i, s := range counted {
		a.Sessions[i] = *s
	}
	var first time.Time
	if len(counted) > 0 {
		first = counted[0].At.In(loc)
		a.Since = model.DateOfDay(model.DayNumber(first, loc)-model.PCL5.BaselineDays, loc)
	}
	if a.Course != nil && (a.Since.IsZero() || model.DayNumber(a.Course.Start, loc) < model.DayNumber(a.Since, loc)) {
		a.Since = model.DateOfDay(model.DayNumber(a.Course.Start, loc), loc)
	}

	for _, in := range model.Instruments {
		all := scoresOf(in, responses, at)
		if in == model.PHQ9 {
			a.Verdict = evaluate(c, counted, all, at)
		}
		var scores []Score
		for _, s := range all {
			if a.Since.IsZero() || !s.At.Before(a.Since) {
				scores = append(scores, s)
			}
		}
		t := track(in, all, scores, first, loc)
		a.Tracks = append(a.Tracks, t)
		if f, ok := flagOf(t); ok {
			a.Flags = append(a.Flags, f)
		}
	}
	if len(a.Flags) > 0 {
		a.Verdict.LateResponders = false // never beside a deterioration flag
	}

	for i := range responses {
		r := &responses[i]
		if r.Instrument != model.PHQ9.ID || !r.TakenBefore(at) || (!a.Since.IsZero() && r.At.Before(a.Since)) {
			continue
		}
		if _, err := model.Score(model.PHQ9, r.Answers); err != nil {
			continue
		}
		a.Item9Answered++
		if model.NeedsCrisisCard(model.PHQ9, r.Answers) {
			n := r.Answers[model.PHQ9.CrisisItem]
			a.Item9 = append(a.Item9, Item9Answer{At: r.At.In(loc), Answer: n, Label: model.PHQ9.Answers[n], DayOnly: r.DayOnly, Source: r.Source, ID: r.ID})
		}
	}
	sortByTime(a.Item9, func(x Item9Answer) time.Time { return x.At })
	return a
}

// track is one questionnaire over a course whose first session is first (zero: none
// yet): the baseline from all its scores, the latest and previous from those of the
// course (both earliest first).
func track(in *model.Instrument, all, course []Score, first time.Time, loc *time.Location) Track {
	t := Track{Instrument: in, N: len(course)}
	if n := len(course); n > 0 {
		t.Latest = &course[n-1]
		if n > 1 {
			t.Previous = &course[n-2]
		}
	}
	if first.IsZero() {
		return t
	}
	b := -1
	for i := range all {
		if all[i].before(first) {
			b = i
		}
	}
	switch {
	case b < 0:
	case model.DayNumber(first, loc)-model.DayNumber(all[b].At, loc) > in.BaselineDays:
		t.TooOld = &all[b]
	default:
		t.Baseline = &all[b]
	}
	return t
}

// sortByTime sorts xs by time, stably.
func sortByTime[T any](xs []T, at func(T) time.Time) {
	slices.SortStableFunc(xs, func(a, b T) int { return at(a).Compare(at(b)) })
}

// flagOf is the deterioration flag of t, if its latest score rose by the threshold.
func flagOf(t Track) (Flag, bool) {
	if t.Latest == nil {
		return Flag{}, false
	}
	f := Flag{Instrument: t.Instrument, Latest: *t.Latest}
	limit := t.Instrument.Deterioration
	if b := t.Baseline; b != nil && t.Latest.At.After(b.At) && t.Latest.Total-b.Total >= limit {
		f.FromBaseline = &Rise{From: *b, Points: t.Latest.Total - b.Total}
	}
	if p := t.Previous; p != nil && t.Latest.Total-p.Total >= limit && (t.Baseline == nil || p.ID != t.Baseline.ID || !p.At.Equal(t.Baseline.At)) {
		f.FromPrevious = &Rise{From: *p, Points: t.Latest.Total - p.Total}
	}
	return f, f.FromBaseline != nil || f.FromPrevious != nil
}

// Track returns the track of in, or nil.
func (a *Assessment) Track(in *model.Instrument) *Track {
	for i := range a.Tracks {
		if a.Tracks[i].Instrument == in {
			return &a.Tracks[i]
		}
	}
	return nil
}

// Reassure reports whether reassurance may be shown beside the verdict (the
// Expectations, "dips are common", the late-responder fact): never when the latest
// PHQ-9 is worse than the baseline, nor beside a deterioration flag
// (docs/clinical.md PHQ-9, "Deterioration": "never pair it with reassurance").
func (a *Assessment) Reassure() bool { return !a.Verdict.Worse && len(a.Flags) == 0 }

// ExpectationsText is Expectations when Reassure allows it and the course is still
// where those notes speak to, "" otherwise: they are about the first sessions, so
// with no response as things stand (Verdict.Current) from the 12th session on, the
// horizon docs/clinical.md gives for late responders, they are not shown.
func (a *Assessment) ExpectationsText() string {
	v := a.Verdict
	if !a.Reassure() || (v.Sessions >= LateResponderSessions && v.Current() == NoResponseYet) {
		return ""
	}
	return Expectations
}

// SessionNumber is s's number in the course (1 for the first session that counts),
// or 0 when s does not count for it. Sessions are matched by ID and time.
func (a *Assessment) SessionNumber(s model.Session) int {
	for i := range a.Sessions {
		if a.Sessions[i].ID == s.ID && a.Sessions[i].At.Equal(s.At) {
			return i + 1
		}
	}
	return 0
}

// CourseName is the course's name, or "All sessions (no course entered)".
func (a *Assessment) CourseName() string {
	if a.Course == nil {
		return "All sessions (no course entered)"
	}
	return a.Course.Name
}
