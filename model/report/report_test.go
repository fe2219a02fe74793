package report

import (
	"math"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"keel/model"
	"keel/model/progress"
)

// loc is the user's location in the tests: five hours behind UTC.
var loc = time.FixedZone("UTC-5", -5*3600)

// now is the tests' clock: Tuesday 3 March 2026, 6 pm.
var now = time.Date(2026, 3, 3, 18, 0, 0, 0, loc)

func at(y int, m time.Month, d, hour int) time.Time { return time.Date(y, m, d, hour, 0, 0, 0, loc) }

func ip(v int) *int { return &v }

func tp(t time.Time) *time.Time { return &t }

// answers spreads total over n items of 0..3 from the first item, leaving the last
// (PHQ-9 item 9) at item9.
func answers(total, n, item9 int) []int {
	a := make([]int, n)
	a[n-1] = item9
	total -= item9
	for i := range n - 1 {
		a[i] = min(3, total)
		total -= a[i]
	}
	return a
}

func phq(t time.Time, total, item9 int) model.Response {
	r := model.Response{Instrument: model.PHQ9.ID, At: t, Answers: answers(total, 9, item9)}
	return r
}

func gad(t time.Time, total int) model.Response {
	r := model.Response{Instrument: model.GAD7.ID, At: t, Answers: answers(total, 7, 0)}
	return r
}

// checklist has total items of which done are ticked.
func checklist(id uint64, done, total int) model.Checklist {
	c := model.Checklist{SessionID: id, Route: model.RouteIV}
	for i := range total {
		it := model.ChecklistItem{Text: "item"}
		if i < done {
			it.DoneAt = tp(now)
		}
		c.Items = append(c.Items, it)
	}
	return c
}

// followUps are the four follow-ups of s; filled[i] is how long after its due time
// step i was answered, or -1 for never.
func followUps(s model.Session, filled ...time.Duration) []model.FollowUp {
	fs := model.NewFollowUps(s)
	for i := range fs {
		if filled[i] >= 0 {
			fs[i].Filled = tp(fs[i].Due.Add(filled[i]))
			fs[i].Mood = ip(6)
		}
	}
	return fs
}

// export is a small history around now:
//
//   - an IV course from 5 January 2026 (induction of 6);
//   - sessions: IV on 20 November 2025 (before the default period), IV on 5 and 7
//     January 2026 with one high reading each (146/92 above 140, 138/95 above 90;
//     140/90 is on the line, not above it),
//     nasal spray on 2 March, and an IV session planned for 10 March;
//   - PHQ-9: 20 on 1 November, 18 on 4 January (item 9 "several days"), 12 on 20
//     January, 8 on 25 February; GAD-7: 15 on 4 January, 7 on 25 February;
//   - checklists: 7 of 10 and 10 of 10; none for the nasal session;
//   - follow-ups: 5 January all four answered, one late; 7 January two answered, two
//     never; 2 March: two of four due at now, one answered, one still open.
func export() Records {
	s1 := model.Session{ID: 1, At: at(2025, 11, 20, 10), Status: model.StatusDone, Route: model.RouteIV}
	s2 := model.Session{ID: 2, At: at(2026, 1, 5, 10), Status: model.StatusDone, Route: model.RouteIV,
		Dose:       &model.Dose{Amount: 0.5, Unit: model.UnitMgPerKg},
		MoodBefore: ip(3), MoodAfter: ip(6),
		BPBefore:    &model.BloodPressure{Systolic: 128, Diastolic: 82},
		BPAfter40:   &model.BloodPressure{Systolic: 146, Diastolic: 92},
		BPDischarge: &model.BloodPressure{Systolic: 132, Diastolic: 84},
		SideEffects: []string{"Nausea", "Raised blood pressure"},
	}
	s3 := model.Session{ID: 3, At: at(2026, 1, 7, 10), Status: model.StatusDone, Route: model.RouteIV,
		Dose:        &model.Dose{Amount: 0.5, Unit: model.UnitMgPerKg},
		BPBefore:    &model.BloodPressure{Systolic: 120, Diastolic: 80},
		BPAfter40:   &model.BloodPressure{Systolic: 138, Diastolic: 95},
		BPDischarge: &model.BloodPressure{Systolic: 140, Diastolic: 90}, // on the line: not above it
	}
	s4 := model.Session{ID: 4, At: at(2026, 3, 2, 10), Status: model.StatusDone, Route: model.RouteNasal,
		Dose: &model.Dose{Amount: 3, Unit: model.UnitDevices}}
	s5 := model.Session{ID: 5, At: at(2026, 3, 10, 10), Status: model.StatusPlanned, Route: model.RouteIV}
	const never = -1
	var fus []model.FollowUp
	fus = append(fus, followUps(s2, time.Hour, time.Hour, 30*time.Hour, time.Hour)...) // step 2 closes 24 h after it is due
	fus = append(fus, followUps(s3, time.Hour, never, time.Hour, never)...)
	fus = append(fus, followUps(s4, time.Hour, never, never, never)...) // steps 2 and 3 are not due at now
	return Records{
		Settings:   &model.Settings{QuestionnaireDays: 7, ReportName: "Zoë Ψ Ёлка"},
		Sessions:   []model.Session{s4, s2, s1, s3, s5}, // any order
		Checklists: []model.Checklist{checklist(2, 7, 10), checklist(3, 10, 10), checklist(1, 0, 10)},
		Questionnaires: []model.Response{
			phq(at(2025, 11, 1, 19), 20, 0),
			phq(at(2026, 1, 4, 19), 18, 1), gad(at(2026, 1, 4, 19), 15),
			phq(at(2026, 1, 20, 19), 12, 0),
			phq(at(2026, 2, 25, 19), 8, 0), gad(at(2026, 2, 25, 19), 7),
		},
		CheckIns: []model.CheckIn{
			{At: at(2025, 12, 1, 21), Mood: ip(3)}, // before the period
			{At: at(2026, 1, 6, 21), Mood: ip(5)},
			{At: at(2026, 1, 6, 22), Mood: ip(6)},
			{At: at(2026, 2, 1, 21), Mood: ip(6)},
		},
		FollowUps: fus,
		Courses:   []model.Course{{ID: 1, Name: "IV ketamine course", Template: model.CourseIV, Route: model.RouteIV, Start: at(2026, 1, 5, 0), Phases: model.NewCourse(model.CourseIV, now).Phases}},
	}
}

