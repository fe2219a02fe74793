package progress

import (
	"fmt"
	"slices"
	"time"

	"keel/model"
)

// CourseSessions returns the sessions that count for course c at now, earliest
// first: sessions marked done, dated on or after the calendar day of c.Start and not
// after now, and, when the course has a route, given by that route (an IV booster
// does not advance a nasal-spray course, nor the other way round; a course without a
// route, such as a custom plan, counts every route). Calendar days are those of now's
// location. Planned sessions never count.
func CourseSessions(c model.Course, sessions []model.Session, now time.Time) []model.Session {
	counted := courseSessions(c, sessions, now)
	out := make([]model.Session, len(counted))
	for i, s := range counted {
		out[i] = *s
	}
	return out
}

// courseSessions is CourseSessions without copying the sessions.
func courseSessions(c model.Course, sessions []model.Session, now time.Time) []*model.Session {
	loc := now.Location()
	start := model.DayNumber(c.Start, loc)
	counts := func(s *model.Session) bool {
		return s.Done() && !s.At.After(now) && (c.Route == "" || s.Route == c.Route) && model.DayNumber(s.At, loc) >= start
	}
	n := 0
	for i := range sessions {
		if counts(&sessions[i]) {
			n++
		}
	}
	out := make([]*model.Session, 0, n)
	for i := range sessions {
		if counts(&sessions[i]) {
			out = append(out, &sessions[i])
		}
	}
	slices.SortStableFunc(out, func(a, b *model.Session) int { return a.At.Compare(b.At) })
	return out
}

// phaseOf returns the index of the phase that the session with 0-based number k
// belongs to, or -1 when k is past every phase. A phase with Sessions 0 is
// open-ended and takes every session from its start on.
func phaseOf(phases []model.Phase, k int) int {
	end := 0
	for i, p := range phases {
		if p.Sessions <= 0 {
			return i
		}
		end += p.Sessions
		if k < end {
			return i
		}
	}
	return -1
}

// phaseStart is the 0-based number of the first session of phase i.
func phaseStart(phases []model.Phase, i int) int {
	n := 0
	for _, p := range phases[:i] {
		n += max(p.Sessions, 0)
	}
	return n
}

// DueWindow is when the next session falls due by the plan: from midnight of From to
// the end of the day To, both dates in the user's location.
type DueWindow struct {
	From, To time.Time
}

// String is the window in words, as "12 Feb" or "12-14 Feb" or "30 Jan-2 Feb".
func (d DueWindow) String() string {
	switch {
	case d.From.Equal(d.To):
		return d.From.Format("2 Jan")
	case d.From.Month() == d.To.Month() && d.From.Year() == d.To.Year():
		return fmt.Sprintf("%d-%s", d.From.Day(), d.To.Format("2 Jan"))
	}
	return d.From.Format("2 Jan") + "-" + d.To.Format("2 Jan")
}

// Progress is where the user stands in a course (docs/product.md item 6).
type Progress struct {
	// Done is the number of sessions that count (see CourseSessions).
	Done int
	// Induction is the course's first phase; InductionDone is how many of its
	// sessions are done (at most Induction.Sessions).
	Induction     model.Phase
	InductionDone int
	// InductionComplete reports whether every session of the induction series is done.
	InductionComplete bool
	// Phase is the index in Course.Phases of the phase the next session belongs to,
	// or -1 when every phase of the plan is done. PhaseDone is how many of that
	// phase's sessions are done.
	Phase     int
	PhaseName string
	PhaseDone int
	// Next is when the next session is due by the plan: the last session's calendar
	// day plus the MinDays to MaxDays of the phase the next session belongs to. It is
	// nil before the first session (the course's Start says when that is) and once
	// every phase of the plan is done. It is what the plan says, not advice.
	Next *DueWindow
	// Warnings are gentle notes about the pace, earliest first (see PaceWarnings).
	Warnings []Warning
}

// InductionText is the induction series' progress in words, as "4 of 6 done".
func (p Progress) InductionText() string {
	return fmt.Sprintf("%d of %d done", p.InductionDone, p.Induction.Sessions)
}

// CourseProgress computes progress against course c at now from the sessions that
// count (see CourseSessions): how far the induction series is, the phase the user is
// in, when the next session is due by the plan, and pace warnings. Calendar days are
// counted in now's location.
func CourseProgress(c model.Course, sessions []model.Session, now time.Time) Progress {
	loc := now.Location()
	counted := courseSessions(c, sessions, now)
	p := Progress{Done: len(counted), Induction: c.Induction()}
	p.InductionDone = min(p.Done, max(p.Induction.Sessions, 0))
	p.InductionComplete = p.Induction.Sessions > 0 && p.Done >= p.Induction.Sessions
	p.Phase = phaseOf(c.Phases, p.Done)
	if p.Phase >= 0 {
		ph := c.Phases[p.Phase]
		p.PhaseName = ph.Name
		p.PhaseDone = p.Done - phaseStart(c.Phases, p.Phase)
		if p.Done > 0 {
			last := model.DayNumber(counted[p.Done-1].At, loc)
			p.Next = &DueWindow{From: model.DateOfDay(last+ph.MinDays, loc), To: model.DateOfDay(last+max(ph.MinDays, ph.MaxDays), loc)}
		}
	}
	p.Warnings = paceWarnings(c, counted, loc)
	return p
}

