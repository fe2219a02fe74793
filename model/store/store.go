// Package store keeps Keel's records in one bbolt file on the user's own machine:
// opening and checking the file, its layout and migrations, encryption, backups and
// restore. The kinds of record it stores are those of model.Kinds.
//
// The database file holds this bucket tree (update this when the structure changes):
//
//	meta/
//	  schema            -> uint64, big-endian: the layout version (see migrations.go)
//	  seal              -> the encryption header (seal.Header) when a passphrase is set
//	  demo              -> 1 when the file holds demo data (see MarkDemo)
//	  id                -> 16 random bytes: the database's identity (see ids.go)
//	sessions/
//	  <id>              -> versioned JSON of a Session
//	sessions_by_time/
//	  <time><id>        -> empty: sessions in time order, for range scans
//	checkins/, checkins_by_time/              CheckIn, indexed by time
//	questionnaires/, questionnaires_by_time/  Response, indexed by time
//	followups/, followups_by_time/            FollowUp, keyed <session id><<2|step, indexed by due time
//	journal/, journal_by_time/                JournalEntry, indexed by time
//	courses/, courses_by_time/                Course, indexed by start
//	checklists/
//	  <session id>      -> versioned JSON of the session's Checklist
//	templates/
//	  <route>           -> versioned JSON of the user's Template for that route
//	settings/
//	  settings          -> versioned JSON of Settings
//	  mapping/<source>  -> versioned JSON of the mood values remembered for an app
//	                       check-ins are imported from ("mapping/daylio", import.go)
//	origins/, origins_by_source/  where records imported from another Keel came
//	                       from (ids.go); made by the first such import
//
// Each kind of model.Kinds has the bucket of its Name, and an indexed kind the
// bucket Name + "_by_time". Every <id> is 8 bytes big-endian from the bucket's
// sequence, from 1 to model.MaxID (nextID; a checklist's and a follow-up's derive
// from their session's). Every <time> is the Unix second, 8 bytes big-endian with the
// sign bit flipped, so byte order is time order. A versioned value is
// {"v":N,"d":{...}}: v says which shape d has (model.Kind.Version). In an encrypted
// database every value of every bucket but meta, the time indexes and the origins is
// sealed (see crypt.go).
package store

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"time"

	"keel/model"

	bolt "go.etcd.io/bbolt"
	bolterrors "go.etcd.io/bbolt/errors"

	"keel/model/seal"
)

// DataFileName is the name of the database file inside a data folder.
const DataFileName = "keel.db"

// Store keeps Keel's records in one bbolt file. Its methods are safe for use from
// several goroutines; each write is one transaction, so a record is either saved whole
// or not at all.
type Store struct {
	// mu guards db (which Restore and the encryption rewrites replace), key and
	// header; every transaction holds it for reading.
	mu   sync.RWMutex
	db   *bolt.DB
	path string
	opt  Options
	now  func() time.Time
	// header is the encryption header of an encrypted database, nil for a plain one;
	// key is the data key, nil while an encrypted database is locked.
	header *seal.Header
	key    *seal.Key
	// lastWrite is when the last write transaction committed, in Unix nanoseconds.
	lastWrite atomic.Int64
}

// Options adjust how a Store is opened. The zero value is right for the app.
type Options struct {
	// Timeout is how long to wait for another Keel to let go of the file (default 1s).
	Timeout time.Duration
	// Now is the clock used to stamp records and judge "the future" (default time.Now).
	Now func() time.Time
	// Passphrase unlocks an encrypted database at once; without it an encrypted
	// database opens locked (see Unlock).
	Passphrase []byte
	// KDF overrides the argon2id parameters of new passphrases. Only tests set it
	// (seal.TestParams), to stay fast; nil means seal's production parameters.
	KDF *seal.Params
}

// DataFile returns the path of the database inside the data folder dir.
func DataFile(dir string) string { return filepath.Join(dir, DataFileName) }

