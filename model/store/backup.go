package store

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
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
}

// BackupDir is the folder of the store's backups.
func (s *Store) BackupDir() string { return filepath.Join(filepath.Dir(s.path), BackupFolder) }

// Backup writes a consistent copy of the database while it stays in use, through a
// temporary file that is synced and renamed, so a crash never leaves half a backup.
func (s *Store) Backup() (Backup, error) {
	dir := s.BackupDir()
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return Backup{}, fmt.Errorf("create the backup folder: %w", err)
	}
	taken := s.now()
	final := filepath.Join(dir, backupPrefix+taken.Format(backupLayout)+backupSuffix)
	tmp := final + ".tmp"
	err := s.view(func(tx txn) error { return tx.CopyFile(tmp, 0o600) })
	if err == nil {
		err = syncFile(tmp)
	}
	if err == nil {
		err = os.Rename(tmp, final)
	}
	if err != nil {
		os.Remove(tmp)
		return Backup{}, fmt.Errorf("back up to %s: %w", dir, err)
	}
	info, _ := os.Stat(final)
	size := int64(0)
	if info != nil {
		size = info.Size()
	}
	return Backup{Path: final, Taken: taken, Size: size}, nil
}

func syncFile(path string) error {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// Backups lists the store's backups, newest first.
func (s *Store) Backups() ([]Backup, error) {
	entries, err := os.ReadDir(s.BackupDir())
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("list backups: %w", err)
	}
	var out []Backup
	for _, e := range entries {
		name := e.Name()
		if !strings.HasPrefix(name, backupPrefix) || !strings.HasSuffix(name, backupSuffix) {
			continue
		}
		taken, err := time.ParseInLocation(backupLayout, strings.TrimSuffix(strings.TrimPrefix(name, backupPrefix), backupSuffix), time.Local)
		if err != nil {
			continue
		}
		info, err := e.Info()
		if err != nil {
			continue
		}
		out = append(out, Backup{Path: filepath.Join(s.BackupDir(), name), Taken: taken, Size: info.Size()})
	}
	slices.SortFunc(out, func(a, b Backup) int { return b.Taken.Compare(a.Taken) })
	return out, nil
}

// PruneBackups splits backups (newest first) into those to keep and those to remove.
// Kept: the newest copy of each of the 7 most recent days that have one, then the
// newest copy of each of the 4 ISO weeks before those (weeks that have no daily copy).
func PruneBackups(list []Backup) (keep, remove []Backup) {
	days := map[string]bool{}  // days with a daily copy
	weeks := map[string]bool{} // weeks with a daily or weekly copy
	weekly := 0
	for _, b := range list {
		day := b.Taken.Format(time.DateOnly)
		y, w := b.Taken.ISOWeek()
		week := fmt.Sprintf("%d-W%02d", y, w)
		switch {
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
	if len(list) > 0 && s.now().Sub(list[0].Taken) < backupInterval {
		return nil, nil
	}
	if empty, err := s.IsEmpty(); err != nil || empty {
		return nil, err
	}
	b, err := s.Backup()
	if err != nil {
		return nil, err
	}
	_, remove := PruneBackups(append([]Backup{b}, list...))
	for _, old := range remove {
		if err := os.Remove(old.Path); err != nil && !errors.Is(err, os.ErrNotExist) {
			return &b, fmt.Errorf("remove old backup %s: %w", filepath.Base(old.Path), err)
		}
	}
	return &b, nil
}

// CheckFile verifies that path is a whole Keel database this Keel can read: it opens
// read-only, runs bbolt's consistency check, checks the layout version and decodes
// every record. The file is never changed.
func CheckFile(path string) (err error) {
	defer func() {
		if r := recover(); r != nil { // bbolt can panic on some damaged files
			err = fmt.Errorf("%s: %w (%v)", filepath.Base(path), model.ErrDamaged, r)
		}
	}()
	if err := preflight(path, false); err != nil {
		return fmt.Errorf("%s: %w", filepath.Base(path), err)
	}
	db, err := bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true, Timeout: time.Second})
	switch {
	case errors.Is(err, bolterrors.ErrTimeout):
		return fmt.Errorf("%s: %w", filepath.Base(path), model.ErrAlreadyRunning)
	case err != nil:
		return fmt.Errorf("%s: %w (%v)", filepath.Base(path), model.ErrDamaged, err)
	}
	defer db.Close()
	return db.View(func(btx *bolt.Tx) error {
		tx := txn{Tx: btx}
		for cerr := range tx.Check() {
			return fmt.Errorf("%s: %w (%v)", filepath.Base(path), model.ErrDamaged, cerr)
		}
		if tx.Bucket(metaBucket) == nil {
			return fmt.Errorf("%s has no Keel layout: %w", filepath.Base(path), model.ErrDamaged)
		}
		if v := schemaOf(tx); v > SchemaVersion() {
			return fmt.Errorf("%s: layout %d: %w", filepath.Base(path), v, model.ErrNewerVersion)
		}
		hdr, err := headerOf(btx)
		if err != nil {
			return fmt.Errorf("%s: %w", filepath.Base(path), err)
		}
		for _, sh := range valueShapes() {
			b := tx.Bucket(sh.bucket)
			if b == nil {
				continue // an older layout: migrated when opened
			}
			if err := checkBucket(b, sh, hdr != nil); err != nil {
				return fmt.Errorf("%s: %w", filepath.Base(path), err)
			}
		}
		return nil
	})
}

