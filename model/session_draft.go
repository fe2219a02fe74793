package model

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// SessionDraft is a session as the user types it: text where the form has text
// fields. Parse turns it into a Session or says, field by field, what is wrong, so
// the rules for typed input live here and are tested without a window.
type SessionDraft struct {
	ID      uint64
	Created time.Time
	// Updated is the version of the stored session the form was filled from (zero
	// for a new one): the save carries it, so it is refused rather than written over
	// a session changed since (see Conflict).
	Updated      time.Time
	Date         string // "2026-03-12"
	Clock        string // "14:30", "2:30 pm"
	Planned      bool
	Route        Route
	Dose         string
	DoseUnit     DoseUnit
	Provider     string
	Setting      Setting
	Intention    string
	MoodBefore   string
	MoodAfter    string
	Intensity    string
	Character    []string
	Dissociation string
	SideEffects  []string
	BPBefore     string
	BPAfter40    string
	BPDischarge  string
	DroveHome    string
	Cost         string
	Reimbursed   string
	Notes        string
}

// Parse converts the draft into a Session in loc and validates it against now. On
// failure it returns a *ValidationError naming every field to fix.
func (d SessionDraft) Parse(now time.Time, loc *time.Location) (Session, error) {
	v := &ValidationError{}
	s := Session{
		ID: d.ID, Created: d.Created, Updated: d.Updated, Route: d.Route, Setting: d.Setting,
		Provider: strings.TrimSpace(d.Provider), Intention: strings.TrimSpace(d.Intention),
		Character: d.Character, SideEffects: d.SideEffects,
		DroveHome: strings.TrimSpace(d.DroveHome), Notes: strings.TrimSpace(d.Notes),
		Status: StatusDone,
	}
	if d.Planned {
		s.Status = StatusPlanned
	}
	date, err := ParseDate(d.Date, loc)
	if err != nil {
		v.add(FieldDate, "%s", Sentence(err.Error()))
	}
	hour, minute, err := ParseClock(d.Clock)
	if err != nil {
		v.add(FieldTime, "%s", Sentence(err.Error()))
	}
	if !date.IsZero() {
		// With an unreadable time the date alone is still checked (at midnight).
		s.At = time.Date(date.Year(), date.Month(), date.Day(), hour, minute, 0, 0, loc)
	}
	if amount, ok, err := ParseAmount(d.Dose); err != nil {
		v.add(FieldDose, "%s", Sentence(err.Error()))
	} else if ok {
		s.Dose = &Dose{Amount: amount, Unit: d.DoseUnit}
	}
	scales := []struct {
		field, text string
		dst         **int
	}{
		{FieldMoodBefore, d.MoodBefore, &s.MoodBefore},
		{FieldMoodAfter, d.MoodAfter, &s.MoodAfter},
		{FieldIntensity, d.Intensity, &s.Intensity},
		{FieldDissociation, d.Dissociation, &s.Dissociation},
	}
	for _, sc := range scales {
		n, err := ParseScale(sc.text)
		if err != nil {
			v.add(sc.field, "%s", Sentence(err.Error()))
		}
		*sc.dst = n
	}
	pressures := []struct {
		field, text string
		dst         **BloodPressure
	}{
		{FieldBPBefore, d.BPBefore, &s.BPBefore},
		{FieldBPAfter40, d.BPAfter40, &s.BPAfter40},
		{FieldBPDischarge, d.BPDischarge, &s.BPDischarge},
	}
	for _, p := range pressures {
		bp, err := ParseBloodPressure(p.text)
		if err != nil {
			v.add(p.field, "%s", Sentence(err.Error()))
		}
		*p.dst = bp
	}
	money := []struct {
		field, text string
		dst         **Money
	}{
		{FieldCost, d.Cost, &s.Cost},
		{FieldReimbursed, d.Reimbursed, &s.Reimbursed},
	}
	for _, m := range money {
		if strings.TrimSpace(m.text) == "" {
			continue
		}
		amount, err := ParseMoney(m.text)
		if err != nil {
			v.add(m.field, "%s", Sentence(err.Error()))
			continue
		}
		*m.dst = &amount
	}
	return s, v.merge(s.Validate(now))
}

// The session form's fields a Draft keeps beyond the Field* names of a session.
const (
	fieldDoseUnit = "dose_unit"
	planned       = "planned"
)

