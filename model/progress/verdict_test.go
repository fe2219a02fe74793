package progress

import (
	"strings"
	"testing"

	"keel/model"
)

// The verdict tests use the IV course of ivCourse, its six induction sessions on
// 2-16 February (complete) or the first four (not complete), and now = testNow,
// 12 March 2026 15:00.
const (
	lineResponse  = `docs/clinical.md PHQ-9 "Response: a fall of 50% or more from the baseline score."`
	lineRemission = `docs/clinical.md PHQ-9 "Remission: a score below 5, for a baseline above 9."`
	lineBaseline  = `docs/clinical.md PHQ-9 "Baseline: the last PHQ-9 on or before the first session of a course. With no baseline, or no PHQ-9 in the last 14 days, the verdict is "not enough data yet"."`
)

func TestEvaluate(t *testing.T) {
	full := ivSessions(2, 4, 6, 9, 11, 16)
	before := at(2026, 2, 1, 19, 0) // the evening before the first session
	recent := at(2026, 3, 10, 19, 0)
	tests := []struct {
		name      string
		line      string
		sessions  []model.Session
		responses []model.Response
		outcome   Outcome
		missing   Missing
		baseline  int
		current   int
		percent   int
		remission bool // RemissionCounted
	}{
		{"20 → 10 is a response (exactly 50%)", lineResponse, full,
			[]model.Response{phq(before, 20), phq(recent, 10)}, Response, MissingNothing, 20, 10, 50, true},
		{"20 → 11 is not a response", lineResponse, full,
			[]model.Response{phq(before, 20), phq(recent, 11)}, NoResponseYet, MissingNothing, 20, 11, 45, true},
		{"12 → 4 is remission", lineRemission, full,
			[]model.Response{phq(before, 12), phq(recent, 4)}, Remission, MissingNothing, 12, 4, 67, true},
		{"10 → 4 is remission: 10 is above 9", lineRemission, full,
			[]model.Response{phq(before, 10), phq(recent, 4)}, Remission, MissingNothing, 10, 4, 60, true},
		{"12 → 5 is a response but not remission (5 is not below 5)", lineRemission, full,
			[]model.Response{phq(before, 12), phq(recent, 5)}, Response, MissingNothing, 12, 5, 58, true},
		{"9 → 3 is not counted as remission (baseline must be above 9)", lineRemission, full,
			[]model.Response{phq(before, 9), phq(recent, 3)}, Response, MissingNothing, 9, 3, 67, false},
		{"worse than baseline", lineResponse, full,
			[]model.Response{phq(before, 12), phq(recent, 14)}, NoResponseYet, MissingNothing, 12, 14, -17, true},
		{"baseline 0 cannot fall", lineResponse, full,
			[]model.Response{phq(before, 0), phq(recent, 0)}, NoResponseYet, MissingNothing, 0, 0, 0, false},
		{"baseline is the last PHQ-9 before the first session, not an earlier one", lineBaseline, full,
			[]model.Response{phq(at(2026, 1, 5, 19, 0), 27), phq(before, 20), phq(recent, 10)}, Response, MissingNothing, 20, 10, 50, true},
		{"a PHQ-9 on the first session's day but before it is the baseline", lineBaseline, full,
			[]model.Response{phq(at(2026, 2, 2, 8, 0), 16), phq(recent, 8)}, Response, MissingNothing, 16, 8, 50, true},
		{"a PHQ-9 after the first session, same day, is not a baseline", lineBaseline, full,
			[]model.Response{phq(at(2026, 2, 2, 18, 0), 16), phq(recent, 8)}, NotEnoughData, MissingBaseline, 0, 0, 0, false},
		{"current is the latest PHQ-9", lineBaseline, full,
			[]model.Response{phq(before, 20), phq(at(2026, 3, 3, 19, 0), 8), phq(recent, 12)}, NoResponseYet, MissingNothing, 20, 12, 40, true},
		{"no baseline is not enough data", lineBaseline, full,
			[]model.Response{phq(recent, 10)}, NotEnoughData, MissingBaseline, 0, 0, 0, false},
		{"latest PHQ-9 older than 14 days is not enough data (15 days)", lineBaseline, full,
			[]model.Response{phq(before, 20), phq(at(2026, 2, 25, 23, 0), 5)}, NotEnoughData, MissingRecent, 20, 0, 0, false},
		{"a PHQ-9 14 days ago still counts", lineBaseline, full,
			[]model.Response{phq(before, 20), phq(at(2026, 2, 26, 0, 30), 5)}, Response, MissingNothing, 20, 5, 75, true},
		{"no session done yet", lineBaseline, nil,
			[]model.Response{phq(before, 20), phq(recent, 10)}, NotEnoughData, MissingSession, 0, 0, 0, false},
		{"no PHQ-9 at all", lineBaseline, full, nil, NotEnoughData, MissingBaseline, 0, 0, 0, false},
		{"only the baseline, recent but before the first session", lineBaseline, ivSessions(32),
			[]model.Response{phq(at(2026, 3, 3, 19, 0), 20)}, NotEnoughData, MissingSinceStart, 20, 0, 0, false},
		{"GAD-7 is not a PHQ-9", lineBaseline, full,
			[]model.Response{gad(before, 20), phq(recent, 10)}, NotEnoughData, MissingBaseline, 0, 0, 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v := Evaluate(ivCourse(), tt.sessions, tt.responses, testNow)
			if v.Outcome != tt.outcome || v.Missing != tt.missing {
				t.Fatalf("Evaluate(%s) = %v (missing %d), want %v (missing %d); checks %s", tt.name, v.Outcome, v.Missing, tt.outcome, tt.missing, tt.line)
			}
			if v.HasBaseline != (tt.baseline > 0 || tt.missing == MissingNothing) || (v.HasBaseline && v.Baseline.Total != tt.baseline) {
				t.Errorf("Evaluate(%s).Baseline = %v (%v), want %d; checks %s", tt.name, v.Baseline, v.HasBaseline, tt.baseline, tt.line)
			}
			if v.HasCurrent != (tt.missing == MissingNothing) || (v.HasCurrent && v.Current.Total != tt.current) {
				t.Errorf("Evaluate(%s).Current = %v (%v), want %d; checks %s", tt.name, v.Current, v.HasCurrent, tt.current, tt.line)
			}
			if v.PercentLower != tt.percent || v.RemissionCounted != tt.remission {
				t.Errorf("Evaluate(%s) = %d%% lower, remission counted %v, want %d%%, %v; checks %s",
					tt.name, v.PercentLower, v.RemissionCounted, tt.percent, tt.remission, tt.line)
			}
		})
	}
}

