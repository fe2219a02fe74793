package model

import (
	"strings"
	"time"
)

// Route is how ketamine was given in a session.
type Route string

// The routes of docs/product.md item 1.
const (
	RouteIV      Route = "iv"
	RouteIM      Route = "im"
	RouteNasal   Route = "nasal"
	RouteLozenge Route = "lozenge"
	RouteOther   Route = "other"
)

// Routes lists every route in the order the form offers them.
var Routes = []Route{RouteIV, RouteIM, RouteNasal, RouteLozenge, RouteOther}

var routeLabels = map[Route]string{
	RouteIV:      "IV infusion",
	RouteIM:      "IM injection",
	RouteNasal:   "Nasal spray",
	RouteLozenge: "Oral / sublingual lozenge",
	RouteOther:   "Other",
}

// Label is the route in words.
func (r Route) Label() string { return labelOr(routeLabels, r) }

// Setting is where a session took place.
type Setting string

// The settings of docs/product.md item 1.
const (
	SettingClinic     Setting = "clinic"
	SettingHomeSitter Setting = "home_sitter"
	SettingHomeAlone  Setting = "home_alone"
)

// SettingChoices lists every setting in the order the form offers them.
var SettingChoices = []Setting{SettingClinic, SettingHomeSitter, SettingHomeAlone}

var settingLabels = map[Setting]string{
	SettingClinic:     "Clinic",
	SettingHomeSitter: "Home, with a sitter",
	SettingHomeAlone:  "Home, alone",
}

// Label is the setting in words.
func (s Setting) Label() string { return labelOr(settingLabels, s) }

// Status says whether a session is still planned or has happened.
type Status string

// A session is planned until the user marks it done.
const (
	StatusPlanned Status = "planned"
	StatusDone    Status = "done"
)

// Label is the status in words.
func (s Status) Label() string {
	if s == StatusDone {
		return "Done"
	}
	return "Planned"
}

func labelOr[K ~string](labels map[K]string, k K) string {
	if l, ok := labels[k]; ok {
		return l
	}
	return string(k)
}

// Characters are the words offered to describe what a session felt like. None is
// better than another: Keel does not reward intensity.
var Characters = []string{"Profound", "Emotional", "Insightful", "Peaceful", "Weird", "Flat", "Confusing", "Difficult"}

// SideEffects are the side effects offered as checkboxes; the user may add others.
var SideEffects = []string{"Nausea", "Vomiting", "Headache", "Dizziness", "Raised blood pressure", "Bladder pain", "Blurred vision", "Drowsiness", "Anxiety"}

// Limits on the lists a session holds.
const (
	maxTags   = 20
	maxTagLen = 60
)

// Session is one ketamine treatment, planned or done (docs/product.md item 1).
type Session struct {
	ID           uint64         `json:"id"`
	At           time.Time      `json:"at"`
	Status       Status         `json:"status"`
	Route        Route          `json:"route"`
	Dose         *Dose          `json:"dose,omitempty"`
	Provider     string         `json:"provider,omitempty"`
	Setting      Setting        `json:"setting,omitempty"`
	Intention    string         `json:"intention,omitempty"`
	MoodBefore   *int           `json:"mood_before,omitempty"`
	MoodAfter    *int           `json:"mood_after,omitempty"`
	Intensity    *int           `json:"intensity,omitempty"`
	Character    []string       `json:"character,omitempty"`
	Dissociation *int           `json:"dissociation,omitempty"`
	SideEffects  []string       `json:"side_effects,omitempty"`
	BPBefore     *BloodPressure `json:"bp_before,omitempty"`
	BPAfter40    *BloodPressure `json:"bp_after_40,omitempty"`
	BPDischarge  *BloodPressure `json:"bp_discharge,omitempty"`
	DroveHome    string         `json:"drove_home,omitempty"`
	Cost         *Money         `json:"cost,omitempty"`
	Reimbursed   *Money         `json:"reimbursed,omitempty"`
	Notes        string         `json:"notes,omitempty"`
	Created      time.Time      `json:"created"`
	Updated      time.Time      `json:"updated"`
}

// The field names used in validation messages for a session.
const (
	FieldDate         = "date"
	FieldTime         = "time"
	FieldStatus       = "status"
	FieldRoute        = "route"
	FieldDose         = "dose"
	FieldProvider     = "provider"
	FieldSetting      = "setting"
	FieldIntention    = "intention"
	FieldMoodBefore   = "mood_before"
	FieldMoodAfter    = "mood_after"
	FieldIntensity    = "intensity"
	FieldCharacter    = "character"
	FieldDissociation = "dissociation"
	FieldSideEffects  = "side_effects"
	FieldBPBefore     = "bp_before"
	FieldBPAfter40    = "bp_after_40"
	FieldBPDischarge  = "bp_discharge"
	FieldDroveHome    = "drove_home"
	FieldCost         = "cost"
	FieldReimbursed   = "reimbursed"
	FieldNotes        = "notes"
)