func TestBuildPeriod(t *testing.T) {
	tests := []struct {
		name                string
		opt                 Options
		wantFrom, wantTo    time.Time
		wantDays, wantSoFar int
		wantSessions        int
	}{
		{"default: the last 90 days", Options{Now: now}, at(2025, 12, 4, 0), at(2026, 3, 3, 0), 90, 90, 3},
		{"from and to", Options{Now: now, From: at(2026, 1, 5, 15), To: at(2026, 1, 7, 3)}, at(2026, 1, 5, 0), at(2026, 1, 7, 0), 3, 3, 2},
		{"swapped", Options{Now: now, From: at(2026, 1, 7, 3), To: at(2026, 1, 5, 15)}, at(2026, 1, 5, 0), at(2026, 1, 7, 0), 3, 3, 2},
		{"to only: 90 days before it", Options{Now: now, To: at(2026, 1, 6, 12)}, at(2025, 10, 9, 0), at(2026, 1, 6, 0), 90, 90, 2},
		{"a year", Options{Now: now, From: at(2025, 3, 4, 0)}, at(2025, 3, 4, 0), at(2026, 3, 3, 0), 365, 365, 4},
		{"the day of the last session only", Options{Now: now, From: at(2026, 3, 2, 23), To: at(2026, 3, 2, 0)}, at(2026, 3, 2, 0), at(2026, 3, 2, 0), 1, 1, 1},
		{"ending after now", Options{Now: now, From: at(2026, 3, 1, 0), To: at(2026, 3, 10, 0)}, at(2026, 3, 1, 0), at(2026, 3, 10, 0), 10, 3, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := Build(export(), tt.opt)
			if !d.From.Equal(tt.wantFrom) || !d.To.Equal(tt.wantTo) || d.Days != tt.wantDays || d.Elapsed != tt.wantSoFar {
				t.Errorf("Build(%v) period = %v to %v (%d days, %d so far), want %v to %v (%d days, %d so far)",
					tt.name, d.From, d.To, d.Days, d.Elapsed, tt.wantFrom, tt.wantTo, tt.wantDays, tt.wantSoFar)
			}
			if d.SessionCount != tt.wantSessions || len(d.Sessions) != tt.wantSessions {
				t.Errorf("Build(%v).SessionCount = %d (%d rows), want %d", tt.name, d.SessionCount, len(d.Sessions), tt.wantSessions)
			}
			for i := 1; i < len(d.Sessions); i++ {
				if d.Sessions[i].At.Before(d.Sessions[i-1].At) {
					t.Errorf("Build(%v).Sessions are not in time order: %v before %v", tt.name, d.Sessions[i-1].At, d.Sessions[i].At)
				}
			}
		})
	}
}

