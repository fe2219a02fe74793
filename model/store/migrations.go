package store

import (
	"encoding/binary"
	"fmt"
	"time"

	"keel/model"
)

var (
	metaBucket = []byte("meta")
	schemaKey  = []byte("schema")
)

// migration moves the database from version-1 to version. Migrations run in order,
// all pending ones in the same transaction as the open, so a database is never left
// half-migrated.
type migration struct {
	version uint64
	name    string
	apply   func(tx txn) error
}

// migrations is the ordered history of the database layout. Append, never edit: a
// user's file may be at any version below the last.
var migrations = []migration{
	{version: 1, name: "the first layout: sessions and their time index", apply: migrate1},
	{version: 2, name: "check-ins, questionnaires, follow-ups, journal and checklists", apply: migrate2},
	{version: 3, name: "treatment courses", apply: migrate3},
	{version: 4, name: "the database's identity, which exports carry (ids.go)", apply: migrate4},
}

func migrate3(tx txn) error { return createBuckets(tx, model.Courses) }

func migrate1(tx txn) error { return createBuckets(tx, model.Sessions) }

// migrate2 adds the buckets of check-ins, questionnaires, follow-ups, the journal,
// checklists, settings and templates, and gives every planned session a checklist
// from its route's built-in template.
func migrate2(tx txn) error {
	if err := createBuckets(tx, model.CheckIns, model.Questionnaires, model.FollowUps, model.Journal, model.Checklists); err != nil {
		return err
	}
	for _, name := range [][]byte{settingsBucket, templatesBucket} {
		if _, err := tx.CreateBucketIfNotExists(name); err != nil {
			return err
		}
	}
	var planned []model.Session
	err := scan[model.Session](tx, model.Sessions, time.Time{}, time.Time{}, false, func(s model.Session) bool {
		if !s.Done() {
			planned = append(planned, s)
		}
		return true
	})
	if err != nil {
		return err
	}
	for _, s := range planned {
		c := model.NewChecklist(s.ID, model.DefaultTemplate(s.Route))
		if err := put(tx, model.Checklists, &c, s.Updated); err != nil {
			return err
		}
	}
	return nil
}

// SchemaVersion is the layout version this Keel writes.
func SchemaVersion() uint64 { return migrations[len(migrations)-1].version }

func createBuckets(tx txn, ks ...*model.Kind) error {
	for _, k := range ks {
		for _, name := range [][]byte{bucketOf(k), indexOf(k)} {
			if name == nil {
				continue
			}
			if _, err := tx.CreateBucketIfNotExists(name); err != nil {
				return fmt.Errorf("create bucket %s: %w", name, err)
			}
		}
	}
	return nil
}

// schemaOf reads the layout version; 0 means a new, empty file.
func schemaOf(tx txn) uint64 {
	meta := tx.Bucket(metaBucket)
	if meta == nil {
		return 0
	}
	v := meta.Get(schemaKey)
	if len(v) != 8 {
		return 0
	}
	return binary.BigEndian.Uint64(v)
}

// migrate brings the layout to SchemaVersion, then makes sure every bucket exists.
func migrate(tx txn) error {
	return migrateTo(tx, migrations)
}

func migrateTo(tx txn, ms []migration) error {
	current := schemaOf(tx)
	latest := ms[len(ms)-1].version
	if current > latest {
		return fmt.Errorf("layout version %d, this Keel knows up to %d: %w", current, latest, model.ErrNewerVersion)
	}
	meta, err := tx.CreateBucketIfNotExists(metaBucket)
	if err != nil {
		return err
	}
	for _, m := range ms {
		if m.version <= current {
			continue
		}
		if err := m.apply(tx); err != nil {
			return fmt.Errorf("migration %d (%s): %w", m.version, m.name, err)
		}
	}
	if current != latest {
		if err := meta.Put(schemaKey, idKey(latest)); err != nil {
			return err
		}
	}
	if err := createBuckets(tx, model.Kinds...); err != nil {
		return err
	}
	for _, name := range [][]byte{settingsBucket, templatesBucket} {
		if _, err := tx.CreateBucketIfNotExists(name); err != nil {
			return err
		}
	}
	return nil
}
