package model

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
)

// Versioned is a record that carries the version it was edited from: its Updated
// time, which the store moves on at every save. A save of a copy whose version is no
// longer the stored one is refused with a *Conflict, so an edit made over an older
// copy never silently replaces a newer one (see the store's save).
type Versioned interface {
	Record
	// Version is the record's Updated time: zero for a record never stored.
	Version() time.Time
}

// Version is when the session was last saved.
func (s *Session) Version() time.Time { return s.Updated }

// Version is when the checklist was last saved.
func (c *Checklist) Version() time.Time { return c.Updated }

// Version is when the check-in was last saved.
func (c *CheckIn) Version() time.Time { return c.Updated }

// Version is when the response was last saved.
func (r *Response) Version() time.Time { return r.Updated }

// Version is when the follow-up was last saved.
func (f *FollowUp) Version() time.Time { return f.Updated }

// Version is when the entry was last saved.
func (j *JournalEntry) Version() time.Time { return j.Updated }

// Version is when the course was last saved.
func (c *Course) Version() time.Time { return c.Updated }

// Conflict is a save refused because what is stored changed after the edit began:
// in another window or form, on another screen, by an import. It holds both sides so
// the window can show them and let the person keep theirs or take the newer one.
type Conflict struct {
	// What is being saved, in words: "journal entry", "session", "settings",
	// "intention".
	What string
	// Mine is what the save carried, Theirs what is stored now: pointers of the same
	// type (*Session, *JournalEntry, *FollowUp, *Course, *Settings...). Theirs is nil
	// when the record was deleted.
	Mine, Theirs any
	// Fields are the JSON names of the fields where Mine and Theirs differ, the
	// bookkeeping times ("created", "updated") left out.
	Fields []string
}

// Error says what conflicted, for the log.
func (c *Conflict) Error() string {
	if c.Theirs == nil {
		return "the " + c.What + " was deleted after the edit began"
	}
	return fmt.Sprintf("the stored %s changed after the edit began (%s)", c.What, strings.Join(c.Fields, ", "))
}

// Deleted reports whether the record was deleted after the edit began.
func (c *Conflict) Deleted() bool { return c.Theirs == nil }

// NewConflict is the refusal of a save of mine over theirs (nil: deleted): an *Error
// with code EConflict and the sentence to show, whose detail is the *Conflict.
func NewConflict(what string, mine, theirs any) error {
	c := &Conflict{What: what, Mine: mine, Theirs: theirs}
	this, was := "This "+what, " was"
	if strings.HasSuffix(what, "settings") {
		this, was = "These "+what, " were"
	}
	msg := this + was + " deleted after you began editing it, so nothing was saved. What you wrote is still here: save it again to keep it as new, or let it go."
	if theirs != nil {
		c.Fields, _ = differing(mine, theirs)
		msg = this + was + " changed somewhere else after you began editing, so nothing was saved yet. Choose which to keep: your version or the newer one."
	}
	return Errorf(EConflict, msg, c)
}

// ConflictOf returns the *Conflict in err's chain, if there is one.
func ConflictOf(err error) (*Conflict, bool) {
	var c *Conflict
	ok := errors.As(err, &c)
	return c, ok
}

// Rebase returns mine as if it had been edited from theirs: saving it replaces theirs
// ("keep mine" after a Conflict).
func Rebase[T any, P interface {
	*T
	Versioned
}](mine, theirs T) T {
	P(&mine).Stamp(P(&theirs).Version(), false)
	return mine
}

// bookkeeping are the fields a merge and a comparison leave to the store.
var bookkeeping = []string{"created", "updated"}

// fieldsOf is v's JSON object, field by field.
func fieldsOf(v any) (map[string]json.RawMessage, error) {
	data, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	var out map[string]json.RawMessage
	if err := json.Unmarshal(data, &out); err != nil {
		return nil, fmt.Errorf("%T is not a JSON object: %w", v, err)
	}
	return out, nil
}

// differing lists the JSON fields in which a and b differ, in name order, the
// bookkeeping times left out.
func differing(a, b any) ([]string, error) {
	fa, err := fieldsOf(a)
	if err != nil {
		return nil, err
	}
	fb, err := fieldsOf(b)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, name := range unionKeys(fa, fb) {
		if !slices.Contains(bookkeeping, name) && !bytes.Equal(fa[name], fb[name]) {
			out = append(out, name)
		}
	}
	return out, nil
}

func unionKeys(ms ...map[string]json.RawMessage) []string {
	var out []string
	for _, m := range ms {
		for k := range m {
			if !slices.Contains(out, k) {
				out = append(out, k)
			}
		}
	}
	slices.Sort(out)
	return out
}

// Merge3 merges two edits of one record that both started from base: a field changed
// on one side only takes that side's value; a field changed on both sides to
// different values is a clash, named in clashes, and keeps mine's value. The result
// carries theirs' bookkeeping times (so it is edited from theirs' version, and saving
// it replaces theirs). With no clashes the merge loses nothing either side did; the
// window saves it at once and shows the dialog only for clashes. Fields are compared
// whole (a list of side effects is one field). T is a record type or Settings.
func Merge3[T any](base, mine, theirs T) (merged T, clashes []string, err error) {
	fb, err := fieldsOf(base)
	if err != nil {
		return merged, nil, err
	}
	fm, err := fieldsOf(mine)
	if err != nil {
		return merged, nil, err
	}
	ft, err := fieldsOf(theirs)
	if err != nil {
		return merged, nil, err
	}
	out := map[string]json.RawMessage{}
	for _, name := range unionKeys(fb, fm, ft) {
		b, m, t := fb[name], fm[name], ft[name]
		pick := m
		switch {
		case slices.Contains(bookkeeping, name), bytes.Equal(m, b):
			pick = t
		case bytes.Equal(t, b), bytes.Equal(m, t):
		default:
			clashes = append(clashes, name)
		}
		if pick != nil {
			out[name] = pick
		}
	}
	data, err := json.Marshal(out)
	if err == nil {
		err = json.Unmarshal(data, &merged)
	}
	return merged, clashes, err
}
