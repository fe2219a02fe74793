package model

import (
	"fmt"
	"time"
)

// Response is one completed questionnaire. Its total and band are computed from the
// answers, never stored apart from them.
//
// Fields added later are optional in the JSON, so records written before them read
// as they were meant: taken in Keel, at the time stored, with the standard wording.
type Response struct {
	ID         uint64    `json:"id"`
	Instrument string    `json:"instrument"`
	At         time.Time `json:"at"`
	Answers    []int     `json:"answers"`
	// Extra is the answer to the instrument's unscored question, if any.
	Extra *int `json:"extra,omitempty"`
	// Source is where the questionnaire was taken: in Keel, or entered from a form
	// filled in at the clinic. Paper and app scores are not interchangeable
	// (docs/clinical.md, PHQ-9), so the verdict says when a baseline came from a form.
	Source ResponseSource `json:"source,omitempty"`
	// DayOnly marks a questionnaire dated to a day without a time (one answered
	// elsewhere and entered later): At is noon of that day (DayOnlyAt), and the time
	// means nothing. See TakenBefore.
	DayOnly bool `json:"day_only,omitempty"`
	// Event is the stressful experience the items refer to, in the person's words,
	// for an instrument that asks for one (the PCL-5's EventPrompt); optional.
	Event string `json:"event,omitempty"`
	// PastWeek is set when the questionnaire was asked with its past-week wording
	// (Instrument.Wording) instead of the standard one.
	PastWeek bool      `json:"past_week,omitempty"`
	Created  time.Time `json:"created"`
	Updated  time.Time `json:"updated"`
}

// ResponseSource says where a questionnaire was taken.
type ResponseSource string

// The sources of a questionnaire. The zero value, and so every record written before
// the field existed, is "in Keel".
const (
	SourceKeel       ResponseSource = ""
	SourceClinicForm ResponseSource = "clinic_form"
)

// ResponseSources lists the sources in the order a form offers them.
var ResponseSources = []ResponseSource{SourceKeel, SourceClinicForm}

var sourceLabels = map[ResponseSource]string{
	SourceKeel:       "Answered in Keel",
	SourceClinicForm: "Entered from a clinic form",
}

// Label is the source in words.
func (s ResponseSource) Label() string { return labelOr(sourceLabels, s) }

// DayOnlyAt is the time a questionnaire dated only to day is stored at: noon of that
// calendar day, in day's location, so that a change of time zone of up to eleven
// hours keeps it on the same day.
func DayOnlyAt(day time.Time) time.Time {
	y, m, d := day.Date()
	return time.Date(y, m, d, 12, 0, 0, 0, day.Location())
}

// TakenBefore reports whether the questionnaire counts as taken before t: answered at
// or before t, or, dated to a day without a time (DayOnly), dated to t's calendar day
// or earlier, days counted in t's location. So a PHQ-9 entered for a session's day
// without a time counts as taken before the session (docs/clinical.md, PHQ-9
// "Baseline").
func (r *Response) TakenBefore(t time.Time) bool {
	if r.DayOnly {
		return CalendarDays(r.At.In(t.Location()), t) >= 0
	}
	return !r.At.After(t)
}

// The field names used in validation messages for a response.
const (
	FieldInstrument = "instrument"
	FieldAnswers    = "answers"
	FieldExtra      = "extra"
	FieldAt         = "at"
	FieldSource     = "source"
	FieldEvent      = "event"
)

// Score returns the total of answers for in. Answers outside the instrument's range
// are an error, as is a wrong number of answers; the unscored question never counts.
func Score(in *Instrument, answers []int) (int, error) {
	if len(answers) != len(in.Items) {
		return 0, fmt.Errorf("%s has %d items, got %d answers", in.Name, len(in.Items), len(answers))
	}
	total := 0
	for i, a := range answers {
		if a < 0 || a >= len(in.Answers) {
			return 0, fmt.Errorf("%s item %d: answer %d is outside 0-%d", in.Name, i+1, a, len(in.Answers)-1)
		}
		total += a
	}
	return total, nil
}

// BandOf returns the published band a total falls in, or "" when the instrument has
// no bands.
func BandOf(in *Instrument, total int) string {
	for _, b := range in.Bands {
		if total >= b.Min && total <= b.Max {
			return b.Name
		}
	}
	return ""
}

// InstrumentOf returns the response's instrument, or nil when it is unknown.
func (r *Response) InstrumentOf() *Instrument { return InstrumentByID(r.Instrument) }

// Total is the response's score; 0 for an invalid response.
func (r *Response) Total() int {
	in := r.InstrumentOf()
	if in == nil {
		return 0
	}
	t, _ := Score(in, r.Answers)
	return t
}

// Band is the band of the response's total, or "".
func (r *Response) Band() string {
	in := r.InstrumentOf()
	if in == nil {
		return ""
	}
	return BandOf(in, r.Total())
}

// NeedsCrisisCard reports whether the answers include one that must show the crisis
// card: PHQ-9 item 9 answered above 0 (docs/clinical.md, PHQ-9).
func NeedsCrisisCard(in *Instrument, answers []int) bool {
	return in.CrisisItem >= 0 && in.CrisisItem < len(answers) && answers[in.CrisisItem] > 0
}

// Validate checks the instrument, every answer and the unscored question.
func (r *Response) Validate(now time.Time) error {
	v := &ValidationError{}
	in := r.InstrumentOf()
	if in == nil {
		v.add(FieldInstrument, "Keel does not know the questionnaire %q.", r.Instrument)
		return v
	}
	if _, err := Score(in, r.Answers); err != nil {
		v.add(FieldAnswers, "Answer every question of the %s once (%v).", in.Name, err)
	}
	if r.Extra != nil && (in.Extra == nil || *r.Extra < 0 || *r.Extra >= len(in.Extra.Answers)) {
		v.add(FieldExtra, "The last question's answer is not one of its choices.")
	}
	if _, ok := sourceLabels[r.Source]; !ok {
		v.add(FieldSource, "Choose where the questionnaire was taken: in Keel, or from a clinic form.")
	}
	switch {
	case r.Event != "" && in.EventPrompt == "":
		v.add(FieldEvent, "The %s does not ask about an event.", in.Name)
	default:
		v.checkText(FieldEvent, "The event", r.Event, MaxShortText)
	}
	if r.PastWeek && in.WeekStem == "" {
		v.add(FieldInstrument, "The %s has no past-week version.", in.Name)
	}
	at := r.At
	if r.DayOnly && at.After(now) && CalendarDays(at, now) == 0 {
		at = now // today, without a time: noon may still be ahead
	}
	checkWhen(v, at, now)
	return v.orNil()
}

// checkWhen refuses a missing, implausible or future time for something that has happened.
func checkWhen(v *ValidationError, at, now time.Time) {
	switch {
	case at.IsZero():
		v.add(FieldAt, "Choose the date.")
	case at.Before(minDate) || !at.Before(maxDate):
		v.add(FieldAt, "%s doesn't look like a real date; check the year.", at.Format("2 Jan 2006"))
	case at.After(now.Add(time.Minute)):
		v.add(FieldAt, "This can't be dated in the future.")
	}
}

// stampTimes sets a record's created time when it has none and its updated time to
// now; with keep (adding records that already have a history, as on import) it only
// fills times that are missing.
func stampTimes(created, updated *time.Time, now time.Time, keep bool) {
	if created.IsZero() {
		*created = now
	}
	if !keep || updated.IsZero() {
		*updated = now
	}
}
