package progress

import (
	"slices"
	"strings"
	"testing"
	"time"

	"keel/model"
)

// phq9Item9 is a PHQ-9 with the given total whose item 9 is answered item9.
func phq9Item9(t time.Time, total, item9 int) model.Response {
	a := answers(total-item9, 8, 3)
	return model.Response{Instrument: model.PHQ9.ID, At: t, Answers: append(a, item9)}
}

// pcl is a PCL-5 response with the given total.
func pcl(t time.Time, total int) model.Response {
	return model.Response{Instrument: model.PCL5.ID, At: t, Answers: answers(total, 20, 4)}
}

// scenario is one case of the clinical audit: what Keel must say.
type scenario struct {
	name      string
	line      string // the docs/clinical.md line it checks
	courses   []model.Course
	sessions  []model.Session
	responses []model.Response
	now       time.Time
	outcome   Outcome
	summary   string
	latest    string // the LatestLine, "" for none
	late      bool   // the late-responder fact shown
	expect    bool   // the expectations shown
	flags     []string
}

// auditScenarios are the cases of the clinical audit, each with the verdict
// docs/clinical.md gives it.
func auditScenarios() []scenario {
	iv := []model.Course{ivCourse()}
	// A year of IV treatment: the induction, then a booster every three weeks, and a
	// PHQ-9 every week that never falls by half.
	yearSessions := slices.Clone(full)
	for k := 1; k <= 16; k++ {
		s := done(at(2026, 2, 16+21*k, 10, 0), model.RouteIV)
		s.ID = uint64(6 + k)
		yearSessions = append(yearSessions, s)
	}
	year := []model.Response{phq(before, 20)}
	for d := at(2026, 2, 8, 19, 0); d.Before(at(2027, 2, 1, 0, 0)); d = d.AddDate(0, 0, 7) {
		year = append(year, phq(d, 17+int(d.Month())%2))
	}
	return []scenario{
		{"2 → 1", lineDoesNotApply, iv, full, []model.Response{phq(before, 2), phq(day21, 1)}, testNow, DoesNotApply,
			"PHQ-9 2 on 1 Feb 2026 (baseline) → 1 on 9 Mar 2026: 1 point lower. Response and remission are measured only " +
				"from a baseline above 9, so they do not apply to a baseline of 2.", "", false, true, nil},
		{"1 → 0", lineDoesNotApply, iv, full, []model.Response{phq(before, 1), phq(day21, 0)}, testNow, DoesNotApply,
			"PHQ-9 1 on 1 Feb 2026 (baseline) → 0 on 9 Mar 2026: 1 point lower. Response and remission are measured only " +
				"from a baseline above 9, so they do not apply to a baseline of 1.", "", false, true, nil},
		{"9 → 3", lineDoesNotApply, iv, full, []model.Response{phq(before, 9), phq(day21, 3)}, testNow, DoesNotApply,
			"PHQ-9 9 on 1 Feb 2026 (baseline) → 3 on 9 Mar 2026: 6 points lower. Response and remission are measured only " +
				"from a baseline above 9, so they do not apply to a baseline of 9.", "", false, true, nil},
		{"a baseline 14 months old", lineTooOld, iv, full, []model.Response{phq(at(2025, 1, 2, 19, 0), 18), phq(day21, 8)}, testNow, NotEnoughData,
			"Not enough data yet: your last PHQ-9 before your first session (2 Feb 2026) is 18 on 2 Jan 2025, too old to be " +
				"a baseline: a baseline must be from the 14 days before the first session. If you answered one with your clinic " +
				"in those days, enter it with its date; the weekly charts still show how things are going.", "", false, true, nil},
		{"a PHQ-9 the day after the first session", lineTooEarly, iv, ivSessions(2), []model.Response{phq(before, 18), phq(at(2026, 2, 3, 19, 0), 8)},
			at(2026, 2, 3, 20, 0), TooEarly,
			"Too early to judge the induction series (1 of 6 sessions done). So far: PHQ-9 18 on 1 Feb 2026 (baseline) → " +
				"8 on 3 Feb 2026: 10 points (56%) lower. It is judged on a PHQ-9 taken 14 to 31 days after its last session.", "", false, true, nil},
		{"a clinic PHQ-9 dated to the first session's day", lineDayOnly, iv, full, []model.Response{dayOnly(at(2026, 2, 2, 0, 0), 18), phq(day21, 8)}, testNow, Response,
			"End of the induction series: PHQ-9 18 on 2 Feb 2026 (baseline) → 8 on 9 Mar 2026, 21 days after its last " +
				"session: 10 points (56%) lower: a response (50% or more lower); not yet remission (below 5).", "", false, true, nil},
		{"12 → 24", lineNeverPair, iv, full, []model.Response{phq(before, 12), phq(day21, 24)}, testNow, NoResponseYet,
			"End of the induction series: PHQ-9 12 on 1 Feb 2026 (baseline) → 24 on 9 Mar 2026, 21 days after its last " +
				"session: 12 points (100%) higher: higher than the baseline, so no response.", "", false, false,
			[]string{"Your PHQ-9 is 12 points higher than before treatment: 24 on 9 Mar 2026, against 12 on 1 Feb 2026. Please tell your care team."}},
		{"a 50% fall 18 days after the induction, then a higher score", lineHeld, iv, full,
			[]model.Response{phq(before, 20), phq(at(2026, 3, 6, 19, 0), 10), phq(at(2026, 3, 12, 9, 0), 14)}, testNow, Response,
			"End of the induction series: PHQ-9 20 on 1 Feb 2026 (baseline) → 10 on 6 Mar 2026, 18 days after its last " +
				"session: 10 points (50%) lower: a response (50% or more lower); not yet remission (below 5).",
			"Latest: PHQ-9 14 on 12 Mar 2026, against 20 on 1 Feb 2026 (baseline): 6 points (30%) lower: the response was lost.",
			false, true, nil},
		{"a year without a response", lineLate, iv, yearSessions, year, at(2027, 2, 1, 12, 0), NoResponseYet,
			"End of the induction series: PHQ-9 20 on 1 Feb 2026 (baseline) → 18 on 8 Mar 2026, 20 days after its last " +
				"session: 2 points (10%) lower: no response yet (a response is 50% or more lower).",
			"Latest: PHQ-9 18 on 31 Jan 2027, against 20 on 1 Feb 2026 (baseline): 2 points (10%) lower: still no response.",
			false, false, nil},
		{"no response after the IV series, before the 12th session", lineLate, iv, full, []model.Response{phq(before, 20), phq(day21, 14)}, testNow, NoResponseYet,
			"End of the induction series: PHQ-9 20 on 1 Feb 2026 (baseline) → 14 on 9 Mar 2026, 21 days after its last " +
				"session: 6 points (30%) lower: no response yet (a response is 50% or more lower).", "", true, true, nil},
	}
}

