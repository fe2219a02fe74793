package model

import (
	"errors"
	"fmt"
	"time"
)

// SaveCheckIn validates and stores a check-in (new when its ID is 0).
func (s *Store) SaveCheckIn(c CheckIn) (CheckIn, error) { return save(s, checkinsC, c) }

// DeleteCheckIn removes a check-in.
func (s *Store) DeleteCheckIn(id uint64) error { return drop[CheckIn](s, checkinsC, id) }

// CheckInsBetween returns the check-ins with from <= time < to, oldest first; zero
// times leave that end open.
func (s *Store) CheckInsBetween(from, to time.Time) ([]CheckIn, error) {
	return all[CheckIn](s, checkinsC, from, to, false)
}

// SaveResponse validates and stores a questionnaire response.
func (s *Store) SaveResponse(r Response) (Response, error) { return save(s, responsesC, r) }

// DeleteResponse removes a questionnaire response.
func (s *Store) DeleteResponse(id uint64) error { return drop[Response](s, responsesC, id) }

// Responses returns every questionnaire response, newest first.
func (s *Store) Responses() ([]Response, error) {
	return all[Response](s, responsesC, time.Time{}, time.Time{}, true)
}

// ResponsesBetween returns the responses with from <= time < to, oldest first.
func (s *Store) ResponsesBetween(from, to time.Time) ([]Response, error) {
	return all[Response](s, responsesC, from, to, false)
}

// LastResponses returns the newest response since the given time of each of the
// instruments ids, scanning back from the newest only until it has found them all.
func (s *Store) LastResponses(since time.Time, ids ...string) (map[string]Response, error) {
	out := map[string]Response{}
	want := map[string]bool{}
	for _, id := range ids {
		want[id] = true
	}
	err := s.view(func(tx txn) error {
		return scan[Response](tx, responsesC, since, time.Time{}, true, func(r Response) bool {
			if _, seen := out[r.Instrument]; !seen && want[r.Instrument] {
				out[r.Instrument] = r
			}
			return len(out) < len(want)
		})
	})
	return out, err
}

// SaveFollowUp validates and stores a follow-up (usually with its answers filled in).
func (s *Store) SaveFollowUp(f FollowUp) (FollowUp, error) { return save(s, followupsC, f) }

// FollowUpsOf returns the follow-ups of a session in order; none for a session that
// never had them.
func (s *Store) FollowUpsOf(sessionID uint64) ([]FollowUp, error) {
	var out []FollowUp
	err := s.view(func(tx txn) error {
		for step := range FollowUpOffsets {
			f, err := get[FollowUp](tx, followupsC, FollowUpID(sessionID, step))
			if errors.Is(err, ErrNotFound) {
				continue
			}
			if err != nil {
				return err
			}
			out = append(out, f)
		}
		return nil
	})
	return out, err
}

// FollowUpsDueBetween returns the follow-ups due with from <= due < to, oldest first.
func (s *Store) FollowUpsDueBetween(from, to time.Time) ([]FollowUp, error) {
	return all[FollowUp](s, followupsC, from, to, false)
}

// SaveJournal validates and stores a journal entry.
func (s *Store) SaveJournal(j JournalEntry) (JournalEntry, error) { return save(s, journalC, j) }

// DeleteJournal removes a journal entry.
func (s *Store) DeleteJournal(id uint64) error { return drop[JournalEntry](s, journalC, id) }

// Journal returns the journal entries matching query (every word, any case; "" for
// all), newest first.
func (s *Store) Journal(query string) ([]JournalEntry, error) {
	var out []JournalEntry
	err := s.view(func(tx txn) error {
		return scan[JournalEntry](tx, journalC, time.Time{}, time.Time{}, true, func(j JournalEntry) bool {
			if j.Matches(query) {
				out = append(out, j)
			}
			return true
		})
	})
	return out, err
}

// JournalOf returns the entries tied to a session, oldest first. Entries about a
// session are written after it, so the scan starts at the session's time.
func (s *Store) JournalOf(sess Session) ([]JournalEntry, error) {
	var out []JournalEntry
	err := s.view(func(tx txn) error {
		return scan[JournalEntry](tx, journalC, sess.At.Add(-24*time.Hour), time.Time{}, false, func(j JournalEntry) bool {
			if j.SessionID == sess.ID {
				out = append(out, j)
			}
			return true
		})
	})
	return out, err
}