// WarningKind says what a pace warning is about.
type WarningKind int

// The pace warnings of docs/product.md item 6.
const (
	// WarnCloser: two sessions came closer together than the plan's MinDays.
	WarnCloser WarningKind = iota + 1
	// WarnDoseRising: the recorded dose rose DoseRises or more times in a row.
	WarnDoseRising
)

// DoseRises is how many increases in a row, in the same unit, make a WarnDoseRising.
const DoseRises = 3

// Warning is a gentle note about the pace of a course. Its Text never says what dose
// or frequency to use: it says what happened, compared with the user's own plan, and
// suggests talking it over with the care team.
type Warning struct {
	Kind WarningKind
	// At is the time of the session the warning is about: the later of the two for
	// WarnCloser, the last of the rises for WarnDoseRising.
	At time.Time
	// For WarnCloser: the calendar days between the two sessions, the plan's
	// MinDays, and how many days closer than the plan that is (MinDays - Days).
	Days, MinDays, Closer int
	// For WarnDoseRising: how many times in a row the dose rose.
	Rises int
	Text  string
}

// PaceWarnings returns the pace warnings for course c at now, earliest first, over
// the sessions that count (see CourseSessions):
//
//   - WarnCloser for each pair of consecutive sessions fewer calendar days apart
//     than the MinDays of the phase the later one belongs to (sessions past the end
//     of the plan have no spacing to compare with);
//   - WarnDoseRising for each run of DoseRises (3) or more increases in a row:
//     each session's dose higher than the previous session's, in the same unit.
//     Sessions without a recorded dose are skipped; a change of unit, or a dose
//     that is the same or lower, ends the run. A longer run gives one warning,
//     counting every rise.
func PaceWarnings(c model.Course, sessions []model.Session, now time.Time) []Warning {
	return paceWarnings(c, courseSessions(c, sessions, now), now.Location())
}

func paceWarnings(c model.Course, counted []*model.Session, loc *time.Location) []Warning {
	var out []Warning
	for k := 1; k < len(counted); k++ {
		ph := phaseOf(c.Phases, k)
		if ph < 0 {
			continue
		}
		minDays := c.Phases[ph].MinDays
		days := model.DayNumber(counted[k].At, loc) - model.DayNumber(counted[k-1].At, loc)
		if days >= minDays {
			continue
		}
		out = append(out, Warning{
			Kind: WarnCloser, At: counted[k].At, Days: days, MinDays: minDays, Closer: minDays - days,
			Text: fmt.Sprintf("Sessions %d and %d %s; your plan%s spaces sessions at least %s apart, "+
				"so this one came %s sooner than planned. If that wasn't agreed with your clinic, it may be "+
				"worth talking over with your care team.",
				k, k+1, apart(days), phaseWords(c.Phases[ph]), plural(minDays, "day"), plural(minDays-days, "day")),
		})
	}

	var prev *model.Dose
	rises := 0
	for k := range counted {
		d := counted[k].Dose
		if d == nil || !(d.Amount > 0) {
			continue
		}
		if prev != nil && prev.Unit == d.Unit && d.Amount > prev.Amount {
			rises++
		} else {
			rises = 0
		}
		prev = d
		if rises < DoseRises {
			continue
		}
		w := Warning{
			Kind: WarnDoseRising, At: counted[k].At, Rises: rises,
			Text: fmt.Sprintf("The recorded dose went up at %d sessions in a row. Sometimes that is the plan; "+
				"if it has become a wish for each session to feel stronger (\"chasing intensity\"), that often "+
				"backfires. Either way, it is worth talking over with your care team.", rises),
		}
		if rises > DoseRises {
			out[len(out)-1] = w // the same run, one rise longer
			continue
		}
		out = append(out, w)
	}
	slices.SortStableFunc(out, func(a, b Warning) int { return a.At.Compare(b.At) })
	return out
}

func apart(days int) string {
	if days == 0 {
		return "were on the same day"
	}
	return "were " + plural(days, "day") + " apart"
}

func phaseWords(p model.Phase) string {
	if p.Name == "" {
		return ""
	}
	return " for " + p.Name
}

func plural(n int, unit string) string {
	if n == 1 {
		return "1 " + unit
	}
	return fmt.Sprintf("%d %ss", n, unit)
}