// Open opens or creates the database at path, creating its folder (private to the
// user) when needed, and brings its layout up to date.
func Open(path string, opt Options) (*Store, error) {
	if opt.Timeout == 0 {
		opt.Timeout = time.Second
	}
	if opt.Now == nil {
		opt.Now = time.Now
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, fmt.Errorf("create data folder: %w", err)
	}
	for _, stale := range []string{path + rewriteSuffix, path + restoreSuffix} {
		os.Remove(stale) // left by a crash in the middle of a rewrite or restore: never the real file
	}
	db, err := openBolt(path, opt)
	if err != nil {
		return nil, err
	}
	s := &Store{db: db, path: path, opt: opt, now: opt.Now}
	if err := s.prepare(opt.Passphrase); err != nil {
		db.Close()
		return nil, err
	}
	return s, nil
}

// openBolt opens the bbolt file at path after the preflight check, turning bbolt's
// errors into the model's.
func openBolt(path string, opt Options) (*bolt.DB, error) {
	if err := preflight(path, true); err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	db, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: opt.Timeout})
	switch {
	case errors.Is(err, bolterrors.ErrTimeout):
		return nil, fmt.Errorf("open %s: %w", path, model.ErrAlreadyRunning)
	case errors.Is(err, bolterrors.ErrInvalid), errors.Is(err, bolterrors.ErrVersionMismatch), errors.Is(err, bolterrors.ErrChecksum):
		return nil, fmt.Errorf("open %s: %w (%v)", path, model.ErrDamaged, err)
	case err != nil:
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	return db, nil
}

// prepare reads the encryption header and brings the layout up to date. An encrypted
// database without a passphrase stays locked (its layout version is still checked);
// its migrations run when it is unlocked.
func (s *Store) prepare(passphrase []byte) error {
	var hdr *seal.Header
	var schema uint64
	err := s.db.View(func(tx *bolt.Tx) error {
		schema = schemaOf(txn{Tx: tx})
		var err error
		hdr, err = headerOf(tx)
		return err
	})
	if err != nil {
		return fmt.Errorf("open %s: %w", s.path, err)
	}
	if schema > SchemaVersion() {
		return fmt.Errorf("open %s: layout version %d, this Keel knows up to %d: %w", s.path, schema, SchemaVersion(), model.ErrNewerVersion)
	}
	s.header, s.key = hdr, nil
	if hdr != nil && passphrase == nil {
		return nil
	}
	if hdr != nil {
		key, err := seal.Unlock(passphrase, *hdr)
		if err != nil {
			return wrongPassphrase(err)
		}
		s.key = key
	}
	if !s.needsMigration() {
		return nil // the usual start: no write transaction, no fsync
	}
	if err := s.db.Update(func(tx *bolt.Tx) error { return migrate(txn{tx, s.key}) }); err != nil {
		return fmt.Errorf("prepare %s: %w", s.path, err)
	}
	return nil
}

// needsMigration reports whether the layout is older than this Keel's or a bucket
// is missing.
func (s *Store) needsMigration() bool {
	need := false
	s.db.View(func(tx *bolt.Tx) error {
		need = schemaOf(txn{Tx: tx}) != SchemaVersion()
		for _, k := range model.Kinds {
			need = need || tx.Bucket(bucketOf(k)) == nil || (k.Indexed && tx.Bucket(indexOf(k)) == nil)
		}
		need = need || tx.Bucket(settingsBucket) == nil || tx.Bucket(templatesBucket) == nil
		return nil
	})
	return need
}

// Close releases the database file.
func (s *Store) Close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.db.Close()
}

// view runs fn in a read transaction.
func (s *Store) view(fn func(txn) error) error {
	s.mu.RLock()
	defer s.mu.RUnlock()
	if s.locked() {
		return model.ErrLocked
	}
	return s.db.View(func(tx *bolt.Tx) error { return fn(txn{tx, s.key}) })
}

