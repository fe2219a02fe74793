package progress

import (
	"os"
	"regexp"
	"strings"
	"testing"
	"time"

	"keel/model"
)

// The lines of docs/clinical.md the verdict tests check, quoted exactly (whitespace
// aside); TestClinicalLinesQuoted proves each is still there.
const (
	lineResponse     = "Response: a fall of 50% or more from the baseline score, for a baseline above 9."
	lineDoesNotApply = "With a baseline of 9 or less, response and remission do not apply: show the change, and say that these measures are for higher baselines."
	lineRemission    = "Remission: a score below 5, for a baseline above 9."
	lineBaseline     = "Baseline: the last PHQ-9 taken within the 14 days before the first session of a course"
	lineDayOnly      = "A PHQ-9 entered for the session's day without a time counts as taken before the session."
	lineTooOld       = `An older PHQ-9 is shown as "too old to be a baseline" and not used.`
	lineNotEnough    = `No baseline, or no PHQ-9 in the last 14 days: the verdict is "not enough data yet", with what to do.`
	lineEndPoint     = "End point after the induction series: the PHQ-9 closest to 3 weeks after the last session of the induction, taken 14 to 31 days after it"
	lineHeld         = "Report it beside the latest score; later scores say whether the response held or was lost."
	lineTooEarly     = "Before that window, the verdict says it is too early to judge the series, and shows the change so far."
	lineDeteriorate  = "Deterioration: a PHQ-9 5 or more points above the baseline or above the previous PHQ-9"
	lineGAD7Rise     = "GAD-7: 4 or more points"
	linePCL5Rise     = "PCL-5: 10 or more points"
	lineNeverPair    = "Say it plainly and suggest telling the care team; never pair it with reassurance."
	linePaper        = "Paper and app versions are not interchangeable"
	lineLate         = "That 10-12 figure is about IV courses: show it only for an IV course, after the induction and before the 12th session, as a fact about others, never as a reason to continue; and never when the latest score is worse than the baseline."
	lineNoFailed     = `So a verdict after the first series says "no response yet", not "failed".`
	lineNotice       = "some feel relief after 1-2 sessions, many need 4-6 before change settles, some feel worse before better, and dips between sessions are common. Say it as experience, never as a promise."
	lineItem9        = "Item 9: \"Thoughts that you would be better off dead, or of hurting yourself in some way\"."
)

// TestClinicalLinesQuoted checks that every line the tests cite is in docs/clinical.md.
func TestClinicalLinesQuoted(t *testing.T) {
	data, err := os.ReadFile("../../docs/clinical.md")
	if err != nil {
		t.Fatal(err)
	}
	space := regexp.MustCompile(`\s+`)
	doc := space.ReplaceAllString(string(data), " ")
	for _, l := range []string{lineResponse, lineDoesNotApply, lineRemission, lineBaseline, lineDayOnly, lineTooOld, lineNotEnough,
		lineEndPoint, lineHeld, lineTooEarly, lineDeteriorate, lineGAD7Rise, linePCL5Rise, lineNeverPair, linePaper, lineLate,
		lineNoFailed, lineNotice} {
		if !strings.Contains(doc, space.ReplaceAllString(l, " ")) {
			t.Errorf("docs/clinical.md no longer says %q", l)
		}
	}
	if !strings.Contains(doc, `- Item 9: "Thoughts that you would be better off dead, or of hurting yourself in some way"`) {
		t.Errorf("docs/clinical.md no longer says %q", lineItem9)
	}
}

// The verdict tests use the IV course of ivCourse (from 2 February 2026), its six
// induction sessions on 2-16 February at 10:00 (full) or the first four (part), and
// now = testNow, 12 March 2026 15:00, unless a case says otherwise. The end-point
// window of the full series is 2-19 March; day 21 is 9 March.
var (
	full   = ivSessions(2, 4, 6, 9, 11, 16)
	part   = ivSessions(2, 4, 6, 9)
	before = at(2026, 2, 1, 19, 0) // the evening before the first session
	day21  = at(2026, 3, 9, 19, 0)
)

