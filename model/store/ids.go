package store

import (
	"bytes"
	"crypto/rand"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"strings"

	"keel/model"

	bolt "go.etcd.io/bbolt"
)

// IDs and where records came from.
//
// Record IDs are per-database sequences, so two Keel installs both have a session 1
// that are different sessions. Each database therefore has an identity: 16 random
// bytes in meta/id, written when the database is created (or brought to layout 6),
// which every export carries. An import of another database's export gives its
// records new IDs here and remembers, in two buckets, where
// each came from:
//
//	origins/
//	  <kind name> 0x00 <id here>                      -> <database identity> <id there>
//	origins_by_source/
//	  <database identity> <kind name> 0x00 <id there> -> <id here>
//
// so importing the same file again finds the records it added, and an export says
// for each such record where it first came from (an import into the database it came
// from then finds its own record). Kinds keyed by their parent (model.Kind.DeriveID)
// have no entries: their parent's say it all. Both buckets hold IDs only, never what
// a record says, and are not sealed.

var (
	identityKey           = []byte("id")
	originsBucket         = []byte("origins")
	originsBySourceBucket = []byte("origins_by_source")
)

// identityLen is the length of a database identity in bytes.
const identityLen = 16

// identityLayout is the layout that gave every database its identity and the
// origins buckets.
const identityLayout = 6

// migrateIdentity gives the database its identity (see Identity).
func migrateIdentity(tx txn) error {
	meta := tx.Bucket(metaBucket)
	if id := meta.Get(identityKey); len(id) == identityLen {
		return nil
	}
	id := make([]byte, identityLen)
	if _, err := rand.Read(id); err != nil {
		return err
	}
	return meta.Put(identityKey, id)
}

// identityOf returns the identity in meta, nil when the database has none (a
// database opened read-only before its layout could be brought up to date).
func identityOf(tx txn) []byte {
	meta := tx.Bucket(metaBucket)
	if meta == nil {
		return nil
	}
	if id := meta.Get(identityKey); len(id) == identityLen {
		return bytes.Clone(id)
	}
	return nil
}

// Identity is the database's identity as 32 lower-case hexadecimal digits: a random
// name given to it when it was created, which exports carry so that an import can
// tell this Keel's records from another's. It says nothing about the person. ""
// when the database has none yet.
func (s *Store) Identity() (string, error) {
	var id []byte
	err := s.view(func(tx txn) error {
		id = identityOf(tx)
		return nil
	})
	if id == nil {
		return "", err
	}
	return hex.EncodeToString(id), err
}

// ParseIdentity reads a database identity written by Identity; ok is false for
// anything else.
func ParseIdentity(s string) (id []byte, ok bool) {
	if len(s) != 2*identityLen || s != strings.ToLower(s) {
		return nil, false
	}
	id, err := hex.DecodeString(s)
	return id, err == nil
}

// stand-in identity for an export that names none, imported with
// ImportOptions.AsNew: derived from what the file says about itself, so the same
// file imported twice is recognised.
func standInIdentity(head string) []byte {
	sum := sha256.Sum256([]byte("keel export without a database identity\x00" + head))
	return sum[:identityLen]
}

// nextID returns the next free ID of bucket b, never past model.MaxID. An older Keel
// let an import push a sequence past the range (to 2^64-1, which then wrapped to 0
// and 1 over the user's records): such a sequence is set back to the largest ID in
// range, so new records go after the records that are really there.
func nextID(b *bolt.Bucket) (uint64, error) {
	if seq := b.Sequence(); seq >= model.MaxID {
		last := uint64(0)
		c := b.Cursor()
		k, _ := c.Seek(idKey(model.MaxID + 1))
		if k == nil {
			k, _ = c.Last()
		} else {
			k, _ = c.Prev()
		}
		if len(k) == 8 {
			last = binary.BigEndian.Uint64(k)
		}
		if last >= model.MaxID {
			return 0, model.Errorf(model.EInternal, "Keel has used every ID for these records, so nothing was added.", fmt.Errorf("sequence %d", seq))
		}
		if err := b.SetSequence(last); err != nil {
			return 0, err
		}
	}
	return b.NextSequence()
}

