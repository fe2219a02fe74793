// Package report builds the report a person brings to their clinician (docs/product.md
// item 8): one page, two at most, that a clinician can take in within a minute.
//
// Build computes everything the page shows from an export, purely: it reads no clock,
// disk or settings beyond the export and the Options, so it is tested without a PDF.
// Write lays the result out as a PDF:
//
//	e, err := st.Snapshot()
//	...
//	d := report.Build(e, report.Options{Now: time.Now()})
//	err = report.Write(f, d)
//
// The page, top to bottom: the title, the name the person chose to print
// (Settings.ReportName, or Options.Name) and the period; six key figures (the latest
// PHQ-9 and GAD-7 with their published bands, sessions by route, sessions with a blood
// pressure reading above 140/90, average preparation, follow-ups answered); the
// verdict of model/progress; a line on PHQ-9 item 9; the PHQ-9 and GAD-7 trend drawn
// by model/chart (the chart of the app's Progress screen, light palette, about 300
// dpi, sessions marked by route) beside a table of the scores; the sessions with
// route, dose exactly as recorded, mood before and after, the highest blood pressure
// (flagged "high" above 140/90, docs/clinical.md), preparation and follow-ups; the figures
// behind the key figures and how to read the page; and on every page a footer saying
// the data is self-reported, scored as published and not a diagnosis, with the date
// and "page x of y".
//
// The choices:
//
//   - Period: the last DefaultDays (90) calendar days up to and including the day of
//     Now, unless Options say otherwise; days are counted on the calendar of
//     Options.Loc.
//   - Scores table: a row per ISO week for periods of up to MaxWeeklyRows (16)
//     weeks, a row per calendar month for longer ones (the latest MaxMonthlyRows, 12),
//     the chart always showing every week. A single answer shows its total and
//     band; several in a row show their mean and range, without a band, since a
//     mean is not a published score.
//   - Sessions table: at most the latest MaxSessionRows (24); Write shows the latest
//     that fit on the first page (at least 10), and says "latest n of m".
//   - Verdict: progress.Evaluate with the latest course that starts before the end
//     of the period, taken at the end of the period or at Now, whichever is earlier.
//     Without such a course every session counts as one course: the baseline is
//     the last PHQ-9 on or before the first session ever recorded. The report says
//     which.
//   - Paper: US Letter by default (Keel's users are in the US), A4 as an option.
//   - Font: Liberation Sans (regular and bold), embedded from the
//     codeberg.org/go-fonts/liberation module gonum/plot already uses, so Latin,
//     Greek and Cyrillic print as typed with no system font; a character it lacks
//     prints as "?".
//
// The report never recommends a dose or a frequency and never presents a score as a
// diagnosis: doses appear only as the user recorded them, bands are named as
// published, and the verdict is worded as docs/clinical.md asks ("no response yet", never
// "failed"). Journal entries, notes and intentions stay private: the report shows none
// of them.
package report

import (
	"cmp"
	"io"
	"math"
	"slices"
	"strings"
	"time"

	"keel/model"
	"keel/model/atomicfile"
	"keel/model/progress"
	"keel/model/store"
)

// DefaultDays is the length of the period when Options.From is zero: the last 90
// calendar days up to and including the day of To (or of Now).
const DefaultDays = 90

// Limits that keep the report to one page, two at most.
const (
	// MaxSessionRows is the most sessions the sessions table lists: the latest ones,
	// with a count of the earlier ones left out.
	MaxSessionRows = 24
	// MaxWeeklyRows is the longest period, in ISO weeks, whose scores table has a row
	// per week. A longer period has a row per calendar month instead (the chart still
	// shows every week).
	MaxWeeklyRows = 16
	// MaxMonthlyRows is the most months the monthly table lists: the latest ones.
	MaxMonthlyRows = 12
)

// Paper is the size of the report's pages.
type Paper int

// The paper sizes. The zero value is US Letter, for Keel's US audience.
const (
	Letter Paper = iota
	A4
)

// String is the paper size's name.
func (p Paper) String() string {
	if p == A4 {
		return "A4"
	}
	return "Letter"
}