// dayOnly is a PHQ-9 dated to the day of t without a time, entered from a clinic form.
func dayOnly(t time.Time, total int) model.Response {
	r := phq(model.DayOnlyAt(t), total)
	r.DayOnly, r.Source = true, model.SourceClinicForm
	return r
}

func TestEvaluate(t *testing.T) {
	tests := []struct {
		name      string
		line      string
		sessions  []model.Session
		responses []model.Response
		now       time.Time // zero: testNow
		outcome   Outcome
		missing   Missing
		baseline  int // -1: none
		endPoint  int // -1: none
		latest    int // -1: none
		later     Later
	}{
		{"20 → 10 at the end point is a response (exactly 50%)", lineResponse, full,
			[]model.Response{phq(before, 20), phq(day21, 10)}, time.Time{}, Response, MissingNothing, 20, 10, 10, NoLater},
		{"20 → 11 is not a response", lineResponse, full,
			[]model.Response{phq(before, 20), phq(day21, 11)}, time.Time{}, NoResponseYet, MissingNothing, 20, 11, 11, NoLater},
		{"12 → 4 is remission", lineRemission, full,
			[]model.Response{phq(before, 12), phq(day21, 4)}, time.Time{}, Remission, MissingNothing, 12, 4, 4, NoLater},
		{"10 → 4 is remission: 10 is above 9", lineRemission, full,
			[]model.Response{phq(before, 10), phq(day21, 4)}, time.Time{}, Remission, MissingNothing, 10, 4, 4, NoLater},
		{"12 → 5 is a response but not remission (5 is not below 5)", lineRemission, full,
			[]model.Response{phq(before, 12), phq(day21, 5)}, time.Time{}, Response, MissingNothing, 12, 5, 5, NoLater},
		{"9 → 3: the measures do not apply", lineDoesNotApply, full,
			[]model.Response{phq(before, 9), phq(day21, 3)}, time.Time{}, DoesNotApply, MissingNothing, 9, -1, 3, NoLater},
		{"2 → 1: the measures do not apply", lineDoesNotApply, full,
			[]model.Response{phq(before, 2), phq(day21, 1)}, time.Time{}, DoesNotApply, MissingNothing, 2, -1, 1, NoLater},
		{"0 → 0: the measures do not apply", lineDoesNotApply, full,
			[]model.Response{phq(before, 0), phq(day21, 0)}, time.Time{}, DoesNotApply, MissingNothing, 0, -1, 0, NoLater},
		{"a low baseline is said even during the series", lineDoesNotApply, part,
			[]model.Response{phq(before, 9), phq(at(2026, 2, 10, 19, 0), 3)}, at(2026, 2, 10, 20, 0), DoesNotApply, MissingNothing, 9, -1, 3, NoLater},
		{"baseline is the last PHQ-9 before the first session, not an earlier one", lineBaseline, full,
			[]model.Response{phq(at(2026, 1, 25, 19, 0), 27), phq(before, 20), phq(day21, 10)}, time.Time{}, Response, MissingNothing, 20, 10, 10, NoLater},
		{"a PHQ-9 14 calendar days before the first session is a baseline", lineBaseline, full,
			[]model.Response{phq(at(2026, 1, 19, 0, 5), 20), phq(day21, 10)}, time.Time{}, Response, MissingNothing, 20, 10, 10, NoLater},
		{"15 days before is too old to be a baseline", lineTooOld, full,
			[]model.Response{phq(at(2026, 1, 18, 23, 55), 20), phq(day21, 10)}, time.Time{}, NotEnoughData, BaselineTooOld, -1, -1, -1, NoLater},
		{"14 months before is too old to be a baseline", lineTooOld, full,
			[]model.Response{phq(at(2024, 12, 5, 19, 0), 20), phq(day21, 10)}, time.Time{}, NotEnoughData, BaselineTooOld, -1, -1, -1, NoLater},
		{"a PHQ-9 on the first session's day but before it is the baseline", lineBaseline, full,
			[]model.Response{phq(at(2026, 2, 2, 8, 0), 16), phq(day21, 8)}, time.Time{}, Response, MissingNothing, 16, 8, 8, NoLater},
		{"a PHQ-9 later on the first session's day, with a time, is not a baseline", lineBaseline, full,
			[]model.Response{phq(at(2026, 2, 2, 18, 0), 16), phq(day21, 8)}, time.Time{}, NotEnoughData, MissingBaseline, -1, -1, -1, NoLater},
		{"a PHQ-9 dated to the first session's day without a time is the baseline", lineDayOnly, full,
			[]model.Response{dayOnly(at(2026, 2, 2, 0, 0), 16), phq(day21, 8)}, time.Time{}, Response, MissingNothing, 16, 8, 8, NoLater},
		{"one dated to the day after without a time is not", lineDayOnly, full,
			[]model.Response{dayOnly(at(2026, 2, 3, 0, 0), 16), phq(day21, 8)}, time.Time{}, NotEnoughData, MissingBaseline, -1, -1, -1, NoLater},
		{"no baseline is not enough data", lineNotEnough, full,
			[]model.Response{phq(day21, 10)}, time.Time{}, NotEnoughData, MissingBaseline, -1, -1, -1, NoLater},
		{"no PHQ-9 at all", lineNotEnough, full, nil, time.Time{}, NotEnoughData, MissingBaseline, -1, -1, -1, NoLater},
		{"latest PHQ-9 15 days old is not enough data", lineNotEnough, full,
			[]model.Response{phq(before, 20), phq(at(2026, 2, 25, 23, 0), 5)}, time.Time{}, NotEnoughData, MissingRecent, 20, -1, 5, NoLater},
		{"no session done yet", lineNotEnough, nil,
			[]model.Response{phq(before, 20), phq(day21, 10)}, time.Time{}, NotEnoughData, MissingSession, -1, -1, -1, NoLater},
		{"only the baseline", lineNotEnough, ivSessions(32),
			[]model.Response{phq(at(2026, 3, 3, 19, 0), 20)}, time.Time{}, NotEnoughData, MissingSinceStart, 20, -1, -1, NoLater},
		{"a GAD-7 is not a PHQ-9", lineBaseline, full,
			[]model.Response{gad(before, 20), phq(day21, 10)}, time.Time{}, NotEnoughData, MissingBaseline, -1, -1, -1, NoLater},
		{"the day after the first session is too early", lineTooEarly, ivSessions(2),
			[]model.Response{phq(before, 18), phq(at(2026, 2, 3, 19, 0), 8)}, at(2026, 2, 3, 20, 0), TooEarly, MissingNothing, 18, -1, 8, NoLater},
		{"during the series is too early", lineTooEarly, part,
			[]model.Response{phq(before, 18), phq(at(2026, 2, 10, 19, 0), 8)}, at(2026, 2, 10, 20, 0), TooEarly, MissingNothing, 18, -1, 8, NoLater},
		{"after the series, before its window, is too early", lineTooEarly, full,
			[]model.Response{phq(before, 18), phq(at(2026, 2, 28, 19, 0), 8)}, at(2026, 3, 1, 20, 0), TooEarly, MissingNothing, 18, -1, 8, NoLater},
		{"in the window before its PHQ-9 is too early", lineEndPoint, full,
			[]model.Response{phq(before, 18), phq(at(2026, 2, 28, 19, 0), 8)}, time.Time{}, TooEarly, MissingNothing, 18, -1, 8, NoLater},
		{"day 13 is not the end point", lineEndPoint, full,
			[]model.Response{phq(before, 18), phq(at(2026, 3, 1, 19, 0), 8)}, time.Time{}, TooEarly, MissingNothing, 18, -1, 8, NoLater},
		{"day 14 is", lineEndPoint, full,
			[]model.Response{phq(before, 18), phq(at(2026, 3, 2, 8, 0), 8)}, time.Time{}, Response, MissingNothing, 18, 8, 8, NoLater},
		{"the end point is the one closest to day 21", lineEndPoint, full,
			[]model.Response{phq(before, 20), phq(at(2026, 3, 3, 19, 0), 8), phq(at(2026, 3, 13, 19, 0), 12)}, at(2026, 3, 20, 12, 0),
			NoResponseYet, MissingNothing, 20, 12, 12, NoLater},
		{"equally close: the earlier", lineEndPoint, full,
			[]model.Response{phq(before, 20), phq(at(2026, 3, 5, 19, 0), 10), phq(at(2026, 3, 13, 19, 0), 12)}, at(2026, 3, 20, 12, 0),
			Response, MissingNothing, 20, 10, 12, ResponseLost},
		{"day 32 is not the end point: judged on the latest", lineEndPoint, full,
			[]model.Response{phq(before, 20), phq(at(2026, 3, 1, 19, 0), 10), phq(at(2026, 3, 20, 19, 0), 9)}, at(2026, 3, 25, 12, 0),
			Response, MissingNothing, 20, -1, 9, NoLater},
		{"a response that held", lineHeld, full,
			[]model.Response{phq(before, 20), phq(day21, 10), phq(at(2026, 4, 5, 19, 0), 8)}, at(2026, 4, 10, 12, 0),
			Response, MissingNothing, 20, 10, 8, ResponseHeld},
		{"a response that was lost", lineHeld, full,
			[]model.Response{phq(before, 20), phq(day21, 10), phq(at(2026, 4, 5, 19, 0), 16)}, at(2026, 4, 10, 12, 0),
			Response, MissingNothing, 20, 10, 16, ResponseLost},
		{"a response after the end point", lineHeld, full,
			[]model.Response{phq(before, 20), phq(day21, 14), phq(at(2026, 4, 5, 19, 0), 9)}, at(2026, 4, 10, 12, 0),
			NoResponseYet, MissingNothing, 20, 14, 9, RespondedLater},
		{"still no response", lineHeld, full,
			[]model.Response{phq(before, 20), phq(day21, 14), phq(at(2026, 4, 5, 19, 0), 15)}, at(2026, 4, 10, 12, 0),
			NoResponseYet, MissingNothing, 20, 14, 15, StillNoResponse},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			now := tt.now
			if now.IsZero() {
				now = testNow
			}
			v := Evaluate(ivCourse(), tt.sessions, tt.responses, now)
			if v.Outcome != tt.outcome || v.Missing != tt.missing || v.Later != tt.later {
				t.Fatalf("Evaluate = %v (missing %v, later %v), want %v (missing %v, later %v); checks docs/clinical.md %q\n%s",
					v.Outcome, v.Missing, v.Later, tt.outcome, tt.missing, tt.later, tt.line, strings.Join(v.Lines(), "\n"))
			}
			for _, c := range []struct {
				name string
				s    *Score
				want int
			}{{"baseline", v.Baseline, tt.baseline}, {"end point", v.EndPoint, tt.endPoint}, {"latest", v.Latest, tt.latest}} {
				if (c.s == nil) != (c.want < 0) || (c.s != nil && c.s.Total != c.want) {
					t.Errorf("Evaluate().%s = %+v, want %d; checks docs/clinical.md %q", c.name, c.s, c.want, tt.line)
				}
			}
		})
	}
}

