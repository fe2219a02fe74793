package store

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"time"

	"keel/model"

	bolt "go.etcd.io/bbolt"
	bolterrors "go.etcd.io/bbolt/errors"

	"keel/model/seal"
)

// Backups are consistent copies of the database (bbolt hot backups) in a folder
// beside it, named keel-YYYYMMDD-HHMMSS.db. The newest 7 days keep one copy each, the
// 4 weeks before them one copy a week; older ones are removed.
const (
	BackupFolder   = "backups"
	backupPrefix   = "keel-"
	backupSuffix   = ".db"
	backupLayout   = "20060102-150405"
	keepDaily      = 7
	keepWeekly     = 4
	asideName      = "keel-before-restore-"
	backupInterval = 24 * time.Hour
)

// Backup is one backup file.
type Backup struct {
	Path  string
	Taken time.Time
	Size  int64
	// BeforeRestore marks the safety copy of the data taken just before a restore
	// (keel-before-restore-YYYYMMDD-HHMMSS.db): listed and restorable like any
	// backup, never pruned.
	BeforeRestore bool
	// seq orders backups of the same second (freeName): 1, then 2, 3...
	seq int
}

// Name is the backup's file name, which keel restore takes as well as the path.
func (b Backup) Name() string { return filepath.Base(b.Path) }

// BackupDir is the folder of the store's backups.
func (s *Store) BackupDir() string { return backupDirOf(s.path) }

func backupDirOf(path string) string { return filepath.Join(dirOf(path), BackupFolder) }

// Backup writes a consistent copy of the database while it stays in use, through a
// temporary file that is synced and renamed, so a crash never leaves half a backup.
// It copies the file's pages as they are, so it works while an encrypted database is
// locked (the copy is as sealed as the database).
func (s *Store) Backup() (b Backup, err error) {
	defer guard(&err, debug.SetPanicOnFault(true))
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.backupLocked(backupPrefix)
}

// backupLocked writes a backup named prefix + time + .db. The caller holds s.mu.
func (s *Store) backupLocked(prefix string) (Backup, error) {
	dir := s.BackupDir()
	if s.opt.ReadOnly {
		return Backup{}, model.ErrReadOnly
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return Backup{}, fmt.Errorf("create the backup folder: %w", err)
	}
	taken := s.now()
	final := freeName(dir, prefix+taken.Format(backupLayout), backupSuffix)
	tmp := final + ".tmp"
	err := s.db.View(func(tx *bolt.Tx) error { return tx.CopyFile(tmp, 0o600) })
	if err == nil {
		err = syncFile(tmp)
	}
	if err == nil {
		err = os.Rename(tmp, final)
	}
	if err != nil {
		_ = os.Remove(tmp)
		return Backup{}, fmt.Errorf("back up to %s: %w", dir, err)
	}
	syncDir(dir)
	info, _ := os.Stat(final)
	size := int64(0)
	if info != nil {
		size = info.Size()
	}
	return Backup{Path: final, Taken: taken, Size: size, BeforeRestore: prefix == asideName}, nil
}

// freeName is dir/stem+ext, or dir/stem-2+ext, -3... when that is taken: two backups
// (or safety copies, or damaged files set aside) in the same second must never
// replace one another. The caller holds the folder lock, so no other Keel takes the
// name meanwhile.
func freeName(dir, stem, ext string) string {
	name := filepath.Join(dir, stem+ext)
	for n := 2; ; n++ {
		if _, err := os.Lstat(name); errors.Is(err, os.ErrNotExist) {
			return name
		}
		name = filepath.Join(dir, fmt.Sprintf("%s-%d%s", stem, n, ext))
	}
}

func syncFile(path string) error {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return err
	}
	if err := f.Sync(); err != nil {
		_ = f.Close()
		return err
	}
	return f.Close()
}

// Backups lists the store's backups, newest first, the safety copies taken before a
// restore among them.
func (s *Store) Backups() ([]Backup, error) { return listBackups(s.BackupDir()) }

// ListBackups lists the backups of the database at path without opening it (for
// the command line, and for the window when the database does not open).
func ListBackups(path string) ([]Backup, error) { return listBackups(backupDirOf(path)) }

