package model

import (
	"strings"
	"time"
)

// IntegrationPrompts are the questions offered for journal entries in the days after
// a session (docs/product.md item 3).
var IntegrationPrompts = []string{
	"What came up?",
	"What felt different?",
	"One thing to carry into this week",
}

// JournalEntry is a piece of writing, tied to a session or standing alone.
type JournalEntry struct {
	ID        uint64    `json:"id"`
	At        time.Time `json:"at"`
	SessionID uint64    `json:"session_id,omitempty"` // 0: not tied to a session
	Prompt    string    `json:"prompt,omitempty"`
	Text      string    `json:"text"`
	Created   time.Time `json:"created"`
	Updated   time.Time `json:"updated"`
}

// FieldText is the field name of a journal entry's text.
const FieldText = "text"

// Validate refuses an empty entry and text over the limit.
func (j *JournalEntry) Validate(now time.Time) error {
	v := &ValidationError{}
	checkWhen(v, j.At, now)
	if strings.TrimSpace(j.Text) == "" {
		v.add(FieldText, "Write something first.")
	}
	v.checkText(FieldText, "The entry", j.Text, MaxLongText)
	v.checkText("prompt", "The prompt", j.Prompt, MaxShortText)
	return v.orNil()
}

// Matches reports whether the entry's prompt or text contains every word of query,
// ignoring case.
func (j *JournalEntry) Matches(query string) bool {
	hay := strings.ToLower(j.Prompt + "\n" + j.Text)
	for _, w := range strings.Fields(strings.ToLower(query)) {
		if !strings.Contains(hay, w) {
			return false
		}
	}
	return true
}
