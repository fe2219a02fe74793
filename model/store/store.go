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
//	state/
//	  reminders_sent    -> versioned JSON: the reminders already sent (state.go)
//	drafts/
//	  <place>           -> versioned JSON of a model.Draft: unsaved typing (drafts.go)
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
	"errors"
	"fmt"
	"hash/crc32"
	"os"
	"path/filepath"
	"runtime/debug"
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
// or not at all. No method panics on a damaged file: bbolt's panics (and memory
// faults on the mapped file) become errors wrapping model.ErrDamaged (see guard).
type Store struct {
	// mu guards db (which Restore and the encryption rewrites replace), key and
	// header; every transaction holds it for reading.
	mu   sync.RWMutex
	db   *bolt.DB
	path string
	opt  Options
	now  func() time.Time
	// lock is the folder lock (lock.go), held from Open to Close across every swap.
	lock *folderLock
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
	// database opens locked (see Unlock). The store keeps no reference to it.
	Passphrase []byte
	// KDF overrides the argon2id parameters of new passphrases. Only tests set it
	// (seal.TestParams), to stay fast; nil means seal's production parameters.
	KDF *seal.Params
	// ReadOnly opens the database without writing anything in its folder: no lock
	// file is created (an existing one is locked shared), nothing is migrated or
	// cleaned, and every write returns model.ErrReadOnly. For a read-only folder or
	// disk, so a person can still export, report and check. A database missing there
	// is an error, not a new one.
	ReadOnly bool
}

// DataFile returns the path of the database inside the data folder dir.
func DataFile(dir string) string { return filepath.Join(dir, DataFileName) }

func dirOf(path string) string { return filepath.Dir(path) }

// Open opens the database at path and brings its layout up to date, or creates a new
// one when there is none and no backup either, creating its folder (private to the
// user) when needed.
//
// Before anything in the folder is touched it takes the folder lock (lock.go), held
// until Close. Then it refuses, changing nothing: a keel.db that is not a plain file
// (a symbolic link, a folder, a FIFO...; checked with Lstat, so nothing hangs), an
// empty one, a missing or empty one while backups exist (model.ErrNoData: the caller
// offers NewestGoodBackup), a file whose pages fail the structural walk or bbolt's
// whole-file consistency check (tx.Check), a bbolt file without Keel's meta bucket
// (someone else's), and a Keel layout missing a bucket its version must have. Each
// of those wraps model.ErrDamaged except ErrNoData.
func Open(path string, opt Options) (s *Store, err error) {
	defer guard(&err, debug.SetPanicOnFault(true))
	if opt.Timeout == 0 {
		opt.Timeout = time.Second
	}
	if opt.Now == nil {
		opt.Now = time.Now
	}
	passphrase := opt.Passphrase
	opt.Passphrase = nil
	if !opt.ReadOnly {
		if err := os.MkdirAll(dirOf(path), 0o700); err != nil {
			return nil, fmt.Errorf("create data folder: %w", err)
		}
	}
	lock, err := lockFolder(path, opt.Timeout, opt.ReadOnly)
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	defer func() {
		if err != nil {
			lock.release()
		}
	}()
	if !opt.ReadOnly {
		// Left by a crash in the middle of a rewrite, a restore or a creation: never
		// the real file, and only deleted under the lock, so never another Keel's work.
		for _, stale := range []string{path + rewriteSuffix, path + restoreSuffix, path + newSuffix} {
			_ = os.Remove(stale)
		}
	}
	if err := checkPresent(path, opt.ReadOnly); err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	db, err := openBolt(path, opt)
	if err != nil {
		return nil, err
	}
	s = &Store{db: db, path: path, opt: opt, now: opt.Now, lock: lock}
	if err := s.prepare(passphrase); err != nil {
		_ = db.Close()
		return nil, err
	}
	return s, nil
}

// newSuffix names the file a new database is made in before it becomes keel.db.
const newSuffix = ".new"

// checkPresent looks at path without opening it: a plain, non-empty file is fine;
// anything else is refused (see Open), except a missing file in a folder without
// backups, which becomes a new, empty database (made whole beside it, then renamed
// in, so keel.db is never an empty or half-made file).
func checkPresent(path string, readOnly bool) error {
	info, err := os.Lstat(path)
	switch {
	case errors.Is(err, os.ErrNotExist):
		if backups, _ := listBackups(filepath.Join(dirOf(path), BackupFolder)); len(backups) > 0 {
			return noData(path, "missing", backups)
		}
		if readOnly {
			return model.Errorf(model.ENotFound, "There is no Keel data in "+dirOf(path)+".", fmt.Errorf("%s: %w", path, err))
		}
		return create(path)
	case err != nil:
		return err
	case !info.Mode().IsRegular():
		return errNotRegular(path, info.Mode())
	case info.Size() == 0:
		if backups, _ := listBackups(filepath.Join(dirOf(path), BackupFolder)); len(backups) > 0 {
			return noData(path, "empty", backups)
		}
		return fmt.Errorf("the file is empty: %w", model.ErrDamaged)
	}
	return nil
}

