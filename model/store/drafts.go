package store

import (
	"bytes"
	"fmt"
	"time"

	"keel/model"
)

// Drafts (model.Draft) live in their own bucket from layout draftsLayout on, keyed by
// their place ("journal/new", "session/7"). They are values like any record: framed
// with their checksum, sealed when the data is encrypted, copied into backups, checked
// by Verify. They are not records: exports, counts and imports leave them out.
//
// Their own bucket rather than keys in the state bucket: an older Keel reads every
// state value as a list of reminder keys, so drafts there would look like damage to
// it, while a bucket of a newer layout makes it say plainly that a newer Keel wrote
// the file; and a place prefix ("journal/") is one cursor run over its own keys.
const draftsLayout = 7

var (
	draftsBucket = []byte("drafts")
	draftsShape  = shape{name: "draft", bucket: draftsBucket, version: 1}
)

// SaveDraft keeps d (stamped with the store's clock) in one transaction, replacing
// the draft at its place; it returns the draft as kept. It is meant to be called
// about once a second while the person types: a draft that is the same as the one
// kept writes nothing (no transaction, no fsync), and a failure is for the window to
// say quietly (model.ErrLocked, model.ErrReadOnly, a full disk), never a dialog. A
// draft that cannot be kept (model.Draft.Validate) is a *ValidationError.
func (s *Store) SaveDraft(d model.Draft) (model.Draft, error) {
	if err := d.Validate(s.now()); err != nil {
		return d, err
	}
	if kept, ok, err := s.Draft(d.Place); err == nil && ok && kept.Same(d) {
		return kept, nil
	}
	d.Saved = s.now().Round(0)
	err := s.update(func(tx txn) error { return putDraft(tx, d) })
	if err != nil {
		return d, fmt.Errorf("keep the draft of %s: %w", d.Place, err)
	}
	return d, nil
}

func putDraft(tx txn, d model.Draft) error {
	key := []byte(d.Place)
	data, err := tx.encode(draftsShape, key, d)
	if err != nil {
		return err
	}
	return tx.Bucket(draftsBucket).Put(key, data)
}

// Draft returns the draft kept at place, or ok false when there is none.
func (s *Store) Draft(place model.Place) (d model.Draft, ok bool, err error) {
	err = s.view(func(tx txn) error {
		b := tx.Bucket(draftsBucket)
		if b == nil {
			return nil // a read-only file of an older layout: it has none
		}
		data := b.Get([]byte(place))
		if data == nil {
			return nil
		}
		ok = true
		return tx.decodeInto(draftsShape, []byte(place), data, &d)
	})
	if err != nil {
		return d, false, fmt.Errorf("read the draft of %s: %w", place, err)
	}
	return d, ok, nil
}

// DiscardDraft removes the draft at place; none there is not an error.
func (s *Store) DiscardDraft(place model.Place) error {
	if _, ok, err := s.Draft(place); err == nil && !ok {
		return nil // nothing to remove: no transaction, no fsync
	}
	err := s.update(func(tx txn) error { return dropDrafts(tx, place) })
	if err != nil {
		return fmt.Errorf("discard the draft of %s: %w", place, err)
	}
	return nil
}

// Drafts returns the drafts whose place starts with prefix ("journal/"; "" for all),
// in place order.
func (s *Store) Drafts(prefix string) ([]model.Draft, error) {
	var out []model.Draft
	err := s.view(func(tx txn) error {
		b := tx.Bucket(draftsBucket)
		if b == nil {
			return nil
		}
		c := b.Cursor()
		for k, v := c.Seek([]byte(prefix)); k != nil && bytes.HasPrefix(k, []byte(prefix)); k, v = c.Next() {
			var d model.Draft
			if err := tx.decodeInto(draftsShape, k, v, &d); err != nil {
				return err
			}
			out = append(out, d)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("list the drafts: %w", err)
	}
	return out, nil
}

// dropDrafts removes the drafts at places inside a write transaction.
func dropDrafts(tx txn, places ...model.Place) error {
	b := tx.Bucket(draftsBucket)
	if b == nil {
		return nil
	}
	for _, p := range places {
		if err := b.Delete([]byte(p)); err != nil {
			return err
		}
	}
	return nil
}

// draftPlacesOf are the places whose drafts go with record id of kind k when it is
// deleted: what was being typed about a record that is gone.
func draftPlacesOf(k *model.Kind, id uint64) []model.Place {
	switch k {
	case model.Journal:
		return []model.Place{model.JournalPlace(id)}
	case model.Sessions:
		out := []model.Place{model.SessionPlace(id), model.IntentionPlace(id)}
		for step := range model.FollowUpOffsets {
			out = append(out, model.FollowUpPlace(model.FollowUpID(id, step)))
		}
		return out
	case model.FollowUps:
		return []model.Place{model.FollowUpPlace(id)}
	case model.Courses:
		return []model.Place{model.CoursePlace(id)}
	}
	return nil
}

// migrateDrafts creates nothing but the drafts bucket (listed in the migration) and puts
// course starts typed as days by older Keels on the person's day: those were stored
// at midnight UTC, which west of Greenwich is the evening before. A start at exactly
// midnight UTC becomes midnight of the same date in this computer's zone.
func migrateDrafts(tx txn) error {
	var fix []model.Course
	err := scan[model.Course](tx, model.Courses, time.Time{}, time.Time{}, false, func(c model.Course) bool {
		if typedAsUTCDay(c.Start) {
			fix = append(fix, c)
		}
		return true
	})
	if err != nil {
		return err
	}
	for _, c := range fix {
		c.Start = model.StartOfDay(c.Start.Year(), c.Start.Month(), c.Start.Day(), time.Local)
		if err := putRecord(tx, model.Courses, &c, c.Updated, true); err != nil {
			return err
		}
	}
	return nil
}

// typedAsUTCDay reports whether t is midnight UTC to the nanosecond: how Keel stored
// a typed day before days were read in the person's zone.
func typedAsUTCDay(t time.Time) bool {
	_, off := t.Zone()
	u := t.UTC()
	return off == 0 && u.Hour() == 0 && u.Minute() == 0 && u.Second() == 0 && u.Nanosecond() == 0
}