// listBackups lists the backup files in dir, newest first: plain files named
// keel-YYYYMMDD-HHMMSS.db or keel-before-restore-YYYYMMDD-HHMMSS.db, with -2, -3...
// before .db for later ones of the same second (freeName).
func listBackups(dir string) ([]Backup, error) {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("list backups: %w", err)
	}
	var out []Backup
	for _, e := range entries {
		name := e.Name()
		if !e.Type().IsRegular() || !strings.HasPrefix(name, backupPrefix) || !strings.HasSuffix(name, backupSuffix) {
			continue
		}
		stamp, aside := strings.TrimPrefix(name, asideName), true
		if len(stamp) == len(name) {
			stamp, aside = strings.TrimPrefix(name, backupPrefix), false
		}
		stamp = strings.TrimSuffix(stamp, backupSuffix)
		seq := 1
		if len(stamp) > len(backupLayout) {
			n, err := strconv.Atoi(strings.TrimPrefix(stamp[len(backupLayout):], "-"))
			if err != nil || n < 2 || stamp[len(backupLayout)] != '-' {
				continue
			}
			stamp, seq = stamp[:len(backupLayout)], n
		}
		taken, err := time.ParseInLocation(backupLayout, stamp, time.Local)
		if err != nil {
			continue
		}
		info, err := e.Info()
		if err != nil {
			continue
		}
		out = append(out, Backup{Path: filepath.Join(dir, name), Taken: taken, Size: info.Size(), BeforeRestore: aside, seq: seq})
	}
	slices.SortFunc(out, func(a, b Backup) int {
		if c := b.Taken.Compare(a.Taken); c != 0 {
			return c
		}
		return b.seq - a.seq
	})
	return out, nil
}

// FindBackup finds the backup of the database at path that name designates: a name
// as Backups lists it (keel-20260101-120000.db), or the path of a file.
func FindBackup(path, name string) (Backup, error) {
	list, err := ListBackups(path)
	if err != nil {
		return Backup{}, err
	}
	for _, b := range list {
		if b.Name() == name || b.Path == name {
			return b, nil
		}
	}
	if info, err := os.Lstat(name); err == nil && strings.ContainsRune(name, filepath.Separator) {
		if !info.Mode().IsRegular() {
			return Backup{}, errNotRegular(name, info.Mode())
		}
		return Backup{Path: name, Taken: info.ModTime(), Size: info.Size()}, nil
	}
	return Backup{}, model.Errorf(model.ENotFound, "There is no backup called "+name+". keel backups lists them.", nil)
}

// PruneBackups splits backups (newest first) into those to keep and those to remove.
// Kept: the newest copy of each of the 7 most recent days that have one, then the
// newest copy of each of the 4 ISO weeks before those (weeks that have no daily copy),
// and every safety copy taken before a restore.
func PruneBackups(list []Backup) (keep, remove []Backup) {
	days := map[string]bool{}  // days with a daily copy
	weeks := map[string]bool{} // weeks with a daily or weekly copy
	weekly := 0
	for _, b := range list {
		day := b.Taken.Format(time.DateOnly)
		y, w := b.Taken.ISOWeek()
		week := fmt.Sprintf("%d-W%02d", y, w)
		switch {
		case b.BeforeRestore:
			keep = append(keep, b)
		case days[day]:
			remove = append(remove, b) // an older copy of a day already kept
		case len(days) < keepDaily:
			days[day], weeks[week] = true, true
			keep = append(keep, b)
		case !weeks[week] && weekly < keepWeekly:
			weeks[week] = true
			weekly++
			keep = append(keep, b)
		default:
			remove = append(remove, b)
		}
	}
	return keep, remove
}

// AutoBackup takes a backup when the store holds records and the newest backup is
// more than a day old (or there is none), then prunes old ones. It reports the new
// backup, if any.
func (s *Store) AutoBackup() (*Backup, error) {
	list, err := s.Backups()
	if err != nil {
		return nil, err
	}
	var regular []Backup
	for _, b := range list {
		if !b.BeforeRestore {
			regular = append(regular, b)
		}
	}
	if len(regular) > 0 && s.now().Sub(regular[0].Taken) < backupInterval {
		return nil, nil
	}
	if empty, err := s.IsEmpty(); err != nil || empty {
		return nil, err
	}
	b, err := s.Backup()
	if err != nil {
		return nil, err
	}
	_, remove := PruneBackups(append([]Backup{b}, regular...))
	for _, old := range remove {
		if err := os.Remove(old.Path); err != nil && !errors.Is(err, os.ErrNotExist) {
			return &b, fmt.Errorf("remove old backup %s: %w", filepath.Base(old.Path), err)
		}
	}
	return &b, nil
}

