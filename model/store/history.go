package store

import (
	"fmt"
	"time"

	"keel/model"
)

// Add validates every record of h and stores them all in one transaction, under their
// own IDs (records with ID 0 get new ones): either all are saved or none is. A record
// whose ID is already taken is refused, so nothing is overwritten. Settings and
// templates in h are not touched (the demo has none).
func (s *Store) Add(h model.History) error {
	now := s.now()
	err := s.update(func(tx txn) error {
		for _, k := range model.Kinds {
			rs := h.Of(k)
			for i, r := range rs {
				if err := r.Validate(now); err != nil {
					return fmt.Errorf("%s %d of %d: %w", k.Name, i+1, len(rs), err)
				}
				if id := r.RecordID(); id != 0 && tx.Bucket(bucketOf(k)).Get(idKey(id)) != nil {
					return fmt.Errorf("%s %d: %w", k.Name, id, model.ErrExists)
				}
				if err := putRecord(tx, k, r, now, true); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("add %d records: %w", h.Count(), err)
	}
	return nil
}

// Snapshot reads every record, the settings and the templates in one read
// transaction, so what it returns is consistent even while the user keeps working.
// Records come in ID order within each kind.
func (s *Store) Snapshot() (model.History, error) {
	var h model.History
	err := s.view(func(tx txn) error {
		var err error
		h, err = snapshotTx(tx)
		return err
	})
	if err != nil {
		return h, fmt.Errorf("read the whole database: %w", err)
	}
	return h, nil
}

// snapshotTx reads every record, the settings and the templates in tx.
func snapshotTx(tx txn) (model.History, error) {
	var h model.History
	for _, k := range model.Kinds {
		err := eachRecord(tx, k, func(r model.Record) error {
			h.Add(k, r)
			return nil
		})
		if err != nil {
			return h, err
		}
	}
	if data := tx.Bucket(settingsBucket).Get(settingsKey); data != nil {
		st, err := decode[model.Settings](tx, settingsShape, settingsKey, data)
		if err != nil {
			return h, err
		}
		h.Settings = &st
	}
	err := tx.Bucket(templatesBucket).ForEach(func(k, v []byte) error {
		t, err := decode[model.Template](tx, templatesShape, k, v)
		h.Templates = append(h.Templates, t)
		return err
	})
	return h, err
}

// Counts returns how many records of each kind the store holds, by kind.
func (s *Store) Counts() (map[*model.Kind]int, error) {
	out := map[*model.Kind]int{}
	err := s.view(func(tx txn) error {
		for _, k := range model.Kinds {
			out[k] = tx.Bucket(bucketOf(k)).Stats().KeyN
		}
		return nil
	})
	return out, err
}

func minTime(a, b time.Time) time.Time {
	if b.Before(a) {
		return b
	}
	return a
}

func maxTime(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}