// checkBucket checks that every value of c can be read: versioned JSON of a version
// this Keel knows, or, in an encrypted database (sealed), at least a sealed value's
// length (opening it needs the passphrase).
func checkBucket(b *bolt.Bucket, c shape, sealed bool) error {
	return b.ForEach(func(k, v []byte) error {
		if sealed {
			if len(v) <= seal.Overhead {
				return fmt.Errorf("a %s record is cut short: %w", c.name, model.ErrDamaged)
			}
			return nil
		}
		var probe struct {
			V int `json:"v"`
		}
		if err := json.Unmarshal(v, &probe); err != nil || probe.V < 1 {
			return fmt.Errorf("a %s record cannot be read: %w", c.name, model.ErrDamaged)
		}
		if probe.V > c.version {
			return fmt.Errorf("a %s record is of version %d: %w", c.name, probe.V, model.ErrNewerVersion)
		}
		return nil
	})
}

// Restore replaces the database with backup b. The backup is checked first; a damaged
// one is refused and nothing changes. The current database is kept aside in the backup
// folder (never deleted), then the backup is copied in and opened.
func (s *Store) Restore(b Backup) (aside string, err error) {
	if err := CheckFile(b.Path); err != nil {
		return "", fmt.Errorf("restore %s: %w", filepath.Base(b.Path), err)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	aside = filepath.Join(s.BackupDir(), asideName+s.now().Format(backupLayout)+backupSuffix)
	if err := os.MkdirAll(s.BackupDir(), 0o700); err != nil {
		return "", err
	}
	tmp := s.path + restoreSuffix
	if err := copyFile(b.Path, tmp); err != nil {
		os.Remove(tmp)
		return "", fmt.Errorf("copy the backup: %w", err)
	}
	if err := s.db.Close(); err != nil {
		os.Remove(tmp)
		return "", err
	}
	reopen := func() error {
		db, err := openBolt(s.path, s.opt)
		if err != nil {
			return err
		}
		s.db = db
		return s.afterReopen()
	}
	if err := os.Rename(s.path, aside); err != nil {
		os.Remove(tmp)
		return "", errors.Join(fmt.Errorf("keep the current database aside: %w", err), reopen())
	}
	if err := os.Rename(tmp, s.path); err != nil {
		return "", errors.Join(fmt.Errorf("put the backup in place: %w", err), os.Rename(aside, s.path), reopen())
	}
	if err := reopen(); err != nil {
		return aside, errors.Join(fmt.Errorf("open the restored database: %w", err), os.Rename(aside, s.path), reopen())
	}
	return aside, nil
}

// copyFile copies src to dst (private to the user) and syncs it.
func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_CREATE|os.O_TRUNC|os.O_WRONLY, 0o600)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	if err := out.Sync(); err != nil {
		out.Close()
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
	if s.locked() {
		return nil
	}
	return s.db.Update(func(tx *bolt.Tx) error { return migrate(txn{tx, s.key}) })
}

// keyOpens reports whether key opens the first value found in db (true when there is none).
func keyOpens(db *bolt.DB, key *seal.Key) bool {
	ok := true
	db.View(func(tx *bolt.Tx) error {
		for name := range valueBuckets() {
			b := tx.Bucket([]byte(name))
			if b == nil {
				continue
			}
			if k, v := b.Cursor().First(); k != nil {
				_, err := key.Open(seal.AD([]byte(name), k), v)
				ok = err == nil
				return nil
			}
		}
		return nil
	})
	return ok
}

// SetAside moves a database that cannot be opened out of the way, untouched, to a
// name beside it (keel-damaged-YYYYMMDD-HHMMSS.db), so Keel can start fresh or from a
// backup without ever overwriting it. It returns the new name.
func SetAside(path string, now time.Time) (string, error) {
	aside := filepath.Join(filepath.Dir(path), "keel-damaged-"+now.Format(backupLayout)+backupSuffix)
	if err := os.Rename(path, aside); err != nil {
		return "", fmt.Errorf("move the damaged file aside: %w", err)
	}
	syncDir(filepath.Dir(path))
	return aside, nil
}

// NewestGoodBackup returns the newest backup of the database at path that passes
// CheckFile, or ok false when there is none.
func NewestGoodBackup(path string) (b Backup, ok bool, err error) {
	list, err := (&Store{path: path}).Backups()
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

// RecoverFromBackup puts a copy of backup b in place of the database at path, which
// must not exist (see SetAside). The backup itself is not changed.
func RecoverFromBackup(path string, b Backup) error {
	if err := CheckFile(b.Path); err != nil {
		return err
	}
	if _, err := os.Stat(path); err == nil {
		return fmt.Errorf("%s still exists: set it aside first", filepath.Base(path))
	}
	tmp := path + restoreSuffix
	if err := copyFile(b.Path, tmp); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("copy the backup: %w", err)
	}
	return os.Rename(tmp, path)
}