// Options choose what the report covers.
type Options struct {
	// From and To are the first and last calendar days of the period, in Loc; their
	// times of day do not matter. A zero To is the day of Now; a zero From is
	// DefaultDays-1 days before To, so the period is the last 90 days. When To is
	// before From they are swapped.
	From, To time.Time
	// Now is when the report is made: it decides what is due and late, and the
	// verdict is taken at the end of the period or at Now, whichever is earlier. Zero
	// takes the clock (Save uses the store's).
	Now time.Time
	// Loc is the calendar the days and weeks are counted on; nil is Now's location.
	Loc *time.Location
	// Name is printed at the top; "" takes the name from the settings
	// (Settings.ReportName), if any.
	Name string
	// Paper is the page size; the zero value is US Letter.
	Paper Paper
	// WhatHelps adds a line for each finding of the What helps screen that is linked
	// (model/insights); off unless the person switches it on.
	WhatHelps bool
}

// Data is everything the report shows, computed by Build.
type Data struct {
	// Name is the person's name as they want it printed, or "".
	Name string
	// From and To are midnight (in the report's location) of the first and last
	// days of the period; Days is the number of calendar days it covers.
	From, To time.Time
	Days     int
	// Elapsed is the number of the period's days up to the day of Now.
	Elapsed int
	// Generated is when the report was made (Options.Now), in the report's location.
	Generated time.Time
	Paper     Paper

	// Sessions are the latest MaxSessionRows sessions done in the period, earliest
	// first; SessionCount counts all of them. Write shows the latest of Sessions that
	// fit on the first page, and how many of SessionCount that is.
	Sessions     []SessionRow
	SessionCount int
	// Routes counts the period's sessions per route, in the order of model.Routes,
	// leaving out routes with none.
	Routes []RouteCount
	// HighBP is the number of the period's sessions with a blood pressure reading
	// above 140/90 (docs/clinical.md, "Blood pressure around a session").
	HighBP int
	// BPRecorded is the number of the period's sessions with at least one reading.
	BPRecorded int
	// NextPlanned is the earliest session still planned after Now, if any.
	NextPlanned *Planned

	// Weeks are the ISO weeks of the period with their PHQ-9 and GAD-7 means and the
	// sessions done in them (progress.Weekly over the records of the period only);
	// the chart draws them.
	Weeks []progress.WeekSummary
	// Scores is the scores table: per week, or per month for a long period.
	Scores ScoreTable
	// PHQ9, GAD7 and PCL5 are the latest response of each questionnaire in the
	// period, nil when there is none.
	PHQ9, GAD7, PCL5 *Latest
	// Item9 summarises PHQ-9 item 9 in the period.
	Item9 Item9
	// Questionnaires counts the period's responses per instrument ID.
	Questionnaires map[string]int

	// Verdict is the honest evaluation of docs/clinical.md.
	Verdict Verdict

	Preparation Preparation
	FollowUps   FollowUps
	// CheckIns is the number of daily check-ins in the period, on CheckInDays days.
	CheckIns, CheckInDays int

	// WhatHelps are the linked findings the person chose to share (Options.WhatHelps),
	// one line each.
	WhatHelps []string
}

// Empty reports whether nothing at all was recorded in the period.
func (d *Data) Empty() bool {
	n := 0
	for _, c := range d.Questionnaires {
		n += c
	}
	return d.SessionCount == 0 && n == 0 && d.CheckIns == 0
}

// SessionRow is one line of the sessions table.
type SessionRow struct {
	At    time.Time // in the report's location
	Route model.Route
	// Dose is the dose exactly as recorded ("0.5 mg/kg", "3 nasal devices"), or "".
	Dose                  string
	MoodBefore, MoodAfter *int
	// BP is the reading most above the flag line (the largest of systolic-140 and
	// diastolic-90), nil when none was recorded; High counts the readings above
	// 140/90.
	BP   *model.BloodPressure
	High int
	// Prep is how much of the session's checklist was done, nil without one.
	Prep *model.Preparation
	// FollowUps are the session's follow-ups that are due (Due) and answered (Answered).
	FollowUps   FollowUpCount
	SideEffects []string
}

