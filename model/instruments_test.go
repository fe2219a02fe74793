package model

import (
	"strings"
	"testing"
	"time"
)

// answersFor spreads total over an instrument's items, item by item, so any total in
// range can be made.
func answersFor(in *Instrument, total int) []int {
	a := make([]int, len(in.Items))
	top := len(in.Answers) - 1
	for i := range a {
		a[i] = min(top, total)
		total -= a[i]
	}
	return a
}

func TestScoreAndBand(t *testing.T) {
	tests := []struct {
		line  string // the docs/clinical.md line the case checks
		in    *Instrument
		total int
		band  string
	}{
		{"PHQ-9 bands: 0-4 minimal", PHQ9, 0, "minimal"},
		{"PHQ-9 bands: 0-4 minimal", PHQ9, 4, "minimal"},
		{"PHQ-9 bands: 5-9 mild", PHQ9, 5, "mild"},
		{"PHQ-9 bands: 5-9 mild", PHQ9, 9, "mild"},
		{"PHQ-9 bands: 10-14 moderate", PHQ9, 10, "moderate"},
		{"PHQ-9 bands: 10-14 moderate", PHQ9, 14, "moderate"},
		{"PHQ-9 bands: 15-19 moderately severe", PHQ9, 15, "moderately severe"},
		{"PHQ-9 bands: 15-19 moderately severe", PHQ9, 19, "moderately severe"},
		{"PHQ-9 bands: 20-27 severe", PHQ9, 20, "severe"},
		{"PHQ-9: total 0-27", PHQ9, 27, "severe"},
		{"GAD-7 bands: 0-4 minimal", GAD7, 4, "minimal"},
		{"GAD-7 bands: 5-9 mild", GAD7, 5, "mild"},
		{"GAD-7 bands: 5-9 mild", GAD7, 9, "mild"},
		{"GAD-7 bands: 10-14 moderate", GAD7, 10, "moderate"},
		{"GAD-7 bands: 10-14 moderate", GAD7, 14, "moderate"},
		{"GAD-7 bands: 15-21 severe", GAD7, 15, "severe"},
		{"GAD-7: total 0-21", GAD7, 21, "severe"},
		{"PCL-5: no official severity bands", PCL5, 0, ""},
		{"PCL-5: 31-33 or more suggests probable PTSD", PCL5, 31, ""},
		{"PCL-5: 31-33 or more suggests probable PTSD", PCL5, 33, ""},
		{"PCL-5: total 0-80", PCL5, 80, ""},
	}
	for _, tt := range tests {
		t.Run(tt.line, func(t *testing.T) {
			a := answersFor(tt.in, tt.total)
			got, err := Score(tt.in, a)
			if err != nil || got != tt.total {
				t.Fatalf("Score(%s, %v) = %d, %v; want %d", tt.in.Name, a, got, err, tt.total)
			}
			if b := BandOf(tt.in, got); b != tt.band {
				t.Errorf("BandOf(%s, %d) = %q, want %q", tt.in.Name, got, b, tt.band)
			}
			r := Response{Instrument: tt.in.ID, Answers: a}
			if r.Total() != tt.total || r.Band() != tt.band {
				t.Errorf("Response{%s %v}.Total(), Band() = %d, %q; want %d, %q", tt.in.Name, a, r.Total(), r.Band(), tt.total, tt.band)
			}
		})
	}
}