// update runs fn in a write transaction: one commit, one fsync.
func (s *Store) update(fn func(txn) error) error {
	s.mu.RLock()
	defer s.mu.RUnlock()
	if s.locked() {
		return model.ErrLocked
	}
	defer s.lastWrite.Store(time.Now().UnixNano())
	return s.db.Update(func(tx *bolt.Tx) error { return fn(txn{tx, s.key}) })
}

// LastWrite is when the store last wrote (the app counts it as activity).
func (s *Store) LastWrite() time.Time { return time.Unix(0, s.lastWrite.Load()) }

// Path is the database file's location.
func (s *Store) Path() string { return s.path }

// Now is the store's clock.
func (s *Store) Now() time.Time { return s.now() }

// shape names a bucket of versioned values and the version of the JSON this Keel
// writes there: a kind's bucket, or the settings' or the templates'.
type shape struct {
	name    string
	bucket  []byte
	version int
}

func shapeOf(k *model.Kind) shape { return shape{k.Name, bucketOf(k), k.Version} }

// bucketOf is the bucket of kind k's records; indexOf its time index, nil when it
// has none.
func bucketOf(k *model.Kind) []byte { return []byte(k.Name) }

func indexOf(k *model.Kind) []byte {
	if !k.Indexed {
		return nil
	}
	return []byte(k.Name + "_by_time")
}

var (
	settingsBucket  = []byte("settings")
	settingsKey     = []byte("settings")
	templatesBucket = []byte("templates")
	settingsShape   = shape{name: "settings", bucket: settingsBucket, version: 1}
	templatesShape  = shape{name: "templates", bucket: templatesBucket, version: 1}
)

// recordPtr is a pointer to a kind's record type: the type parameter of the typed
// helpers below.
type recordPtr[T any] interface {
	*T
	model.Record
}

func idKey(id uint64) []byte {
	k := make([]byte, 8)
	binary.BigEndian.PutUint64(k, id)
	return k
}

func timeKey(t time.Time, id uint64) []byte {
	k := make([]byte, 16)
	binary.BigEndian.PutUint64(k, uint64(t.Unix())^(1<<63))
	binary.BigEndian.PutUint64(k[8:], id)
	return k
}

// txn is a bbolt transaction with the data key: values are sealed with it when the
// database is encrypted (key non-nil) and plain JSON otherwise.
type txn struct {
	*bolt.Tx
	key *seal.Key
}

// encode turns v into the value stored under k in the bucket of sh: versioned JSON,
// sealed with the bucket and key as associated data when the database is encrypted.
func (tx txn) encode(sh shape, k []byte, v any) ([]byte, error) {
	data, err := json.Marshal(struct {
		V int `json:"v"`
		D any `json:"d"`
	}{sh.version, v})
	if err != nil || tx.key == nil {
		return data, err
	}
	return tx.key.Seal(seal.AD(sh.bucket, k), data), nil
}

// decodeInto reads the value stored under k in the bucket of sh into out.
func (tx txn) decodeInto(sh shape, k, data []byte, out any) error {
	if tx.key != nil {
		plain, err := tx.key.Open(seal.AD(sh.bucket, k), data)
		if err != nil {
			return fmt.Errorf("read %s record: it does not open with this database's key: %w", sh.name, model.ErrDamaged)
		}
		data = plain
	}
	env := struct {
		V int `json:"v"`
		D any `json:"d"`
	}{D: out}
	if err := json.Unmarshal(data, &env); err != nil {
		if env.V > sh.version {
			return fmt.Errorf("read %s record of version %d: %w", sh.name, env.V, model.ErrNewerVersion)
		}
		return fmt.Errorf("read %s record: %w", sh.name, model.ErrDamaged)
	}
	if env.V > sh.version {
		return fmt.Errorf("read %s record of version %d: %w", sh.name, env.V, model.ErrNewerVersion)
	}
	return nil
}