// TestBuildLocation checks that days are counted on the calendar of Loc: 5 January
// 10 am at UTC-5 is 5 January in UTC too, but 2 March 10 pm at UTC-5 is 3 March in UTC.
func TestBuildLocation(t *testing.T) {
	e := export()
	e.Sessions[0].At = at(2026, 3, 2, 22) // the nasal session, late evening
	opt := Options{Now: now, From: at(2026, 3, 2, 0), To: at(2026, 3, 2, 0)}
	if got := Build(e, opt).SessionCount; got != 1 {
		t.Errorf("Build(2 March at UTC-5).SessionCount = %d, want 1", got)
	}
	opt.Loc = time.UTC
	if got := Build(e, opt).SessionCount; got != 0 {
		t.Errorf("Build(2 March in UTC).SessionCount = %d, want 0 (the session is on 3 March in UTC)", got)
	}
}

// TestBuildMidnight checks that a record at midnight belongs to the day it starts.
func TestBuildMidnight(t *testing.T) {
	e := export()
	e.Sessions[0].At = at(2026, 3, 2, 0) // the nasal session
	for _, tt := range []struct {
		day  int
		want int
	}{{1, 0}, {2, 1}} {
		opt := Options{Now: now, From: at(2026, 3, tt.day, 12), To: at(2026, 3, tt.day, 12)}
		if got := Build(e, opt).SessionCount; got != tt.want {
			t.Errorf("Build(%d March).SessionCount = %d, want %d (the session is at midnight starting 2 March)", tt.day, got, tt.want)
		}
	}
}

func TestBuildName(t *testing.T) {
	tests := []struct {
		name     string
		settings *model.Settings
		opt      string
		want     string
	}{
		{"from the settings", &model.Settings{ReportName: "Zoë Ψ Ёлка"}, "", "Zoë Ψ Ёлка"},
		{"option overrides", &model.Settings{ReportName: "Zoë"}, "  Ελένη  ", "Ελένη"},
		{"no settings", nil, "", ""},
		{"blank in settings", &model.Settings{ReportName: "   "}, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := export()
			e.Settings = tt.settings
			if got := Build(e, Options{Now: now, Name: tt.opt}).Name; got != tt.want {
				t.Errorf("Build(%v).Name = %q, want %q", tt.name, got, tt.want)
			}
		})
	}
}

// TestBuildSessions checks the sessions table and its counts: blood pressure above
// 140/90 flagged (docs/clinical.md, "Blood pressure around a session": "Keel flags a
// reading above 140 systolic or 90 diastolic"), doses as recorded, preparation.
func TestBuildSessions(t *testing.T) {
	d := Build(export(), Options{Now: now})
	want := []struct {
		dose       string
		bp         string
		high       int
		prep       string
		fuA, fuDue int
	}{
		{"0.5 mg/kg", "146/92", 1, "7 of 10", 4, 4},
		{"0.5 mg/kg", "138/95", 1, "10 of 10", 2, 4},
		{"3 nasal devices", "", 0, "", 1, 2},
	}
	if len(d.Sessions) != len(want) {
		t.Fatalf("Build(default).Sessions has %d rows, want %d", len(d.Sessions), len(want))
	}
	for i, w := range want {
		s := d.Sessions[i]
		bp, prep := "", ""
		if s.BP != nil {
			bp = s.BP.String()
		}
		if s.Prep != nil {
			prep = s.Prep.String()
		}
		if s.Dose != w.dose || bp != w.bp || s.High != w.high || prep != w.prep || s.FollowUps != (FollowUpCount{w.fuA, w.fuDue}) {
			t.Errorf("Build(default).Sessions[%d] = dose %q, BP %q, high %d, prep %q, follow-ups %v; want %q, %q, %d, %q, {%d %d}",
				i, s.Dose, bp, s.High, prep, s.FollowUps, w.dose, w.bp, w.high, w.prep, w.fuA, w.fuDue)
		}
	}
	if d.HighBP != 2 || d.BPRecorded != 2 {
		t.Errorf("Build(default) blood pressure = %d sessions high of %d with a reading; want 2 of 2", d.HighBP, d.BPRecorded)
	}
	wantRoutes := []RouteCount{{model.RouteIV, 2}, {model.RouteNasal, 1}}
	if !slices.Equal(d.Routes, wantRoutes) {
		t.Errorf("Build(default).Routes = %v, want %v", d.Routes, wantRoutes)
	}
	if d.NextPlanned == nil || !d.NextPlanned.At.Equal(at(2026, 3, 10, 10)) {
		t.Errorf("Build(default).NextPlanned = %v, want the IV session of 10 March", d.NextPlanned)
	}
}

