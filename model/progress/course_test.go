package progress

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"keel/model"
)

// ivCourse is the IV template: an induction of 6 sessions every 2-4 days, then
// open-ended boosters every 14-42 days, from Monday 2 February 2026 at 09:00.
func ivCourse() model.Course { return model.NewCourse(model.CourseIV, at(2026, 2, 2, 9, 0)) }

// ivSessions are done IV sessions at 10:00 on the given days of February 2026 (days
// past 28 run on into March).
func ivSessions(days ...int) []model.Session {
	var out []model.Session
	for i, d := range days {
		s := done(at(2026, 2, d, 10, 0), model.RouteIV)
		s.ID = uint64(i + 1)
		out = append(out, s)
	}
	return out
}

func TestCourseSessions(t *testing.T) {
	now := at(2026, 2, 10, 12, 0)
	planned := done(at(2026, 2, 9, 10, 0), model.RouteIV)
	planned.Status = model.StatusPlanned
	early := done(at(2026, 2, 2, 8, 0), model.RouteIV) // the start day, before the hour of Start
	early.ID = 1
	nasal := done(at(2026, 2, 4, 10, 0), model.RouteNasal)
	nasal.ID = 2
	iv := done(at(2026, 2, 6, 10, 0), model.RouteIV)
	iv.ID = 3
	sessions := []model.Session{
		iv, planned, nasal, early,
		done(at(2026, 2, 1, 23, 0), model.RouteIV),  // the day before the course
		done(at(2026, 2, 10, 12, 1), model.RouteIV), // after now
	}
	custom := ivCourse()
	custom.Route = ""
	tests := []struct {
		name   string
		course model.Course
		want   []uint64
	}{
		{"IV course: done IV sessions from the start day on, in time order", ivCourse(), []uint64{1, 3}},
		{"course without a route: every route", custom, []uint64{1, 2, 3}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []uint64
			for _, s := range CourseSessions(tt.course, sessions, now) {
				got = append(got, s.ID)
			}
			if fmt.Sprint(got) != fmt.Sprint(tt.want) {
				t.Errorf("CourseSessions(%s) = %v, want %v", tt.course.Route, got, tt.want)
			}
		})
	}
}

func TestCourseProgress(t *testing.T) {
	date := func(m time.Month, d int) time.Time { return time.Date(2026, m, d, 0, 0, 0, 0, testLoc) }
	nasal := model.NewCourse(model.CourseNasal, at(2026, 2, 2, 9, 0))
	var nasalDone []model.Session
	for _, d := range []int{2, 5, 9, 12, 16, 19, 23, 26} {
		nasalDone = append(nasalDone, done(at(2026, 2, d, 9, 30), model.RouteNasal))
	}
	lozenge := model.NewCourse(model.CourseLozenge, at(2026, 2, 2, 9, 0))
	var lozengeDone []model.Session
	for _, d := range []int{2, 6, 10, 14, 18, 22} {
		lozengeDone = append(lozengeDone, done(at(2026, 2, d, 20, 0), model.RouteLozenge))
	}
	tests := []struct {
		name      string
		course    model.Course
		sessions  []model.Session
		text      string
		complete  bool
		phase     int
		phaseName string
		phaseDone int
		next      *DueWindow
	}{
		{"nothing done yet", ivCourse(), nil, "0 of 6 done", false, 0, "Induction", 0, nil},
		{"4 of 6", ivCourse(), ivSessions(2, 4, 6, 9), "4 of 6 done", false, 0, "Induction", 4, &DueWindow{date(2, 11), date(2, 13)}},
		{"induction complete: boosters next", ivCourse(), ivSessions(2, 4, 6, 9, 11, 16), "6 of 6 done", true, 1, "Boosters", 0,
			&DueWindow{date(3, 2), date(3, 30)}},
		{"two boosters done", ivCourse(), ivSessions(2, 4, 6, 9, 11, 16, 30, 38), "6 of 6 done", true, 1, "Boosters", 2,
			&DueWindow{date(3, 24), date(4, 21)}},
		{"nasal: weeks 5-8 next", nasal, nasalDone, "8 of 8 done", true, 1, "Weeks 5-8", 0, &DueWindow{date(3, 5), date(3, 5)}},
		{"lozenge series finished: nothing due", lozenge, lozengeDone, "6 of 6 done", true, -1, "", 0, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := CourseProgress(tt.course, tt.sessions, testNow)
			if got := p.InductionText(); got != tt.text {
				t.Errorf("CourseProgress(%s).InductionText() = %q, want %q", tt.name, got, tt.text)
			}
			if p.InductionComplete != tt.complete {
				t.Errorf("CourseProgress(%s).InductionComplete = %v, want %v", tt.name, p.InductionComplete, tt.complete)
			}
			if p.Phase != tt.phase || p.PhaseName != tt.phaseName || p.PhaseDone != tt.phaseDone {
				t.Errorf("CourseProgress(%s) phase = %d %q with %d done, want %d %q with %d done",
					tt.name, p.Phase, p.PhaseName, p.PhaseDone, tt.phase, tt.phaseName, tt.phaseDone)
			}
			switch {
			case (p.Next == nil) != (tt.next == nil):
				t.Errorf("CourseProgress(%s).Next = %v, want %v", tt.name, p.Next, tt.next)
			case p.Next != nil && (!p.Next.From.Equal(tt.next.From) || !p.Next.To.Equal(tt.next.To)):
				t.Errorf("CourseProgress(%s).Next = %v..%v, want %v..%v", tt.name, p.Next.From, p.Next.To, tt.next.From, tt.next.To)
			}
		})
	}
}