// TestAuditScenarios checks each case of the clinical audit against docs/clinical.md.
func TestAuditScenarios(t *testing.T) {
	for _, sc := range auditScenarios() {
		t.Run(sc.name, func(t *testing.T) {
			a := Assess(sc.courses, sc.sessions, sc.responses, sc.now)
			v := a.Verdict
			if v.Outcome != sc.outcome {
				t.Errorf("outcome %v, want %v; checks docs/clinical.md %q", v.Outcome, sc.outcome, sc.line)
			}
			if got := v.Summary(); got != sc.summary {
				t.Errorf("summary\n got %q\nwant %q", got, sc.summary)
			}
			if got := v.LatestLine(); got != sc.latest {
				t.Errorf("latest line\n got %q\nwant %q", got, sc.latest)
			}
			lines := strings.Join(v.Lines(), "\n")
			if got := strings.Contains(lines, LateResponders); got != sc.late {
				t.Errorf("late-responder fact shown %v, want %v; checks docs/clinical.md %q\n%s", got, sc.late, lineLate, lines)
			}
			if got := a.ExpectationsText() != ""; got != sc.expect {
				t.Errorf("expectations shown %v, want %v; checks docs/clinical.md %q", got, sc.expect, lineNeverPair)
			}
			var flags []string
			for _, f := range a.Flags {
				flags = append(flags, f.Text())
			}
			if !slices.Equal(flags, sc.flags) {
				t.Errorf("flags %q, want %q", flags, sc.flags)
			}
			for _, bad := range []string{"not a failure", "fail", "dips are common"} {
				if strings.Contains(strings.ToLower(lines), bad) {
					t.Errorf("the verdict says %q:\n%s", bad, lines)
				}
			}
		})
	}
}

