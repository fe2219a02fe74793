package store

import (
	"encoding/binary"
	"fmt"
	"time"

	"keel/model"

	bolt "go.etcd.io/bbolt"

	"keel/model/seal"
)

var (
	metaBucket = []byte("meta")
	schemaKey  = []byte("schema")
)

// migration moves the database from version-1 to version: it creates its buckets,
// then applies its change. Migrations run in order, all pending ones in the same
// transaction as the open, so a database is never left half-migrated.
type migration struct {
	version uint64
	name    string
	// buckets are the buckets this migration creates. From its version on, each of
	// them must exist: a file of that version without one is damaged, and no later
	// step ever creates it again (that would hide the loss of its records).
	buckets [][]byte
	apply   func(tx txn) error
}

// migrations is the ordered history of the database layout. Append, never edit: a
// user's file may be at any version below the last.
var migrations = []migration{
	{version: 1, name: "the first layout: sessions and their time index",
		buckets: kindBuckets(model.Sessions)},
	{version: 2, name: "check-ins, questionnaires, follow-ups, journal and checklists",
		buckets: append(kindBuckets(model.CheckIns, model.Questionnaires, model.FollowUps, model.Journal, model.Checklists), settingsBucket, templatesBucket),
		apply:   migrate2},
	{version: 3, name: "treatment courses", buckets: kindBuckets(model.Courses)},
	{version: checksumLayout, name: "a checksum in every stored value", apply: migrate4},
	{version: stateLayout, name: "the state bucket, and an authenticated demo mark", buckets: [][]byte{stateBucket}, apply: migrate5},
	{version: identityLayout, name: "the database's identity, which exports carry, and where imported records came from (ids.go)",
		buckets: [][]byte{originsBucket, originsBySourceBucket}, apply: migrateIdentity},
	{version: draftsLayout, name: "drafts, and course starts on the person's day", buckets: [][]byte{draftsBucket}, apply: migrateDrafts},
}

