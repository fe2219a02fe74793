package store

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"keel/model"
)

// ImportProblem is one record an import did not add, and why.
type ImportProblem struct {
	Kind   string // "sessions", "checkins", ...
	ID     uint64
	Reason string
}

// String is "session 12: the mood is from 0 to 10 (you entered 11)."
func (p ImportProblem) String() string {
	if p.ID == 0 {
		return p.Kind + ": " + p.Reason
	}
	return fmt.Sprintf("%s %d: %s", p.Kind, p.ID, p.Reason)
}

// ImportResult says what an import did.
type ImportResult struct {
	Added    int // new records
	Skipped  int // already present, identical
	Replaced int // present with other content, replaced because the user asked
	// Conflicts are records present with other content, left unchanged.
	Conflicts []ImportProblem
	// Refused are records that are not valid, not added.
	Refused []ImportProblem
}

// Summary says in one sentence what happened.
func (r ImportResult) Summary() string {
	s := fmt.Sprintf("%d added, %d already here", r.Added, r.Skipped)
	if r.Replaced > 0 {
		s += fmt.Sprintf(", %d replaced", r.Replaced)
	}
	if n := len(r.Conflicts); n > 0 {
		s += fmt.Sprintf(", %d different from what is here and left unchanged", n)
	}
	if n := len(r.Refused); n > 0 {
		s += fmt.Sprintf(", %d refused", n)
	}
	return s + "."
}

// ImportOptions choose what an import does with conflicts.
type ImportOptions struct {
	// Replace overwrites records whose ID is already used by a different record.
	Replace bool
}

// Import adds the records of h in one transaction, under their own IDs, so links
// between them hold. A record already present with the same content is skipped; one
// present with other content is a conflict, left unchanged unless opt.Replace; an
// invalid one is refused with its reason. Settings and templates follow the same
// rules. Nothing is ever overwritten silently. (Take a backup first: see Backup.)
func (s *Store) Import(h model.History, opt ImportOptions) (ImportResult, error) {
	var res ImportResult
	now := s.now()
	err := s.update(func(tx txn) error {
		for _, k := range model.Kinds {
			if err := importAll(tx, k, h.Of(k), now, opt, &res); err != nil {
				return err
			}
		}
		if err := importSettings(tx, h.Settings, now, opt, &res); err != nil {
			return err
		}
		return importTemplates(tx, h.Templates, now, opt, &res)
	})
	if err != nil {
		return ImportResult{}, fmt.Errorf("import: %w", err)
	}
	return res, nil
}

func importAll(tx txn, k *model.Kind, rs []model.Record, now time.Time, opt ImportOptions, res *ImportResult) error {
	for _, r := range rs {
		id := r.RecordID()
		if err := r.Validate(now); err != nil {
			res.Refused = append(res.Refused, ImportProblem{k.Name, id, explainShort(err)})
			continue
		}
		if id == 0 {
			res.Refused = append(res.Refused, ImportProblem{k.Name, 0, "a record without an ID"})
			continue
		}
		old, err := getRecord(tx, k, id)
		switch {
		case errors.Is(err, model.ErrNotFound):
			res.Added++
		case err != nil:
			return err
		case sameRecord(old, r):
			res.Skipped++
			continue
		case !opt.Replace:
			res.Conflicts = append(res.Conflicts, ImportProblem{k.Name, id, "a different record with this ID is already here"})
			continue
		default:
			res.Replaced++
		}
		if err := putRecord(tx, k, r, now, true); err != nil {
			return err
		}
	}
	return nil
}