// CheckFile verifies that path is a whole Keel database this Keel can read: it
// refuses anything but a plain file, walks its pages, opens it read-only, runs bbolt's
// consistency check, checks the layout and reads every value: the checksum and the
// strict decoding of each plain one, the framing of each sealed one (opening those
// needs the passphrase: see CheckFileWith). The file is never changed.
func CheckFile(path string) error { return CheckFileWith(path, nil) }

// CheckFileWith is CheckFile that also opens every sealed value with key (nil: only
// their framing is checked).
func CheckFileWith(path string, key *seal.Key) (err error) {
	defer guard(&err, debug.SetPanicOnFault(true))
	name := filepath.Base(path)
	counts, err := inspect(path, false)
	if err == nil {
		err = checkCounts(counts)
	}
	if err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	db, err := bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true, Timeout: time.Second, OpenFile: openRegular})
	switch {
	case errors.Is(err, bolterrors.ErrTimeout):
		return fmt.Errorf("%s: %w", name, model.ErrAlreadyRunning)
	case err != nil:
		return fmt.Errorf("%s: %w (%v)", name, model.ErrDamaged, err)
	}
	defer db.Close()
	if err := checkWhole(db); err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	return db.View(func(btx *bolt.Tx) error {
		tx := newTxn(btx, nil)
		if tx.layout > SchemaVersion() {
			return fmt.Errorf("%s: layout %d: %w", name, tx.layout, model.ErrNewerVersion)
		}
		if err := checkLayout(btx, tx.layout); err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		hdr, err := headerOf(btx)
		if err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		if hdr != nil {
			tx.key = key
		}
		for _, sh := range valueShapes() {
			b := tx.Bucket(sh.bucket)
			if b == nil {
				continue // a bucket of a later layout (checkLayout vouched for the rest)
			}
			if err := checkBucket(tx, b, sh, hdr != nil); err != nil {
				return fmt.Errorf("%s: %w", name, err)
			}
		}
		return nil
	})
}

// newValue is a fresh value of what the bucket of sh holds under key, for
// checkBucket.
func newValue(sh shape, key []byte) any {
	for _, k := range model.Kinds {
		if string(bucketOf(k)) == string(sh.bucket) {
			return k.New()
		}
	}
	switch string(sh.bucket) {
	case string(settingsBucket):
		if bytes.HasPrefix(key, mappingKey("")) {
			return new(storedMapping)
		}
		return new(model.Settings)
	case string(templatesBucket):
		return new(model.Template)
	case string(stateBucket):
		return new([]string)
	case string(draftsBucket):
		return new(model.Draft)
	}
	return new(json.RawMessage)
}

// checkBucket checks that every value of b reads: in a plain database (or a sealed
// one with its key) its checksum and its strict decoding; in a sealed one without
// the key at least a sealed value's length.
func checkBucket(tx txn, b *bolt.Bucket, sh shape, sealed bool) error {
	return b.ForEach(func(k, v []byte) error {
		if v == nil {
			return fmt.Errorf("%s holds a nested bucket: %w", sh.name, model.ErrDamaged)
		}
		if sealed && tx.key == nil {
			if len(v) <= seal.Overhead {
				return fmt.Errorf("a %s record is cut short: %w", sh.name, model.ErrDamaged)
			}
			return nil
		}
		return tx.decodeInto(sh, k, v, newValue(sh, k))
	})
}