// migrate2 gives every planned session a checklist from its route's built-in template.
func migrate2(tx txn) error {
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

// migrate4 puts a checksum in the envelope of every value (envelope.go): each value
// is read in the old frame (opened with the key when encrypted), framed again with its
// checksum and, when encrypted, sealed again. The record itself is not decoded, so its
// JSON is kept byte for byte.
func migrate4(tx txn) error {
	for _, k := range model.Kinds {
		idx := tx.Bucket(indexOf(k))
		if idx == nil {
			continue
		}
		var keys [][]byte
		err := idx.ForEach(func(key, _ []byte) error {
			keys = append(keys, append([]byte(nil), key...))
			return nil
		})
		if err != nil {
			return err
		}
		for _, key := range keys {
			if err := idx.Put(key, indexSum(indexOf(k), key)); err != nil {
				return err
			}
		}
	}
	for _, sh := range valueShapes() {
		b := tx.Bucket(sh.bucket)
		if b == nil {
			continue // a bucket of a later layout
		}
		type kv struct{ k, v []byte }
		var out []kv
		err := b.ForEach(func(k, v []byte) error {
			plain, err := tx.open(sh, k, v)
			if err != nil {
				return err
			}
			ver, d, err := unframe(checksumLayout-1, sh.name, sh.bucket, k, plain, sh.version)
			if err != nil {
				return err
			}
			data, err := frame(checksumLayout, sh.bucket, k, ver, d)
			if err != nil {
				return err
			}
			if tx.key != nil {
				data = tx.key.Seal(seal.AD(sh.bucket, k), data)
			}
			out = append(out, kv{append([]byte(nil), k...), data})
			return nil
		})
		if err != nil {
			return fmt.Errorf("%s: %w", sh.name, err)
		}
		for _, e := range out {
			if err := b.Put(e.k, e.v); err != nil {
				return err
			}
		}
	}
	return nil
}

// migrate5 turns the demo mark (a bare byte until now) into a value in its envelope,
// sealed when the database is encrypted, so it cannot be set by hand to silence
// reminders in an encrypted file.
func migrate5(tx txn) error {
	meta := tx.Bucket(metaBucket)
	if meta.Get(demoKey) == nil {
		return nil
	}
	data, err := tx.encode(demoShape, demoKey, true)
	if err != nil {
		return err
	}
	return meta.Put(demoKey, data)
}

// SchemaVersion is the layout version this Keel writes.
func SchemaVersion() uint64 { return migrations[len(migrations)-1].version }

// kindBuckets are the buckets of the kinds ks: each one's records and time index.
func kindBuckets(ks ...*model.Kind) [][]byte {
	var out [][]byte
	for _, k := range ks {
		out = append(out, bucketOf(k))
		if idx := indexOf(k); idx != nil {
			out = append(out, idx)
		}
	}
	return out
}

// requiredBuckets are the buckets a file of layout version v must have.
func requiredBuckets(v uint64) [][]byte {
	out := [][]byte{metaBucket}
	for _, m := range migrations {
		if m.version <= v {
			out = append(out, m.buckets...)
		}
	}
	return out
}

// unaccountedBuckets are the buckets this Keel uses that no migration creates: a new
// kind in model.Kinds whose migration was not written yet. Only these are created
// outside a migration. TestEveryBucketHasAMigration keeps the list empty.
func unaccountedBuckets() [][]byte {
	have := map[string]bool{}
	for _, b := range requiredBuckets(SchemaVersion()) {
		have[string(b)] = true
	}
	var out [][]byte
	for _, b := range append(kindBuckets(model.Kinds...), settingsBucket, templatesBucket, stateBucket, draftsBucket) {
		if !have[string(b)] {
			out = append(out, b)
		}
	}
	return out
}

// checkLayout checks that a file of layout version v has every bucket that version
// must have; one missing is damage (its records are gone), never a reason to make a
// new, empty one.
func checkLayout(tx *bolt.Tx, v uint64) error {
	if v == 0 {
		return fmt.Errorf("the layout version is missing: %w", model.ErrDamaged)
	}
	for _, name := range requiredBuckets(v) {
		if tx.Bucket(name) == nil {
			return fmt.Errorf("the %s bucket is missing: %w", name, model.ErrDamaged)
		}
	}
	// Each kind's sequence must be at or past its highest ID, or the next new record
	// would be given an ID that is taken.
	for _, k := range model.Kinds {
		b := tx.Bucket(bucketOf(k))
		if b == nil {
			continue
		}
		if last, _ := b.Cursor().Last(); last != nil && (len(last) != 8 || binary.BigEndian.Uint64(last) > b.Sequence()) {
			return fmt.Errorf("%s: the ID sequence is behind the records: %w", k.Name, model.ErrDamaged)
		}
	}
	return nil
}

// checkCounts compares, for every kind with a time index, how many records its bucket
// holds with how many entries its index holds (counted by preflight's walk): a record
// or an index entry lost to damage shows as a difference.
func checkCounts(counts map[string]int) error {
	for _, k := range model.Kinds {
		idx := indexOf(k)
		if idx == nil {
			continue
		}
		if n, m := counts[string(bucketOf(k))], counts[string(idx)]; n != m {
			return fmt.Errorf("%s: %d records but %d index entries: %w", k.Name, n, m, model.ErrDamaged)
		}
	}
	return nil
}

func createBuckets(tx txn, names [][]byte) error {
	for _, name := range names {
		if _, err := tx.CreateBucketIfNotExists(name); err != nil {
			return fmt.Errorf("create bucket %s: %w", name, err)
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

// migrate brings the layout to SchemaVersion. A new file (layout 0) gets every
// migration; an existing one must already pass checkLayout.
func migrate(tx txn) error {
	return migrateTo(tx, migrations)
}

func migrateTo(tx txn, ms []migration) error {
	current := schemaOf(tx)
	latest := ms[len(ms)-1].version
	if current > latest {
		return fmt.Errorf("layout version %d, this Keel knows up to %d: %w", current, latest, model.ErrNewerVersion)
	}
	meta := tx.Bucket(metaBucket)
	if current == 0 {
		if meta != nil {
			return fmt.Errorf("the layout version is missing: %w", model.ErrDamaged)
		}
		var err error
		if meta, err = tx.CreateBucket(metaBucket); err != nil {
			return err
		}
	}
	tx.layout = current
	for _, m := range ms {
		if m.version <= current {
			continue
		}
		if err := createBuckets(tx, m.buckets); err != nil {
			return fmt.Errorf("migration %d (%s): %w", m.version, m.name, err)
		}
		if m.apply != nil {
			if err := m.apply(tx); err != nil {
				return fmt.Errorf("migration %d (%s): %w", m.version, m.name, err)
			}
		}
		tx.layout = m.version
	}
	if current != latest {
		if err := meta.Put(schemaKey, idKey(latest)); err != nil {
			return err
		}
	}
	return createBuckets(tx, unaccountedBuckets())
}
