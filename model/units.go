package model

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
)

// Money is an amount in cents of the user's own currency. Keel never converts
// currencies; it only adds up what the user typed.
type Money int64

// MaxMoney is the largest amount Keel records for one session: anything above it is
// almost certainly a typo.
const MaxMoney Money = 100_000_00

// String formats m with two decimals and no currency symbol, as "1234.50".
func (m Money) String() string {
	sign := ""
	if m < 0 {
		sign = "-"
		m = -m
	}
	return fmt.Sprintf("%s%d.%02d", sign, int64(m)/100, int64(m)%100)
}

// ParseMoney reads an amount as people type it: "450", "450.5", "$1,200.00",
// "1.200,50" or "89,90". It refuses anything that is not a plain non-negative amount.
func ParseMoney(s string) (Money, error) {
	t := strings.TrimSpace(s)
	t = strings.Trim(t, "$€£¥ ")
	t = strings.ReplaceAll(t, " ", "")
	if t == "" {
		return 0, errors.New("enter an amount such as 450 or 450.00")
	}
	if strings.HasPrefix(t, "-") {
		return 0, errors.New("an amount can't be negative")
	}
	t = normaliseDecimal(t)
	whole, frac, hasFrac := strings.Cut(t, ".")
	if whole == "" || !allDigits(whole) || (hasFrac && (len(frac) == 0 || len(frac) > 2 || !allDigits(frac))) {
		return 0, fmt.Errorf("%q is not an amount; write it like 450 or 450.00", strings.TrimSpace(s))
	}
	if len(whole) > 9 {
		return 0, fmt.Errorf("%s is more than Keel records for one session", strings.TrimSpace(s))
	}
	w, _ := strconv.ParseInt(whole, 10, 64)
	var c int64
	if hasFrac {
		c, _ = strconv.ParseInt(frac, 10, 64)
		if len(frac) == 1 {
			c *= 10
		}
	}
	return Money(w*100 + c), nil
}

// normaliseDecimal turns the separators people use into one decimal point: "1,200.50"
// and "1.200,50" both become "1200.50", "89,90" becomes "89.90", "1,200" becomes "1200".
func normaliseDecimal(t string) string {
	comma, dot := strings.LastIndex(t, ","), strings.LastIndex(t, ".")
	switch {
	case comma >= 0 && dot >= 0 && comma < dot: // 1,200.50
		return strings.ReplaceAll(t, ",", "")
	case comma >= 0 && dot >= 0: // 1.200,50
		return strings.Replace(strings.ReplaceAll(t, ".", ""), ",", ".", 1)
	case comma >= 0 && strings.Count(t, ",") == 1 && len(t)-comma-1 != 3: // 89,90
		return strings.Replace(t, ",", ".", 1)
	case comma >= 0: // 1,200 or 1,200,000
		return strings.ReplaceAll(t, ",", "")
	}
	return t
}

func allDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}

// ParseScale reads a 0-10 rating. Empty text means "not recorded" and gives nil.
// Out-of-range numbers are returned as they are, for validation to refuse in words.
func ParseScale(s string) (*int, error) {
	t := strings.TrimSpace(s)
	if t == "" {
		return nil, nil
	}
	n, err := strconv.Atoi(t)
	if err != nil {
		return nil, fmt.Errorf("enter a whole number from 0 to 10")
	}
	return &n, nil
}

// BloodPressure is one reading in mmHg.
type BloodPressure struct {
	Systolic  int `json:"systolic"`
	Diastolic int `json:"diastolic"`
}

// Ranges a blood pressure reading must fall in to be believable; outside them it is a typo.
const (
	MinSystolic, MaxSystolic   = 60, 260
	MinDiastolic, MaxDiastolic = 30, 160
)

// High reports whether the reading is above 140 systolic or 90 diastolic, the line
// docs/clinical.md ("Blood pressure around a session") asks Keel to flag.
func (bp BloodPressure) High() bool {
	return bp.Systolic > 140 || bp.Diastolic > 90
}

// String formats the reading as "128/84".
func (bp BloodPressure) String() string {
	return fmt.Sprintf("%d/%d", bp.Systolic, bp.Diastolic)
}

