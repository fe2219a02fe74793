package model

import (
	"fmt"
	"time"

	bolt "go.etcd.io/bbolt"
)

// SaveSession validates sess and stores it in one transaction: a new session when its
// ID is 0, else a replacement of the stored one. It returns the session as stored,
// with its ID and time stamps. A *ValidationError means nothing was written.
func (s *Store) SaveSession(sess Session) (Session, error) {
	now := s.now()
	if err := sess.Validate(now); err != nil {
		return sess, err
	}
	err := s.db.Update(func(tx *bolt.Tx) error {
		return put(tx, sessionsC, &sess, now)
	})
	if err != nil {
		return sess, fmt.Errorf("save session %d: %w", sess.ID, err)
	}
	return sess, nil
}

// Session returns the session with the given ID, or an error wrapping ErrNotFound.
func (s *Store) Session(id uint64) (Session, error) {
	var out Session
	err := s.db.View(func(tx *bolt.Tx) error {
		var err error
		out, err = get[Session](tx, sessionsC, id)
		return err
	})
	return out, err
}

// DeleteSession removes the session with the given ID.
func (s *Store) DeleteSession(id uint64) error {
	err := s.db.Update(func(tx *bolt.Tx) error {
		return remove[Session](tx, sessionsC, id)
	})
	if err != nil {
		return fmt.Errorf("delete session %d: %w", id, err)
	}
	return nil
}

// Sessions returns every session, newest first.
func (s *Store) Sessions() ([]Session, error) {
	return all[Session](s, sessionsC, time.Time{}, time.Time{}, true)
}

// SessionsBetween returns the sessions with from <= time < to, oldest first.
func (s *Store) SessionsBetween(from, to time.Time) ([]Session, error) {
	return all[Session](s, sessionsC, from, to, false)
}
