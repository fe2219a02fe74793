package report

import (
	"math"
	"regexp"
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

func fp(v float64) *float64 { return &v }

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
			fs[i].Mood, fs[i].Stress, fs[i].SleepHours = ip(6), ip(3), fp(7.5)
		}
	}
	return fs
}

// export is a small history around now:
//
//   - an IV course from 5 January 2026 (induction of 6);
//   - sessions: IV on 20 November 2025 (before the default period and the course),
//     IV on 5 and 7 January 2026 (sessions 1 and 2 of the course) with one high
//     reading after dosing each (146/92 above 140, 138/95 above 90; 140/90 is on the
//     line, not above it) and, on 7 January, a pre-dose reading of 142/88,
//     nasal spray on 2 March, and an IV session planned for 10 March;
//   - PHQ-9: 20 on 1 November, 18 on 4 January (item 9 "several days"), 12 on 20
//     January, 8 on 25 February; GAD-7: 15 on 4 January, 7 on 25 February;
//   - checklists: 7 of 10 and 10 of 10; none for the nasal session;
//   - follow-ups (each answered one: mood 6, stress 3, 7.5 hours of sleep): 5 January
//     all four answered, one late; 7 January two answered, two never; 2 March: two
//     of four due at now, one answered, one still open.
func export() Records {
	s1 := model.Session{ID: 1, At: at(2025, 11, 20, 10), Status: model.StatusDone, Route: model.RouteIV}
	s2 := model.Session{ID: 2, At: at(2026, 1, 5, 10), Status: model.StatusDone, Route: model.RouteIV,
		Dose:       &model.Dose{Amount: 0.5, Unit: model.UnitMgPerKg},
		MoodBefore: ip(3), MoodAfter: ip(6), Dissociation: ip(6),
		BPBefore:    &model.BloodPressure{Systolic: 128, Diastolic: 82},
		BPAfter40:   &model.BloodPressure{Systolic: 146, Diastolic: 92},
		BPDischarge: &model.BloodPressure{Systolic: 132, Diastolic: 84},
		SideEffects: []string{"Nausea", "Raised blood pressure"},
	}
	s3 := model.Session{ID: 3, At: at(2026, 1, 7, 10), Status: model.StatusDone, Route: model.RouteIV,
		Dose:        &model.Dose{Amount: 0.5, Unit: model.UnitMgPerKg},
		BPBefore:    &model.BloodPressure{Systolic: 142, Diastolic: 88}, // above 140 before dosing
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

// TestBuildSessions checks the sessions table and its counts: the number in the
// course, the dose as recorded, the three readings with the pre-dose one marked
// against 140/90 (docs/clinical.md, "Blood pressure around a session": "the clinician
// report shows all three readings and marks the pre-dose one against 140/90"),
// dissociation, and the follow-up means of the 72 hours after.
func TestBuildSessions(t *testing.T) {
	d := Build(export(), Options{Now: now})
	want := []struct {
		number              int
		dose, before        string
		preHigh             bool
		dissociation        string
		sleep, stress, mood float64 // NaN for none
		fuA, fuDue          int
	}{
		{1, "0.5 mg/kg", "128/82", false, "6", 7.5, 3, 6, 4, 4},
		{2, "0.5 mg/kg", "142/88", true, "–", 7.5, 3, 6, 2, 4},
		{0, "3 nasal devices", "", false, "–", 7.5, 3, 6, 1, 2}, // nasal spray: not part of the IV course
	}
	if len(d.Sessions) != len(want) {
		t.Fatalf("Build(default).Sessions has %d rows, want %d", len(d.Sessions), len(want))
	}
	for i, w := range want {
		s := d.Sessions[i]
		if s.Number != w.number || s.Dose != w.dose || bpText(s.BPBefore) != orDash(w.before) || s.PreDoseHigh != w.preHigh || scale(s.Dissociation) != w.dissociation {
			t.Errorf("Build(default).Sessions[%d] = number %d, dose %q, before %v (high %v), dissociation %s; want %d, %q, %q (%v), %s",
				i, s.Number, s.Dose, s.BPBefore, s.PreDoseHigh, scale(s.Dissociation), w.number, w.dose, w.before, w.preHigh, w.dissociation)
		}
		if s.Sleep.Value != w.sleep || s.Stress.Value != w.stress || s.Mood.Value != w.mood || s.FollowUps != (FollowUpCount{w.fuA, w.fuDue}) {
			t.Errorf("Build(default).Sessions[%d] 72 hours after = sleep %v, stress %v, mood %v, follow-ups %v", i, s.Sleep, s.Stress, s.Mood, s.FollowUps)
		}
	}
	if s := d.Sessions[0]; bpText(s.BPAfter40) != "146/92" || bpText(s.BPDischarge) != "132/84" {
		t.Errorf("Build(default).Sessions[0] readings after = %v, %v; want all three readings", s.BPAfter40, s.BPDischarge)
	}
	if d.PreDoseHigh != 1 || d.AfterHigh != 2 || d.BPRecorded != 2 {
		t.Errorf("Build(default) blood pressure = %d high before dosing, %d after, of %d; want 1, 2 of 2", d.PreDoseHigh, d.AfterHigh, d.BPRecorded)
	}
	wantRoutes := []RouteCount{{model.RouteIV, 2}, {model.RouteNasal, 1}}
	if !slices.Equal(d.Routes, wantRoutes) {
		t.Errorf("Build(default).Routes = %v, want %v", d.Routes, wantRoutes)
	}
	if d.NextPlanned == nil || !d.NextPlanned.At.Equal(at(2026, 3, 10, 10)) {
		t.Errorf("Build(default).NextPlanned = %v, want the IV session of 10 March", d.NextPlanned)
	}
	if got := meanText(d.Sessions[0].Sleep); got != "7.5" || meanText(progress.Mean{}) != "–" {
		t.Errorf("meanText = %q", got)
	}
}

// TestBuildMeasures checks the baseline, end point and latest of each questionnaire,
// over the course whatever the period (docs/clinical.md PHQ-9 "Baseline"; bands: PHQ-9
// "15-19 moderately severe", GAD-7 "15-21 severe").
func TestBuildMeasures(t *testing.T) {
	score := func(s *progress.Score) string {
		if s == nil {
			return "–"
		}
		return strconv.Itoa(s.Total) + " " + longDate(s.At)
	}
	tests := []struct {
		name                       string
		change                     func(*Records)
		opt                        Options
		phqBase, phqEnd, phqLatest string
		gadBase, gadLatest         string
		pcl                        string // the PCL-5's baseline and latest, "" when not shown
		phqN                       int
	}{
		{"default", nil, Options{Now: now}, "18 4 Jan 2026", "–", "8 25 Feb 2026", "15 4 Jan 2026", "7 25 Feb 2026", "", 3},
		{"a period without questionnaires: still the course's", nil, Options{Now: now, From: at(2026, 3, 1, 0)},
			"18 4 Jan 2026", "–", "8 25 Feb 2026", "15 4 Jan 2026", "7 25 Feb 2026", "", 3},
		{"the induction judged at its end point", completeInduction, Options{Now: now},
			"18 4 Jan 2026", "9 6 Feb 2026", "8 25 Feb 2026", "15 4 Jan 2026", "7 25 Feb 2026", "", 4},
		{"a PCL-5 in use", func(e *Records) {
			e.Questionnaires = append(e.Questionnaires, pcl(at(2025, 12, 20, 19), 44), pcl(at(2026, 2, 20, 19), 30))
		}, Options{Now: now}, "18 4 Jan 2026", "–", "8 25 Feb 2026", "15 4 Jan 2026", "7 25 Feb 2026", "44 20 Dec 2025 / 30 20 Feb 2026", 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := export()
			if tt.change != nil {
				tt.change(&e)
			}
			d := Build(e, tt.opt)
			if len(d.Measures) < 2 || d.Measures[0].Instrument != model.PHQ9 || d.Measures[1].Instrument != model.GAD7 || len(d.Trends) != len(d.Measures) {
				t.Fatalf("Build(%v).Measures = %+v", tt.name, d.Measures)
			}
			p, g := d.Measures[0], d.Measures[1]
			if score(p.Baseline) != tt.phqBase || score(p.EndPoint) != tt.phqEnd || score(p.Latest) != tt.phqLatest || p.N != tt.phqN {
				t.Errorf("PHQ-9 = baseline %s, end point %s, latest %s, n %d; want %s, %s, %s, %d",
					score(p.Baseline), score(p.EndPoint), score(p.Latest), p.N, tt.phqBase, tt.phqEnd, tt.phqLatest, tt.phqN)
			}
			if score(g.Baseline) != tt.gadBase || score(g.Latest) != tt.gadLatest || g.EndPoint != nil {
				t.Errorf("GAD-7 = baseline %s, latest %s, end point %v", score(g.Baseline), score(g.Latest), g.EndPoint)
			}
			pclShown := ""
			if len(d.Measures) == 3 {
				m := d.Measures[2]
				pclShown = score(m.Baseline) + " / " + score(m.Latest)
				if tr := d.Trends[2]; tr.Reference == nil || !tr.RefIsBaseline || tr.Reference.Total != 44 {
					t.Errorf("PCL-5 trend reference = %+v, want its baseline", tr.Reference)
				}
			}
			if pclShown != tt.pcl {
				t.Errorf("PCL-5 = %q, want %q", pclShown, tt.pcl)
			}
		})
	}
	// Bands and texts, as published.
	if got := scoreText(model.PHQ9, &progress.Score{Total: 18}); got != "18 moderately severe" {
		t.Errorf("scoreText(PHQ-9 18) = %q", got)
	}
	if got := scoreText(model.GAD7, &progress.Score{Total: 16}); got != "16 severe" {
		t.Errorf("scoreText(GAD-7 16) = %q", got)
	}
	if got := scoreText(model.PCL5, &progress.Score{Total: 44}); got != "44" {
		t.Errorf("scoreText(PCL-5 44) = %q: the PCL-5 has no bands", got)
	}
	for _, tt := range []struct {
		in   *model.Instrument
		b, s int
		want string
	}{
		{model.PHQ9, 18, 9, "≥50% fall"}, {model.PHQ9, 18, 10, "<50% fall"}, {model.PHQ9, 12, 4, "remission range (<5)"},
		{model.PHQ9, 8, 2, "response n/a (baseline ≤9)"}, {model.PCL5, 44, 34, "clinically meaningful (≥10)"},
		{model.PCL5, 44, 39, "reliable change (5-10)"}, {model.PCL5, 44, 40, "below reliable change (<5)"},
	} {
		if got := changeMeaning(tt.in, tt.b, tt.s); got != tt.want {
			t.Errorf("changeMeaning(%s, %d, %d) = %q, want %q", tt.in.Name, tt.b, tt.s, got, tt.want)
		}
	}
	if got := signedChange(18, 8); got != "−10 (−56%)" {
		t.Errorf("signedChange(18, 8) = %q", got)
	}
}

// completeInduction adds the rest of the IV induction (9-16 January) and a PHQ-9 on
// day 21 after it (6 February).
func completeInduction(e *Records) {
	for i, d := range []int{9, 12, 14, 16} {
		e.Sessions = append(e.Sessions, model.Session{ID: uint64(10 + i), At: at(2026, 1, d, 10), Status: model.StatusDone, Route: model.RouteIV})
	}
	e.Questionnaires = append(e.Questionnaires, phq(at(2026, 2, 6, 19), 9, 0))
}

func pcl(t time.Time, total int) model.Response {
	a := make([]int, 20)
	for i := range a {
		a[i] = min(4, total)
		total -= a[i]
	}
	return model.Response{Instrument: model.PCL5.ID, At: t, Answers: a}
}

// TestBuildFlagsAndItem9 checks that deterioration flags and every positive PHQ-9 item
// 9 of the course are on the report whatever its period (docs/clinical.md PHQ-9,
// "Deterioration"; item 9 "Any answer above 0 must show the crisis card at once").
func TestBuildFlagsAndItem9(t *testing.T) {
	e := export()
	e.Questionnaires = append(e.Questionnaires, gad(at(2026, 3, 1, 19), 11)) // +4 from the previous GAD-7
	d := Build(e, Options{Now: now, From: at(2026, 3, 1, 0)})                // March only
	if len(d.Assessment.Item9) != 1 || !d.Assessment.Item9[0].At.Equal(at(2026, 1, 4, 19)) || d.Assessment.Item9Answered != 3 {
		t.Errorf("item 9 = %+v of %d, want the positive answer of 4 January, outside the period", d.Assessment.Item9, d.Assessment.Item9Answered)
	}
	g := d.Measures[1]
	if g.Flag == nil || g.Flag.FromPrevious == nil || g.Flag.FromPrevious.Points != 4 || g.Flag.FromBaseline != nil {
		t.Fatalf("GAD-7 flag = %+v, want +4 from the previous", g.Flag)
	}
	if d.Measures[0].Flag != nil {
		t.Errorf("PHQ-9 flag = %+v, want none", d.Measures[0].Flag)
	}
}

// TestBuildVerdict checks the verdict of docs/clinical.md (PHQ-9) as the report words
// it, for the course judged at the end of the period or at now.
func TestBuildVerdict(t *testing.T) {
	noCourse := func(e *Records) { e.Courses = nil }
	tests := []struct {
		name   string
		change func(*Records)
		opt    Options
		course string
		want   []string
	}{
		{"course, too early", nil, Options{Now: now}, "IV ketamine course",
			[]string{"Induction series not yet judged (2 of 6 sessions done). Baseline PHQ-9 18 (4 Jan 2026) → 8 (25 Feb 2026): −10 (−56%) so far."}},
		{"judged at the end point, the response held", completeInduction, Options{Now: now}, "IV ketamine course",
			[]string{"Induction end point: baseline PHQ-9 18 (4 Jan 2026) → 9 (6 Feb 2026), day 21 after the last induction session (16 Jan 2026): −9 (−50%): response (≥50% fall); not remission (score ≥5).",
				"Latest PHQ-9 8 (25 Feb 2026) against baseline: −10 (−56%): response held."}},
		{"period ends before a PHQ-9 since the first session", nil, Options{Now: now, From: at(2026, 1, 1, 0), To: at(2026, 1, 10, 0)}, "IV ketamine course",
			[]string{"Not enough data: baseline PHQ-9 18 (4 Jan 2026); none since the first session (5 Jan 2026)."}},
		{"latest PHQ-9 too old", nil, Options{Now: at(2026, 3, 20, 12)}, "IV ketamine course",
			[]string{"Not enough data: baseline PHQ-9 18 (4 Jan 2026); latest 8 (25 Feb 2026) is more than 14 days old."}},
		{"no course: from the first session ever, whose PHQ-9 is too old", noCourse, Options{Now: now}, "",
			[]string{"Not enough data: the last PHQ-9 before the first session (20 Nov 2025) is 20 (1 Nov 2025), more than 14 days earlier, so not used as a baseline."}},
		{"no session at all", func(e *Records) { e.Sessions = nil; e.Courses = nil }, Options{Now: now}, "",
			[]string{"Not enough data: no session recorded as done."}},
		{"the latest of two courses", func(e *Records) {
			c := model.NewCourse(model.CourseNasal, at(2026, 3, 1, 0))
			c.ID = 2
			e.Courses = append(e.Courses, c)
		}, Options{Now: now}, "Esketamine (Spravato) course",
			[]string{"Not enough data: baseline PHQ-9 8 (25 Feb 2026); none since the first session (2 Mar 2026)."}},
		{"a clinic-form baseline", func(e *Records) {
			e.Questionnaires[1].Source = model.SourceClinicForm
		}, Options{Now: now}, "IV ketamine course",
			[]string{"Induction series not yet judged (2 of 6 sessions done). Baseline PHQ-9 18 (4 Jan 2026) → 8 (25 Feb 2026): −10 (−56%) so far.",
				"Baseline entered from a clinic (paper) form; paper and app scores are not interchangeable."}},
	}
	you := regexp.MustCompile(`(?i)\byou(r|rself)?\b`)
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
			if !slices.Equal(v.Lines, tt.want) {
				t.Errorf("Build(%v).Verdict =\n%q\nwant\n%q", tt.name, v.Lines, tt.want)
			}
			for _, l := range v.Lines {
				if strings.Contains(strings.ToLower(l), "fail") || you.MatchString(l) {
					t.Errorf("Build(%v).Verdict line %q speaks of failure or to the patient", tt.name, l)
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
	if d.SessionCount != 0 || len(d.Measures) != 2 || d.Measures[0].Latest != nil || d.Assessment.Verdict.Outcome != progress.NotEnoughData {
		t.Errorf("Build(empty export) = %d sessions, measures %+v, verdict %v; want 0, two empty, not enough data",
			d.SessionCount, d.Measures, d.Assessment.Verdict.Outcome)
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