// Checklist returns a session's checklist, or ok false when it has none.
func (s *Store) Checklist(sessionID uint64) (c Checklist, ok bool, err error) {
	c, err = load[Checklist](s, checklistsC, sessionID)
	if errors.Is(err, ErrNotFound) {
		return c, false, nil
	}
	return c, err == nil, err
}

// SetItemDone ticks or unticks item i of a session's checklist in one transaction and
// returns the checklist as stored.
func (s *Store) SetItemDone(sessionID uint64, i int, done bool) (Checklist, error) {
	now := s.now()
	var c Checklist
	err := s.update(func(tx txn) error {
		var err error
		if c, err = get[Checklist](tx, checklistsC, sessionID); err != nil {
			return err
		}
		if i < 0 || i >= len(c.Items) {
			return fmt.Errorf("item %d of %d: %w", i, len(c.Items), ErrNotFound)
		}
		c.Items[i].DoneAt = nil
		if done {
			c.Items[i].DoneAt = &now
		}
		return put(tx, checklistsC, &c, now)
	})
	if err != nil {
		return c, fmt.Errorf("tick checklist of session %d: %w", sessionID, err)
	}
	return c, nil
}

// Template returns the preparation template for route: the user's edited one, or the
// built-in default.
func (s *Store) Template(route Route) (Template, error) {
	var t Template
	err := s.view(func(tx txn) error {
		var err error
		t, err = templateIn(tx, route)
		return err
	})
	return t, err
}

func templateIn(tx txn, route Route) (Template, error) {
	data := tx.Bucket(templatesBucket).Get([]byte(route))
	if data == nil {
		return DefaultTemplate(route), nil
	}
	return decode[Template](tx, templatesC, []byte(route), data)
}

// templatesC describes the versioned values of the templates bucket.
var templatesC = collection{name: "templates", bucket: templatesBucket, version: 1}

// SaveTemplate validates and stores the template of t.Route. Checklists already made
// from the old template keep their items.
func (s *Store) SaveTemplate(t Template) (Template, error) {
	if err := t.Validate(s.now()); err != nil {
		return t, err
	}
	t.Updated = s.now()
	err := s.update(func(tx txn) error {
		data, err := tx.encode(templatesC, []byte(t.Route), t)
		if err != nil {
			return err
		}
		return tx.Bucket(templatesBucket).Put([]byte(t.Route), data)
	})
	if err != nil {
		return t, fmt.Errorf("save template for %s: %w", t.Route, err)
	}
	return t, nil
}

// ResetTemplate restores the built-in template of route.
func (s *Store) ResetTemplate(route Route) error {
	return s.update(func(tx txn) error { return tx.Bucket(templatesBucket).Delete([]byte(route)) })
}

// settingsC describes the versioned value of the settings.
var settingsC = collection{name: "settings", bucket: settingsBucket, version: 1}

// Settings returns the stored settings, or the defaults.
func (s *Store) Settings() (Settings, error) {
	out := DefaultSettings()
	err := s.view(func(tx txn) error {
		data := tx.Bucket(settingsBucket).Get(settingsKey)
		if data == nil {
			return nil
		}
		var err error
		out, err = decode[Settings](tx, settingsC, settingsKey, data)
		return err
	})
	return out, err
}

// SaveSettings validates and stores the settings.
func (s *Store) SaveSettings(st Settings) error {
	if err := st.Validate(s.now()); err != nil {
		return err
	}
	return s.update(func(tx txn) error {
		data, err := tx.encode(settingsC, settingsKey, st)
		if err != nil {
			return err
		}
		return tx.Bucket(settingsBucket).Put(settingsKey, data)
	})
}

// Checklists returns every checklist, by session ID.
func (s *Store) Checklists() (map[uint64]Checklist, error) {
	out := map[uint64]Checklist{}
	err := s.view(func(tx txn) error {
		return tx.Bucket(checklistsC.bucket).ForEach(func(k, v []byte) error {
			c, err := decode[Checklist](tx, checklistsC, k, v)
			if err != nil {
				return err
			}
			out[c.SessionID] = c
			return nil
		})
	})
	return out, err
}

// SaveCourse validates and stores a treatment course.
func (s *Store) SaveCourse(c Course) (Course, error) { return save(s, coursesC, c) }

// DeleteCourse removes a course; its sessions stay.
func (s *Store) DeleteCourse(id uint64) error { return drop[Course](s, coursesC, id) }

// Courses returns every course, newest start first.
func (s *Store) Courses() ([]Course, error) {
	return all[Course](s, coursesC, time.Time{}, time.Time{}, true)
}