func TestEvaluateIgnoresUnscoredResponses(t *testing.T) {
	bad := phq(at(2026, 3, 11, 19, 0), 0)
	bad.Answers = append(bad.Answers, 1) // ten answers: does not score, must not read as a 0
	v := Evaluate(ivCourse(), ivSessions(2, 4, 6, 9, 11, 16), []model.Response{phq(at(2026, 2, 1, 19, 0), 20), phq(at(2026, 3, 10, 19, 0), 14), bad}, testNow)
	if v.Outcome != NoResponseYet || v.Current.Total != 14 {
		t.Errorf("Evaluate(...) = %v, current %d, want %v, current 14", v.Outcome, v.Current.Total, NoResponseYet)
	}
}

func TestPercentLower(t *testing.T) {
	tests := []struct{ b, c, want int }{
		{20, 10, 50}, {20, 11, 45}, {18, 8, 56}, {16, 6, 63}, {8, 7, 13}, {8, 9, -13}, {12, 14, -17}, {27, 0, 100}, {0, 5, 0}, {10, 10, 0},
	}
	for _, tt := range tests {
		if got := percentLower(tt.b, tt.c); got != tt.want {
			t.Errorf("percentLower(%d, %d) = %d, want %d", tt.b, tt.c, got, tt.want)
		}
	}
}

// TestResponseNeverTippedByRounding checks every PHQ-9 pair: the shown percentage
// rounds to 50 or more only for a response, and a response always shows 50 or more.
func TestResponseNeverTippedByRounding(t *testing.T) {
	for b := 1; b <= 27; b++ {
		for c := 0; c <= 27; c++ {
			if r, p := responded(b, c), percentLower(b, c); r != (p >= 50) {
				t.Errorf("baseline %d → %d: responded = %v but shown as %d%% lower", b, c, r, p)
			}
		}
	}
}