// FollowUpCount counts a session's follow-ups.
type FollowUpCount struct{ Answered, Due int }

// RouteCount is how many sessions used one route.
type RouteCount struct {
	Route model.Route
	N     int
}

// Planned is a planned session.
type Planned struct {
	At    time.Time
	Route model.Route
}

// Latest is the latest response to one questionnaire in the period.
type Latest struct {
	Total int
	// Band is the published band of Total, "" when the instrument has none (PCL-5).
	Band string
	At   time.Time
	// First is the total of the period's first response and FirstAt its time, set
	// when the period holds more than one response.
	First   *int
	FirstAt time.Time
	// N is the number of responses in the period.
	N int
}

// Item9 is PHQ-9 item 9, "thoughts that you would be better off dead, or of hurting
// yourself in some way", over the period's PHQ-9 responses: Positive of Answered were
// above 0, the latest of them at Latest with answer LatestAnswer (1-3).
type Item9 struct {
	Answered, Positive int
	Latest             time.Time
	LatestAnswer       int
}

// ScoreTable is PHQ-9 and GAD-7 per week or, for a period longer than MaxWeeklyRows
// weeks, per calendar month; Hidden earlier rows are left out (monthly only).
type ScoreTable struct {
	Monthly bool
	Rows    []ScoreRow
	Hidden  int
}

// ScoreRow is one week (starting on Monday) or one month of the scores table.
type ScoreRow struct {
	Start      time.Time
	PHQ9, GAD7 Cell
	Sessions   int
}

// Cell is the responses to one questionnaire in a week or month: their mean, lowest
// and highest totals and number. With one response, Band is its published band; a
// mean of several is not a score and has no band.
type Cell struct {
	Mean     float64
	Min, Max int
	N        int
	Band     string
}

// Verdict is the evaluation of docs/clinical.md at At.
type Verdict struct {
	// Course is the name of the course judged: the latest one starting before the
	// end of the period. "" means no course starts by then, and the verdict then
	// treats every session as one course: the baseline is the last PHQ-9 on or
	// before the first session ever recorded.
	Course      string
	CourseStart time.Time
	At          time.Time
	Result      progress.Verdict
	// Lines are the verdict as Keel words it (progress.Verdict.Lines).
	Lines []string
}

// Preparation is how complete the preparation checklists of the period's sessions were.
type Preparation struct {
	// Sessions had a checklist with at least one item; Without had none.
	Sessions, Without int
	// Mean is the average over those sessions of the share of items done (0-1).
	Mean float64
	// Full counts the sessions with every item done.
	Full int
}

// FollowUps is how the follow-ups of the period's sessions went, at Now: Due fell due
// by then, Answered were answered (Late of them after their window closed), Missed
// were left open past their window, and Pending are still open within it.
type FollowUps struct {
	Due, Answered, Late, Missed, Pending int
}

// Records are what the report reads: the records of a history, by kind.
type Records struct {
	Settings       *model.Settings
	Sessions       []model.Session
	Checklists     []model.Checklist
	CheckIns       []model.CheckIn
	Questionnaires []model.Response
	FollowUps      []model.FollowUp
	Courses        []model.Course
	Journal        []model.JournalEntry
}

// RecordsOf takes the records the report reads out of h.
func RecordsOf(h *model.History) Records {
	return Records{
		Settings:       h.Settings,
		Sessions:       model.Records[model.Session](h, model.Sessions),
		Checklists:     model.Records[model.Checklist](h, model.Checklists),
		CheckIns:       model.Records[model.CheckIn](h, model.CheckIns),
		Questionnaires: model.Records[model.Response](h, model.Questionnaires),
		FollowUps:      model.Records[model.FollowUp](h, model.FollowUps),
		Courses:        model.Records[model.Course](h, model.Courses),
		Journal:        model.Records[model.JournalEntry](h, model.Journal),
	}
}

