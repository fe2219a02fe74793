package model

import (
	"bytes"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"
)

var (
	testLoc = time.FixedZone("UTC-5", -5*3600)
	testNow = time.Date(2026, 3, 12, 15, 0, 0, 0, testLoc)
)

// goodDraft is a completed session with every field filled.
func goodDraft() SessionDraft {
	return SessionDraft{
		Date: "2026-03-10", Clock: "10:00", Route: RouteIV, Dose: "0.5", DoseUnit: UnitMgPerKg,
		Provider: "Clearwater Clinic", Setting: SettingClinic, Intention: "Stay curious.",
		MoodBefore: "3", MoodAfter: "6", Intensity: "7", Character: []string{"Profound"}, Dissociation: "5",
		SideEffects: []string{"Nausea"}, BPBefore: "122/78", BPAfter40: "138/88", BPDischarge: "126/80",
		DroveHome: "Sam", Cost: "550.00", Reimbursed: "120", Notes: "Calm.",
	}
}

func TestSessionDraftParse(t *testing.T) {
	tests := []struct {
		name  string
		edit  func(d *SessionDraft)
		field string // the field that must be refused, "" when the draft must pass
	}{
		{"every field filled", func(d *SessionDraft) {}, ""},
		{"only the required fields", func(d *SessionDraft) { *d = SessionDraft{Date: d.Date, Clock: "9:05", Route: RouteIM} }, ""},
		{"mood 11", func(d *SessionDraft) { d.MoodBefore = "11" }, FieldMoodBefore},
		{"mood -1", func(d *SessionDraft) { d.MoodAfter = "-1" }, FieldMoodAfter},
		{"mood 0 and 10 are the edges", func(d *SessionDraft) { d.MoodBefore, d.MoodAfter = "0", "10" }, ""},
		{"mood not a number", func(d *SessionDraft) { d.MoodBefore = "good" }, FieldMoodBefore},
		{"intensity 11", func(d *SessionDraft) { d.Intensity = "11" }, FieldIntensity},
		{"dissociation 12", func(d *SessionDraft) { d.Dissociation = "12" }, FieldDissociation},
		{"negative dose", func(d *SessionDraft) { d.Dose = "-0.5" }, FieldDose},
		{"zero dose", func(d *SessionDraft) { d.Dose = "0" }, FieldDose},
		{"dose not a number", func(d *SessionDraft) { d.Dose = "half" }, FieldDose},
		{"dose without unit", func(d *SessionDraft) { d.DoseUnit = "" }, FieldDose},
		{"dose with decimal comma", func(d *SessionDraft) { d.Dose = "0,5" }, ""},
		{"half a nasal device", func(d *SessionDraft) { d.Dose, d.DoseUnit = "2.5", UnitDevices }, FieldDose},
		{"3 nasal devices", func(d *SessionDraft) { d.Dose, d.DoseUnit = "3", UnitDevices }, ""},
		{"systolic 20", func(d *SessionDraft) { d.BPBefore = "20/80" }, FieldBPBefore},
		{"systolic 400", func(d *SessionDraft) { d.BPAfter40 = "400/80" }, FieldBPAfter40},
		{"diastolic 200", func(d *SessionDraft) { d.BPDischarge = "150/200" }, FieldBPDischarge},
		{"diastolic above systolic", func(d *SessionDraft) { d.BPBefore = "80/120" }, FieldBPBefore},
		{"blood pressure without slash", func(d *SessionDraft) { d.BPBefore = "120" }, FieldBPBefore},
		{"blood pressure with spaces", func(d *SessionDraft) { d.BPBefore = " 120 / 80 " }, ""},
		{"completed session in the future", func(d *SessionDraft) { d.Date = "2026-03-13" }, FieldDate},
		{"completed later today", func(d *SessionDraft) { d.Date, d.Clock = "2026-03-12", "15:01" }, FieldDate},
		{"completed earlier today", func(d *SessionDraft) { d.Date, d.Clock = "2026-03-12", "14:59" }, ""},
		{"planned session in the future", func(d *SessionDraft) { d.Date, d.Planned = "2026-04-01", true }, ""},
		{"no date", func(d *SessionDraft) { d.Date = "" }, FieldDate},
		{"date in another order", func(d *SessionDraft) { d.Date = "03/10/2026" }, FieldDate},
		{"date with slashes, year first", func(d *SessionDraft) { d.Date = "2026/3/10" }, ""},
		{"31 February", func(d *SessionDraft) { d.Date = "2026-02-31" }, FieldDate},
		{"year typo", func(d *SessionDraft) { d.Date = "0206-03-01" }, FieldDate},
		{"no time", func(d *SessionDraft) { d.Clock = "" }, FieldTime},
		{"time 25:00", func(d *SessionDraft) { d.Clock = "25:00" }, FieldTime},
		{"time 2:30 pm", func(d *SessionDraft) { d.Clock = "2:30 pm" }, ""},
		{"no route", func(d *SessionDraft) { d.Route = "" }, FieldRoute},
		{"unknown setting", func(d *SessionDraft) { d.Setting = "car" }, FieldSetting},
		{"cost abc", func(d *SessionDraft) { d.Cost = "abc" }, FieldCost},
		{"negative cost", func(d *SessionDraft) { d.Cost = "-5" }, FieldCost},
		{"cost with symbol and thousands", func(d *SessionDraft) { d.Cost = "$1,200.00" }, ""},
		{"reimbursement abc", func(d *SessionDraft) { d.Reimbursed = "abc" }, FieldReimbursed},
		{"cost too large", func(d *SessionDraft) { d.Cost = "5000000" }, FieldCost},
		{"a 2 MB note", func(d *SessionDraft) { d.Notes = strings.Repeat("a", 2<<20) }, FieldNotes},
		{"a 2 MB intention", func(d *SessionDraft) { d.Intention = strings.Repeat("é", 1<<20) }, FieldIntention},
		{"note at the limit", func(d *SessionDraft) { d.Notes = strings.Repeat("ж", MaxLongText) }, ""},
		{"provider too long", func(d *SessionDraft) { d.Provider = strings.Repeat("x", MaxShortText+1) }, FieldProvider},
		{"unicode names and notes", func(d *SessionDraft) {
			d.Provider, d.DroveHome, d.Notes = "Клиника Åsa Øberg", "José 🚗", "Ψυχή — 気持ちが軽い 🌿"
		}, ""},
		{"invalid UTF-8", func(d *SessionDraft) { d.Notes = "bad \xff byte" }, FieldNotes},
		{"empty side effect", func(d *SessionDraft) { d.SideEffects = []string{" "} }, FieldSideEffects},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := goodDraft()
			tt.edit(&d)
			_, err := d.Parse(testNow, testLoc)
			if tt.field == "" {
				if err != nil {
					t.Fatalf("Parse() = %v, want no error", err)
				}
				return
			}
			var v *ValidationError
			if !errors.As(err, &v) {
				t.Fatalf("Parse() = %v, want a *ValidationError on %s", err, tt.field)
			}
			if msg := v.For(tt.field); msg == "" {
				t.Fatalf("Parse() problems = %+v, want one on %s", v.Problems, tt.field)
			}
		})
	}
}