// Fields are the form's texts and choices by field name, for keeping it as a Draft:
// the lists as JSON, the status as "planned" or "done". ID, Created and Updated are
// not among them: the draft's place and base say which session and which version.
func (d SessionDraft) Fields() map[string]string {
	list := func(l []string) string {
		if len(l) == 0 {
			return ""
		}
		data, _ := json.Marshal(l)
		return string(data)
	}
	status := string(StatusDone)
	if d.Planned {
		status = planned
	}
	return map[string]string{
		FieldDate: d.Date, FieldTime: d.Clock, FieldStatus: status, FieldRoute: string(d.Route),
		FieldDose: d.Dose, fieldDoseUnit: string(d.DoseUnit), FieldProvider: d.Provider, FieldSetting: string(d.Setting),
		FieldIntention: d.Intention, FieldMoodBefore: d.MoodBefore, FieldMoodAfter: d.MoodAfter,
		FieldIntensity: d.Intensity, FieldCharacter: list(d.Character), FieldDissociation: d.Dissociation,
		FieldSideEffects: list(d.SideEffects), FieldBPBefore: d.BPBefore, FieldBPAfter40: d.BPAfter40,
		FieldBPDischarge: d.BPDischarge, FieldDroveHome: d.DroveHome, FieldCost: d.Cost,
		FieldReimbursed: d.Reimbursed, FieldNotes: d.Notes,
	}
}

// WithFields is d (its ID, Created and Updated) with the form as a Draft kept it
// (see Fields).
func (d SessionDraft) WithFields(f map[string]string) SessionDraft {
	list := func(s string) []string {
		var out []string
		if s != "" && json.Unmarshal([]byte(s), &out) != nil {
			return nil
		}
		return out
	}
	return SessionDraft{
		ID: d.ID, Created: d.Created, Updated: d.Updated,
		Date: f[FieldDate], Clock: f[FieldTime], Planned: f[FieldStatus] == planned, Route: Route(f[FieldRoute]),
		Dose: f[FieldDose], DoseUnit: DoseUnit(f[fieldDoseUnit]), Provider: f[FieldProvider], Setting: Setting(f[FieldSetting]),
		Intention: f[FieldIntention], MoodBefore: f[FieldMoodBefore], MoodAfter: f[FieldMoodAfter],
		Intensity: f[FieldIntensity], Character: list(f[FieldCharacter]), Dissociation: f[FieldDissociation],
		SideEffects: list(f[FieldSideEffects]), BPBefore: f[FieldBPBefore], BPAfter40: f[FieldBPAfter40],
		BPDischarge: f[FieldBPDischarge], DroveHome: f[FieldDroveHome], Cost: f[FieldCost],
		Reimbursed: f[FieldReimbursed], Notes: f[FieldNotes],
	}
}

// DraftOf fills a draft from a stored session, for editing in this computer's time
// zone (time.Local): DraftIn(s, time.Local).
func DraftOf(s Session) SessionDraft { return DraftIn(s, time.Local) }

// DraftIn fills a draft from a stored session, with its date and time of day as they
// fall in loc: the zone Parse will read them back in, so opening a session and saving
// it unchanged never moves it, whatever offset it was stored with.
func DraftIn(s Session, loc *time.Location) SessionDraft {
	d := SessionDraft{
		ID: s.ID, Created: s.Created, Updated: s.Updated, Planned: s.Status == StatusPlanned, Route: s.Route,
		Provider: s.Provider, Setting: s.Setting, Intention: s.Intention,
		Character: s.Character, SideEffects: s.SideEffects, DroveHome: s.DroveHome, Notes: s.Notes,
		MoodBefore: scaleText(s.MoodBefore), MoodAfter: scaleText(s.MoodAfter),
		Intensity: scaleText(s.Intensity), Dissociation: scaleText(s.Dissociation),
		BPBefore: bpText(s.BPBefore), BPAfter40: bpText(s.BPAfter40), BPDischarge: bpText(s.BPDischarge),
		Cost: moneyText(s.Cost), Reimbursed: moneyText(s.Reimbursed),
	}
	if !s.At.IsZero() {
		at := s.At.In(orLocal(loc))
		d.Date = at.Format(time.DateOnly)
		d.Clock = at.Format("15:04")
	}
	if s.Dose != nil {
		d.Dose = strconv.FormatFloat(s.Dose.Amount, 'f', -1, 64)
		d.DoseUnit = s.Dose.Unit
	}
	return d
}