// decode reads the value stored under k in the bucket of sh as a T.
func decode[T any](tx txn, sh shape, k, data []byte) (T, error) {
	var out T
	err := tx.decodeInto(sh, k, data, &out)
	return out, err
}

// getRecord returns the record of kind k with the given ID.
func getRecord(tx txn, k *model.Kind, id uint64) (model.Record, error) {
	data := tx.Bucket(bucketOf(k)).Get(idKey(id))
	if data == nil {
		return nil, fmt.Errorf("%s %d: %w", k.Name, id, model.ErrNotFound)
	}
	r := k.New()
	return r, tx.decodeInto(shapeOf(k), idKey(id), data, r)
}

// putRecord stores r as a record of kind k, keeping the time index in step, and
// stamps it (with keep, the record's own created and updated times are kept where it
// has them). With ID 0 it is a new record and gets the next ID of its bucket; with an
// ID it replaces the stored record of that ID, or is inserted under that ID when
// there is none (imports and records whose ID derives from their parent's, such as
// follow-ups).
func putRecord(tx txn, k *model.Kind, r model.Record, now time.Time, keep bool) error {
	b, idx := tx.Bucket(bucketOf(k)), tx.Bucket(indexOf(k))
	id := r.RecordID()
	switch old, err := getRecord(tx, k, id); {
	case id == 0:
		if id, err = nextID(b); err != nil {
			return err
		}
		r.SetRecordID(id)
	case err == nil:
		if idx != nil {
			if err := idx.Delete(timeKey(old.IndexTime(), id)); err != nil {
				return err
			}
		}
	case errors.Is(err, model.ErrNotFound):
		if err := k.CheckID(r); err != nil {
			return fmt.Errorf("%s %d: %w", k.Name, id, model.Errorf(model.EInvalid, "The "+k.One+" was not saved: "+err.Error()+".", nil))
		}
		if id > b.Sequence() {
			if err := b.SetSequence(id); err != nil {
				return err
			}
		}
	default:
		return err
	}
	r.Stamp(now, keep)
	data, err := tx.encode(shapeOf(k), idKey(r.RecordID()), r)
	if err != nil {
		return err
	}
	if err := b.Put(idKey(r.RecordID()), data); err != nil {
		return err
	}
	if idx == nil {
		return nil
	}
	return idx.Put(timeKey(r.IndexTime(), r.RecordID()), nil)
}

// removeRecord deletes the record of kind k with the given ID and its index entry.
func removeRecord(tx txn, k *model.Kind, id uint64) error {
	old, err := getRecord(tx, k, id)
	if err != nil {
		return err
	}
	if idx := tx.Bucket(indexOf(k)); idx != nil {
		if err := idx.Delete(timeKey(old.IndexTime(), id)); err != nil {
			return err
		}
	}
	return tx.Bucket(bucketOf(k)).Delete(idKey(id))
}

// eachRecord calls fn with every record of kind k in ID order.
func eachRecord(tx txn, k *model.Kind, fn func(model.Record) error) error {
	sh := shapeOf(k)
	return tx.Bucket(sh.bucket).ForEach(func(key, v []byte) error {
		r := k.New()
		if err := tx.decodeInto(sh, key, v, r); err != nil {
			return err
		}
		return fn(r)
	})
}

// put stores r as a record of kind k (see putRecord).
func put[T any, P recordPtr[T]](tx txn, k *model.Kind, r P, now time.Time) error {
	return putRecord(tx, k, r, now, false)
}

// get returns the record of kind k with the given ID as a T.
func get[T any, P recordPtr[T]](tx txn, k *model.Kind, id uint64) (T, error) {
	var out T
	data := tx.Bucket(bucketOf(k)).Get(idKey(id))
	if data == nil {
		return out, fmt.Errorf("%s %d: %w", k.Name, id, model.ErrNotFound)
	}
	return out, tx.decodeInto(shapeOf(k), idKey(id), data, P(&out))
}