func TestSessionDraftParseValues(t *testing.T) {
	s, err := goodDraft().Parse(testNow, testLoc)
	if err != nil {
		t.Fatalf("Parse() = %v", err)
	}
	want := time.Date(2026, 3, 10, 10, 0, 0, 0, testLoc)
	if !s.At.Equal(want) || s.At.Location() != testLoc {
		t.Errorf("At = %v, want %v", s.At, want)
	}
	if s.Status != StatusDone || *s.MoodBefore != 3 || *s.MoodAfter != 6 || s.Dose.Amount != 0.5 || *s.Cost != 550_00 || *s.Reimbursed != 120_00 {
		t.Errorf("Parse() = %+v, want the draft's values", s)
	}
	if s.BPAfter40.Systolic != 138 || s.BPAfter40.Diastolic != 88 {
		t.Errorf("BPAfter40 = %v, want 138/88", s.BPAfter40)
	}
	back := DraftIn(s, testLoc)
	again, err := back.Parse(testNow, testLoc)
	if err != nil || !sameJSON(t, again, s) {
		t.Errorf("DraftOf then Parse = %+v, %v; want %+v", again, err, s)
	}
}

// TestBloodPressureHigh checks docs/clinical.md, "Blood pressure around a session": Keel
// flags a reading above 140 systolic or 90 diastolic.
func TestBloodPressureHigh(t *testing.T) {
	tests := []struct {
		bp   BloodPressure
		want bool
	}{
		{BloodPressure{140, 90}, false},
		{BloodPressure{141, 80}, true},
		{BloodPressure{120, 91}, true},
		{BloodPressure{139, 89}, false},
		{BloodPressure{160, 100}, true},
	}
	for _, tt := range tests {
		if got := tt.bp.High(); got != tt.want {
			t.Errorf("%v.High() = %v, want %v", tt.bp, got, tt.want)
		}
	}
	s := Session{BPAfter40: &BloodPressure{146, 92}}
	if !s.HighBP() {
		t.Errorf("HighBP() = false for a session with 146/92, want true")
	}
	if (&Session{BPBefore: &BloodPressure{140, 90}}).HighBP() {
		t.Errorf("HighBP() = true for 140/90, want false")
	}
}