// noData is model.ErrNoData for a database that is missing or empty while backups
// exist: Keel never starts fresh over them without being told to (CreateNew).
func noData(path, how string, backups []Backup) error {
	// It wraps model.ErrDamaged too, so a caller that shows its recovery screen for a
	// damaged file shows it here, with ErrNoData's sentence.
	return fmt.Errorf("%s is %s, and %d backups exist (the newest from %s): %w (%w)",
		filepath.Base(path), how, len(backups), backups[0].Taken.Format(time.DateTime), model.ErrNoData, model.ErrDamaged)
}

// create makes a new, empty database at path: built and synced under another name,
// then renamed into place. The caller holds the folder lock.
func create(path string) error {
	tmp := path + newSuffix
	_ = os.Remove(tmp)
	db, err := bolt.Open(tmp, 0o600, &bolt.Options{OpenFile: openRegular})
	if err != nil {
		return fmt.Errorf("create %s: %w", path, err)
	}
	err = db.Update(func(tx *bolt.Tx) error { return migrate(txn{Tx: tx}) })
	if cerr := db.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = syncFile(tmp)
	}
	if err == nil {
		err = os.Rename(tmp, path)
	}
	if err != nil {
		_ = os.Remove(tmp)
		return fmt.Errorf("create %s: %w", path, err)
	}
	syncDir(dirOf(path))
	return nil
}

// CreateNew makes a new, empty database at path when there is none, even though
// backups exist: for the window's "Start with empty data" once the person chose it
// over restoring (Open refuses with model.ErrNoData until then). An empty file at
// path is set aside first (see SetAside); any other file is left alone and refused.
func CreateNew(path string, now time.Time) (err error) {
	defer guard(&err, debug.SetPanicOnFault(true))
	return withFolderLock(path, func() error {
		info, err := os.Lstat(path)
		switch {
		case err == nil && info.Mode().IsRegular() && info.Size() == 0:
			if _, err := setAside(path, now); err != nil {
				return err
			}
		case err == nil:
			return fmt.Errorf("%s already exists: set it aside first", filepath.Base(path))
		case !errors.Is(err, os.ErrNotExist):
			return err
		}
		return create(path)
	})
}

