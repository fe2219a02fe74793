package model

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// Text limits, in characters. They keep a pasted novel or a stray binary file out of
// the database while leaving room for anything a person would write by hand.
const (
	MaxShortText = 200
	MaxLongText  = 20000
)

// FieldError is one problem with one field of a record, in words a user can act on.
type FieldError struct {
	Field   string
	Message string
}

// ValidationError lists every problem found in a record. A record with problems is
// never saved.
type ValidationError struct {
	Problems []FieldError
}

// Error joins the problems into one sentence per field.
func (e *ValidationError) Error() string {
	msgs := make([]string, len(e.Problems))
	for i, p := range e.Problems {
		msgs[i] = p.Message
	}
	return strings.Join(msgs, " ")
}

// For returns the message for field, or "" when the field is fine.
func (e *ValidationError) For(field string) string {
	if e == nil {
		return ""
	}
	for _, p := range e.Problems {
		if p.Field == field {
			return p.Message
		}
	}
	return ""
}

// add records a problem, keeping only the first one per field so the message next to
// a field is always the most basic thing to fix.
func (e *ValidationError) add(field, format string, args ...any) {
	if e.For(field) != "" {
		return
	}
	e.Problems = append(e.Problems, FieldError{Field: field, Message: fmt.Sprintf(format, args...)})
}

// orNil returns e as an error when it holds problems, else nil.
func (e *ValidationError) orNil() error {
	if len(e.Problems) == 0 {
		return nil
	}
	return e
}

// checkText refuses text that is not UTF-8 or longer than max characters.
func (e *ValidationError) checkText(field, label, s string, max int) {
	if !utf8.ValidString(s) {
		e.add(field, "%s contains characters Keel cannot read.", label)
		return
	}
	if n := utf8.RuneCountInString(s); n > max {
		e.add(field, "%s is too long (%d characters; the limit is %d).", label, n, max)
	}
}

// checkScale refuses a 0-10 rating outside that range. A nil rating means "not recorded".
func (e *ValidationError) checkScale(field, label string, v *int) {
	if v != nil && (*v < 0 || *v > 10) {
		e.add(field, "%s is from 0 to 10 (you entered %d).", label, *v)
	}
}