// scan calls fn for each record of kind k with from <= time < to, in time order or,
// with newestFirst, in reverse. A zero from or to leaves that end open. fn returns
// false to stop.
func scan[T any, P recordPtr[T]](tx txn, k *model.Kind, from, to time.Time, newestFirst bool, fn func(T) bool) error {
	var lo, hi []byte
	if !from.IsZero() {
		lo = timeKey(from, 0)
	}
	if !to.IsZero() {
		hi = timeKey(to, 0)
	}
	inRange := func(k []byte) bool {
		return k != nil && (lo == nil || bytes.Compare(k, lo) >= 0) && (hi == nil || bytes.Compare(k, hi) < 0)
	}
	cur := tx.Bucket(indexOf(k)).Cursor()
	var key []byte
	step := cur.Next
	switch {
	case !newestFirst && lo != nil:
		key, _ = cur.Seek(lo)
	case !newestFirst:
		key, _ = cur.First()
	case hi != nil:
		step = cur.Prev
		if key, _ = cur.Seek(hi); key == nil {
			key, _ = cur.Last()
		} else {
			key, _ = cur.Prev()
		}
	default:
		step = cur.Prev
		key, _ = cur.Last()
	}
	for ; inRange(key); key, _ = step() {
		r, err := get[T, P](tx, k, binary.BigEndian.Uint64(key[8:]))
		if err != nil {
			return err
		}
		if !fn(r) {
			break
		}
	}
	return nil
}

// all returns every record of kind k with from <= time < to; see scan.
func all[T any, P recordPtr[T]](s *Store, k *model.Kind, from, to time.Time, newestFirst bool) ([]T, error) {
	var out []T
	err := s.view(func(tx txn) error {
		return scan[T, P](tx, k, from, to, newestFirst, func(r T) bool {
			out = append(out, r)
			return true
		})
	})
	if err != nil {
		return nil, fmt.Errorf("list %s: %w", k.Name, err)
	}
	return out, nil
}

// save validates r and stores it in one transaction, returning it as stored.
func save[T any, P recordPtr[T]](s *Store, k *model.Kind, r T) (T, error) {
	now := s.now()
	if err := P(&r).Validate(now); err != nil {
		return r, err
	}
	err := s.update(func(tx txn) error { return put[T, P](tx, k, &r, now) })
	if err != nil {
		return r, fmt.Errorf("save %s %d: %w", k.Name, P(&r).RecordID(), err)
	}
	return r, nil
}

// load returns the record of kind k with the given ID.
func load[T any, P recordPtr[T]](s *Store, k *model.Kind, id uint64) (T, error) {
	var out T
	err := s.view(func(tx txn) error {
		var err error
		out, err = get[T, P](tx, k, id)
		return err
	})
	return out, err
}

// drop removes the record of kind k with the given ID.
func drop(s *Store, k *model.Kind, id uint64) error {
	err := s.update(func(tx txn) error { return removeRecord(tx, k, id) })
	if err != nil {
		return fmt.Errorf("delete %s %d: %w", k.Name, id, err)
	}
	return nil
}

// IsEmpty reports whether the store holds no records at all.
func (s *Store) IsEmpty() (bool, error) {
	empty := true
	err := s.view(func(tx txn) error {
		for _, k := range model.Kinds {
			if key, _ := tx.Bucket(bucketOf(k)).Cursor().First(); key != nil {
				empty = false
			}
		}
		return nil
	})
	return empty, err
}

var demoKey = []byte("demo")

// MarkDemo records that the store holds demo data, so the window can say so and
// reminders stay quiet.
func (s *Store) MarkDemo() error {
	return s.update(func(tx txn) error { return tx.Bucket(metaBucket).Put(demoKey, []byte{1}) })
}

// IsDemo reports whether the store holds demo data (see MarkDemo).
func (s *Store) IsDemo() bool {
	demo := false
	s.view(func(tx txn) error {
		demo = tx.Bucket(metaBucket).Get(demoKey) != nil
		return nil
	})
	return demo
}