// RestorePlan says what restoring a backup will do, so the window can say it and
// ask what it must before anything changes (see PlanRestore). A restore never
// changes whether the data is encrypted or which passphrase opens it: the backup is
// brought to the data's state on its way in.
type RestorePlan struct {
	Backup Backup
	// Encrypted: the data is encrypted now, and stays so, with the current passphrase.
	Encrypted bool
	// BackupEncrypted: the backup file is encrypted.
	BackupEncrypted bool
	// Reseal: the backup is rewritten on its way in: sealed with the data's key, or
	// given the current passphrase in place of an older one it carries.
	Reseal bool
	// NeedsPassphrase: the backup is sealed with a key the data no longer has
	// (encryption was turned off, or off and on again, since it was taken). It opens
	// only with the passphrase it was protected by then: RestoreOptions.BackupPassphrase.
	NeedsPassphrase bool
}

// Summary says in a sentence or two what the restore will do.
func (p RestorePlan) Summary() string {
	when := p.Backup.Taken.Format("2 January 2006, 15:04")
	s := "Your data will be replaced by the backup of " + when + "; what is here now is kept as a backup first, so it can be restored too."
	switch {
	case p.NeedsPassphrase && p.Encrypted:
		s += " That backup was protected by a passphrase you used before: enter it to restore. Your current passphrase stays the one that opens your data."
	case p.NeedsPassphrase:
		s += " That backup is encrypted with a passphrase you used before: enter it to restore. Your data stays unencrypted, as it is now."
	case p.Reseal && p.BackupEncrypted:
		s += " The backup carries an older passphrase; your current passphrase stays the one that opens your data."
	case p.Reseal:
		s += " The backup is not encrypted; it is encrypted with your current passphrase on its way in."
	}
	return s
}

// RestoreOptions adjust Restore.
type RestoreOptions struct {
	// BackupPassphrase opens a backup sealed with a key the data no longer has
	// (RestorePlan.NeedsPassphrase).
	BackupPassphrase []byte
}

// ErrBackupPassphrase means the backup to restore needs the passphrase it was
// protected by (RestorePlan.NeedsPassphrase).
var ErrBackupPassphrase = model.Errorf(model.ENeedsChoice, "That backup was encrypted with a passphrase you used before. Enter that passphrase to restore it; nothing was changed.", nil)

