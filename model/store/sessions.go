package store

import (
	"errors"
	"fmt"
	"time"

	"keel/model"
)

// SaveSession validates sess and stores it in one transaction: a new session when its
// ID is 0, else a replacement of the stored one. In the same transaction a planned
// session gets its checklist (from its route's template) and a session marked done
// gets its four follow-ups. It returns the session as stored, with its ID and time
// stamps. A *ValidationError means nothing was written; so does a *model.Conflict,
// when sess was edited from a version (Updated) that is no longer the stored one. The
// window then merges (model.Merge3 with the session as the form opened it) or asks.
func (s *Store) SaveSession(sess model.Session) (model.Session, error) {
	now := s.now()
	if err := sess.Validate(now); err != nil {
		return sess, err
	}
	err := s.update(func(tx txn) error {
		at, err := checkVersion(tx, model.Sessions, &sess, now)
		if err != nil {
			return err
		}
		now = at
		if err := put(tx, model.Sessions, &sess, now); err != nil {
			return err
		}
		if err := syncChecklist(tx, sess, now); err != nil {
			return err
		}
		return syncFollowUps(tx, sess, now)
	})
	if err != nil {
		return sess, fmt.Errorf("save session %d: %w", sess.ID, err)
	}
	return sess, nil
}

// syncChecklist gives a planned session a checklist from its route's template, and
// rebuilds an untouched one when the route changes. Checklists of sessions that are
// done are never changed: they are the record of how the user prepared.
func syncChecklist(tx txn, sess model.Session, now time.Time) error {
	if sess.Done() {
		return nil
	}
	c, err := get[model.Checklist](tx, model.Checklists, sess.ID)
	switch {
	case errors.Is(err, model.ErrNotFound):
	case err != nil:
		return err
	case c.Touched() || c.Route == sess.Route:
		return nil
	}
	t, err := templateIn(tx, sess.Route)
	if err != nil {
		return err
	}
	fresh := model.NewChecklist(sess.ID, t)
	return put(tx, model.Checklists, &fresh, now)
}

// syncFollowUps opens the follow-ups of a session that is done and recent, moves open
// ones when the session's time changes, and removes open ones when the session goes
// back to planned. Answered follow-ups are never touched.
func syncFollowUps(tx txn, sess model.Session, now time.Time) error {
	for i, f := range model.NewFollowUps(sess) {
		old, err := get[model.FollowUp](tx, model.FollowUps, f.ID)
		switch {
		case errors.Is(err, model.ErrNotFound):
			if !sess.Done() || now.Sub(sess.At) > model.FollowUpsWithin {
				continue
			}
			if err := put(tx, model.FollowUps, &f, now); err != nil {
				return err
			}
		case err != nil:
			return err
		case !old.Open():
		case !sess.Done():
			if err := removeRecord(tx, model.FollowUps, f.ID); err != nil {
				return err
			}
		case !old.Due.Equal(f.Due):
			old.Due = sess.At.Add(model.FollowUpOffsets[i])
			if err := put(tx, model.FollowUps, &old, now); err != nil {
				return err
			}
		}
	}
	return nil
}

// Session returns the session with the given ID, or an error wrapping ErrNotFound.
func (s *Store) Session(id uint64) (model.Session, error) {
	return load[model.Session](s, model.Sessions, id)
}

// DeleteSession removes the session with the given ID with its checklist, its
// follow-ups and the drafts typed about them. Journal entries written about it are
// kept, no longer tied to it.
func (s *Store) DeleteSession(id uint64) error {
	now := s.now()
	err := s.update(func(tx txn) error {
		if err := removeRecord(tx, model.Sessions, id); err != nil {
			return err
		}
		if err := dropDrafts(tx, draftPlacesOf(model.Sessions, id)...); err != nil {
			return err
		}
		if err := removeIfPresent(tx, model.Checklists, id); err != nil {
			return err
		}
		for step := range model.FollowUpOffsets {
			// Only the session's own: a session ID past model.MaxID (stored by an older
			// Keel's import) would derive the key of another session's follow-up.
			f, err := get[model.FollowUp](tx, model.FollowUps, model.FollowUpID(id, step))
			switch {
			case errors.Is(err, model.ErrNotFound):
				continue
			case err != nil:
				return err
			case f.SessionID != id:
				continue
			}
			if err := removeRecord(tx, model.FollowUps, f.ID); err != nil {
				return err
			}
		}
		var tied []model.JournalEntry
		err := scan[model.JournalEntry](tx, model.Journal, time.Time{}, time.Time{}, false, func(j model.JournalEntry) bool {
			if j.SessionID == id {
				tied = append(tied, j)
			}
			return true
		})
		if err != nil {
			return err
		}
		for _, j := range tied {
			j.SessionID = 0
			if err := put(tx, model.Journal, &j, now); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("delete session %d: %w", id, err)
	}
	return nil
}

func removeIfPresent(tx txn, k *model.Kind, id uint64) error {
	if err := removeRecord(tx, k, id); err != nil && !errors.Is(err, model.ErrNotFound) {
		return err
	}
	return nil
}

// Sessions returns every session, newest first.
func (s *Store) Sessions() ([]model.Session, error) {
	return all[model.Session](s, model.Sessions, time.Time{}, time.Time{}, true)
}

// SessionsBetween returns the sessions with from <= time < to, oldest first.
func (s *Store) SessionsBetween(from, to time.Time) ([]model.Session, error) {
	return all[model.Session](s, model.Sessions, from, to, false)
}

// NextPlanned returns the soonest planned session at or after from (the time index
// makes this one short scan), or ok false when none is planned.
func (s *Store) NextPlanned(from time.Time) (sess model.Session, ok bool, err error) {
	err = s.view(func(tx txn) error {
		return scan[model.Session](tx, model.Sessions, from, time.Time{}, false, func(x model.Session) bool {
			if !x.Done() {
				sess, ok = x, true
				return false
			}
			return true
		})
	})
	return sess, ok, err
}

// SetIntention sets the intention of session id, and nothing else, in one
// transaction: the narrow save of the intention typed in Prepare, which never
// writes over the session's other fields. from is the intention the typing started
// from (the one Prepare showed, or last saved); when the stored intention is no
// longer from, it was changed elsewhere (the session form) and the save is refused
// with a *model.Conflict whose Mine is the session with text as its intention. The
// same text as stored writes nothing. It returns the session as stored.
func (s *Store) SetIntention(id uint64, text, from string) (model.Session, error) {
	now := s.now()
	var sess model.Session
	err := s.update(func(tx txn) error {
		var err error
		if sess, err = get[model.Session](tx, model.Sessions, id); err != nil {
			return err
		}
		if sess.Intention == text {
			return nil
		}
		if sess.Intention != from {
			mine := sess
			mine.Intention = text
			return model.NewConflict("intention", &mine, &sess)
		}
		sess.Intention = text
		if err := sess.Validate(now); err != nil {
			return err
		}
		at, err := checkVersion(tx, model.Sessions, &sess, now)
		if err != nil {
			return err
		}
		return put(tx, model.Sessions, &sess, at)
	})
	if err != nil {
		return sess, fmt.Errorf("save the intention of session %d: %w", id, err)
	}
	return sess, nil
}