func TestBuildPreparationAndFollowUps(t *testing.T) {
	tests := []struct {
		name string
		opt  Options
		prep Preparation
		fu   FollowUps
	}{
		// (7/10 + 10/10) / 2 = 0.85; the nasal session has no checklist.
		{"default", Options{Now: now}, Preparation{Sessions: 2, Without: 1, Mean: 0.85, Full: 1},
			FollowUps{Due: 10, Answered: 7, Late: 1, Missed: 2, Pending: 1}},
		{"January", Options{Now: now, From: at(2026, 1, 1, 0), To: at(2026, 1, 31, 0)}, Preparation{Sessions: 2, Mean: 0.85, Full: 1},
			FollowUps{Due: 8, Answered: 6, Late: 1, Missed: 2}},
		// The November session's checklist has nothing ticked.
		{"November", Options{Now: now, From: at(2025, 11, 1, 0), To: at(2025, 11, 30, 0)}, Preparation{Sessions: 1, Mean: 0}, FollowUps{}},
		{"February: nothing", Options{Now: now, From: at(2026, 2, 1, 0), To: at(2026, 2, 28, 0)}, Preparation{}, FollowUps{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := Build(export(), tt.opt)
			if got := d.Preparation; got.Sessions != tt.prep.Sessions || got.Without != tt.prep.Without || got.Full != tt.prep.Full || math.Abs(got.Mean-tt.prep.Mean) > 1e-9 {
				t.Errorf("Build(%v).Preparation = %+v, want %+v", tt.name, got, tt.prep)
			}
			if d.FollowUps != tt.fu {
				t.Errorf("Build(%v).FollowUps = %+v, want %+v", tt.name, d.FollowUps, tt.fu)
			}
		})
	}
}

// TestBuildScores checks the latest scores and their bands (docs/clinical.md, PHQ-9: "5-9
// mild, 10-14 moderate, 15-19 moderately severe"; GAD-7: "5-9 mild ... 15-21 severe"),
// and PHQ-9 item 9.
func TestBuildScores(t *testing.T) {
	tests := []struct {
		name           string
		opt            Options
		phq, gad       string // "total band" of the latest, "" for none
		phqFirst       int    // -1 for none
		item9, item9Of int
	}{
		{"default", Options{Now: now}, "8 mild", "7 mild", 18, 1, 3},
		{"January", Options{Now: now, From: at(2026, 1, 1, 0), To: at(2026, 1, 31, 0)}, "12 moderate", "15 severe", 18, 1, 2},
		{"4 January", Options{Now: now, From: at(2026, 1, 4, 0), To: at(2026, 1, 4, 0)}, "18 moderately severe", "15 severe", -1, 1, 1},
		{"November", Options{Now: now, From: at(2025, 11, 1, 0), To: at(2025, 11, 30, 0)}, "20 severe", "", -1, 0, 1},
		{"December", Options{Now: now, From: at(2025, 12, 1, 0), To: at(2025, 12, 31, 0)}, "", "", -1, 0, 0},
	}
	text := func(l *Latest) string {
		if l == nil {
			return ""
		}
		return strconv.Itoa(l.Total) + " " + l.Band
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := Build(export(), tt.opt)
			if got := text(d.PHQ9); got != tt.phq {
				t.Errorf("Build(%v).PHQ9 = %q, want %q", tt.name, got, tt.phq)
			}
			if got := text(d.GAD7); got != tt.gad {
				t.Errorf("Build(%v).GAD7 = %q, want %q", tt.name, got, tt.gad)
			}
			first := -1
			if d.PHQ9 != nil && d.PHQ9.First != nil {
				first = *d.PHQ9.First
			}
			if first != tt.phqFirst {
				t.Errorf("Build(%v).PHQ9.First = %d, want %d", tt.name, first, tt.phqFirst)
			}
			if d.Item9.Positive != tt.item9 || d.Item9.Answered != tt.item9Of {
				t.Errorf("Build(%v).Item9 = %d of %d above 0, want %d of %d", tt.name, d.Item9.Positive, d.Item9.Answered, tt.item9, tt.item9Of)
			}
			if tt.item9 > 0 && (!d.Item9.Latest.Equal(at(2026, 1, 4, 19)) || d.Item9.LatestAnswer != 1) {
				t.Errorf("Build(%v).Item9 latest = %v answer %d, want 4 January answer 1", tt.name, d.Item9.Latest, d.Item9.LatestAnswer)
			}
		})
	}
}