// TestDeteriorationFlags checks docs/clinical.md PHQ-9 "Deterioration": a PHQ-9 5 or
// more points above the baseline or the previous PHQ-9, a GAD-7 4 or more, a PCL-5 10
// or more.
func TestDeteriorationFlags(t *testing.T) {
	d := func(day int) time.Time { return at(2026, 2, day, 19, 0) }
	tests := []struct {
		name      string
		line      string
		responses []model.Response
		flagged   string // the instrument flagged, "" for none
		baseline  int    // the rise from baseline, 0 for none
		previous  int    // the rise from the previous score, 0 for none
	}{
		{"PHQ-9 +5 from baseline", lineDeteriorate, []model.Response{phq(before, 12), phq(d(20), 17)}, "PHQ-9", 5, 0},
		{"PHQ-9 +4 is not", lineDeteriorate, []model.Response{phq(before, 12), phq(d(20), 16)}, "", 0, 0},
		{"PHQ-9 +5 from the previous, below the baseline", lineDeteriorate, []model.Response{phq(before, 20), phq(d(13), 8), phq(d(20), 13)}, "PHQ-9", 0, 5},
		{"PHQ-9 +7 from baseline and +5 from the previous", lineDeteriorate, []model.Response{phq(before, 10), phq(d(13), 12), phq(d(20), 17)}, "PHQ-9", 7, 5},
		{"PHQ-9 rising slowly: +6 from baseline, +2 from the previous", lineDeteriorate, []model.Response{phq(before, 10), phq(d(13), 14), phq(d(20), 16)}, "PHQ-9", 6, 0},
		{"a rise before treatment, from the previous PHQ-9", lineDeteriorate, []model.Response{phq(at(2026, 1, 25, 19, 0), 8), phq(before, 14)}, "PHQ-9", 0, 6},
		{"GAD-7 +4 from baseline", lineGAD7Rise, []model.Response{gad(before, 8), gad(d(20), 12)}, "GAD-7", 4, 0},
		{"GAD-7 +3 is not", lineGAD7Rise, []model.Response{gad(before, 8), gad(d(20), 11)}, "", 0, 0},
		{"GAD-7 +4 from the previous", lineGAD7Rise, []model.Response{gad(before, 15), gad(d(13), 5), gad(d(20), 9)}, "GAD-7", 0, 4},
		{"PCL-5 +10 from baseline", linePCL5Rise, []model.Response{pcl(at(2026, 1, 10, 19, 0), 30), pcl(d(25), 40)}, "PCL-5", 10, 0},
		{"PCL-5 +9 is not", linePCL5Rise, []model.Response{pcl(at(2026, 1, 10, 19, 0), 30), pcl(d(25), 39)}, "", 0, 0},
		{"falling scores are not", lineDeteriorate, []model.Response{phq(before, 20), phq(d(13), 15), phq(d(20), 10)}, "", 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := Assess([]model.Course{ivCourse()}, full, tt.responses, testNow)
			if tt.flagged == "" {
				if len(a.Flags) > 0 {
					t.Errorf("flags %q, want none; checks docs/clinical.md %q", a.Flags[0].Text(), tt.line)
				}
				return
			}
			if len(a.Flags) != 1 || a.Flags[0].Instrument.Name != tt.flagged {
				t.Fatalf("flags %+v, want one for %s; checks docs/clinical.md %q", a.Flags, tt.flagged, tt.line)
			}
			f := a.Flags[0]
			rise := func(r *Rise) int {
				if r == nil {
					return 0
				}
				return r.Points
			}
			if rise(f.FromBaseline) != tt.baseline || rise(f.FromPrevious) != tt.previous {
				t.Errorf("rises %d from baseline, %d from previous; want %d, %d; checks docs/clinical.md %q",
					rise(f.FromBaseline), rise(f.FromPrevious), tt.baseline, tt.previous, tt.line)
			}
			text := f.Text()
			if !strings.HasPrefix(text, "Your "+tt.flagged+" is ") || !strings.HasSuffix(text, "Please tell your care team.") {
				t.Errorf("flag says %q; checks docs/clinical.md %q", text, lineNeverPair)
			}
			if a.Reassure() || a.ExpectationsText() != "" || a.Verdict.LateResponders {
				t.Errorf("reassurance beside a flag; checks docs/clinical.md %q", lineNeverPair)
			}
			if c := f.ClinicianText(); !strings.Contains(c, tt.flagged) || strings.Contains(c, "Your") {
				t.Errorf("clinician flag %q", c)
			}
		})
	}
}

