package model

import (
	"encoding/binary"
	"fmt"

	bolt "go.etcd.io/bbolt"
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
	apply   func(tx *bolt.Tx) error
}

// migrations is the ordered history of the database layout. Append, never edit: a
// user's file may be at any version below the last.
var migrations = []migration{
	{version: 1, name: "the first layout: sessions and their time index", apply: func(tx *bolt.Tx) error {
		return createBuckets(tx, sessionsC)
	}},
}

// SchemaVersion is the layout version this Keel writes.
func SchemaVersion() uint64 { return migrations[len(migrations)-1].version }

func createBuckets(tx *bolt.Tx, cs ...collection) error {
	for _, c := range cs {
		for _, name := range [][]byte{c.bucket, c.index} {
			if _, err := tx.CreateBucketIfNotExists(name); err != nil {
				return fmt.Errorf("create bucket %s: %w", name, err)
			}
		}
	}
	return nil
}

// schemaOf reads the layout version; 0 means a new, empty file.
func schemaOf(tx *bolt.Tx) uint64 {
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
func migrate(tx *bolt.Tx) error {
	return migrateTo(tx, migrations)
}

func migrateTo(tx *bolt.Tx, ms []migration) error {
	current := schemaOf(tx)
	latest := ms[len(ms)-1].version
	if current > latest {
		return fmt.Errorf("layout version %d, this Keel knows up to %d: %w", current, latest, ErrNewerVersion)
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
	return createBuckets(tx, collections...)
}