func TestBuildScoreTable(t *testing.T) {
	d := Build(export(), Options{Now: now})
	st := d.Scores
	// 4 December 2025 is a Thursday, 3 March 2026 a Tuesday: the weeks of 1 December to 2 March.
	if st.Monthly || len(st.Rows) != 14 || st.Hidden != 0 {
		t.Fatalf("Build(default).Scores = monthly %v, %d rows, %d hidden; want weekly, 14, 0", st.Monthly, len(st.Rows), st.Hidden)
	}
	if !st.Rows[0].Start.Equal(at(2025, 12, 1, 0)) || !st.Rows[13].Start.Equal(at(2026, 3, 2, 0)) {
		t.Errorf("Build(default).Scores weeks = %v to %v, want 1 December to 2 March", st.Rows[0].Start, st.Rows[13].Start)
	}
	// The week of 29 December holds 4 January (a Sunday) and the one of 5 January both IV sessions.
	if r := st.Rows[4]; r.PHQ9 != (Cell{Mean: 18, Min: 18, Max: 18, N: 1, Band: "moderately severe"}) || r.GAD7.Band != "severe" || r.Sessions != 0 {
		t.Errorf("Build(default).Scores.Rows[4] = %+v, want PHQ-9 18 moderately severe, GAD-7 severe, no session", r)
	}
	if r := st.Rows[5]; r.PHQ9.N != 0 || r.Sessions != 2 {
		t.Errorf("Build(default).Scores.Rows[5] = %+v, want no PHQ-9 and 2 sessions", r)
	}
	if len(d.Weeks) != 14 || !d.Weeks[4].PHQ9.Valid() || d.Weeks[4].PHQ9.Value != 18 {
		t.Errorf("Build(default).Weeks = %d weeks, week 4 PHQ-9 %v; want 14 weeks and 18", len(d.Weeks), d.Weeks[4].PHQ9)
	}

	// A year: months, the latest 12 of 13 (March 2025 to March 2026).
	e := export()
	e.Questionnaires = append(e.Questionnaires, phq(at(2026, 2, 26, 19), 6, 0))
	d = Build(e, Options{Now: now, From: at(2025, 3, 4, 0)})
	st = d.Scores
	if !st.Monthly || len(st.Rows) != MaxMonthlyRows || st.Hidden != 1 {
		t.Fatalf("Build(a year).Scores = monthly %v, %d rows, %d hidden; want monthly, %d, 1", st.Monthly, len(st.Rows), st.Hidden, MaxMonthlyRows)
	}
	feb := st.Rows[len(st.Rows)-2]
	if !feb.Start.Equal(at(2026, 2, 1, 0)) || feb.PHQ9 != (Cell{Mean: 7, Min: 6, Max: 8, N: 2}) {
		t.Errorf("Build(a year) February = %v %+v, want 1 February, mean 7 of 2 (6-8) without a band", feb.Start, feb.PHQ9)
	}
	if nov := st.Rows[len(st.Rows)-5]; nov.PHQ9.Band != "severe" || nov.Sessions != 1 {
		t.Errorf("Build(a year) November = %+v, want PHQ-9 severe and 1 session", nov)
	}
}