func TestDueWindowString(t *testing.T) {
	d := func(m time.Month, day int) time.Time { return time.Date(2026, m, day, 0, 0, 0, 0, testLoc) }
	tests := []struct {
		w    DueWindow
		want string
	}{
		{DueWindow{d(2, 12), d(2, 12)}, "12 Feb"},
		{DueWindow{d(2, 12), d(2, 14)}, "12-14 Feb"},
		{DueWindow{d(1, 30), d(2, 2)}, "30 Jan-2 Feb"},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			if got := tt.w.String(); got != tt.want {
				t.Errorf("DueWindow(%v, %v).String() = %q, want %q", tt.w.From, tt.w.To, got, tt.want)
			}
		})
	}
}

func TestPaceWarningsCloser(t *testing.T) {
	type want struct {
		at                    time.Time
		days, minDays, closer int
	}
	lozenge := model.NewCourse(model.CourseLozenge, at(2026, 2, 2, 9, 0))
	var extra []model.Session // 5 every 3 days, the 6th 2 days after, a 7th (past the plan) 1 day later
	for _, d := range []int{2, 5, 8, 11, 14, 16, 17} {
		extra = append(extra, done(at(2026, 2, d, 20, 0), model.RouteLozenge))
	}
	tests := []struct {
		name     string
		course   model.Course
		sessions []model.Session
		want     []want
	}{
		{"as planned", ivCourse(), ivSessions(2, 4, 6, 9, 11, 16, 30), nil},
		{"a day closer, the same day, and a booster 10 days after the series",
			ivCourse(),
			append(ivSessions(2, 3, 6, 8, 10, 20, 34), done(at(2026, 2, 3, 16, 0), model.RouteIV)),
			[]want{
				{at(2026, 2, 3, 10, 0), 1, 2, 1},
				{at(2026, 2, 3, 16, 0), 0, 2, 2},
				{at(2026, 2, 20, 10, 0), 10, 14, 4},
			}},
		{"calendar days, not hours: 23:00 then 01:00 is a day apart",
			ivCourse(),
			[]model.Session{done(at(2026, 2, 2, 23, 0), model.RouteIV), done(at(2026, 2, 3, 1, 0), model.RouteIV)},
			[]want{{at(2026, 2, 3, 1, 0), 1, 2, 1}}},
		{"a session past the end of the plan has no spacing to compare with", lozenge, extra,
			[]want{{at(2026, 2, 16, 20, 0), 2, 3, 1}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := PaceWarnings(tt.course, tt.sessions, testNow)
			if len(got) != len(tt.want) {
				t.Fatalf("PaceWarnings(%s) = %+v, want %d warnings", tt.name, got, len(tt.want))
			}
			for i, w := range tt.want {
				g := got[i]
				if g.Kind != WarnCloser || !g.At.Equal(w.at) || g.Days != w.days || g.MinDays != w.minDays || g.Closer != w.closer {
					t.Errorf("PaceWarnings(%s)[%d] = %v at %v, %d days (plan %d, %d closer), want WarnCloser at %v, %d days (plan %d, %d closer)",
						tt.name, i, g.Kind, g.At, g.Days, g.MinDays, g.Closer, w.at, w.days, w.minDays, w.closer)
				}
			}
		})
	}
}

func TestPaceWarningCloserText(t *testing.T) {
	got := PaceWarnings(ivCourse(), ivSessions(2, 3), testNow)
	want := "Sessions 1 and 2 were 1 day apart; your plan for Induction spaces sessions at least 2 days apart, " +
		"so this one came 1 day sooner than planned. If that wasn't agreed with your clinic, it may be worth " +
		"talking over with your care team."
	if len(got) != 1 || got[0].Text != want {
		t.Errorf("PaceWarnings(...) = %+v, want one with text %q", got, want)
	}
}