func scaleText(v *int) string {
	if v == nil {
		return ""
	}
	return strconv.Itoa(*v)
}

func bpText(bp *BloodPressure) string {
	if bp == nil {
		return ""
	}
	return bp.String()
}

func moneyText(m *Money) string {
	if m == nil {
		return ""
	}
	return m.String()
}

// ParseDate reads a calendar date written year first: "2026-03-12", "2026-3-12" or
// "2026/03/12" (year first is the one order nobody misreads), as the day the person
// means: the start of that day in loc, their time zone (nil: time.Local). A report
// "from 2026-01-01" in New York starts at midnight in New York, not at midnight UTC
// (which is the evening before there). On the rare day a zone skips midnight (a
// daylight-saving change at 00:00) it is the first moment of the day that exists.
func ParseDate(s string, loc *time.Location) (time.Time, error) {
	t := strings.ReplaceAll(strings.TrimSpace(s), "/", "-")
	if t == "" {
		return time.Time{}, fmt.Errorf("choose the date (year-month-day, for example 2026-03-12)")
	}
	d, err := time.Parse("2006-1-2", t)
	if err != nil {
		return time.Time{}, fmt.Errorf("%q is not a date; write it year-month-day, for example 2026-03-12", strings.TrimSpace(s))
	}
	return StartOfDay(d.Year(), d.Month(), d.Day(), orLocal(loc)), nil
}

// StartOfDay is the first moment of the calendar day y-m-d in loc: midnight, or on a
// day whose midnight a daylight-saving change skips, the moment the day begins.
// Like time.Date, it normalises the date: day 0 is the last of the month before.
func StartOfDay(y int, m time.Month, d int, loc *time.Location) time.Time {
	y, m, d = time.Date(y, m, d, 12, 0, 0, 0, time.UTC).Date()
	t := time.Date(y, m, d, 0, 0, 0, 0, loc)
	// time.Date may put a skipped midnight in the day before: the day starts when the
	// clock jumps, an hour or so later, on a whole minute.
	for i := 0; i < 24*60 && t.Day() != d; i++ {
		t = t.Add(time.Minute)
	}
	return t
}

// Today is the first moment of now's calendar day in loc (nil: time.Local): the
// person's local day, whatever zone now is written in.
func Today(now time.Time, loc *time.Location) time.Time {
	y, m, d := now.In(orLocal(loc)).Date()
	return StartOfDay(y, m, d, orLocal(loc))
}

func orLocal(loc *time.Location) *time.Location {
	if loc == nil {
		return time.Local
	}
	return loc
}

// ParseClock reads a time of day: "14:30", "9:05", "1430", "2:30 pm", "2pm".
func ParseClock(s string) (hour, minute int, err error) {
	t := strings.ToLower(strings.ReplaceAll(strings.TrimSpace(s), " ", ""))
	t = strings.ReplaceAll(t, ".", "")
	if t == "" {
		return 0, 0, fmt.Errorf("enter the time, for example 14:30")
	}
	pm, am := strings.HasSuffix(t, "pm"), strings.HasSuffix(t, "am")
	if pm || am {
		t = t[:len(t)-2]
	}
	h, m, hasColon := strings.Cut(t, ":")
	if !hasColon && len(t) > 2 {
		h, m = t[:len(t)-2], t[len(t)-2:]
	}
	if m == "" {
		m = "0"
	}
	hour, err1 := strconv.Atoi(h)
	minute, err2 := strconv.Atoi(m)
	bad := fmt.Errorf("%q is not a time; write it like 14:30 or 2:30 pm", strings.TrimSpace(s))
	if err1 != nil || err2 != nil || len(m) > 2 || minute < 0 || minute > 59 || hour < 0 {
		return 0, 0, bad
	}
	if pm || am {
		if hour < 1 || hour > 12 {
			return 0, 0, bad
		}
		hour %= 12
		if pm {
			hour += 12
		}
	}
	if hour > 23 {
		return 0, 0, bad
	}
	return hour, minute, nil
}

// Sentence makes s a sentence: capital first letter, full stop at the end. Error
// texts are lowercase by Go convention; the user reads them as sentences.
func Sentence(s string) string {
	if s == "" {
		return s
	}
	s = strings.ToUpper(s[:1]) + s[1:]
	if !strings.HasSuffix(s, ".") {
		s += "."
	}
	return s
}