// Build computes the report's data from the records (see Options for the period and
// the clock). It never fails: a period with nothing in it gives a Data that says so.
func Build(e Records, opt Options) Data {
	now := opt.Now
	if now.IsZero() {
		now = time.Now()
	}
	loc := opt.Loc
	if loc == nil {
		loc = now.Location()
	}
	now = now.In(loc)
	to := opt.To
	if to.IsZero() {
		to = now
	}
	last := midnight(to, loc)
	first := last.AddDate(0, 0, -(DefaultDays - 1))
	if !opt.From.IsZero() {
		first = midnight(opt.From, loc)
	}
	if last.Before(first) {
		first, last = last, first
	}
	end := last.AddDate(0, 0, 1) // the period is [first, end)
	in := func(t time.Time) bool { return !t.Before(first) && t.Before(end) }

	d := Data{
		Name:      strings.TrimSpace(opt.Name),
		From:      first,
		To:        last,
		Days:      model.CalendarDays(first, last) + 1,
		Elapsed:   max(0, min(model.CalendarDays(first, last), model.CalendarDays(first, now))+1),
		Generated: now,
		Paper:     opt.Paper,
	}
	if d.Name == "" && e.Settings != nil {
		d.Name = strings.TrimSpace(e.Settings.ReportName)
	}

	// Records of the period.
	var sessions []model.Session
	for _, s := range e.Sessions {
		if s.Done() && in(s.At) {
			sessions = append(sessions, s)
		}
	}
	slices.SortStableFunc(sessions, func(a, b model.Session) int { return a.At.Compare(b.At) })
	var responses []model.Response
	d.Questionnaires = map[string]int{}
	for _, r := range e.Questionnaires {
		if in(r.At) && r.InstrumentOf() != nil && validScore(r) {
			responses = append(responses, r)
			d.Questionnaires[r.Instrument]++
		}
	}
	slices.SortStableFunc(responses, func(a, b model.Response) int { return a.At.Compare(b.At) })
	var checkIns []model.CheckIn
	days := map[time.Time]bool{}
	for _, c := range e.CheckIns {
		if in(c.At) {
			checkIns = append(checkIns, c)
			days[midnight(c.At, loc)] = true
		}
	}
	d.CheckIns, d.CheckInDays = len(checkIns), len(days)

	d.sessions(e, sessions, now, loc)
	d.NextPlanned = nextPlanned(e.Sessions, now, loc)

	span := progress.SpanOf(first, last, loc)
	d.Weeks = progress.Weekly(span, checkIns, responses, sessions)
	d.Scores = scoreTable(span, responses, sessions, first, last, loc)
	d.PHQ9 = latest(model.PHQ9, responses, loc)
	d.GAD7 = latest(model.GAD7, responses, loc)
	d.PCL5 = latest(model.PCL5, responses, loc)
	d.Item9 = item9(responses, loc)
	d.Verdict = verdict(e, end, now, loc)
	d.WhatHelps = whatHelps(e, opt, now, loc)
	return d
}

// midnight is the start of t's calendar day in loc.
func midnight(t time.Time, loc *time.Location) time.Time {
	y, m, dd := t.In(loc).Date()
	return time.Date(y, m, dd, 0, 0, 0, 0, loc)
}

func validScore(r model.Response) bool {
	_, err := model.Score(r.InstrumentOf(), r.Answers)
	return err == nil
}

