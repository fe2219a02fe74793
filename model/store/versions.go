package store

import (
	"bytes"
	"encoding/json"
	"errors"
	"time"

	"keel/model"
)

// checkVersion is the version check of a save of r (of kind k) at now: a new record
// (ID 0, or an ID not stored yet and no version) passes; a record carrying a version
// must carry the stored one, or the save is refused with a *model.Conflict (the
// stored record changed, or was deleted, after the edit began). It returns the time
// to stamp the record with: now, or just after the stored version when the clock has
// not moved past it, so every save moves the version on.
//
// A record with an ID but a zero version carries no version: it replaces the stored
// one unchecked. Only callers that never read the record (and old forms) send that.
func checkVersion(tx txn, k *model.Kind, r model.Versioned, now time.Time) (time.Time, error) {
	now = now.Round(0)
	if r.RecordID() == 0 {
		return now, nil
	}
	old, err := getRecord(tx, k, r.RecordID())
	switch {
	case errors.Is(err, model.ErrNotFound):
		if !r.Version().IsZero() {
			return now, model.NewConflict(k.One, r, nil)
		}
		return now, nil
	case err != nil:
		return now, err
	}
	stored := old.(model.Versioned).Version()
	if !r.Version().IsZero() && !r.Version().Equal(stored) {
		return now, model.NewConflict(k.One, r, old)
	}
	if !now.After(stored) {
		now = stored.Add(time.Nanosecond)
	}
	return now, nil
}

// sameValue reports whether a and b encode to the same JSON.
func sameValue(a, b any) bool {
	ja, err1 := json.Marshal(a)
	jb, err2 := json.Marshal(b)
	return err1 == nil && err2 == nil && bytes.Equal(ja, jb)
}