// Earliest and latest dates Keel accepts: outside them a date is a typo.
var (
	minDate = time.Date(1990, 1, 1, 0, 0, 0, 0, time.UTC)
	maxDate = time.Date(2200, 1, 1, 0, 0, 0, 0, time.UTC)
)

// Validate checks every field against docs/product.md item 1 and returns a
// *ValidationError listing each problem, or nil. now decides what "the future" is.
func (s *Session) Validate(now time.Time) error {
	v := &ValidationError{}
	switch {
	case s.At.IsZero():
		v.add(FieldDate, "Choose the date of the session.")
	case s.At.Before(minDate) || !s.At.Before(maxDate):
		v.add(FieldDate, "%s doesn't look like a real session date; check the year.", s.At.Format("2 Jan 2006"))
	case s.Status == StatusDone && s.At.After(now):
		v.add(FieldDate, "A completed session can't be in the future. Change the date, or save it as planned.")
	}
	if s.Status != StatusPlanned && s.Status != StatusDone {
		v.add(FieldStatus, "Say whether the session is planned or done.")
	}
	if _, ok := routeLabels[s.Route]; !ok {
		v.add(FieldRoute, "Choose how the ketamine was given.")
	}
	if s.Dose != nil {
		if p := s.Dose.problem(); p != "" {
			v.add(FieldDose, "%s", p)
		}
	}
	if _, ok := settingLabels[s.Setting]; s.Setting != "" && !ok {
		v.add(FieldSetting, "Choose where the session took place.")
	}
	v.checkText(FieldProvider, "The provider", s.Provider, MaxShortText)
	v.checkText(FieldIntention, "The intention", s.Intention, MaxLongText)
	v.checkText(FieldDroveHome, "Who drove home", s.DroveHome, MaxShortText)
	v.checkText(FieldNotes, "The notes", s.Notes, MaxLongText)
	v.checkScale(FieldMoodBefore, "Mood before", s.MoodBefore)
	v.checkScale(FieldMoodAfter, "Mood after", s.MoodAfter)
	v.checkScale(FieldIntensity, "Intensity", s.Intensity)
	v.checkScale(FieldDissociation, "Dissociation", s.Dissociation)
	v.checkTags(FieldCharacter, "character", s.Character)
	v.checkTags(FieldSideEffects, "side effects", s.SideEffects)
	for _, r := range s.BloodPressures() {
		if r.Reading != nil {
			if p := r.Reading.problem(); p != "" {
				v.add(r.Field, "%s", p)
			}
		}
	}
	v.checkMoney(FieldCost, "The cost", s.Cost)
	v.checkMoney(FieldReimbursed, "The reimbursement", s.Reimbursed)
	return v.orNil()
}

func (e *ValidationError) checkTags(field, label string, tags []string) {
	if len(tags) > maxTags {
		e.add(field, "Keep %s to %d entries or fewer.", label, maxTags)
	}
	for _, t := range tags {
		if strings.TrimSpace(t) == "" {
			e.add(field, "One of the %s is empty.", label)
		}
		e.checkText(field, "Each of the "+label, t, maxTagLen)
	}
}

func (e *ValidationError) checkMoney(field, label string, m *Money) {
	switch {
	case m == nil:
	case *m < 0:
		e.add(field, "%s can't be negative.", label)
	case *m > MaxMoney:
		e.add(field, "%s is more than Keel records for one session (%s); check for a typo.", label, MaxMoney)
	}
}

// BPReading names one of a session's three blood pressure readings.
type BPReading struct {
	Field   string
	Label   string
	Reading *BloodPressure
}

// BloodPressures returns the three readings in time order, recorded or not.
func (s *Session) BloodPressures() []BPReading {
	return []BPReading{
		{FieldBPBefore, "Before", s.BPBefore},
		{FieldBPAfter40, "About 40 min after", s.BPAfter40},
		{FieldBPDischarge, "At discharge", s.BPDischarge},
	}
}

// HighBP reports whether any reading of the session is above 140/90.
func (s *Session) HighBP() bool {
	for _, r := range s.BloodPressures() {
		if r.Reading != nil && r.Reading.High() {
			return true
		}
	}
	return false
}

// Done reports whether the session has happened.
func (s *Session) Done() bool { return s.Status == StatusDone }