// openBolt opens the bbolt file at path after the preflight walk, runs bbolt's
// whole-file consistency check and checks that it is Keel's, turning bbolt's errors
// into the model's. Nothing is written to a file that fails any of this.
func openBolt(path string, opt Options) (db *bolt.DB, err error) {
	defer guard(&err, debug.SetPanicOnFault(true))
	counts, err := inspect(path, false)
	if err == nil {
		err = checkCounts(counts)
	}
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	db, err = bolt.Open(path, 0o600, &bolt.Options{Timeout: opt.Timeout, ReadOnly: opt.ReadOnly, OpenFile: openRegular})
	switch {
	case errors.Is(err, bolterrors.ErrTimeout):
		return nil, fmt.Errorf("open %s: %w", path, model.ErrAlreadyRunning)
	case errors.Is(err, bolterrors.ErrInvalid), errors.Is(err, bolterrors.ErrVersionMismatch), errors.Is(err, bolterrors.ErrChecksum):
		return nil, fmt.Errorf("open %s: %w (%v)", path, model.ErrDamaged, err)
	case err != nil:
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	if err := checkWhole(db); err != nil {
		_ = db.Close()
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	return db, nil
}

// checkWhole runs bbolt's consistency check over the whole file (every page reachable
// or free, none twice, keys in order) and checks that the file has Keel's meta
// bucket. Every error of the check is drained, so bbolt's checking goroutine ends.
func checkWhole(db *bolt.DB) (err error) {
	defer guard(&err, debug.SetPanicOnFault(true))
	return db.View(func(tx *bolt.Tx) error {
		var first error
		for cerr := range tx.Check() {
			if first == nil {
				first = cerr
			}
		}
		if first != nil {
			return fmt.Errorf("the consistency check failed (%v): %w", first, model.ErrDamaged)
		}
		if tx.Bucket(metaBucket) == nil {
			return model.Errorf(model.EDamaged, "That file is a database, but not Keel's. Nothing was changed.",
				fmt.Errorf("no meta bucket: %w", model.ErrDamaged))
		}
		return nil
	})
}

// guard, deferred as defer guard(&err, debug.SetPanicOnFault(true)) at the top of
// every function that reads bbolt's mapped file, turns a panic into an error wrapping
// model.ErrDamaged. bbolt panics on some damaged pages ("page N has unexpected
// type/flags"), and a read of the mapped file at a wild address or past the end of a
// file cut short is a memory fault, which the Go runtime turns into a recoverable
// panic only on a goroutine that asked for it with debug.SetPanicOnFault. It also
// gives the goroutine its previous SetPanicOnFault back. (Goroutines bbolt starts
// itself, such as tx.Check's, do not have it: preflight's walk keeps them from ever
// reading outside the file.)
func guard(errp *error, fault bool) {
	debug.SetPanicOnFault(fault)
	if r := recover(); r != nil {
		*errp = fmt.Errorf("the data file is damaged (%v): %w", r, model.ErrDamaged)
	}
}

// prepare reads the encryption header, checks the layout and brings it up to date.
// An encrypted database without a passphrase stays locked (its layout version is
// still checked); its migrations run when it is unlocked.
func (s *Store) prepare(passphrase []byte) error {
	var hdr *seal.Header
	var schema uint64
	err := s.db.View(func(tx *bolt.Tx) error {
		schema = schemaOf(txn{Tx: tx})
		if schema > SchemaVersion() {
			return fmt.Errorf("layout version %d, this Keel knows up to %d: %w", schema, SchemaVersion(), model.ErrNewerVersion)
		}
		if err := checkLayout(tx, schema); err != nil {
			return err
		}
		var err error
		hdr, err = headerOf(tx)
		return err
	})
	if err != nil {
		return fmt.Errorf("open %s: %w", s.path, err)
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
	if s.opt.ReadOnly || !s.needsMigration() {
		return nil // the usual start: no write transaction, no fsync
	}
	if err := s.db.Update(func(tx *bolt.Tx) error { return migrate(newTxn(tx, s.key)) }); err != nil {
		return fmt.Errorf("prepare %s: %w", s.path, err)
	}
	return nil
}

// needsMigration reports whether the layout is older than this Keel's or a bucket no
// migration accounts for is missing.
func (s *Store) needsMigration() bool {
	need := false
	err := s.db.View(func(tx *bolt.Tx) error {
		need = schemaOf(txn{Tx: tx}) != SchemaVersion()
		for _, name := range unaccountedBuckets() {
			need = need || tx.Bucket(name) == nil
		}
		return nil
	})
	// A file that cannot be read says so in the write transaction that follows.
	return need || err != nil
}

// Close releases the database file and then the folder lock.
func (s *Store) Close() (err error) {
	defer guard(&err, debug.SetPanicOnFault(true))
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.key != nil {
		s.key.Destroy()
		s.key = nil
	}
	err = s.db.Close()
	s.lock.release()
	return err
}

// view runs fn in a read transaction.
func (s *Store) view(fn func(txn) error) (err error) {
	defer guard(&err, debug.SetPanicOnFault(true))
	s.mu.RLock()
	defer s.mu.RUnlock()
	if s.locked() {
		return model.ErrLocked
	}
	return s.db.View(func(tx *bolt.Tx) error { return fn(newTxn(tx, s.key)) })
}

// update runs fn in a write transaction: one commit, one fsync.
func (s *Store) update(fn func(txn) error) (err error) {
	defer guard(&err, debug.SetPanicOnFault(true))
	s.mu.RLock()
	defer s.mu.RUnlock()
	if s.locked() {
		return model.ErrLocked
	}
	if s.opt.ReadOnly {
		return model.ErrReadOnly
	}
	defer s.lastWrite.Store(time.Now().UnixNano())
	return s.db.Update(func(tx *bolt.Tx) error { return fn(newTxn(tx, s.key)) })
}

// ReadOnly reports whether the store was opened read-only (Options.ReadOnly).
func (s *Store) ReadOnly() bool { return s.opt.ReadOnly }

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
	binary.BigEndian.PutUint64(k, uint64(t.Unix())^(1<<63)) // #nosec G115 -- the sign bit flipped on purpose: byte order is time order
	binary.BigEndian.PutUint64(k[8:], id)
	return k
}

// txn is a bbolt transaction with the data key: values are sealed with it when the
// database is encrypted (key non-nil) and plain JSON otherwise. layout is the file's
// layout version, which says how values are framed (see envelope.go).
type txn struct {
	*bolt.Tx
	key    *seal.Key
	layout uint64
}

// newTxn wraps a bbolt transaction for the store's reads and writes.
func newTxn(tx *bolt.Tx, key *seal.Key) txn {
	t := txn{Tx: tx, key: key}
	t.layout = schemaOf(t)
	return t
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
		if b.Get(idKey(id)) != nil {
			// The sequence is behind the records: damage, never a reason to overwrite.
			return fmt.Errorf("%s: the next ID %d is taken: %w", k.Name, id, model.ErrDamaged)
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
	key := timeKey(r.IndexTime(), r.RecordID())
	return idx.Put(key, tx.indexValue(indexOf(k), key))
}

// indexValue is the value of a time-index entry: from checksumLayout on the CRC-32C
// of the index's name and the entry's key, so a flipped bit in the index is found
// too; empty before.
func (tx txn) indexValue(index, key []byte) []byte {
	if tx.layout < checksumLayout {
		return nil
	}
	return indexSum(index, key)
}

func indexSum(index, key []byte) []byte {
	h := crc32.New(castagnoli)
	_, _ = h.Write(index)
	_, _ = h.Write([]byte{0})
	_, _ = h.Write(key)
	return h.Sum(nil)
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
	var key, val []byte
	step := cur.Next
	switch {
	case !newestFirst && lo != nil:
		key, val = cur.Seek(lo)
	case !newestFirst:
		key, val = cur.First()
	case hi != nil:
		step = cur.Prev
		if key, _ = cur.Seek(hi); key == nil {
			key, val = cur.Last()
		} else {
			key, val = cur.Prev()
		}
	default:
		step = cur.Prev
		key, val = cur.Last()
	}
	for ; inRange(key); key, val = step() {
		if err := tx.checkIndexEntry(k, key, val); err != nil {
			return err
		}
		r, err := get[T, P](tx, k, binary.BigEndian.Uint64(key[8:]))
		if errors.Is(err, model.ErrNotFound) {
			return fmt.Errorf("%s: the time index names a record that is not there: %w", k.Name, model.ErrDamaged)
		}
		if err != nil {
			return err
		}
		if !bytes.Equal(timeKey(P(&r).IndexTime(), P(&r).RecordID()), key) {
			return fmt.Errorf("%s %d: the time index does not match the record: %w", k.Name, P(&r).RecordID(), model.ErrDamaged)
		}
		if !fn(r) {
			break
		}
	}
	return nil
}

// checkIndexEntry checks a time-index entry.
func (tx txn) checkIndexEntry(k *model.Kind, key, val []byte) error {
	if len(key) != 16 {
		return fmt.Errorf("%s: a time-index key of %d bytes: %w", k.Name, len(key), model.ErrDamaged)
	}
	if tx.layout < checksumLayout {
		return nil
	}
	if !bytes.Equal(val, indexSum(indexOf(k), key)) {
		return fmt.Errorf("%s: a time-index entry does not match its checksum: %w", k.Name, model.ErrDamaged)
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

// save validates r and stores it in one transaction, returning it as stored. A record
// edited from a version that is no longer the stored one is refused with a
// *model.Conflict (see checkVersion).
func save[T any, P recordPtr[T]](s *Store, k *model.Kind, r T) (T, error) {
	now := s.now()
	if err := P(&r).Validate(now); err != nil {
		return r, err
	}
	err := s.update(func(tx txn) error {
		at, err := checkVersion(tx, k, any(P(&r)).(model.Versioned), now)
		if err != nil {
			return err
		}
		return put[T, P](tx, k, &r, at)
	})
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

// drop removes the record of kind k with the given ID, and the drafts typed about it.
func drop(s *Store, k *model.Kind, id uint64) error {
	err := s.update(func(tx txn) error {
		if err := removeRecord(tx, k, id); err != nil {
			return err
		}
		return dropDrafts(tx, draftPlacesOf(k, id)...)
	})
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

// demoShape is the demo mark in meta: true, in its envelope (sealed when encrypted)
// from layout stateLayout on; a bare byte 1 before.
var demoShape = shape{name: "demo mark", bucket: metaBucket, version: 1}

// MarkDemo records that the store holds demo data, so the window can say so and
// reminders stay quiet.
func (s *Store) MarkDemo() error {
	return s.update(func(tx txn) error {
		data, err := tx.encode(demoShape, demoKey, true)
		if err != nil {
			return err
		}
		return tx.Bucket(metaBucket).Put(demoKey, data)
	})
}

// IsDemo reports whether the store holds demo data (see MarkDemo). A mark that does
// not read back (changed on disk, or not sealed with this database's key) is not one:
// reminders stay on.
func (s *Store) IsDemo() bool {
	demo := false
	// Data that cannot be read (locked, damaged) is not taken for demo data.
	_ = s.view(func(tx txn) error {
		demo = isDemo(tx)
		return nil
	})
	return demo
}

func isDemo(tx txn) bool {
	data := tx.Bucket(metaBucket).Get(demoKey)
	if data == nil {
		return false
	}
	if tx.layout < stateLayout {
		return bytes.Equal(data, []byte{1})
	}
	var demo bool
	return tx.decodeInto(demoShape, demoKey, data, &demo) == nil && demo
}
