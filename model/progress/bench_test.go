package progress

import (
	"math/rand/v2"
	"testing"
	"time"

	"keel/model"
)

// history is a synthetic record of ten years up to testNow: a check-in every evening
// (mood, anxiety, sleep hours and quality, stress), a PHQ-9 and a GAD-7 every Sunday,
// and an IV session every six days with a dose, a cost and, on every other one, a
// reimbursement. That is about 3,650 check-ins, 520 responses of each questionnaire
// and 600 sessions: the ten-year history the README promises to aggregate in under 5 ms.
type history struct {
	course    model.Course
	sessions  []model.Session
	checkIns  []model.CheckIn
	responses []model.Response
	span      Span
}

func tenYears() history {
	rng := rand.New(rand.NewPCG(5, 11))
	start := time.Date(testNow.Year()-10, testNow.Month(), testNow.Day(), 0, 0, 0, 0, testLoc)
	var h history
	h.course = model.NewCourse(model.CourseIV, start.AddDate(0, 0, 7))
	h.span = SpanOf(start, testNow, testLoc)
	for d := start; d.Before(testNow); d = d.AddDate(0, 0, 1) {
		h.checkIns = append(h.checkIns, model.CheckIn{
			At:   d.Add(21*time.Hour + time.Duration(rng.IntN(120)-60)*time.Minute),
			Mood: ip(rng.IntN(11)), Anxiety: ip(rng.IntN(11)), SleepHours: fp(float64(8+rng.IntN(12)) / 2),
			SleepQuality: ip(rng.IntN(11)), Stress: ip(rng.IntN(11)),
		})
		if d.Weekday() == time.Sunday {
			h.responses = append(h.responses, phq(d.Add(19*time.Hour), 4+rng.IntN(20)), gad(d.Add(19*time.Hour+4*time.Minute), rng.IntN(22)))
		}
	}
	for d, i := start.AddDate(0, 0, 7), 0; d.Before(testNow); d, i = d.AddDate(0, 0, 6), i+1 {
		s := dosed(d.Add(10*time.Hour), 0.5+float64(rng.IntN(4))/10, model.UnitMgPerKg)
		s.ID, s.Cost = uint64(i+1), mp(495_00)
		if i%2 == 1 {
			s.Reimbursed = mp(120_00)
		}
		h.sessions = append(h.sessions, s)
	}
	// A baseline before the first session and a recent PHQ-9, for a verdict.
	h.responses = append(h.responses, phq(h.course.Start.Add(8*time.Hour), 20), phq(testNow.Add(-time.Hour), 4))
	return h
}

// TestTenYears checks that the benchmarks measure the history they claim to.
func TestTenYears(t *testing.T) {
	h := tenYears()
	if n := len(h.checkIns); n < 3640 || n > 3660 {
		t.Errorf("tenYears() has %d check-ins, want about 3,650", n)
	}
	if n := len(h.responses); n < 1030 || n > 1050 {
		t.Errorf("tenYears() has %d responses, want about 2 x 520", n)
	}
	if n := len(h.sessions); n < 600 || n > 612 {
		t.Errorf("tenYears() has %d sessions, want about 600", n)
	}
	weeks := Weekly(h.span, h.checkIns, h.responses, h.sessions)
	if len(weeks) != h.span.Len() || len(weeks) < 520 {
		t.Fatalf("Weekly(ten years) = %d weeks, want %d", len(weeks), h.span.Len())
	}
	markers := 0
	for _, w := range weeks {
		markers += len(w.Sessions)
	}
	if markers != len(h.sessions) {
		t.Errorf("Weekly(ten years) has %d session markers, want %d", markers, len(h.sessions))
	}
	if v := Evaluate(h.course, h.sessions, h.responses, testNow); v.Current() != Remission {
		t.Errorf("Evaluate(ten years) = %v now, want %v", v.Current(), Remission)
	}
}

// BenchmarkWeekly measures the weekly charts over ten years (goal: under 5 ms).
func BenchmarkWeekly(b *testing.B) {
	h := tenYears()
	for b.Loop() {
		if w := Weekly(h.span, h.checkIns, h.responses, h.sessions); len(w) != h.span.Len() {
			b.Fatalf("Weekly = %d weeks", len(w))
		}
	}
}

// BenchmarkAlignedMood measures the session-aligned view of ten years' sessions.
func BenchmarkAlignedMood(b *testing.B) {
	h := tenYears()
	for b.Loop() {
		if a := AlignedMood(h.sessions, h.checkIns, testLoc); len(a.Curves) != len(h.sessions) {
			b.Fatalf("AlignedMood = %d curves", len(a.Curves))
		}
	}
}

// BenchmarkDips measures dip detection over ten years of weeks.
func BenchmarkDips(b *testing.B) {
	h := tenYears()
	weeks := Weekly(h.span, h.checkIns, h.responses, h.sessions)
	for b.Loop() {
		Dips(weeks)
	}
}

// BenchmarkEvaluate measures the verdict over a ten-year history.
func BenchmarkEvaluate(b *testing.B) {
	h := tenYears()
	for b.Loop() {
		if v := Evaluate(h.course, h.sessions, h.responses, testNow); v.Current() != Remission {
			b.Fatalf("Evaluate = %v", v.Current())
		}
	}
}

// BenchmarkCourseProgress measures progress and pace warnings over a ten-year course.
func BenchmarkCourseProgress(b *testing.B) {
	h := tenYears()
	for b.Loop() {
		if p := CourseProgress(h.course, h.sessions, testNow); p.Done != len(h.sessions) {
			b.Fatalf("CourseProgress = %d done", p.Done)
		}
	}
}

// BenchmarkMonthly measures the monthly cost table of ten years.
func BenchmarkMonthly(b *testing.B) {
	h := tenYears()
	for b.Loop() {
		if m := Monthly(h.sessions, testLoc); len(m) < 119 {
			b.Fatalf("Monthly = %d months", len(m))
		}
	}
}

// BenchmarkAssess measures the whole assessment (verdict, three questionnaires'
// tracks, flags, item 9 history) over a ten-year history, as the window, the report
// and `keel progress` compute it.
func BenchmarkAssess(b *testing.B) {
	h := tenYears()
	courses := []model.Course{h.course}
	for b.Loop() {
		if a := Assess(courses, h.sessions, h.responses, testNow); a.Verdict.Current() != Remission {
			b.Fatalf("Assess = %v", a.Verdict.Current())
		}
	}
}