func TestParseMoney(t *testing.T) {
	tests := []struct {
		in   string
		want Money
		ok   bool
	}{
		{"450", 450_00, true},
		{"450.5", 450_50, true},
		{"450.05", 450_05, true},
		{"$1,200.00", 1200_00, true},
		{"1.200,50", 1200_50, true},
		{"89,90", 89_90, true},
		{"1,200", 1200_00, true},
		{"€ 75", 75_00, true},
		{"0", 0, true},
		{"abc", 0, false},
		{"-5", 0, false},
		{"4.505", 0, false},
		{"", 0, false},
		{"1e5", 0, false},
		{"12.", 0, false},
		{"9999999999", 0, false},
	}
	for _, tt := range tests {
		got, err := ParseMoney(tt.in)
		if (err == nil) != tt.ok || got != tt.want {
			t.Errorf("ParseMoney(%q) = %v, %v; want %v, ok=%v", tt.in, got, err, tt.want, tt.ok)
		}
	}
	if s := Money(1234_05).String(); s != "1234.05" {
		t.Errorf("Money(123405).String() = %q, want 1234.05", s)
	}
}

func TestParseClock(t *testing.T) {
	tests := []struct {
		in     string
		h, m   int
		wantOK bool
	}{
		{"14:30", 14, 30, true},
		{"9:05", 9, 5, true},
		{"0930", 9, 30, true},
		{"2:30 pm", 14, 30, true},
		{"12:15 am", 0, 15, true},
		{"12 pm", 12, 0, true},
		{"2pm", 14, 0, true},
		{"6.50 p.m.", 18, 50, true},
		{"24:00", 0, 0, false},
		{"13 pm", 0, 0, false},
		{"10:60", 0, 0, false},
		{"noon", 0, 0, false},
		{"", 0, 0, false},
	}
	for _, tt := range tests {
		h, m, err := ParseClock(tt.in)
		if (err == nil) != tt.wantOK || h != tt.h || m != tt.m {
			t.Errorf("ParseClock(%q) = %d, %d, %v; want %d, %d, ok=%v", tt.in, h, m, err, tt.h, tt.m, tt.wantOK)
		}
	}
}

func ptr[T any](v T) *T { return &v }

// sameJSON reports whether a and b encode to the same JSON, which compares times by
// instant and offset, as they are stored.
func sameJSON(t interface {
	Helper()
	Fatalf(string, ...any)
}, a, b any) bool {
	t.Helper()
	ja, err1 := json.Marshal(a)
	jb, err2 := json.Marshal(b)
	if err1 != nil || err2 != nil {
		t.Fatalf("marshal: %v %v", err1, err2)
	}
	return bytes.Equal(ja, jb)
}