// TestInstrumentShapes checks docs/clinical.md: PHQ-9 has 9 items scored 0-3 (0-27),
// GAD-7 7 items 0-3 (0-21), PCL-5 20 items 0-4 (0-80), with the published answers.
func TestInstrumentShapes(t *testing.T) {
	tests := []struct {
		in      *Instrument
		items   int
		answers []string
		max     int
	}{
		{PHQ9, 9, []string{"Not at all", "Several days", "More than half the days", "Nearly every day"}, 27},
		{GAD7, 7, []string{"Not at all", "Several days", "More than half the days", "Nearly every day"}, 21},
		{PCL5, 20, []string{"Not at all", "A little bit", "Moderately", "Quite a bit", "Extremely"}, 80},
	}
	for _, tt := range tests {
		if len(tt.in.Items) != tt.items || tt.in.MaxTotal() != tt.max || !sameJSON(t, tt.in.Answers, tt.answers) {
			t.Errorf("%s: %d items, max %d, answers %q; want %d, %d, %q", tt.in.Name, len(tt.in.Items), tt.in.MaxTotal(), tt.in.Answers, tt.items, tt.max, tt.answers)
		}
	}
	if got := PHQ9.Items[8]; got != "Thoughts that you would be better off dead, or of hurting yourself in some way" {
		t.Errorf("PHQ-9 item 9 = %q, want the wording of docs/clinical.md", got)
	}
	if PHQ9.Extra == nil || len(PHQ9.Extra.Answers) != 4 {
		t.Error("PHQ-9 lacks its tenth, unscored question")
	}
	if !PCL5.Optional || PHQ9.Optional || GAD7.Optional {
		t.Error("only the PCL-5 is optional (docs/product.md item 4)")
	}
}

// TestItemTenNotScored checks docs/clinical.md: the tenth, unscored question is recorded
// but not added to the total.
func TestItemTenNotScored(t *testing.T) {
	a := answersFor(PHQ9, 12)
	for extra := range 4 {
		r := Response{Instrument: PHQ9.ID, At: testNow, Answers: a, Extra: &extra}
		if err := r.Validate(testNow); err != nil {
			t.Fatalf("Validate(extra %d) = %v", extra, err)
		}
		if r.Total() != 12 {
			t.Errorf("Total() with item 10 = %d is %d, want 12", extra, r.Total())
		}
	}
}

func TestScoreRefusesBadAnswers(t *testing.T) {
	tests := []struct {
		name    string
		in      *Instrument
		answers []int
	}{
		{"PHQ-9 answer 4", PHQ9, []int{0, 0, 0, 0, 4, 0, 0, 0, 0}},
		{"PHQ-9 answer -1", PHQ9, []int{0, 0, 0, 0, -1, 0, 0, 0, 0}},
		{"PHQ-9 eight answers", PHQ9, []int{0, 0, 0, 0, 0, 0, 0, 0}},
		{"GAD-7 ten answers", GAD7, make([]int, 10)},
		{"PCL-5 answer 5", PCL5, append(make([]int, 19), 5)},
		{"no answers", GAD7, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := Score(tt.in, tt.answers); err == nil {
				t.Errorf("Score(%s, %v) = nil error, want a refusal", tt.in.Name, tt.answers)
			}
			r := Response{Instrument: tt.in.ID, At: testNow, Answers: tt.answers}
			if err := r.Validate(testNow); err == nil {
				t.Errorf("Validate(%v) = nil, want a refusal", tt.answers)
			}
		})
	}
	bad := 4
	r := Response{Instrument: PHQ9.ID, At: testNow, Answers: make([]int, 9), Extra: &bad}
	if err := r.Validate(testNow); err == nil {
		t.Error("Validate(item 10 = 4) = nil, want a refusal")
	}
	if err := (&Response{Instrument: "beck", At: testNow}).Validate(testNow); err == nil {
		t.Error("Validate(unknown instrument) = nil, want a refusal")
	}
}