// PlanRestore checks backup b and says what restoring it will do; nothing changes.
func (s *Store) PlanRestore(b Backup) (plan RestorePlan, err error) {
	defer guard(&err, debug.SetPanicOnFault(true))
	if err := CheckFile(b.Path); err != nil {
		return RestorePlan{}, fmt.Errorf("restore %s: %w", b.Name(), err)
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.planLocked(b)
}

func (s *Store) planLocked(b Backup) (RestorePlan, error) {
	plan := RestorePlan{Backup: b, Encrypted: s.header != nil}
	db, err := bolt.Open(b.Path, 0o600, &bolt.Options{ReadOnly: true, Timeout: s.opt.Timeout, OpenFile: openRegular})
	if err != nil {
		return plan, fmt.Errorf("restore %s: %w (%v)", b.Name(), model.ErrDamaged, err)
	}
	defer db.Close()
	var hdr *seal.Header
	if err := db.View(func(tx *bolt.Tx) (err error) { hdr, err = headerOf(tx); return err }); err != nil {
		return plan, err
	}
	plan.BackupEncrypted = hdr != nil
	switch {
	case hdr == nil && s.header == nil:
	case hdr == nil:
		plan.Reseal = true
	case s.header != nil && sameHeader(*hdr, *s.header):
	case s.header != nil && s.key != nil && keyOpens(db, s.key):
		plan.Reseal = true
	case s.header != nil && s.key == nil:
		// Locked: whether the data key opens it is not known yet; Restore asks for
		// the store to be unlocked.
		plan.Reseal = true
	default:
		plan.Reseal, plan.NeedsPassphrase = true, true
	}
	return plan, nil
}

func sameHeader(a, b seal.Header) bool {
	da, err1 := a.MarshalBinary()
	db, err2 := b.MarshalBinary()
	return err1 == nil && err2 == nil && string(da) == string(db)
}

// Restore replaces the database with backup b (see RestoreWith).
func (s *Store) Restore(b Backup) (aside string, err error) {
	return s.RestoreWith(b, RestoreOptions{})
}

// RestoreWith replaces the database with backup b, as PlanRestore says. The backup is
// checked first; a damaged one is refused and nothing changes. A safety copy of the
// current database is taken into the backup folder (keel-before-restore-...; listed
// by Backups), and returned as aside. The backup, brought to the data's encryption
// state when needed, is made whole beside keel.db and renamed over it, so at every
// instant keel.db is either the old database or the restored one, and the folder lock
// keeps every other Keel out throughout. A backup that needs its own passphrase
// (RestorePlan.NeedsPassphrase) returns ErrBackupPassphrase without one, and
// model.ErrWrongPassphrase with a wrong one.
func (s *Store) RestoreWith(b Backup, opt RestoreOptions) (aside string, err error) {
	defer guard(&err, debug.SetPanicOnFault(true))
	if err := CheckFile(b.Path); err != nil {
		return "", fmt.Errorf("restore %s: %w", b.Name(), err)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.opt.ReadOnly {
		return "", model.ErrReadOnly
	}
	plan, err := s.planLocked(b)
	if err != nil {
		return "", err
	}
	if plan.Reseal && s.locked() {
		return "", model.ErrLocked
	}
	tmp := s.path + restoreSuffix
	if err := s.restoreFile(plan, opt, tmp); err != nil {
		_ = os.Remove(tmp)
		return "", err
	}
	if err := CheckFile(tmp); err != nil {
		_ = os.Remove(tmp)
		return "", fmt.Errorf("restore %s: the copy does not check (nothing changed): %w", b.Name(), err)
	}
	safety, err := s.backupLocked(asideName)
	if err != nil {
		_ = os.Remove(tmp)
		return "", fmt.Errorf("keep the current data first, so nothing changed: %w", err)
	}
	if err := s.swapIn(tmp); err != nil {
		return safety.Path, fmt.Errorf("put the backup in place: %w", err)
	}
	if err := s.afterReopen(); err != nil {
		return safety.Path, fmt.Errorf("open the restored database: %w", err)
	}
	return safety.Path, nil
}

// restoreFile writes the file to put in place for plan into tmp: the backup as it
// is, or rewritten to the data's encryption state. The caller holds s.mu.
func (s *Store) restoreFile(plan RestorePlan, opt RestoreOptions, tmp string) error {
	if !plan.Reseal {
		if err := copyFile(plan.Backup.Path, tmp); err != nil {
			return fmt.Errorf("copy the backup: %w", err)
		}
		return nil
	}
	src, err := bolt.Open(plan.Backup.Path, 0o600, &bolt.Options{ReadOnly: true, Timeout: s.opt.Timeout, OpenFile: openRegular})
	if err != nil {
		return fmt.Errorf("restore %s: %w (%v)", plan.Backup.Name(), model.ErrDamaged, err)
	}
	defer src.Close()
	var from *seal.Key
	if plan.BackupEncrypted && (plan.NeedsPassphrase || !keyOpens(src, s.key)) {
		if opt.BackupPassphrase == nil {
			return ErrBackupPassphrase
		}
		var hdr *seal.Header
		if err := src.View(func(tx *bolt.Tx) (err error) { hdr, err = headerOf(tx); return err }); err != nil {
			return err
		}
		if from, err = seal.Unlock(opt.BackupPassphrase, *hdr); err != nil {
			return wrongPassphrase(err)
		}
		defer from.Destroy()
	}
	to := s.key
	if from == nil && plan.BackupEncrypted {
		to = nil // sealed with the data key already: values copied as they are, header replaced
	}
	if err := rewrite(src, tmp, from, to, s.header); err != nil {
		return fmt.Errorf("restore %s (nothing changed): %w", plan.Backup.Name(), err)
	}
	return nil
}

// copyFile copies src to dst (private to the user) and syncs it.
func copyFile(src, dst string) error {
	in, err := openRegular(src, os.O_RDONLY, 0)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_CREATE|os.O_TRUNC|os.O_WRONLY, 0o600)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		_ = out.Close()
		return err
	}
	if err := out.Sync(); err != nil {
		_ = out.Close()
		return err
	}
	return out.Close()
}

