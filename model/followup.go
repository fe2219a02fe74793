package model

import (
	"fmt"
	"time"
)

// FollowUpOffsets are when the short check-ins after a completed session fall due:
// about 4, 24, 48 and 72 hours after it (docs/product.md item 3, "the 72 hours after").
var FollowUpOffsets = []time.Duration{4 * time.Hour, 24 * time.Hour, 48 * time.Hour, 72 * time.Hour}

// FollowUp is one short check-in in the 72 hours after a session.
type FollowUp struct {
	ID        uint64    `json:"id"`
	SessionID uint64    `json:"session_id"`
	Step      int       `json:"step"` // index into FollowUpOffsets
	Due       time.Time `json:"due"`
	// Filled is when the user answered it; nil while it is open.
	Filled       *time.Time `json:"filled,omitempty"`
	Mood         *int       `json:"mood,omitempty"`
	SleepHours   *float64   `json:"sleep_hours,omitempty"`
	SleepQuality *int       `json:"sleep_quality,omitempty"`
	Stress       *int       `json:"stress,omitempty"`
	Rumination   *int       `json:"rumination,omitempty"`  // 0 none - 10 stuck in loops
	LessSticky   *int       `json:"less_sticky,omitempty"` // "thoughts feel less sticky": 0 not at all - 10 very much
	Note         string     `json:"note,omitempty"`
	Created      time.Time  `json:"created"`
	Updated      time.Time  `json:"updated"`
}

// The field names used in validation messages for a follow-up.
const (
	FieldRumination = "rumination"
	FieldLessSticky = "less_sticky"
)

// FollowUpsWithin is how recent a completed session must be for Keel to open its
// follow-ups: logging a session from months ago does not fill Today with missed ones.
const FollowUpsWithin = 7 * 24 * time.Hour

// FollowUpID is the ID of a session's follow-up at step: derived from the session's
// ID, so a session's follow-ups are found without an index.
func FollowUpID(sessionID uint64, step int) uint64 {
	return sessionID<<2 | uint64(step&3) // #nosec G115 -- step is 0-3, the index into FollowUpOffsets
}

// NewFollowUps returns the four follow-ups of a completed session, due at its time
// plus each of FollowUpOffsets.
func NewFollowUps(s Session) []FollowUp {
	out := make([]FollowUp, len(FollowUpOffsets))
	for i, off := range FollowUpOffsets {
		out[i] = FollowUp{ID: FollowUpID(s.ID, i), SessionID: s.ID, Step: i, Due: s.At.Add(off)}
	}
	return out
}

// Label names the follow-up as the user sees it: "4 hours after", "Day 1 (24 h)".
func (f *FollowUp) Label() string {
	if f.Step < 0 || f.Step >= len(FollowUpOffsets) {
		return "Follow-up"
	}
	h := int(FollowUpOffsets[f.Step].Hours())
	if h < 24 {
		return fmt.Sprintf("%d hours after", h)
	}
	return fmt.Sprintf("Day %d (+%d h)", h/24, h)
}

// Closes is when the follow-up stops being on time: when the next one falls due, or a
// day after the last one.
func (f *FollowUp) Closes() time.Time {
	next := 96 * time.Hour
	if f.Step+1 < len(FollowUpOffsets) {
		next = FollowUpOffsets[f.Step+1]
	}
	return f.Due.Add(next - FollowUpOffsets[min(max(f.Step, 0), len(FollowUpOffsets)-1)])
}

// Open reports whether the follow-up has not been answered.
func (f *FollowUp) Open() bool { return f.Filled == nil }

// Late reports whether it was answered (or, still open, is now) past Closes.
func (f *FollowUp) Late(now time.Time) bool {
	if f.Filled != nil {
		return f.Filled.After(f.Closes())
	}
	return now.After(f.Closes())
}

// Validate checks the scales; a filled follow-up must hold at least one answer.
func (f *FollowUp) Validate(now time.Time) error {
	v := &ValidationError{}
	if f.SessionID == 0 {
		v.add("session", "A follow-up belongs to a session.")
	}
	if f.Step < 0 || f.Step >= len(FollowUpOffsets) {
		v.add("step", "Unknown follow-up step %d.", f.Step)
	}
	if f.Due.IsZero() {
		v.add("due", "A follow-up needs a due time.")
	}
	if f.Filled != nil && f.Mood == nil && f.SleepHours == nil && f.SleepQuality == nil && f.Stress == nil &&
		f.Rumination == nil && f.LessSticky == nil && f.Note == "" {
		v.add(FieldMood, "Answer at least one question, even just your mood.")
	}
	v.checkScale(FieldMood, "Mood", f.Mood)
	v.checkScale(FieldSleepQuality, "Sleep quality", f.SleepQuality)
	v.checkScale(FieldStress, "Stress", f.Stress)
	v.checkScale(FieldRumination, "Rumination", f.Rumination)
	v.checkScale(FieldLessSticky, "“Thoughts feel less sticky”", f.LessSticky)
	v.checkSleepHours(FieldSleepHours, f.SleepHours)
	v.checkText(FieldNote, "The note", f.Note, MaxLongText)
	return v.orNil()
}
