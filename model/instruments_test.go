package model

import (
	"testing"
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
