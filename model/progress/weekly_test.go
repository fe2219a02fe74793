package progress

import (
	"fmt"
	"testing"
	"time"

	"keel/model"
)

// The weeks of these tests: 2026-W06 (2-8 Feb), W07 (9-15 Feb), W08 (16-22 Feb).
var febSpan = Span{First: Week{2026, 6}, Last: Week{2026, 8}, Loc: testLoc}

func TestWeeklyDailyAverages(t *testing.T) {
	checkIns := []model.CheckIn{
		// W06: nothing at all, a gap.
		// W07, Monday: three check-ins, 2, 4 and 9: the day's mood is 5.
		mood(at(2026, 2, 9, 8, 0), 2),
		mood(at(2026, 2, 9, 13, 0), 4),
		mood(at(2026, 2, 9, 21, 0), 9),
		// W07, Wednesday: one check-in of 9. The week is (5+9)/2 = 7, not (2+4+9+9)/4 = 6.
		{At: at(2026, 2, 11, 21, 0), Mood: ip(9), Anxiety: ip(3), SleepHours: fp(7.5), SleepQuality: ip(6), Stress: ip(4)},
		// W07, Sunday 23:30 local (Monday in UTC): still the user's W07.
		{At: at(2026, 2, 15, 23, 30), SleepHours: fp(6), Anxiety: ip(6)},
		{At: at(2026, 2, 15, 23, 45), SleepHours: fp(8)},
		// W08: sleep only, so mood stays a gap there.
		{At: at(2026, 2, 17, 7, 0), SleepHours: fp(6.5), SleepQuality: ip(5)},
		// Outside the span: ignored.
		mood(at(2026, 2, 1, 12, 0), 0),
		mood(at(2026, 2, 23, 12, 0), 0),
	}
	got := Weekly(febSpan, checkIns, nil, nil)
	type row struct {
		week                                         Week
		mood, anxiety, sleepHours, sleepQual, stress Mean
	}
	want := []row{
		{Week{2026, 6}, gap, gap, gap, gap, gap},
		// Sleep: Wednesday 7.5, Sunday (6+8)/2 = 7: (7.5+7)/2 = 7.25.
		{Week{2026, 7}, m(7, 2), m(4.5, 2), m(7.25, 2), m(6, 1), m(4, 1)},
		{Week{2026, 8}, gap, gap, m(6.5, 1), m(5, 1), gap},
	}
	if len(got) != len(want) {
		t.Fatalf("Weekly(%v) = %d weeks, want %d", febSpan, len(got), len(want))
	}
	for i, w := range want {
		g := got[i]
		t.Run(w.week.String(), func(t *testing.T) {
			if g.Week != w.week {
				t.Errorf("week %d = %v, want %v", i, g.Week, w.week)
			}
			for _, c := range []struct {
				name      string
				got, want Mean
			}{
				{"Mood", g.Mood, w.mood}, {"Anxiety", g.Anxiety, w.anxiety}, {"SleepHours", g.SleepHours, w.sleepHours},
				{"SleepQuality", g.SleepQuality, w.sleepQual}, {"Stress", g.Stress, w.stress},
			} {
				if !sameMean(c.got, c.want) {
					t.Errorf("Weekly(%v).%s = %+v, want %+v", w.week, c.name, c.got, c.want)
				}
			}
			for _, q := range []Mean{g.PHQ9, g.GAD7, g.PCL5} {
				if !sameMean(q, gap) {
					t.Errorf("Weekly(%v) questionnaire = %+v with no responses, want a gap", w.week, q)
				}
			}
		})
	}
}

// TestWeeklyExactThirds checks that a mean of day means that is not a round number
// comes out as the exact division, not as a rounded or weighted value.
func TestWeeklyExactThirds(t *testing.T) {
	checkIns := []model.CheckIn{
		mood(at(2026, 2, 9, 9, 0), 7), mood(at(2026, 2, 9, 20, 0), 8), // 7.5
		mood(at(2026, 2, 10, 9, 0), 6),
		mood(at(2026, 2, 12, 9, 0), 5),
	}
	got := Weekly(Span{First: Week{2026, 7}, Last: Week{2026, 7}, Loc: testLoc}, checkIns, nil, nil)
	if want := m(18.5/3, 3); len(got) != 1 || !sameMean(got[0].Mood, want) {
		t.Errorf("Weekly(...)[0].Mood = %+v, want %+v", got[0].Mood, want)
	}
}