// afterReopen reads the encryption state of the database just opened in place of
// another (a restored backup) and migrates it. The data key is kept only if it opens
// the new file's values; otherwise the store is locked until its passphrase is given.
// The caller holds s.mu.
func (s *Store) afterReopen() error {
	var hdr *seal.Header
	if err := s.db.View(func(tx *bolt.Tx) (err error) { hdr, err = headerOf(tx); return err }); err != nil {
		return err
	}
	if hdr == nil || (s.key != nil && !keyOpens(s.db, s.key)) {
		if s.key != nil {
			s.key.Destroy()
		}
		s.key = nil
	}
	s.header = hdr
	if s.locked() || !s.needsMigration() {
		return nil
	}
	return s.db.Update(func(tx *bolt.Tx) error { return migrate(newTxn(tx, s.key)) })
}

// keyOpens reports whether key opens the first value found in db (true when there is
// none).
func keyOpens(db *bolt.DB, key *seal.Key) bool {
	if key == nil {
		return false
	}
	ok := true
	err := db.View(func(tx *bolt.Tx) error {
		for _, sh := range valueShapes() {
			b := tx.Bucket(sh.bucket)
			if b == nil {
				continue
			}
			if k, v := b.Cursor().First(); k != nil {
				_, err := key.Open(seal.AD(sh.bucket, k), v)
				ok = err == nil
				return nil
			}
		}
		return nil
	})
	return ok && err == nil
}

// SetAside moves a database that cannot be opened out of the way, untouched, to a
// name beside it (keel-damaged-YYYYMMDD-HHMMSS.db), so Keel can start fresh
// (CreateNew) or from a backup without ever overwriting it. It returns the new name,
// or "" when there is no file to move. It holds the folder lock while it works.
func SetAside(path string, now time.Time) (aside string, err error) {
	err = withFolderLock(path, func() error {
		aside, err = setAside(path, now)
		return err
	})
	return aside, err
}

func setAside(path string, now time.Time) (string, error) {
	if _, err := os.Lstat(path); errors.Is(err, os.ErrNotExist) {
		return "", nil
	}
	aside := freeName(dirOf(path), "keel-damaged-"+now.Format(backupLayout), backupSuffix)
	if err := os.Rename(path, aside); err != nil {
		return "", fmt.Errorf("move the damaged file aside: %w", err)
	}
	syncDir(dirOf(path))
	return aside, nil
}

// NewestGoodBackup returns the newest backup of the database at path that passes
// CheckFile, or ok false when there is none.
func NewestGoodBackup(path string) (b Backup, ok bool, err error) {
	list, err := ListBackups(path)
	if err != nil {
		return Backup{}, false, err
	}
	for _, b := range list {
		if CheckFile(b.Path) == nil {
			return b, true, nil
		}
	}
	return Backup{}, false, nil
}

// RecoverFromBackup puts a copy of backup b in place of the database at path, for
// when that database does not open (damaged, missing or empty). Whatever is at path
// is kept first, byte for byte, as keel-damaged-YYYYMMDD-HHMMSS.db beside it; then
// the backup, copied whole beside keel.db, is renamed over it, so keel.db is at every
// instant the old file or the backup. The backup itself is not changed; it is put
// back as it is (its encryption and passphrase are its own: the data did not open,
// so there is no other state to keep). It holds the folder lock while it works.
func RecoverFromBackup(path string, b Backup) (err error) {
	defer guard(&err, debug.SetPanicOnFault(true))
	if err := CheckFile(b.Path); err != nil {
		return err
	}
	return withFolderLock(path, func() error {
		if info, err := os.Lstat(path); err == nil {
			if !info.Mode().IsRegular() {
				return errNotRegular(path, info.Mode())
			}
			aside := freeName(dirOf(path), "keel-damaged-"+time.Now().Format(backupLayout), backupSuffix)
			if err := copyFile(path, aside); err != nil {
				_ = os.Remove(aside)
				return fmt.Errorf("keep the damaged file first, so nothing changed: %w", err)
			}
		}
		tmp := path + restoreSuffix
		if err := copyFile(b.Path, tmp); err != nil {
			_ = os.Remove(tmp)
			return fmt.Errorf("copy the backup: %w", err)
		}
		if err := os.Rename(tmp, path); err != nil {
			_ = os.Remove(tmp)
			return err
		}
		syncDir(dirOf(path))
		return nil
	})
}
