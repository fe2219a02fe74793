package model

import (
	"math"
	"strings"
	"time"
)

// CheckIn is a quick daily record of how things are (docs/product.md item 4). Several a
// day are fine; charts average them per day and per week.
type CheckIn struct {
	ID           uint64    `json:"id"`
	At           time.Time `json:"at"`
	Mood         *int      `json:"mood,omitempty"`          // 0 very low - 10 very good
	Anxiety      *int      `json:"anxiety,omitempty"`       // 0 none - 10 overwhelming
	SleepHours   *float64  `json:"sleep_hours,omitempty"`   // last night
	SleepQuality *int      `json:"sleep_quality,omitempty"` // 0 very poor - 10 very good
	Stress       *int      `json:"stress,omitempty"`        // 0 none - 10 overwhelming
	Note         string    `json:"note,omitempty"`
	// Tags are activities or labels, such as those a Daylio import brings.
	Tags []string `json:"tags,omitempty"`
	// Source names where the check-in came from when it was imported ("daylio"),
	// and SourceKey identifies it there, so importing the same file twice adds nothing.
	Source    string    `json:"source,omitempty"`
	SourceKey string    `json:"source_key,omitempty"`
	Created   time.Time `json:"created"`
	Updated   time.Time `json:"updated"`
}

// The field names used in validation messages for a check-in.
const (
	FieldMood         = "mood"
	FieldAnxiety      = "anxiety"
	FieldSleepHours   = "sleep_hours"
	FieldSleepQuality = "sleep_quality"
	FieldStress       = "stress"
	FieldNote         = "note"
	FieldTags         = "tags"
)

// Validate checks every scale and refuses an empty check-in.
func (c *CheckIn) Validate(now time.Time) error {
	v := &ValidationError{}
	checkWhen(v, c.At, now)
	if c.Mood == nil && c.Anxiety == nil && c.SleepHours == nil && c.SleepQuality == nil && c.Stress == nil && strings.TrimSpace(c.Note) == "" {
		v.add(FieldMood, "Fill in at least one thing, even just your mood.")
	}
	v.checkScale(FieldMood, "Mood", c.Mood)
	v.checkScale(FieldAnxiety, "Anxiety", c.Anxiety)
	v.checkScale(FieldSleepQuality, "Sleep quality", c.SleepQuality)
	v.checkScale(FieldStress, "Stress", c.Stress)
	v.checkSleepHours(FieldSleepHours, c.SleepHours)
	v.checkText(FieldNote, "The note", c.Note, MaxLongText)
	v.checkTags(FieldTags, "tags", c.Tags)
	v.checkText("source", "The source", c.Source+c.SourceKey, MaxShortText)
	return v.orNil()
}

func (e *ValidationError) checkSleepHours(field string, h *float64) {
	if h != nil && (math.IsNaN(*h) || *h < 0 || *h > 24) {
		e.add(field, "Hours of sleep are from 0 to 24.")
	}
}