func TestVerdictText(t *testing.T) {
	before, recent := at(2026, 2, 1, 19, 0), at(2026, 3, 10, 19, 0)
	full, part := ivSessions(2, 4, 6, 9, 11, 16), ivSessions(2, 4, 6, 9)
	tests := []struct {
		name      string
		sessions  []model.Session
		responses []model.Response
		summary   string
		has       []string // other lines that must be there
		hasNot    []string
	}{
		{"response", full, []model.Response{phq(before, 18), phq(recent, 8)},
			"Baseline 18 → now 8: 56% lower: response; not yet remission",
			[]string{"The induction series is complete (6 of 6).", NotADiagnosis}, []string{LateResponders}},
		{"so far", part, []model.Response{phq(before, 18), phq(recent, 8)},
			"So far: baseline 18 → now 8: 56% lower: response; not yet remission",
			[]string{"The induction series is not complete yet (4 of 6 done), so this is a verdict so far."}, nil},
		{"remission", full, []model.Response{phq(before, 12), phq(recent, 4)},
			"Baseline 12 → now 4: 67% lower: response and remission", nil, []string{LateResponders}},
		{"low baseline", full, []model.Response{phq(before, 9), phq(recent, 3)},
			"Baseline 9 → now 3: 67% lower: response; remission is counted only from a baseline above 9", nil, nil},
		{"no response yet", full, []model.Response{phq(before, 20), phq(recent, 11)},
			"Baseline 20 → now 11: 45% lower: no response yet (a response is 50% or more lower)", []string{LateResponders}, nil},
		{"higher", full, []model.Response{phq(before, 12), phq(recent, 14)},
			"Baseline 12 → now 14: 17% higher: no response yet (a response is 50% or more lower)", []string{LateResponders}, nil},
		{"no change", full, []model.Response{phq(before, 12), phq(recent, 12)},
			"Baseline 12 → now 12: no change: no response yet (a response is 50% or more lower)", nil, nil},
		{"no baseline", full, []model.Response{phq(recent, 11)},
			"Not enough data yet: there is no PHQ-9 from before your first session (2 Feb 2026) to compare with. " +
				"If you answered one with your clinic, enter it with its date; the weekly charts still show how things are going.",
			[]string{"Induction series: 6 of 6 done."}, []string{"so far", LateResponders}},
		{"too old", full, []model.Response{phq(before, 20), phq(at(2026, 2, 20, 19, 0), 11)},
			"Not enough data yet: your latest PHQ-9 is from 20 Feb 2026, more than 14 days ago. Answer a PHQ-9 to see where you stand now.", nil, nil},
		{"nothing since the start", ivSessions(32), []model.Response{phq(at(2026, 3, 3, 19, 0), 20)},
			"Not enough data yet: there is no PHQ-9 since your first session (4 Mar 2026). Answer a PHQ-9 to compare with your baseline of 20.", nil, nil},
		{"no session", nil, nil,
			"Not enough data yet: no session of this course is marked done yet. The verdict compares a PHQ-9 from before the first session with a recent one.", nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v := Evaluate(ivCourse(), tt.sessions, tt.responses, testNow)
			if got := v.Summary(); got != tt.summary {
				t.Errorf("Evaluate(%s).Summary() = %q, want %q", tt.name, got, tt.summary)
			}
			lines := v.Lines()
			if lines[0] != v.Summary() || lines[len(lines)-1] != NotADiagnosis {
				t.Errorf("Evaluate(%s).Lines() = %q, want the summary first and NotADiagnosis last", tt.name, lines)
			}
			all := strings.Join(lines, "\n")
			for _, h := range tt.has {
				if !strings.Contains(all, h) {
					t.Errorf("Evaluate(%s).Lines() = %q, want %q among them", tt.name, lines, h)
				}
			}
			for _, h := range tt.hasNot {
				if strings.Contains(all, h) {
					t.Errorf("Evaluate(%s).Lines() = %q, want no %q", tt.name, lines, h)
				}
			}
			if strings.Contains(strings.ToLower(strings.ReplaceAll(all, LateResponders, "")), "fail") {
				t.Errorf("Evaluate(%s).Lines() = %q: a verdict never says failed", tt.name, lines)
			}
		})
	}
}

func TestOutcomeString(t *testing.T) {
	tests := []struct {
		o    Outcome
		want string
	}{
		{NotEnoughData, "not enough data yet"}, {NoResponseYet, "no response yet"}, {Response, "response"}, {Remission, "remission"},
	}
	for _, tt := range tests {
		if got := tt.o.String(); got != tt.want {
			t.Errorf("Outcome(%d).String() = %q, want %q", tt.o, got, tt.want)
		}
	}
}