// TestCrisisItem checks docs/clinical.md: any answer above 0 on PHQ-9 item 9 must show the
// crisis card at once.
func TestCrisisItem(t *testing.T) {
	for a := range 4 {
		answers := make([]int, 9)
		answers[8] = a
		if got, want := NeedsCrisisCard(PHQ9, answers), a > 0; got != want {
			t.Errorf("NeedsCrisisCard(PHQ-9 item 9 = %d) = %v, want %v", a, got, want)
		}
	}
	// Only item 9 counts, and only on the PHQ-9; a partly answered form (item 9 only) counts too.
	if NeedsCrisisCard(PHQ9, []int{3, 3, 3, 3, 3, 3, 3, 3, 0}) {
		t.Error("NeedsCrisisCard with item 9 = 0 = true, want false")
	}
	if NeedsCrisisCard(GAD7, []int{3, 3, 3, 3, 3, 3, 3}) || NeedsCrisisCard(PCL5, answersFor(PCL5, 80)) {
		t.Error("NeedsCrisisCard is true for an instrument without a crisis item")
	}
	if !NeedsCrisisCard(PHQ9, []int{-1, -1, -1, -1, -1, -1, -1, -1, 1}) {
		t.Error("NeedsCrisisCard before the other items are answered = false, want true")
	}
}

// TestChoicesArePublishedValues checks docs/clinical.md: answers are 0 "Not at all" to
// 3 (PHQ-9, GAD-7) or 4 (PCL-5), and the number keys are those values.
func TestChoicesArePublishedValues(t *testing.T) {
	tests := []struct {
		in    *Instrument
		first string // the text of the first choice
		last  string
		top   int
	}{
		{PHQ9, "0  Not at all", "3  Nearly every day", 3},
		{GAD7, "0  Not at all", "3  Nearly every day", 3},
		{PCL5, "0  Not at all", "4  Extremely", 4},
	}
	for _, tt := range tests {
		cs := tt.in.Choices()
		if len(cs) != tt.top+1 || cs[0].Text() != tt.first || cs[tt.top].Text() != tt.last {
			t.Errorf("%s.Choices() = %v, want %q to %q", tt.in.Name, cs, tt.first, tt.last)
		}
		for i, c := range cs {
			if c.Value != i || c.Label != tt.in.Answers[i] {
				t.Errorf("%s choice %d = %+v", tt.in.Name, i, c)
			}
		}
		for k := 0; k <= 9; k++ {
			v, ok := tt.in.ValueForKey(string(rune('0' + k)))
			if ok != (k <= tt.top) || (ok && v != k) {
				t.Errorf("%s.ValueForKey(%d) = %d, %v; want the key's own value up to %d", tt.in.Name, k, v, ok, tt.top)
			}
		}
		for _, key := range []string{"", "a", "10", "Return", "-1"} {
			if _, ok := tt.in.ValueForKey(key); ok {
				t.Errorf("%s.ValueForKey(%q) chose an answer", tt.in.Name, key)
			}
		}
	}
	if v, ok := GAD7.Extra.ValueForKey("3"); !ok || v != 3 || GAD7.Extra.Choices()[0].Text() != "0  Not difficult at all" {
		t.Errorf("GAD-7 difficulty question: key 3 = %d %v, choices %v", v, ok, GAD7.Extra.Choices())
	}
	if _, ok := GAD7.Extra.ValueForKey("4"); ok {
		t.Error("GAD-7 difficulty question takes key 4; it has answers 0-3")
	}
}

