package model

import (
	"errors"
	"fmt"
	"time"
)

// History is a set of records of every kind, as written by the demo or read from an
// export. Records refer to each other by ID (a checklist, follow-up or journal entry
// to its session), so their IDs are kept when they are added.
type History struct {
	Sessions   []Session
	Checklists []Checklist
	CheckIns   []CheckIn
	Responses  []Response
	FollowUps  []FollowUp
	Journal    []JournalEntry
	Courses    []Course
}

// Count is the number of records in h.
func (h *History) Count() int {
	return len(h.Sessions) + len(h.Checklists) + len(h.CheckIns) + len(h.Responses) + len(h.FollowUps) + len(h.Journal) + len(h.Courses)
}

// Add validates every record of h and stores them all in one transaction, under their
// own IDs (records with ID 0 get new ones): either all are saved or none is. A record
// whose ID is already taken is refused, so nothing is overwritten.
func (s *Store) Add(h History) error {
	now := s.now()
	err := s.update(func(tx txn) error {
		if err := addAll(tx, sessionsC, h.Sessions, now); err != nil {
			return err
		}
		if err := addAll(tx, checklistsC, h.Checklists, now); err != nil {
			return err
		}
		if err := addAll(tx, checkinsC, h.CheckIns, now); err != nil {
			return err
		}
		if err := addAll(tx, responsesC, h.Responses, now); err != nil {
			return err
		}
		if err := addAll(tx, followupsC, h.FollowUps, now); err != nil {
			return err
		}
		if err := addAll(tx, journalC, h.Journal, now); err != nil {
			return err
		}
		return addAll(tx, coursesC, h.Courses, now)
	})
	if err != nil {
		return fmt.Errorf("add %d records: %w", h.Count(), err)
	}
	return nil
}

// ErrExists means a record with the same ID is already stored.
var ErrExists = errors.New("a record with that ID already exists")

func addAll[T any, P validatedPtr[T]](tx txn, c collection, rs []T, now time.Time) error {
	for i := range rs {
		r := P(&rs[i])
		if err := r.Validate(now); err != nil {
			return fmt.Errorf("%s %d of %d: %w", c.name, i+1, len(rs), err)
		}
		if id := r.recordID(); id != 0 && tx.Bucket(c.bucket).Get(idKey(id)) != nil {
			return fmt.Errorf("%s %d: %w", c.name, id, ErrExists)
		}
		if err := putStamped[T, P](tx, c, r, now, true); err != nil {
			return err
		}
	}
	return nil
}