// TestBuildVerdict checks the verdict against docs/clinical.md ("PHQ-9"): response is a
// fall of 50% or more from the baseline, the last PHQ-9 on or before the first session
// of a course; no baseline or no PHQ-9 in the last 14 days is "not enough data yet".
func TestBuildVerdict(t *testing.T) {
	noCourse := func(e *Records) { e.Courses = nil }
	tests := []struct {
		name   string
		change func(*Records)
		opt    Options
		course string
		want   string // the first line
	}{
		{"course, response so far", nil, Options{Now: now}, "IV ketamine course",
			"So far: baseline 18 → now 8: 56% lower: response; not yet remission"},
		{"period ends before a PHQ-9 since the first session", nil, Options{Now: now, From: at(2026, 1, 1, 0), To: at(2026, 1, 10, 0)}, "IV ketamine course",
			"Not enough data yet: there is no PHQ-9 since your first session (5 Jan 2026). Answer a PHQ-9 to compare with your baseline of 18."},
		{"latest PHQ-9 too old", nil, Options{Now: at(2026, 3, 20, 12)}, "IV ketamine course",
			"Not enough data yet: your latest PHQ-9 is from 25 Feb 2026, more than 14 days ago. Answer a PHQ-9 to see where you stand now."},
		{"no course: from the first session ever", noCourse, Options{Now: now}, "",
			"So far: baseline 20 → now 8: 60% lower: response; not yet remission"},
		{"course starts after the period: none", nil, Options{Now: now, To: at(2026, 1, 4, 0)}, "",
			"So far: baseline 20 → now 18: 10% lower: no response yet (a response is 50% or more lower)"},
		{"no response yet", func(e *Records) {
			e.Questionnaires = append(e.Questionnaires, phq(at(2026, 3, 1, 19), 11, 0))
		}, Options{Now: now}, "IV ketamine course",
			"So far: baseline 18 → now 11: 39% lower: no response yet (a response is 50% or more lower)"},
		{"no session at all", func(e *Records) { e.Sessions = nil; e.Courses = nil }, Options{Now: now}, "",
			"Not enough data yet: no session is marked done yet. The verdict compares a PHQ-9 from before the first session with a recent one."},
		{"the latest of two courses", func(e *Records) {
			c := model.NewCourse(model.CourseNasal, at(2026, 3, 1, 0))
			c.ID = 2
			e.Courses = append(e.Courses, c)
		}, Options{Now: now}, "Esketamine (Spravato) course",
			"Not enough data yet: there is no PHQ-9 since your first session (2 Mar 2026). Answer a PHQ-9 to compare with your baseline of 8."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := export()
			if tt.change != nil {
				tt.change(&e)
			}
			v := Build(e, tt.opt).Verdict
			if v.Course != tt.course {
				t.Errorf("Build(%v).Verdict.Course = %q, want %q", tt.name, v.Course, tt.course)
			}
			if len(v.Lines) == 0 || v.Lines[0] != tt.want {
				t.Errorf("Build(%v).Verdict = %q, want %q", tt.name, v.Lines, tt.want)
			}
			if v.Lines[len(v.Lines)-1] != progress.NotADiagnosis {
				t.Errorf("Build(%v).Verdict ends %q, want the not-a-diagnosis reminder", tt.name, v.Lines[len(v.Lines)-1])
			}
			for _, l := range v.Lines {
				if strings.Contains(strings.ToLower(l), "fail") && l != progress.LateResponders {
					t.Errorf("Build(%v).Verdict line %q speaks of failure", tt.name, l)
				}
			}
		})
	}
}

func TestBuildEmpty(t *testing.T) {
	d := Build(Records{}, Options{Now: now})
	if !d.Empty() {
		t.Errorf("Build(empty export).Empty() = false, want true")
	}
	if d.SessionCount != 0 || d.PHQ9 != nil || d.GAD7 != nil || len(d.Scores.Rows) != 14 || d.Verdict.Result.Outcome != progress.NotEnoughData {
		t.Errorf("Build(empty export) = %d sessions, PHQ-9 %v, GAD-7 %v, %d score rows, verdict %v; want 0, nil, nil, 14, not enough data",
			d.SessionCount, d.PHQ9, d.GAD7, len(d.Scores.Rows), d.Verdict.Result.Outcome)
	}
	if d := Build(export(), Options{Now: now}); d.Empty() {
		t.Errorf("Build(export).Empty() = true, want false")
	}
}

// TestBuildManySessions checks that the table keeps the latest MaxSessionRows sessions
// and counts all of them.
func TestBuildManySessions(t *testing.T) {
	e := export()
	e.Sessions = nil
	for i := range 40 {
		e.Sessions = append(e.Sessions, model.Session{ID: uint64(i + 1), At: at(2025, 12, 5, 10).AddDate(0, 0, 2*i), Status: model.StatusDone, Route: model.RouteIM})
	}
	d := Build(e, Options{Now: now})
	if d.SessionCount != 40 || len(d.Sessions) != MaxSessionRows || !d.Sessions[MaxSessionRows-1].At.Equal(at(2025, 12, 5, 10).AddDate(0, 0, 78)) {
		t.Errorf("Build(40 sessions) = %d counted, %d rows ending %v; want 40, %d, ending with the latest", d.SessionCount, len(d.Sessions), d.Sessions[len(d.Sessions)-1].At, MaxSessionRows)
	}
}