// TestPublishedWording checks the wording Keel asks in against the published forms:
// docs/clinical.md PHQ-9 and GAD-7 (Pfizer), and PCL-5 (VA National Center for PTSD:
// the standard past-month form and the past-week version for weekly use).
func TestPublishedWording(t *testing.T) {
	const pclMonth = "Below is a list of problems that people sometimes have in response to a very stressful experience. " +
		"Please read each problem carefully and then select one of the options to indicate how much you have been " +
		"bothered by that problem in the past month."
	const pclWeek = "Below is a list of problems that people sometimes have in response to a very stressful experience. " +
		"Please read each problem and then select one of the options to indicate how much you have been bothered by " +
		"that problem in the past week. The options include not at all, a little bit, moderately, quite a bit, and extremely."
	tests := []struct {
		name string
		got  string
		want string
	}{
		{"PHQ-9 stem", PHQ9.Wording(false).Stem, "Over the last 2 weeks, how often have you been bothered by any of the following problems?"},
		{"PHQ-9 has no past-week version", PHQ9.Wording(true).Stem, PHQ9.Period},
		{"PHQ-9 tenth question", PHQ9.Extra.Text, "If you checked off any problems, how difficult have these problems made it for you to do your work, take care of things at home, or get along with other people?"},
		{"GAD-7 stem", GAD7.Wording(false).Stem, "Over the last 2 weeks, how often have you been bothered by the following problems?"},
		{"GAD-7 difficulty question", GAD7.Extra.Text, "If you checked off any problems, how difficult have these made it for you to do your work, take care of things at home, or get along with other people?"},
		{"GAD-7 difficulty answers", strings.Join(GAD7.Extra.Answers, "|"), "Not difficult at all|Somewhat difficult|Very difficult|Extremely difficult"},
		{"GAD-7 item 7", GAD7.Items[6], "Feeling afraid as if something awful might happen"},
		{"PCL-5 instruction, past month", PCL5.Wording(false).Instruction, pclMonth},
		{"PCL-5 stem, past month", PCL5.Wording(false).Stem, "In the past month, how much were you bothered by:"},
		{"PCL-5 instruction, past week", PCL5.Wording(true).Instruction, pclWeek},
		{"PCL-5 stem, past week", PCL5.Wording(true).Stem, "In the past week, how much were you bothered by:"},
		{"PCL-5 event prompt", PCL5.Wording(false).EventPrompt, "Briefly identify the worst event (if you feel comfortable doing so):"},
		{"PCL-5 item 1", PCL5.Items[0], "Repeated, disturbing, and unwanted memories of the stressful experience?"},
		{"PCL-5 item 17", PCL5.Items[16], "Being “superalert” or watchful or on guard?"},
		{"PCL-5 item 20", PCL5.Items[19], "Trouble falling or staying asleep?"},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("%s = %q, want %q", tt.name, tt.got, tt.want)
		}
	}
	if !PCL5.Wording(true).PastWeek || PCL5.Wording(false).PastWeek || PHQ9.Wording(true).PastWeek {
		t.Error("Wording(pastWeek).PastWeek must say which version it is, and only the PCL-5 has one")
	}
	if PHQ9.EventPrompt != "" || GAD7.EventPrompt != "" || PHQ9.Instruction != "" {
		t.Error("only the PCL-5 asks for an event or has an instruction apart from its stem")
	}
}

// TestPCL5WordingFollowsCadence checks docs/clinical.md PCL-5: "Monthly is the default
// cadence; use the past-week wording when it is asked more often."
func TestPCL5WordingFollowsCadence(t *testing.T) {
	tests := []struct {
		days     int // Settings.PCL5Days
		pastWeek bool
	}{
		{0, false}, {30, false}, {28, false}, {27, true}, {14, true}, {7, true}, {60, false},
	}
	for _, tt := range tests {
		s := Settings{QuestionnaireDays: 7, PCL5Days: tt.days}
		if got := s.WordingFor(PCL5); got.PastWeek != tt.pastWeek {
			t.Errorf("PCL-5 every %d days: past-week wording = %v, want %v", tt.days, got.PastWeek, tt.pastWeek)
		}
		if s.WordingFor(PHQ9).PastWeek {
			t.Error("the PHQ-9 has no past-week wording")
		}
	}
}

