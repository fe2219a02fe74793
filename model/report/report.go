// Package report builds the page a person brings to their prescriber (docs/product.md
// item 8): one page for a normal course, two at most, made for deciding the next
// step.
//
// Build computes everything the page shows from the records, purely: it reads no
// clock, disk or settings beyond the records and the Options, so it is tested without
// a PDF. Write lays the result out as a PDF:
//
//	h, err := st.Snapshot()
//	...
//	d := report.Build(report.RecordsOf(&h), report.Options{Now: time.Now()})
//	err = report.Write(f, d)
//
// The page, top to bottom: the title, the name the person chose to print
// (Settings.ReportName, or Options.Name) and the period; the verdict of
// model/progress in a prescriber's terms, the deterioration flags and the history of
// PHQ-9 item 9 over the whole course; a table of the measures (PHQ-9, GAD-7, and the
// PCL-5 when used): baseline, end point (PHQ-9), latest, each with its score, band
// and date, and the change; a chart per questionnaire, each shaded with its own
// published bands (the PCL-5 with its 5 and 10-point change lines); the sessions,
// each with its number in the course, route, dose as recorded, the three blood
// pressure readings (the pre-dose one marked against 140/90, docs/clinical.md),
// dissociation, and the means of the follow-ups of the 72 hours after (sleep, stress,
// mood); the figures behind it and how to read the page; and on every page a footer
// saying the data is self-reported, scored as published and not a diagnosis, with
// the date and "page x of y". No sentence on it is addressed to the patient.
//
// The choices:
//
//   - Period: the last DefaultDays (90) calendar days up to and including the day of
//     Now, unless Options say otherwise; days are counted on the calendar of
//     Options.Loc. The period chooses the sessions, the charts and the counts; the
//     verdict, the measures, the flags and the item 9 history are the course's,
//     whatever the period (progress.Assess).
//   - The assessment is taken at the end of the period or at Now, whichever is
//     earlier, for the latest course started by then (without one, every session
//     counts as one course).
//   - Sessions table: at most the latest MaxSessionRows (24); Write shows the latest
//     that fit on the first page (at least 10), and says "latest n of m".
//   - Paper: US Letter by default (Keel's users are in the US), A4 as an option.
//   - Font: Liberation Sans (regular and bold), embedded from the
//     codeberg.org/go-fonts/liberation module gonum/plot already uses, so Latin,
//     Greek and Cyrillic print as typed with no system font; a character it lacks
//     prints as "?".
//
// The report never recommends a dose or a frequency and never presents a score as a
// diagnosis: doses appear only as the user recorded them, bands are named as
// published, and the verdict is worded as docs/clinical.md asks ("no response", never
// "failed"). Journal entries, notes, intentions and the PCL-5's event stay private:
// the report shows none of them.
package report