func TestWeeklyQuestionnaires(t *testing.T) {
	bad := phq(at(2026, 2, 10, 9, 0), 3)
	bad.Answers = bad.Answers[:8] // does not score: must not count as a 0
	pcl := model.Response{Instrument: model.PCL5.ID, At: at(2026, 2, 18, 9, 0), Answers: answers(33, 20, 4)}
	responses := []model.Response{
		phq(at(2026, 2, 13, 19, 0), 15), // given out of order on purpose
		phq(at(2026, 2, 9, 19, 0), 12),
		bad,
		gad(at(2026, 2, 9, 19, 5), 10),
		gad(at(2026, 2, 15, 23, 50), 7), // Sunday night local, Monday in UTC
		phq(at(2026, 2, 17, 19, 0), 9),
		pcl,
		{Instrument: "unknown", At: at(2026, 2, 17, 19, 0), Answers: []int{1}},
		phq(at(2026, 2, 1, 19, 0), 27), // before the span
	}
	got := Weekly(febSpan, nil, responses, nil)
	tests := []struct {
		week             int
		phq9, gad7, pcl5 Mean
	}{
		{0, gap, gap, gap},
		{1, m(13.5, 2), m(8.5, 2), gap},
		{2, m(9, 1), gap, m(33, 1)},
	}
	for _, tt := range tests {
		g := got[tt.week]
		t.Run(g.Week.String(), func(t *testing.T) {
			if !sameMean(g.PHQ9, tt.phq9) {
				t.Errorf("Weekly(%v).PHQ9 = %+v, want %+v", g.Week, g.PHQ9, tt.phq9)
			}
			if !sameMean(g.GAD7, tt.gad7) {
				t.Errorf("Weekly(%v).GAD7 = %+v, want %+v", g.Week, g.GAD7, tt.gad7)
			}
			if !sameMean(g.PCL5, tt.pcl5) {
				t.Errorf("Weekly(%v).PCL5 = %+v, want %+v", g.Week, g.PCL5, tt.pcl5)
			}
		})
	}
}

func TestWeeklySessions(t *testing.T) {
	planned := done(at(2026, 2, 20, 10, 0), model.RouteIV)
	planned.Status, planned.ID = model.StatusPlanned, 4
	second := done(at(2026, 2, 11, 10, 0), model.RouteIV)
	second.ID = 2
	first := done(at(2026, 2, 9, 10, 30), model.RouteNasal)
	first.ID = 1
	late := done(at(2026, 2, 15, 23, 30), model.RouteIV) // Sunday night local
	late.ID = 3
	got := Weekly(febSpan, nil, nil, []model.Session{planned, second, late, first, done(at(2026, 1, 30, 10, 0), model.RouteIV)})
	want := [][]Marker{
		nil,
		{{1, first.At, model.RouteNasal, true}, {2, second.At, model.RouteIV, true}, {3, late.At, model.RouteIV, true}},
		{{4, planned.At, model.RouteIV, false}},
	}
	for i, w := range want {
		t.Run(got[i].Week.String(), func(t *testing.T) {
			if fmt.Sprint(got[i].Sessions) != fmt.Sprint(w) {
				t.Errorf("Weekly(%v).Sessions = %v, want %v", got[i].Week, got[i].Sessions, w)
			}
			for j := range min(len(w), len(got[i].Sessions)) {
				if !got[i].Sessions[j].At.Equal(w[j].At) {
					t.Errorf("Weekly(%v).Sessions[%d].At = %v, want the exact time %v", got[i].Week, j, got[i].Sessions[j].At, w[j].At)
				}
			}
		})
	}
}

func TestWeeklyEmptySpan(t *testing.T) {
	s := Span{First: Week{2026, 8}, Last: Week{2026, 6}, Loc: testLoc}
	if got := Weekly(s, []model.CheckIn{mood(at(2026, 2, 10, 9, 0), 5)}, nil, nil); got != nil {
		t.Errorf("Weekly(%v) = %v, want nil", s, got)
	}
}

// TestWeeklyAcrossClockChange checks that a week in which the clocks change keeps
// its Sunday-night check-in: weeks are calendar days, not 168-hour blocks.
func TestWeeklyAcrossClockChange(t *testing.T) {
	loc := berlin(t)
	s := Span{First: Week{2026, 13}, Last: Week{2026, 14}, Loc: loc}
	checkIns := []model.CheckIn{
		{At: time.Date(2026, 3, 29, 23, 30, 0, 0, loc), Mood: ip(4)}, // Sunday after the change
		{At: time.Date(2026, 3, 30, 0, 30, 0, 0, loc), Mood: ip(8)},  // Monday
	}
	got := Weekly(s, checkIns, nil, nil)
	if !sameMean(got[0].Mood, m(4, 1)) || !sameMean(got[1].Mood, m(8, 1)) {
		t.Errorf("Weekly(%v) moods = %+v, %+v, want 4 in W13 and 8 in W14", s, got[0].Mood, got[1].Mood)
	}
}

// TestWeeklyAcrossNewYear checks that days on both sides of New Year fall in the one
// ISO week 2020-W53, and 4 January 2021 in 2021-W01.
func TestWeeklyAcrossNewYear(t *testing.T) {
	s := SpanOf(at(2020, 12, 28, 0, 0), at(2021, 1, 4, 0, 0), testLoc)
	checkIns := []model.CheckIn{
		mood(at(2020, 12, 31, 21, 0), 3),
		mood(at(2021, 1, 3, 21, 0), 6),
		mood(at(2021, 1, 4, 21, 0), 8),
	}
	got := Weekly(s, checkIns, []model.Response{phq(at(2021, 1, 1, 19, 0), 14)}, nil)
	if len(got) != 2 || got[0].Week != (Week{2020, 53}) || got[1].Week != (Week{2021, 1}) {
		t.Fatalf("Weekly(%v) weeks = %v, want 2020-W53 and 2021-W01", s, got)
	}
	if !sameMean(got[0].Mood, m(4.5, 2)) || !sameMean(got[0].PHQ9, m(14, 1)) || !sameMean(got[1].Mood, m(8, 1)) {
		t.Errorf("Weekly(%v) = mood %+v, PHQ-9 %+v, then mood %+v; want 4.5 over 2 days, 14, then 8",
			s, got[0].Mood, got[0].PHQ9, got[1].Mood)
	}
}