func TestPaceWarningsDoseRising(t *testing.T) {
	type dose struct {
		amount float64
		unit   model.DoseUnit
	}
	kg := func(amounts ...float64) []dose {
		var out []dose
		for _, a := range amounts {
			out = append(out, dose{a, model.UnitMgPerKg})
		}
		return out
	}
	type want struct{ at, rises int } // at: index of the session
	tests := []struct {
		name  string
		doses []dose // amount 0: no dose recorded
		want  []want
	}{
		{"two rises are not enough", kg(0.5, 0.6, 0.7), nil},
		{"three rises in a row", kg(0.5, 0.6, 0.7, 0.8), []want{{3, 3}}},
		{"four rises are one warning", kg(0.5, 0.6, 0.7, 0.8, 0.9), []want{{4, 4}}},
		{"the same dose ends the run", kg(0.5, 0.6, 0.6, 0.7, 0.8), nil},
		{"falling doses", kg(0.8, 0.7, 0.6, 0.5), nil},
		{"a session without a dose is skipped", kg(0.5, 0.6, 0, 0.7, 0.8), []want{{4, 3}}},
		{"two runs", kg(0.5, 0.6, 0.7, 0.8, 0.5, 0.6, 0.7, 0.8), []want{{3, 3}, {7, 3}}},
		{"a change of unit ends the run", []dose{{0.5, model.UnitMgPerKg}, {0.6, model.UnitMgPerKg}, {40, model.UnitMg}, {50, model.UnitMg}, {60, model.UnitMg}}, nil},
		{"esketamine 56 then 84 mg is one rise", []dose{{2, model.UnitDevices}, {3, model.UnitDevices}, {3, model.UnitDevices}, {3, model.UnitDevices}}, nil},
	}
	course := model.NewCourse(model.CourseCustom, at(2026, 1, 1, 9, 0))
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var sessions []model.Session
			for i, d := range tt.doses {
				s := done(at(2026, 1, 1+7*i, 10, 0), model.RouteIV) // a week apart: never too close
				if d.amount > 0 {
					s.Dose = &model.Dose{Amount: d.amount, Unit: d.unit}
				}
				sessions = append(sessions, s)
			}
			got := PaceWarnings(course, sessions, testNow)
			if len(got) != len(tt.want) {
				t.Fatalf("PaceWarnings(%v) = %+v, want %d warnings", tt.doses, got, len(tt.want))
			}
			for i, w := range tt.want {
				if got[i].Kind != WarnDoseRising || !got[i].At.Equal(sessions[w.at].At) || got[i].Rises != w.rises {
					t.Errorf("PaceWarnings(%v)[%d] = %v at %v with %d rises, want WarnDoseRising at %v with %d rises",
						tt.doses, i, got[i].Kind, got[i].At, got[i].Rises, sessions[w.at].At, w.rises)
				}
			}
		})
	}
}

// TestPaceWarningWording checks docs/product.md ("Never a dosing recommendation") on every
// kind of warning: each points to the care team and none tells what to do with a
// dose or how often to go.
func TestPaceWarningWording(t *testing.T) {
	sessions := []model.Session{
		dosed(at(2026, 2, 2, 10, 0), 0.5, model.UnitMgPerKg),
		dosed(at(2026, 2, 3, 10, 0), 0.6, model.UnitMgPerKg),
		dosed(at(2026, 2, 5, 10, 0), 0.7, model.UnitMgPerKg),
		dosed(at(2026, 2, 6, 10, 0), 0.8, model.UnitMgPerKg),
	}
	got := CourseProgress(ivCourse(), sessions, testNow).Warnings
	kinds := map[WarningKind]bool{}
	for _, w := range got {
		kinds[w.Kind] = true
		if !strings.Contains(w.Text, "care team") {
			t.Errorf("warning %q does not suggest a talk with the care team", w.Text)
		}
		for _, bad := range []string{"should", "recommend", "increase", "reduce", "lower", "mg", "0.", "fail"} {
			if strings.Contains(strings.ToLower(w.Text), bad) {
				t.Errorf("warning %q says %q", w.Text, bad)
			}
		}
	}
	if !kinds[WarnCloser] || !kinds[WarnDoseRising] {
		t.Errorf("CourseProgress(...).Warnings = %+v, want both kinds", got)
	}
	for i := 1; i < len(got); i++ {
		if got[i].At.Before(got[i-1].At) {
			t.Errorf("CourseProgress(...).Warnings are not in time order: %v before %v", got[i-1].At, got[i].At)
		}
	}
}