import (
	"cmp"
	"io"
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

// MaxSessionRows is the most sessions the sessions table lists: the latest ones,
// with a count of the earlier ones left out. It keeps the report to two pages.
const MaxSessionRows = 24

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
	// assessment is taken at the end of the period or at Now, whichever is earlier.
	// Zero takes the clock (Save uses the store's).
	Now time.Time
	// Loc is the calendar the days are counted on; nil is Now's location.
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

	// Assessment is the course's assessment (progress.Assess) at the end of the
	// period or at Now, whichever is earlier.
	Assessment progress.Assessment
	// Verdict is the assessment's verdict as the report words it.
	Verdict Verdict
	// Measures are the PHQ-9 and GAD-7, and the PCL-5 when the course has one, over
	// the course.
	Measures []Measure
	// Trends are the period's scores of each questionnaire of Measures, for the charts.
	Trends []Trend

	// Sessions are the latest MaxSessionRows sessions done in the period, earliest
	// first; SessionCount counts all of them. Write shows the latest of Sessions that
	// fit on the first page, and how many of SessionCount that is.
	Sessions     []SessionRow
	SessionCount int
	// Routes counts the period's sessions per route, in the order of model.Routes,
	// leaving out routes with none.
	Routes []RouteCount
	// PreDoseHigh is the number of the period's sessions whose reading before dosing
	// was above 140/90 (docs/clinical.md, "Blood pressure around a session": the
	// label's guide is about that reading); AfterHigh those with a reading after
	// dosing above it (a rise then is expected). BPRecorded is the number with at
	// least one reading.
	PreDoseHigh, AfterHigh, BPRecorded int
	// NextPlanned is the earliest session still planned after Now, if any.
	NextPlanned *Planned
	// Questionnaires counts the period's responses per instrument ID.
	Questionnaires map[string]int

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

// Measure is one questionnaire over the course: the scores the verdict and the flags
// are made of.
type Measure struct {
	Instrument *model.Instrument
	// Baseline is the score before the first session (progress.Track.Baseline); for
	// the PHQ-9, the verdict's. TooOld is one too old to be a baseline.
	Baseline, TooOld *progress.Score
	// EndPoint is the PHQ-9 the induction series is judged on, nil for the others.
	EndPoint *progress.Score
	// Latest is the latest score of the course.
	Latest *progress.Score
	// N is the number of scores of the course.
	N int
	// Flag is the deterioration flag, nil when there is none.
	Flag *progress.Flag
}

// Trend is the period's scores of one questionnaire, earliest first.
type Trend struct {
	Instrument *model.Instrument
	Scores     []progress.Score
	// Reference is the score the change lines are drawn around (the baseline, or
	// the course's first score), and RefIsBaseline says which; used for the PCL-5.
	Reference     *progress.Score
	RefIsBaseline bool
}

// SessionRow is one line of the sessions table.
type SessionRow struct {
	At time.Time // in the report's location
	// Number is the session's number in the course judged (1 for the first), 0 when
	// it does not count for it (another route, or before the course's start).
	Number int
	Route  model.Route
	// Dose is the dose exactly as recorded ("0.5 mg/kg", "3 nasal devices"), or "".
	Dose string
	// The three readings (nil when not taken); PreDoseHigh marks BPBefore above
	// 140/90.
	BPBefore, BPAfter40, BPDischarge *model.BloodPressure
	PreDoseHigh                      bool
	Dissociation                     *int
	// Sleep, Stress and Mood are the means of the session's answered follow-ups of
	// the 72 hours after: hours of sleep, and 0-10 ratings.
	Sleep, Stress, Mood progress.Mean
	// FollowUps are the session's follow-ups that are due (Due) and answered (Answered).
	FollowUps FollowUpCount
	// Prep is how much of the session's checklist was done, nil without one.
	Prep *model.Preparation
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

// Verdict is the assessment's verdict for the report.
type Verdict struct {
	// Course is the name of the course judged; "" when no course had started, and
	// every session counts as one course.
	Course      string
	CourseStart time.Time
	At          time.Time
	// Lines are the verdict in a prescriber's terms (progress.Verdict.ClinicianLines).
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
	first := model.StartOfDay(last.Year(), last.Month(), last.Day()-(DefaultDays-1), loc)
	if !opt.From.IsZero() {
		first = midnight(opt.From, loc)
	}
	if last.Before(first) {
		first, last = last, first
	}
	end := model.NextMidnight(last) // the period is [first, end)
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

	at := end.Add(-time.Nanosecond)
	if now.Before(at) {
		at = now
	}
	d.Assessment = progress.Assess(e.Courses, e.Sessions, e.Questionnaires, at.In(loc))
	d.verdict()

	// Records of the period.
	var sessions []model.Session
	for _, s := range e.Sessions {
		if s.Done() && in(s.At) {
			sessions = append(sessions, s)
		}
	}
	slices.SortStableFunc(sessions, func(a, b model.Session) int { return a.At.Compare(b.At) })
	d.Questionnaires = map[string]int{}
	for _, r := range e.Questionnaires {
		if in(r.At) && r.InstrumentOf() != nil && validScore(r) {
			d.Questionnaires[r.Instrument]++
		}
	}
	days := map[time.Time]bool{}
	for _, c := range e.CheckIns {
		if in(c.At) {
			d.CheckIns++
			days[midnight(c.At, loc)] = true
		}
	}
	d.CheckInDays = len(days)

	d.sessions(e, sessions, now, loc)
	d.NextPlanned = nextPlanned(e.Sessions, now, loc)
	d.measures(e.Questionnaires, in, loc)
	d.WhatHelps = whatHelps(e, opt, now, loc)
	return d
}

// midnight is the start of t's calendar day in loc.
func midnight(t time.Time, loc *time.Location) time.Time {
	return model.Midnight(t.In(loc))
}

func validScore(r model.Response) bool {
	_, err := model.Score(r.InstrumentOf(), r.Answers)
	return err == nil
}

// verdict words the assessment's verdict for the report.
func (d *Data) verdict() {
	a := &d.Assessment
	d.Verdict = Verdict{At: a.At, Lines: a.Verdict.ClinicianLines()}
	if a.Course != nil {
		d.Verdict.Course, d.Verdict.CourseStart = a.Course.Name, a.Course.Start.In(a.At.Location())
	}
}

// measures fills the measures of the course and the period's scores for the charts:
// the PHQ-9 and GAD-7 always, the PCL-5 when the course or the period has one.
func (d *Data) measures(responses []model.Response, in func(time.Time) bool, loc *time.Location) {
	a := &d.Assessment
	for _, ins := range model.Instruments {
		t := a.Track(ins)
		m := Measure{Instrument: ins, Baseline: t.Baseline, TooOld: t.TooOld, Latest: t.Latest, N: t.N}
		if ins == model.PHQ9 {
			m.EndPoint = a.Verdict.EndPoint
		}
		for i := range a.Flags {
			if a.Flags[i].Instrument == ins {
				m.Flag = &a.Flags[i]
			}
		}
		tr := Trend{Instrument: ins}
		for _, r := range responses {
			if r.Instrument != ins.ID || !in(r.At) || !r.TakenBefore(a.At) {
				continue
			}
			total, err := model.Score(ins, r.Answers)
			if err != nil {
				continue
			}
			tr.Scores = append(tr.Scores, progress.Score{Total: total, At: r.At.In(loc), DayOnly: r.DayOnly, Source: r.Source, ID: r.ID})
		}
		slices.SortStableFunc(tr.Scores, func(x, y progress.Score) int { return x.At.Compare(y.At) })
		if ins == model.PCL5 && m.N == 0 && len(tr.Scores) == 0 && m.Baseline == nil {
			continue // not used
		}
		switch {
		case t.Baseline != nil:
			tr.Reference, tr.RefIsBaseline = t.Baseline, true
		case len(tr.Scores) > 0:
			tr.Reference = &tr.Scores[0]
		}
		d.Measures = append(d.Measures, m)
		d.Trends = append(d.Trends, tr)
	}
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
		row := SessionRow{At: s.At.In(loc), Number: d.Assessment.SessionNumber(s), Route: s.Route,
			BPBefore: s.BPBefore, BPAfter40: s.BPAfter40, BPDischarge: s.BPDischarge, Dissociation: s.Dissociation}
		routes[s.Route]++
		if s.Dose != nil {
			row.Dose = s.Dose.String()
		}
		row.PreDoseHigh = s.BPBefore != nil && s.BPBefore.High()
		if row.PreDoseHigh {
			d.PreDoseHigh++
		}
		if (s.BPAfter40 != nil && s.BPAfter40.High()) || (s.BPDischarge != nil && s.BPDischarge.High()) {
			d.AfterHigh++
		}
		if s.BPBefore != nil || s.BPAfter40 != nil || s.BPDischarge != nil {
			d.BPRecorded++
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
		var sleep, stress, mood sum
		for _, f := range followUps[s.ID] {
			if !f.Open() {
				sleep.addFloat(f.SleepHours)
				stress.add(f.Stress)
				mood.add(f.Mood)
			}
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
		row.Sleep, row.Stress, row.Mood = sleep.mean(), stress.mean(), mood.mean()
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

// sum adds up optional values for a mean.
type sum struct {
	total float64
	n     int
}

func (s *sum) add(v *int) {
	if v != nil {
		s.total += float64(*v)
		s.n++
	}
}

func (s *sum) addFloat(v *float64) {
	if v != nil {
		s.total += *v
		s.n++
	}
}

func (s sum) mean() progress.Mean {
	if s.n == 0 {
		return progress.Mean{}
	}
	return progress.Mean{Value: s.total / float64(s.n), N: s.n}
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
