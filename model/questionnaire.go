package model

import (
	"fmt"
	"time"
)

// Response is one completed questionnaire. Its total and band are computed from the
// answers, never stored apart from them.
type Response struct {
	ID         uint64    `json:"id"`
	Instrument string    `json:"instrument"`
	At         time.Time `json:"at"`
	Answers    []int     `json:"answers"`
	// Extra is the answer to the instrument's unscored question, if any.
	Extra   *int      `json:"extra,omitempty"`
	Created time.Time `json:"created"`
	Updated time.Time `json:"updated"`
}

// The field names used in validation messages for a response.
const (
	FieldInstrument = "instrument"
	FieldAnswers    = "answers"
	FieldExtra      = "extra"
	FieldAt         = "at"
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
	checkWhen(v, r.At, now)
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