func TestFlagText(t *testing.T) {
	a := Assess([]model.Course{ivCourse()}, full, []model.Response{phq(before, 12), phq(at(2026, 3, 10, 19, 0), 18)}, testNow)
	const want = "Your PHQ-9 is 6 points higher than before treatment: 18 on 10 Mar 2026, against 12 on 1 Feb 2026. Please tell your care team."
	if len(a.Flags) != 1 || a.Flags[0].Text() != want {
		t.Fatalf("flags = %+v, want %q", a.Flags, want)
	}
	if got := a.Flags[0].ClinicianText(); got != "PHQ-9 +6 from baseline 12 (1 Feb 2026) to 18 (10 Mar 2026); threshold 5 points." {
		t.Errorf("ClinicianText = %q", got)
	}
	both := Assess([]model.Course{ivCourse()}, full, []model.Response{phq(before, 10), phq(at(2026, 3, 3, 19, 0), 12), phq(at(2026, 3, 10, 19, 0), 17)}, testNow)
	if got := both.Flags[0].Text(); got != "Your PHQ-9 is 7 points higher than before treatment and 5 points higher than the time before: "+
		"17 on 10 Mar 2026, against 10 on 1 Feb 2026 before treatment and 12 on 3 Mar 2026. Please tell your care team." {
		t.Errorf("both = %q", got)
	}
}

// TestLateResponders checks docs/clinical.md "Typical schedules" (lineLate) case by case.
func TestLateResponders(t *testing.T) {
	nasal := model.NewCourse(model.CourseNasal, at(2026, 2, 2, 9, 0))
	var nasalSessions []model.Session
	for i, d := range []int{2, 5, 9, 12, 16, 19, 23, 26} {
		s := done(at(2026, 1, 31+d, 10, 0), model.RouteNasal) // 2 Feb to 26 Feb
		s.ID = uint64(i + 1)
		nasalSessions = append(nasalSessions, s)
	}
	twelve := ivSessions(2, 4, 6, 9, 11, 16, 20, 24, 28, 32, 35, 38) // the 12th on 10 March
	tests := []struct {
		name      string
		course    model.Course
		sessions  []model.Session
		responses []model.Response
		now       time.Time
		shown     bool
	}{
		{"IV, after the induction, no response, 6 sessions", ivCourse(), full, []model.Response{phq(before, 20), phq(day21, 14)}, testNow, true},
		{"IV, 11 sessions", ivCourse(), twelve[:11], []model.Response{phq(before, 20), phq(day21, 14)}, testNow, true},
		{"IV, the 12th session done", ivCourse(), twelve, []model.Response{phq(before, 20), phq(day21, 14)}, testNow, false},
		{"IV, during the induction", ivCourse(), part, []model.Response{phq(before, 20), phq(at(2026, 2, 10, 19, 0), 14)}, at(2026, 2, 10, 20, 0), false},
		{"IV, worse than the baseline", ivCourse(), full, []model.Response{phq(before, 12), phq(day21, 14)}, testNow, false},
		{"IV, a response", ivCourse(), full, []model.Response{phq(before, 20), phq(day21, 10)}, testNow, false},
		{"IV, a GAD-7 flag", ivCourse(), full, []model.Response{phq(before, 20), phq(day21, 14), gad(before, 5), gad(day21, 12)}, testNow, false},
		{"a nasal-spray course", nasal, nasalSessions, []model.Response{phq(before, 20), phq(at(2026, 3, 12, 9, 0), 14)}, at(2026, 3, 20, 12, 0), false},
	}
	for _, tt := range tests {
		a := Assess([]model.Course{tt.course}, tt.sessions, tt.responses, tt.now)
		if got := slices.Contains(a.Verdict.Lines(), LateResponders); got != tt.shown {
			t.Errorf("%s: shown %v, want %v; checks docs/clinical.md %q\n%s", tt.name, got, tt.shown, lineLate, strings.Join(a.Verdict.Lines(), "\n"))
		}
	}
	if strings.Contains(LateResponders, "continue") || strings.Contains(LateResponders, "you") {
		t.Errorf("%q must be a fact about others, never a reason to continue", LateResponders)
	}
}