func TestResponseRecordsWhereAndHow(t *testing.T) {
	a := answersFor(PCL5, 30)
	tests := []struct {
		name  string
		r     Response
		field string // "" when valid
	}{
		{"taken in Keel, as every old record", Response{Instrument: PCL5.ID, At: testNow, Answers: a}, ""},
		{"from a clinic form, dated to a day", Response{Instrument: PHQ9.ID, At: DayOnlyAt(testNow.AddDate(0, 0, -3)), Answers: answersFor(PHQ9, 12), Source: SourceClinicForm, DayOnly: true}, ""},
		{"dated to today without a time, before noon", Response{Instrument: PHQ9.ID, At: DayOnlyAt(testNow.Add(-6 * time.Hour)), Answers: answersFor(PHQ9, 12), DayOnly: true}, ""},
		{"an unknown source", Response{Instrument: PHQ9.ID, At: testNow, Answers: answersFor(PHQ9, 12), Source: "fax"}, FieldSource},
		{"PCL-5 with its event, past week", Response{Instrument: PCL5.ID, At: testNow, Answers: a, Event: "The accident in 2019", PastWeek: true}, ""},
		{"an event on the PHQ-9", Response{Instrument: PHQ9.ID, At: testNow, Answers: answersFor(PHQ9, 12), Event: "x"}, FieldEvent},
		{"an event too long", Response{Instrument: PCL5.ID, At: testNow, Answers: a, Event: strings.Repeat("x", MaxShortText+1)}, FieldEvent},
		{"past week on the GAD-7", Response{Instrument: GAD7.ID, At: testNow, Answers: answersFor(GAD7, 3), PastWeek: true}, FieldInstrument},
		{"tomorrow, without a time", Response{Instrument: PHQ9.ID, At: DayOnlyAt(testNow.AddDate(0, 0, 1)), Answers: answersFor(PHQ9, 3), DayOnly: true}, FieldAt},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.r.Validate(testNow)
			got := ""
			if ve, ok := err.(*ValidationError); ok && len(ve.Problems) > 0 {
				got = ve.Problems[0].Field
			}
			if got != tt.field || (tt.field == "") != (err == nil) {
				t.Errorf("Validate() = %v, want a problem with %q", err, tt.field)
			}
		})
	}
	// An old record, without the new fields, reads as taken in Keel at its time.
	var old Response
	if err := DecodeStrict([]byte(`{"id":3,"instrument":"phq9","at":"2026-02-02T12:00:00-05:00","answers":[1,1,1,1,1,1,1,1,0],"created":"2026-02-02T12:00:00-05:00","updated":"2026-02-02T12:00:00-05:00"}`), &old); err != nil {
		t.Fatal(err)
	}
	if old.Source != SourceKeel || old.DayOnly || old.Event != "" || old.PastWeek || old.Source.Label() != "Answered in Keel" {
		t.Errorf("old record = %+v, want taken in Keel at its time", old)
	}
}

// TestTakenBefore checks docs/clinical.md PHQ-9 "Baseline": "A PHQ-9 entered for the
// session's day without a time counts as taken before the session."
func TestTakenBefore(t *testing.T) {
	session := time.Date(2026, 2, 2, 10, 0, 0, 0, testLoc)
	tests := []struct {
		name   string
		at     time.Time
		day    bool
		before bool
	}{
		{"an hour before", session.Add(-time.Hour), false, true},
		{"at the same minute", session, false, true},
		{"two hours after, same day, with a time", session.Add(2 * time.Hour), false, false},
		{"the session's day, without a time (stored at noon)", DayOnlyAt(session), true, true},
		{"the day before, without a time", DayOnlyAt(session.AddDate(0, 0, -1)), true, true},
		{"the day after, without a time", DayOnlyAt(session.AddDate(0, 0, 1)), true, false},
		{"the day after without a time, entered three hours ahead", DayOnlyAt(time.Date(2026, 2, 3, 0, 0, 0, 0, time.FixedZone("UTC-2", -2*3600))), true, false},
	}
	for _, tt := range tests {
		r := Response{At: tt.at, DayOnly: tt.day}
		if got := r.TakenBefore(session); got != tt.before {
			t.Errorf("%s: TakenBefore = %v, want %v", tt.name, got, tt.before)
		}
	}
}