// TestEvaluateTimeZones checks that days are the person's calendar days: across a
// clock change, and with records stored in another zone.
func TestEvaluateTimeZones(t *testing.T) {
	loc := berlin(t)
	at := func(m time.Month, d, h int) time.Time { return time.Date(2026, m, d, h, 0, 0, 0, loc) }
	// Summer time starts on 29 March 2026 in Berlin: 14 calendar days are 335 hours.
	c := model.NewCourse(model.CourseIV, at(3, 30, 9))
	sessions := []model.Session{done(at(3, 30, 10), model.RouteIV)}
	now := at(4, 2, 12)
	for _, tt := range []struct {
		name     string
		baseline time.Time
		missing  Missing
	}{
		{"14 calendar days before, over the clock change", at(3, 16, 23), MissingNothing},
		{"15 calendar days before", at(3, 15, 23), BaselineTooOld},
		{"the same evening stored in UTC: still 16 March in Berlin", time.Date(2026, 3, 16, 22, 30, 0, 0, time.UTC), MissingNothing},
	} {
		v := Evaluate(c, sessions, []model.Response{phq(tt.baseline, 20), phq(at(4, 1, 9), 15)}, now)
		if v.Missing != tt.missing {
			t.Errorf("%s: missing %v, want %v (%s)", tt.name, v.Missing, tt.missing, lineBaseline)
		}
	}
	// Stored in UTC, judged in UTC-5: 3 March 03:00 UTC is 2 March 22:00 for the
	// person, day 14 after the last induction session (16 February), not day 15.
	ep := Evaluate(ivCourse(), full, []model.Response{phq(before, 20), phq(time.Date(2026, 3, 3, 3, 0, 0, 0, time.UTC), 9)}, testNow)
	if ep.EndPoint == nil || ep.EndPoint.At.Location() != testLoc {
		t.Fatalf("end point = %+v, want one, in the judged location", ep.EndPoint)
	}
	if got := model.DayNumber(ep.EndPoint.At, testLoc) - model.DayNumber(ep.InductionEnd, testLoc); got != 14 || ep.EndPoint.Date() != "2 Mar 2026" {
		t.Errorf("end point is day %d after the series, on %s; want day 14, 2 Mar 2026", got, ep.EndPoint.Date())
	}
}