// sessions fills the sessions table and the counts, preparation and follow-ups of
// the period's done sessions (in time order).
func (d *Data) sessions(e Records, sessions []model.Session, now time.Time, loc *time.Location) {
	checklists := make(map[uint64]*model.Checklist, len(e.Checklists))
	for i := range e.Checklists {
		checklists[e.Checklists[i].SessionID] = &e.Checklists[i]
	}
	followUps := map[uint64][]*model.FollowUp{}
	for i := range e.FollowUps {
		f := &e.FollowUps[i]
		followUps[f.SessionID] = append(followUps[f.SessionID], f)
	}
	routes := map[model.Route]int{}
	var prepSum float64
	rows := make([]SessionRow, 0, len(sessions))
	for _, s := range sessions {
		row := SessionRow{At: s.At.In(loc), Route: s.Route, MoodBefore: s.MoodBefore, MoodAfter: s.MoodAfter, SideEffects: s.SideEffects}
		routes[s.Route]++
		if s.Dose != nil {
			row.Dose = s.Dose.String()
		}
		peak := math.MinInt
		for _, r := range s.BloodPressures() {
			bp := r.Reading
			if bp == nil {
				continue
			}
			if bp.High() {
				row.High++
			}
			if over := max(bp.Systolic-140, bp.Diastolic-90); over > peak {
				peak, row.BP = over, bp
			}
		}
		if row.BP != nil {
			d.BPRecorded++
		}
		if row.High > 0 {
			d.HighBP++
		}
		if c := checklists[s.ID]; c != nil && len(c.Items) > 0 {
			p := c.Score(s)
			row.Prep = &p
			d.Preparation.Sessions++
			prepSum += p.Fraction()
			if p.Done == p.Total {
				d.Preparation.Full++
			}
		} else {
			d.Preparation.Without++
		}
		for _, f := range followUps[s.ID] {
			if f.Due.After(now) {
				continue
			}
			row.FollowUps.Due++
			d.FollowUps.Due++
			switch {
			case !f.Open():
				row.FollowUps.Answered++
				d.FollowUps.Answered++
				if f.Late(now) {
					d.FollowUps.Late++
				}
			case f.Late(now):
				d.FollowUps.Missed++
			default:
				d.FollowUps.Pending++
			}
		}
		rows = append(rows, row)
	}
	if d.Preparation.Sessions > 0 {
		d.Preparation.Mean = prepSum / float64(d.Preparation.Sessions)
	}
	d.SessionCount = len(rows)
	d.Sessions = rows[max(0, len(rows)-MaxSessionRows):]
	for _, r := range model.Routes {
		if routes[r] > 0 {
			d.Routes = append(d.Routes, RouteCount{r, routes[r]})
			delete(routes, r)
		}
	}
	var unknown []RouteCount // routes Keel does not know, from an old or foreign file
	for r, n := range routes {
		unknown = append(unknown, RouteCount{r, n})
	}
	slices.SortFunc(unknown, func(a, b RouteCount) int { return cmp.Compare(a.Route, b.Route) })
	d.Routes = append(d.Routes, unknown...)
}

// nextPlanned is the earliest planned session after now.
func nextPlanned(sessions []model.Session, now time.Time, loc *time.Location) *Planned {
	var p *Planned
	for _, s := range sessions {
		if s.Status == model.StatusPlanned && s.At.After(now) && (p == nil || s.At.Before(p.At)) {
			p = &Planned{At: s.At.In(loc), Route: s.Route}
		}
	}
	return p
}

// latest returns the latest response to in (responses are in time order), or nil.
func latest(in *model.Instrument, responses []model.Response, loc *time.Location) *Latest {
	var l *Latest
	for _, r := range responses {
		if r.Instrument != in.ID {
			continue
		}
		total := r.Total()
		if l == nil {
			l = &Latest{First: &total, FirstAt: r.At.In(loc)}
		}
		l.Total, l.Band, l.At = total, model.BandOf(in, total), r.At.In(loc)
		l.N++
	}
	if l != nil && l.N == 1 {
		l.First, l.FirstAt = nil, time.Time{}
	}
	return l
}

// item9 summarises PHQ-9 item 9 over the responses (in time order).
func item9(responses []model.Response, loc *time.Location) Item9 {
	var it Item9
	for _, r := range responses {
		if r.Instrument != model.PHQ9.ID {
			continue
		}
		it.Answered++
		if model.NeedsCrisisCard(model.PHQ9, r.Answers) {
			it.Positive++
			it.Latest, it.LatestAnswer = r.At.In(loc), r.Answers[model.PHQ9.CrisisItem]
		}
	}
	return it
}