func importSettings(tx txn, st *model.Settings, now time.Time, opt ImportOptions, res *ImportResult) error {
	if st == nil {
		return nil
	}
	if err := st.Validate(now); err != nil {
		res.Refused = append(res.Refused, ImportProblem{"settings", 0, explainShort(err)})
		return nil
	}
	b := tx.Bucket(settingsBucket)
	if data := b.Get(settingsKey); data != nil {
		old, err := decode[model.Settings](tx, settingsShape, settingsKey, data)
		if err != nil {
			return err
		}
		switch {
		case sameRecord(old, *st):
			res.Skipped++
			return nil
		case !opt.Replace:
			res.Conflicts = append(res.Conflicts, ImportProblem{"settings", 0, "the settings here differ from the file's"})
			return nil
		}
		res.Replaced++
	} else {
		res.Added++
	}
	data, err := tx.encode(settingsShape, settingsKey, st)
	if err != nil {
		return err
	}
	return b.Put(settingsKey, data)
}

func importTemplates(tx txn, ts []model.Template, now time.Time, opt ImportOptions, res *ImportResult) error {
	b := tx.Bucket(templatesBucket)
	for _, t := range ts {
		if err := t.Validate(now); err != nil {
			res.Refused = append(res.Refused, ImportProblem{"templates", 0, string(t.Route) + ": " + explainShort(err)})
			continue
		}
		if data := b.Get([]byte(t.Route)); data != nil {
			old, err := decode[model.Template](tx, templatesShape, []byte(t.Route), data)
			if err != nil {
				return err
			}
			switch {
			case sameRecord(old, t):
				res.Skipped++
				continue
			case !opt.Replace:
				res.Conflicts = append(res.Conflicts, ImportProblem{"templates", 0, "the " + t.Route.Label() + " checklist here differs from the file's"})
				continue
			}
			res.Replaced++
		} else {
			res.Added++
		}
		data, err := tx.encode(templatesShape, []byte(t.Route), t)
		if err != nil {
			return err
		}
		if err := b.Put([]byte(t.Route), data); err != nil {
			return err
		}
	}
	return nil
}

// sameRecord compares two records as they are stored: by their JSON.
func sameRecord(a, b any) bool {
	ja, err1 := json.Marshal(a)
	jb, err2 := json.Marshal(b)
	return err1 == nil && err2 == nil && bytes.Equal(ja, jb)
}

func explainShort(err error) string {
	var v *model.ValidationError
	if errors.As(err, &v) {
		return v.Error()
	}
	return err.Error()
}

// ImportCheckIns adds check-ins from another app (such as a Daylio export) in one
// transaction. A check-in whose Source and SourceKey are already stored is skipped,
// so importing the same file twice adds nothing the second time; an invalid one is
// refused with its reason.
func (s *Store) ImportCheckIns(cs []model.CheckIn) (ImportResult, error) {
	var res ImportResult
	if len(cs) == 0 {
		return res, nil
	}
	now := s.now()
	from, to := cs[0].At, cs[0].At
	for _, c := range cs {
		from, to = minTime(from, c.At), maxTime(to, c.At)
	}
	err := s.update(func(tx txn) error {
		seen := map[string]bool{}
		err := scan[model.CheckIn](tx, model.CheckIns, from, to.Add(time.Second), false, func(c model.CheckIn) bool {
			if c.SourceKey != "" {
				seen[c.Source+"\x00"+c.SourceKey] = true
			}
			return true
		})
		if err != nil {
			return err
		}
		for i := range cs {
			c := cs[i]
			key := c.Source + "\x00" + c.SourceKey
			switch {
			case c.SourceKey != "" && seen[key]:
				res.Skipped++
				continue
			case c.Validate(now) != nil:
				res.Refused = append(res.Refused, ImportProblem{"checkins", 0, c.At.Format("2006-01-02 15:04") + ": " + explainShort(c.Validate(now))})
				continue
			}
			c.ID = 0
			if err := put(tx, model.CheckIns, &c, now); err != nil {
				return err
			}
			seen[key] = true
			res.Added++
		}
		return nil
	})
	if err != nil {
		return ImportResult{}, fmt.Errorf("import check-ins: %w", err)
	}
	return res, nil
}
