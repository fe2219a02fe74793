package store

import (
	"errors"
	"fmt"
	"time"

	"keel/model"
)

// SaveCheckIn validates and stores a check-in (new when its ID is 0).
func (s *Store) SaveCheckIn(c model.CheckIn) (model.CheckIn, error) {
	return save(s, model.CheckIns, c)
}

// DeleteCheckIn removes a check-in.
func (s *Store) DeleteCheckIn(id uint64) error { return drop(s, model.CheckIns, id) }

// CheckInsBetween returns the check-ins with from <= time < to, oldest first; zero
// times leave that end open.
func (s *Store) CheckInsBetween(from, to time.Time) ([]model.CheckIn, error) {
	return all[model.CheckIn](s, model.CheckIns, from, to, false)
}

// SaveResponse validates and stores a questionnaire response.
func (s *Store) SaveResponse(r model.Response) (model.Response, error) {
	return save(s, model.Questionnaires, r)
}

// DeleteResponse removes a questionnaire response.
func (s *Store) DeleteResponse(id uint64) error { return drop(s, model.Questionnaires, id) }

// Responses returns every questionnaire response, newest first.
func (s *Store) Responses() ([]model.Response, error) {
	return all[model.Response](s, model.Questionnaires, time.Time{}, time.Time{}, true)
}

// ResponsesBetween returns the responses with from <= time < to, oldest first.
func (s *Store) ResponsesBetween(from, to time.Time) ([]model.Response, error) {
	return all[model.Response](s, model.Questionnaires, from, to, false)
}

// LastResponses returns the newest response since the given time of each of the
// instruments ids, scanning back from the newest only until it has found them all.
func (s *Store) LastResponses(since time.Time, ids ...string) (map[string]model.Response, error) {
	out := map[string]model.Response{}
	want := map[string]bool{}
	for _, id := range ids {
		want[id] = true
	}
	err := s.view(func(tx txn) error {
		return scan[model.Response](tx, model.Questionnaires, since, time.Time{}, true, func(r model.Response) bool {
			if _, seen := out[r.Instrument]; !seen && want[r.Instrument] {
				out[r.Instrument] = r
			}
			return len(out) < len(want)
		})
	})
	return out, err
}

// SaveFollowUp validates and stores a follow-up (usually with its answers filled in).
func (s *Store) SaveFollowUp(f model.FollowUp) (model.FollowUp, error) {
	return save(s, model.FollowUps, f)
}