// TestItem9History checks that every PHQ-9 of the course with item 9 above 0 is
// listed, with its date, whatever a screen's or report's period (docs/clinical.md:
// lineItem9, "Any answer above 0 must show the crisis card at once").
func TestItem9History(t *testing.T) {
	rs := []model.Response{
		phq9Item9(at(2025, 11, 1, 19, 0), 15, 2),                  // long before the course: not part of it
		dayOnly(at(2026, 1, 25, 0, 0), 18),                        // the baseline window, item 9 = 0
		phq9Item9(at(2026, 1, 28, 19, 0), 18, 1),                  // before the first session, in the course's records
		phq9Item9(at(2026, 2, 20, 19, 0), 12, 0),                  // item 9 = 0
		phq9Item9(at(2026, 3, 1, 19, 0), 14, 3),                   // positive, well before any 2-week period of a screen
		gad(at(2026, 3, 1, 19, 5), 20),                            // not a PHQ-9
		phq9Item9(at(2026, 3, 13, 19, 0), 14, 2),                  // after now: not yet
		{Instrument: model.PHQ9.ID, At: day21, Answers: []int{1}}, // does not score
	}
	a := Assess([]model.Course{ivCourse()}, full, rs, testNow)
	if len(a.Item9) != 2 || a.Item9Answered != 4 {
		t.Fatalf("Item9 = %+v of %d answered, want 2 of 4", a.Item9, a.Item9Answered)
	}
	if got := a.Item9[0]; !got.At.Equal(at(2026, 1, 28, 19, 0)) || got.Answer != 1 || got.Label != "Several days" {
		t.Errorf("first = %+v", got)
	}
	if got := a.Item9[1]; !got.At.Equal(at(2026, 3, 1, 19, 0)) || got.Answer != 3 || got.Label != "Nearly every day" {
		t.Errorf("second = %+v", got)
	}
	if !a.Since.Equal(at(2026, 1, 2, 0, 0)) {
		t.Errorf("Since = %v, want 31 days before the first session", a.Since)
	}
}

func TestAssessCourseAndTracks(t *testing.T) {
	old := model.NewCourse(model.CourseNasal, at(2025, 6, 1, 9, 0))
	future := model.NewCourse(model.CourseLozenge, at(2026, 4, 1, 9, 0))
	rs := []model.Response{phq(before, 20), phq(day21, 10), gad(before, 12), gad(day21, 6), pcl(at(2026, 1, 20, 19, 0), 44)}
	a := Assess([]model.Course{old, ivCourse(), future}, full, rs, testNow)
	if a.Course == nil || a.Course.Route != model.RouteIV || a.CourseName() != "IV ketamine course" {
		t.Fatalf("course = %+v, want the IV course: the latest started by now", a.Course)
	}
	if len(a.Sessions) != 6 || a.SessionNumber(full[0]) != 1 || a.SessionNumber(full[5]) != 6 || a.SessionNumber(done(day21, model.RouteIV)) != 0 {
		t.Errorf("sessions %d, numbers %d %d", len(a.Sessions), a.SessionNumber(full[0]), a.SessionNumber(full[5]))
	}
	g := a.Track(model.GAD7)
	if g == nil || g.Baseline == nil || g.Baseline.Total != 12 || g.Latest.Total != 6 || g.Previous.Total != 12 || g.N != 2 {
		t.Errorf("GAD-7 track = %+v", g)
	}
	p := a.Track(model.PCL5)
	if p == nil || p.Baseline == nil || p.Baseline.Total != 44 || p.Previous != nil || p.N != 1 {
		t.Errorf("PCL-5 track = %+v, want its baseline from 13 days before (it looks back a month)", p)
	}
	if ph := a.Track(model.PHQ9); ph.Baseline == nil || *ph.Baseline != *a.Verdict.Baseline {
		t.Errorf("PHQ-9 track baseline %+v, verdict's %+v: they must agree", ph.Baseline, a.Verdict.Baseline)
	}
	none := Assess(nil, full, rs, testNow)
	if none.Course != nil || none.CourseName() != "All sessions (no course entered)" || !none.Verdict.NoCourse || !none.Verdict.JudgedOnLatest {
		t.Errorf("no course: %+v", none.Verdict)
	}
	empty := Assess(nil, nil, nil, testNow)
	if empty.Verdict.Outcome != NotEnoughData || empty.Verdict.Missing != MissingSession || len(empty.Tracks) != 3 || !empty.Since.IsZero() {
		t.Errorf("nothing recorded: %+v", empty)
	}
}