func TestEvaluateIgnoresUnscoredResponses(t *testing.T) {
	bad := phq(at(2026, 3, 10, 19, 0), 0)
	bad.Answers = append(bad.Answers, 1) // ten answers: does not score, must not read as a 0
	v := Evaluate(ivCourse(), full, []model.Response{phq(before, 20), phq(day21, 14), bad}, testNow)
	if v.Outcome != NoResponseYet || v.Latest.Total != 14 {
		t.Errorf("Evaluate(...) = %v, latest %d, want %v, latest 14", v.Outcome, v.Latest.Total, NoResponseYet)
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

// TestVerdictLinesNameScoresAndDates checks that every verdict with two scores names
// both with their dates, and that no verdict says "failed" (docs/clinical.md: lineNoFailed).
func TestVerdictLinesNameScoresAndDates(t *testing.T) {
	date := regexp.MustCompile(`\d{1,2} [A-Z][a-z]{2} 20\d\d`)
	cases := [][]model.Response{
		{phq(before, 20), phq(day21, 10)},
		{phq(before, 20), phq(day21, 14)},
		{phq(before, 2), phq(day21, 1)},
		{phq(before, 12), phq(day21, 24)},
		{dayOnly(at(2026, 2, 2, 0, 0), 18), phq(day21, 8)},
	}
	for _, rs := range cases {
		for _, now := range []time.Time{at(2026, 2, 20, 12, 0), testNow, at(2026, 4, 10, 12, 0)} {
			v := Evaluate(ivCourse(), full, append(rs, phq(now.Add(-time.Hour), 11)), now)
			if v.Baseline == nil || v.Latest == nil {
				continue
			}
			for _, l := range append(v.Lines(), v.ClinicianLines()...) {
				if strings.Contains(strings.ToLower(l), "fail") {
					t.Errorf("%q says failed; checks docs/clinical.md %q", l, lineNoFailed)
				}
			}
			for _, l := range []string{v.Summary(), v.LatestLine(), v.ClinicianLines()[0]} {
				if l != "" && len(date.FindAllString(l, -1)) < 2 {
					t.Errorf("%q does not name both scores' dates", l)
				}
			}
		}
	}
}

func TestOutcomeKeys(t *testing.T) {
	seen := map[string]bool{}
	for o := NotEnoughData; o <= Remission; o++ {
		if k := o.Key(); k == "" || seen[k] || o.String() == "" {
			t.Errorf("Outcome(%d) key %q, words %q", o, k, o.String())
		}
		seen[o.Key()] = true
	}
	if NoResponseYet.String() != "no response yet" || Outcome(99).Key() != "not_enough_data" {
		t.Errorf("keys: %q %q", NoResponseYet.String(), Outcome(99).Key())
	}
	if BaselineTooOld.Key() != "baseline_too_old" || ResponseLost.Key() != "response_lost" || NoLater.Key() != "" {
		t.Error("Missing and Later keys")
	}
}