// FollowUpsOf returns the follow-ups of a session in order; none for a session that
// never had them.
func (s *Store) FollowUpsOf(sessionID uint64) ([]model.FollowUp, error) {
	var out []model.FollowUp
	err := s.view(func(tx txn) error {
		for step := range model.FollowUpOffsets {
			f, err := get[model.FollowUp](tx, model.FollowUps, model.FollowUpID(sessionID, step))
			if errors.Is(err, model.ErrNotFound) {
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
func (s *Store) FollowUpsDueBetween(from, to time.Time) ([]model.FollowUp, error) {
	return all[model.FollowUp](s, model.FollowUps, from, to, false)
}

// SaveJournal validates and stores a journal entry.
func (s *Store) SaveJournal(j model.JournalEntry) (model.JournalEntry, error) {
	return save(s, model.Journal, j)
}

// DeleteJournal removes a journal entry.
func (s *Store) DeleteJournal(id uint64) error { return drop(s, model.Journal, id) }

// Journal returns the journal entries matching query (every word, any case; "" for
// all), newest first.
func (s *Store) Journal(query string) ([]model.JournalEntry, error) {
	var out []model.JournalEntry
	err := s.view(func(tx txn) error {
		return scan[model.JournalEntry](tx, model.Journal, time.Time{}, time.Time{}, true, func(j model.JournalEntry) bool {
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
func (s *Store) JournalOf(sess model.Session) ([]model.JournalEntry, error) {
	var out []model.JournalEntry
	err := s.view(func(tx txn) error {
		return scan[model.JournalEntry](tx, model.Journal, sess.At.Add(-24*time.Hour), time.Time{}, false, func(j model.JournalEntry) bool {
			if j.SessionID == sess.ID {
				out = append(out, j)
			}
			return true
		})
	})
	return out, err
}

// Checklist returns a session's checklist, or ok false when it has none.
func (s *Store) Checklist(sessionID uint64) (c model.Checklist, ok bool, err error) {
	c, err = load[model.Checklist](s, model.Checklists, sessionID)
	if errors.Is(err, model.ErrNotFound) {
		return c, false, nil
	}
	return c, err == nil, err
}

// SetItemDone ticks or unticks item i of a session's checklist in one transaction and
// returns the checklist as stored.
func (s *Store) SetItemDone(sessionID uint64, i int, done bool) (model.Checklist, error) {
	now := s.now()
	var c model.Checklist
	err := s.update(func(tx txn) error {
		var err error
		if c, err = get[model.Checklist](tx, model.Checklists, sessionID); err != nil {
			return err
		}
		if i < 0 || i >= len(c.Items) {
			return fmt.Errorf("item %d of %d: %w", i, len(c.Items), model.ErrNotFound)
		}
		c.Items[i].DoneAt = nil
		if done {
			c.Items[i].DoneAt = &now
		}
		return put(tx, model.Checklists, &c, now)
	})
	if err != nil {
		return c, fmt.Errorf("tick checklist of session %d: %w", sessionID, err)
	}
	return c, nil
}

// Template returns the preparation template for route: the user's edited one, or the
// built-in default.
func (s *Store) Template(route model.Route) (model.Template, error) {
	var t model.Template
	err := s.view(func(tx txn) error {
		var err error
		t, err = templateIn(tx, route)
		return err
	})
	return t, err
}

func templateIn(tx txn, route model.Route) (model.Template, error) {
	data := tx.Bucket(templatesBucket).Get([]byte(route))
	if data == nil {
		return model.DefaultTemplate(route), nil
	}
	return decode[model.Template](tx, templatesShape, []byte(route), data)
}

// SaveTemplate validates and stores the template of t.Route. Checklists already made
// from the old template keep their items.
func (s *Store) SaveTemplate(t model.Template) (model.Template, error) {
	if err := t.Validate(s.now()); err != nil {
		return t, err
	}
	t.Updated = s.now()
	err := s.update(func(tx txn) error {
		data, err := tx.encode(templatesShape, []byte(t.Route), t)
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
func (s *Store) ResetTemplate(route model.Route) error {
	return s.update(func(tx txn) error { return tx.Bucket(templatesBucket).Delete([]byte(route)) })
}

// Settings returns the stored settings, or the defaults.
func (s *Store) Settings() (model.Settings, error) {
	out := model.DefaultSettings()
	err := s.view(func(tx txn) error {
		data := tx.Bucket(settingsBucket).Get(settingsKey)
		if data == nil {
			return nil
		}
		var err error
		out, err = decode[model.Settings](tx, settingsShape, settingsKey, data)
		return err
	})
	return out, err
}

// SaveSettings validates and stores the settings, whatever is stored.
func (s *Store) SaveSettings(st model.Settings) error {
	return s.saveSettings(nil, st)
}

// SaveSettingsOver validates and stores st, edited from base (the settings as the
// form read them): when the stored settings are no longer base, they changed after
// the form opened (an import, another form) and the save is refused with a
// *model.Conflict (Mine st, Theirs the stored ones). Settings carry no time stamp, so
// their version is their content.
func (s *Store) SaveSettingsOver(base, st model.Settings) error {
	return s.saveSettings(&base, st)
}

func (s *Store) saveSettings(base *model.Settings, st model.Settings) error {
	if err := st.Validate(s.now()); err != nil {
		return err
	}
	return s.update(func(tx txn) error {
		b := tx.Bucket(settingsBucket)
		if base != nil {
			stored := model.DefaultSettings()
			if data := b.Get(settingsKey); data != nil {
				var err error
				if stored, err = decode[model.Settings](tx, settingsShape, settingsKey, data); err != nil {
					return err
				}
			}
			if !sameValue(stored, *base) {
				return model.NewConflict("settings", &st, &stored)
			}
		}
		data, err := tx.encode(settingsShape, settingsKey, st)
		if err != nil {
			return err
		}
		return b.Put(settingsKey, data)
	})
}

// Checklists returns every checklist, by session ID.
func (s *Store) Checklists() (map[uint64]model.Checklist, error) {
	out := map[uint64]model.Checklist{}
	err := s.view(func(tx txn) error {
		return eachRecord(tx, model.Checklists, func(r model.Record) error {
			c := r.(*model.Checklist)
			out[c.SessionID] = *c
			return nil
		})
	})
	return out, err
}

// SaveCourse validates and stores a treatment course.
func (s *Store) SaveCourse(c model.Course) (model.Course, error) { return save(s, model.Courses, c) }

// DeleteCourse removes a course; its sessions stay.
func (s *Store) DeleteCourse(id uint64) error { return drop(s, model.Courses, id) }

// Courses returns every course, newest start first.
func (s *Store) Courses() ([]model.Course, error) {
	return all[model.Course](s, model.Courses, time.Time{}, time.Time{}, true)
}