// scoreTable is the scores table: a row per ISO week of span, or, when the span is
// longer than MaxWeeklyRows weeks, a row per calendar month of the period, the last
// MaxMonthlyRows of them.
func scoreTable(span progress.Span, responses []model.Response, sessions []model.Session, first, last time.Time, loc *time.Location) ScoreTable {
	var t ScoreTable
	var starts []time.Time
	var key func(time.Time) time.Time
	if span.Len() <= MaxWeeklyRows {
		for _, w := range span.Weeks() {
			starts = append(starts, w.Monday(loc))
		}
		key = func(at time.Time) time.Time { return progress.WeekOf(at, loc).Monday(loc) }
	} else {
		t.Monthly = true
		month := func(at time.Time) time.Time {
			y, m, _ := at.In(loc).Date()
			return time.Date(y, m, 1, 0, 0, 0, 0, loc)
		}
		for m := month(first); !m.After(last); m = m.AddDate(0, 1, 0) {
			starts = append(starts, m)
		}
		key = month
	}
	type acc struct {
		totals [2][]int
		n      int
	}
	accs := make(map[time.Time]*acc, len(starts))
	for _, s := range starts {
		accs[s] = &acc{}
	}
	for _, r := range responses {
		k := 0
		switch r.Instrument {
		case model.PHQ9.ID:
		case model.GAD7.ID:
			k = 1
		default:
			continue
		}
		if a := accs[key(r.At)]; a != nil {
			a.totals[k] = append(a.totals[k], r.Total())
		}
	}
	for _, s := range sessions {
		if a := accs[key(s.At)]; a != nil {
			a.n++
		}
	}
	for _, s := range starts {
		a := accs[s]
		t.Rows = append(t.Rows, ScoreRow{Start: s, PHQ9: cellOf(model.PHQ9, a.totals[0]), GAD7: cellOf(model.GAD7, a.totals[1]), Sessions: a.n})
	}
	if t.Monthly && len(t.Rows) > MaxMonthlyRows {
		t.Hidden = len(t.Rows) - MaxMonthlyRows
		t.Rows = t.Rows[t.Hidden:]
	}
	return t
}

func cellOf(in *model.Instrument, totals []int) Cell {
	c := Cell{N: len(totals)}
	if c.N == 0 {
		return c
	}
	c.Min, c.Max = slices.Min(totals), slices.Max(totals)
	sum := 0
	for _, v := range totals {
		sum += v
	}
	c.Mean = float64(sum) / float64(c.N)
	if c.N == 1 {
		c.Band = model.BandOf(in, totals[0])
	}
	return c
}

// verdict evaluates the latest course that starts before end, at the end of the
// period or at now, whichever is earlier. Without such a course it evaluates every
// session as one course (see Verdict.Course).
func verdict(e Records, end, now time.Time, loc *time.Location) Verdict {
	at := end.Add(-time.Nanosecond)
	if now.Before(at) {
		at = now
	}
	at = at.In(loc)
	var course *model.Course
	for i := range e.Courses {
		c := &e.Courses[i]
		if c.Start.Before(end) && (course == nil || !c.Start.Before(course.Start)) {
			course = c
		}
	}
	v := Verdict{At: at}
	c := model.Course{Name: "All sessions"} // no start, no route, no induction series
	if course != nil {
		c = *course
		v.Course, v.CourseStart = c.Name, c.Start.In(loc)
	}
	v.Result = progress.Evaluate(c, e.Sessions, e.Questionnaires, at)
	v.Lines = v.Result.Lines()
	if course == nil && v.Result.Missing == progress.MissingSession {
		v.Lines[0] = "Not enough data yet: no session is marked done yet. The verdict compares a PHQ-9 " +
			"from before the first session with a recent one."
	}
	return v
}

// Save builds the report from everything in st and writes it to path as a PDF,
// through a temporary file renamed into place.
func Save(st *store.Store, path string, opt Options) error {
	h, err := st.Snapshot()
	if err != nil {
		return err
	}
	if opt.Now.IsZero() {
		opt.Now = st.Now()
	}
	d := Build(RecordsOf(&h), opt)
	return atomicfile.Write(path, func(w io.Writer) error { return Write(w, d) })
}