// problem returns why the reading is not believable, or "".
func (bp BloodPressure) problem() string {
	switch {
	case bp.Systolic < MinSystolic || bp.Systolic > MaxSystolic:
		return fmt.Sprintf("The top number (systolic) %d is outside %d-%d; check for a typo.", bp.Systolic, MinSystolic, MaxSystolic)
	case bp.Diastolic < MinDiastolic || bp.Diastolic > MaxDiastolic:
		return fmt.Sprintf("The bottom number (diastolic) %d is outside %d-%d; check for a typo.", bp.Diastolic, MinDiastolic, MaxDiastolic)
	case bp.Diastolic >= bp.Systolic:
		return "The top number (systolic) must be higher than the bottom one (diastolic)."
	}
	return ""
}

// ParseBloodPressure reads "128/84" (spaces allowed). Empty text gives nil.
func ParseBloodPressure(s string) (*BloodPressure, error) {
	t := strings.ReplaceAll(strings.TrimSpace(s), " ", "")
	if t == "" {
		return nil, nil
	}
	sys, dia, ok := strings.Cut(t, "/")
	a, err1 := strconv.Atoi(sys)
	b, err2 := strconv.Atoi(dia)
	if !ok || err1 != nil || err2 != nil {
		return nil, errors.New("write blood pressure as top/bottom, for example 128/84")
	}
	return &BloodPressure{Systolic: a, Diastolic: b}, nil
}

// DoseUnit is the unit a dose is recorded in.
type DoseUnit string

// The dose units Keel knows.
const (
	UnitMg      DoseUnit = "mg"
	UnitMgPerKg DoseUnit = "mg/kg"
	UnitDevices DoseUnit = "devices"
)

// DoseUnits lists the units in the order the form offers them.
var DoseUnits = []DoseUnit{UnitMg, UnitMgPerKg, UnitDevices}

// Label is the unit as the form shows it.
func (u DoseUnit) Label() string {
	if u == UnitDevices {
		return "nasal devices"
	}
	return string(u)
}

// maxDose is the largest amount Keel records in each unit. It is a typo guard only,
// never a statement about what dose is right.
var maxDose = map[DoseUnit]float64{UnitMg: 2000, UnitMgPerKg: 20, UnitDevices: 10}

// Dose is an amount given in one session, as the clinic recorded it.
type Dose struct {
	Amount float64  `json:"amount"`
	Unit   DoseUnit `json:"unit"`
}

// String formats the dose as "0.5 mg/kg" or "3 nasal devices".
func (d Dose) String() string {
	return strconv.FormatFloat(d.Amount, 'f', -1, 64) + " " + d.Unit.Label()
}

// problem returns why the dose can't be recorded, or "".
func (d Dose) problem() string {
	max, known := maxDose[d.Unit]
	switch {
	case !known:
		return "Choose a unit for the dose."
	case math.IsNaN(d.Amount) || math.IsInf(d.Amount, 0):
		return "Enter the dose as a number."
	case d.Amount < 0:
		return "A dose can't be negative."
	case d.Amount == 0:
		return "Enter a dose above 0, or leave it empty."
	case d.Amount > max:
		return fmt.Sprintf("%s is more than Keel records in %s (up to %g); check for a typo.", strconv.FormatFloat(d.Amount, 'f', -1, 64), d.Unit.Label(), max)
	case d.Unit == UnitDevices && d.Amount != math.Trunc(d.Amount):
		return "Nasal devices are counted in whole numbers."
	}
	return ""
}

// ParseAmount reads a dose amount such as "56", "0.5" or "0,5". Empty text gives 0, false.
func ParseAmount(s string) (float64, bool, error) {
	t := strings.TrimSpace(s)
	if t == "" {
		return 0, false, nil
	}
	if strings.Count(t, ",") == 1 && !strings.Contains(t, ".") {
		t = strings.Replace(t, ",", ".", 1)
	}
	v, err := strconv.ParseFloat(t, 64)
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
		return 0, false, fmt.Errorf("%q is not a number; write it like 56 or 0.5", strings.TrimSpace(s))
	}
	return v, true, nil
}
