package model

import (
	"fmt"
	"maps"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// Place names where a person types something Keel keeps as a draft until it is saved
// (see Draft): what is typed, then "/", then which one. "new" is a record not saved
// yet (one new draft per kind of place); a number is the ID of the record edited.
//
//	journal/new  journal/12    a journal entry
//	session/new  session/7     the session form
//	intention/7                the intention of session 7, typed in Prepare
//	followup/29                the answers of follow-up 29
//	checkin/2026-03-12         the check-in of that day (in the person's time zone)
//	course/new   course/3      the course form
type Place string

// The kinds of place, before the "/".
const (
	PlaceJournal   = "journal"
	PlaceSession   = "session"
	PlaceIntention = "intention"
	PlaceFollowUp  = "followup"
	PlaceCheckIn   = "checkin"
	PlaceCourse    = "course"
)

var placeKinds = []string{PlaceJournal, PlaceSession, PlaceIntention, PlaceFollowUp, PlaceCheckIn, PlaceCourse}

// maxPlace is the longest place name: far more than any real one needs.
const maxPlace = 100

func placeOf(kind string, id uint64) Place {
	if id == 0 {
		return Place(kind + "/new")
	}
	return Place(kind + "/" + strconv.FormatUint(id, 10))
}

// JournalPlace is the place of journal entry id (0: a new entry).
func JournalPlace(id uint64) Place { return placeOf(PlaceJournal, id) }

// SessionPlace is the place of the session form for session id (0: a new session).
func SessionPlace(id uint64) Place { return placeOf(PlaceSession, id) }

// IntentionPlace is the place of a planned session's intention, typed in Prepare.
func IntentionPlace(sessionID uint64) Place { return placeOf(PlaceIntention, sessionID) }

// FollowUpPlace is the place of follow-up id's answers.
func FollowUpPlace(id uint64) Place { return placeOf(PlaceFollowUp, id) }

// CoursePlace is the place of the course form for course id (0: a new course).
func CoursePlace(id uint64) Place { return placeOf(PlaceCourse, id) }

// CheckInPlace is the place of the check-in of day's calendar day, in day's location
// (pass a time in the person's zone: the check-in of "today" is their local day).
func CheckInPlace(day time.Time) Place {
	return Place(PlaceCheckIn + "/" + day.Format(time.DateOnly))
}

// Kind is what the place is for: the part before the "/" ("journal").
func (p Place) Kind() string {
	k, _, _ := strings.Cut(string(p), "/")
	return k
}

// ID is the record ID in the place, 0 for a new record or a check-in day.
func (p Place) ID() uint64 {
	_, rest, _ := strings.Cut(string(p), "/")
	id, err := strconv.ParseUint(rest, 10, 64)
	if err != nil {
		return 0
	}
	return id
}

// Valid says what is wrong with a place name, or nil: a known kind, "/", and "new",
// an ID or (for check-ins) a day.
func (p Place) Valid() error {
	kind, rest, ok := strings.Cut(string(p), "/")
	known := false
	for _, k := range placeKinds {
		known = known || k == kind
	}
	switch {
	case !ok || !known || rest == "" || len(p) > maxPlace:
		return fmt.Errorf("%q is not a place Keel keeps drafts for", string(p))
	case kind == PlaceCheckIn:
		if _, err := time.Parse(time.DateOnly, rest); err != nil {
			return fmt.Errorf("%q: a check-in draft is kept by day, YYYY-MM-DD", string(p))
		}
	case rest == "new":
		if kind == PlaceIntention || kind == PlaceFollowUp {
			return fmt.Errorf("%q: an intention or a follow-up belongs to a stored record", string(p))
		}
	default:
		if id, err := strconv.ParseUint(rest, 10, 64); err != nil || id == 0 || strconv.FormatUint(id, 10) != rest {
			return fmt.Errorf("%q: after the / comes new or a record's ID", string(p))
		}
	}
	return nil
}

// Draft is what a person typed at a Place and has not saved yet. The window keeps it
// in the database as they type (about once a second), so closing the window, a crash,
// switching entries or locking loses at most the last second; it is discarded once
// the record is saved, or when the person chooses to throw it away.
type Draft struct {
	Place Place `json:"place"`
	// Fields are the texts of the form as typed, by field name (FieldText, FieldPrompt,
	// the Field* names of the record). Choices are kept as the form holds them: a
	// label it offers, or a record's ID.
	Fields map[string]string `json:"fields"`
	// Base is the version (Updated) of the stored record the typing started from;
	// zero for a new record. When the record's version has moved on, the draft was
	// written over an older copy (see Conflict).
	Base time.Time `json:"base,omitzero"`
	// Saved is when the draft was last kept.
	Saved time.Time `json:"saved"`
}

// Limits on a draft: it may hold more than a record accepts (the person may be
// cutting a long text down), never a pasted disk.
const (
	MaxDraftFields = 64
	MaxDraftText   = 4 * MaxLongText
)

// FieldPrompt is the field name of a journal entry's prompt; FieldSession is the
// session an entry is tied to, as the form names it.
const (
	FieldPrompt  = "prompt"
	FieldSession = "session"
)

// Get returns the text of field ("" when it has none).
func (d Draft) Get(field string) string { return d.Fields[field] }

// Empty reports whether every field is blank: a new record's draft that holds
// nothing is not worth keeping.
func (d Draft) Empty() bool {
	for _, v := range d.Fields {
		if strings.TrimSpace(v) != "" {
			return false
		}
	}
	return true
}

// Same reports whether d and o keep the same typing over the same base.
func (d Draft) Same(o Draft) bool {
	return d.Place == o.Place && d.Base.Equal(o.Base) && maps.Equal(d.Fields, o.Fields)
}

// Validate says what keeps the draft from being kept: an unknown place, too many
// fields or a text longer than MaxDraftText.
func (d *Draft) Validate(time.Time) error {
	v := &ValidationError{}
	if err := d.Place.Valid(); err != nil {
		v.add("place", "%s", Sentence(err.Error()))
	}
	if len(d.Fields) > MaxDraftFields {
		v.add("fields", "A draft keeps at most %d fields.", MaxDraftFields)
	}
	for name, text := range d.Fields {
		if name == "" || len(name) > maxPlace {
			v.add("fields", "A draft field needs a short name.")
		}
		if n := utf8.RuneCountInString(text); n > MaxDraftText {
			v.add(name, "This text is too long to keep as a draft (%d characters; the limit is %d). Shorten it or save it in parts.", n, MaxDraftText)
		}
	}
	return v.orNil()
}