// originKey is the key of a record in origins: its kind and ID here.
func originKey(k *model.Kind, id uint64) []byte {
	key := make([]byte, 0, len(k.Name)+9)
	key = append(append(key, k.Name...), 0)
	return append(key, idKey(id)...)
}

// sourceKey is the key of a record in origins_by_source: the database it came from,
// its kind and its ID there.
func sourceKey(db []byte, k *model.Kind, id uint64) []byte {
	key := make([]byte, 0, len(db)+len(k.Name)+9)
	key = append(append(append(key, db...), k.Name...), 0)
	return append(key, idKey(id)...)
}

// Origin is where a record an export holds first came from, when that is not the
// database that wrote the export: it had imported it from another Keel.
type Origin struct {
	Kind *model.Kind
	// ID is the record's ID in the export.
	ID uint64
	// Database is the identity of the database it first came from (see Identity),
	// and OriginalID its ID there.
	Database   string
	OriginalID uint64
}

// Provenance is what an export says about where its records come from.
type Provenance struct {
	// Database is the identity of the database that wrote the export; "" for an
	// export of an older Keel, which does not say.
	Database string
	// Origins are the records that database had imported from others.
	Origins []Origin
	// Head is what else the file says about itself (its export time), for telling
	// apart files without a Database imported with ImportOptions.AsNew.
	Head string
}

// ExportSnapshot reads, in one read transaction, every record, the settings and the
// templates (as Snapshot does), with the database's identity and the origins of the
// records it imported from other Keels, for an export.
func (s *Store) ExportSnapshot() (model.History, Provenance, error) {
	var h model.History
	var p Provenance
	err := s.view(func(tx txn) error {
		var err error
		if h, err = snapshotTx(tx); err != nil {
			return err
		}
		if id := identityOf(tx); id != nil {
			p.Database = hex.EncodeToString(id)
		}
		p.Origins, err = originsTx(tx)
		return err
	})
	if err != nil {
		return h, p, fmt.Errorf("read the whole database: %w", err)
	}
	return h, p, nil
}

// originsTx lists the origins of the records stored, in key order.
func originsTx(tx txn) ([]Origin, error) {
	b := tx.Bucket(originsBucket)
	if b == nil {
		return nil, nil
	}
	var out []Origin
	err := b.ForEach(func(key, v []byte) error {
		i := bytes.IndexByte(key, 0)
		if i < 0 || len(key) != i+9 || len(v) != identityLen+8 {
			return fmt.Errorf("origins: a malformed entry: %w", model.ErrDamaged)
		}
		k := model.KindNamed(string(key[:i]))
		id := binary.BigEndian.Uint64(key[i+1:])
		if k == nil || tx.Bucket(bucketOf(k)).Get(idKey(id)) == nil {
			return nil // a kind this Keel does not know, or a record deleted since
		}
		out = append(out, Origin{Kind: k, ID: id, Database: hex.EncodeToString(v[:identityLen]),
			OriginalID: binary.BigEndian.Uint64(v[identityLen:])})
		return nil
	})
	return out, err
}

// lookupSource returns the ID here of the record of kind k that came from database
// db with ID id, if one was imported.
func lookupSource(tx txn, db []byte, k *model.Kind, id uint64) (uint64, bool) {
	b := tx.Bucket(originsBySourceBucket)
	if b == nil {
		return 0, false
	}
	v := b.Get(sourceKey(db, k, id))
	if len(v) != 8 {
		return 0, false
	}
	return binary.BigEndian.Uint64(v), true
}

// putOrigin remembers that the record of kind k with ID here came from database db
// with ID there.
func putOrigin(tx txn, k *model.Kind, here uint64, db []byte, there uint64) error {
	ob, err := tx.CreateBucketIfNotExists(originsBucket)
	if err != nil {
		return err
	}
	sb, err := tx.CreateBucketIfNotExists(originsBySourceBucket)
	if err != nil {
		return err
	}
	v := append(bytes.Clone(db), idKey(there)...)
	if err := ob.Put(originKey(k, here), v); err != nil {
		return err
	}
	return sb.Put(sourceKey(db, k, there), idKey(here))
}
