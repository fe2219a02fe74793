package store

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime/debug"

	"keel/model"

	bolt "go.etcd.io/bbolt"

	"keel/model/seal"
)

// Encryption: when a passphrase is set, every stored value is sealed with a
// random data key (XChaCha20-Poly1305, the bucket and key as associated data); the data
// key is wrapped under a key derived from the passphrase with argon2id, and that
// wrapping (seal.Header) is kept in meta/seal. Keys (IDs and the time index) stay
// readable: an encrypted file shows when records were made, never what they say.
//
// Turning encryption on or off rewrites the database into a new file, synced, then
// renamed over the old one: a crash at any point leaves either the old or the new
// database whole, and the new file holds no page of the old one, so no plaintext
// lingers in freed pages. Backups are rewritten the same way.

var sealKey = []byte("seal")

const (
	rewriteSuffix = ".rewrite"
	restoreSuffix = ".restore"
)

// headerOf reads the encryption header from meta, nil for a plain database.
func headerOf(tx *bolt.Tx) (*seal.Header, error) {
	meta := tx.Bucket(metaBucket)
	if meta == nil {
		return nil, nil
	}
	data := meta.Get(sealKey)
	if data == nil {
		return nil, nil
	}
	var h seal.Header
	if err := h.UnmarshalBinary(data); err != nil {
		return nil, fmt.Errorf("the encryption header: %w (%v)", model.ErrDamaged, err)
	}
	return &h, nil
}

func wrongPassphrase(err error) error {
	if errors.Is(err, seal.ErrWrongPassphrase) {
		return model.ErrWrongPassphrase
	}
	return err
}

func (s *Store) locked() bool { return s.header != nil && s.key == nil }

// Locked reports whether the data is encrypted and waiting for the passphrase.
func (s *Store) Locked() bool {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.locked()
}

// Encrypted reports whether the database is protected by a passphrase.
func (s *Store) Encrypted() bool {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.header != nil
}

// newKey makes a data key wrapped under passphrase, with the store's KDF parameters.
func (s *Store) newKey(passphrase []byte) (*seal.Key, seal.Header, error) {
	if s.opt.KDF != nil {
		return seal.NewWithParams(passphrase, *s.opt.KDF)
	}
	return seal.New(passphrase)
}

// Unlock opens an encrypted database with its passphrase (this takes about half a
// second on purpose), runs any pending migrations and finishes encrypting backups a
// crash may have left plain. A wrong passphrase returns model.ErrWrongPassphrase and changes
// nothing.
func (s *Store) Unlock(passphrase []byte) (err error) {
	defer guard(&err, debug.SetPanicOnFault(true))
	s.mu.Lock()
	defer s.mu.Unlock()
	if !s.locked() {
		return nil
	}
	if err := s.prepare(passphrase); err != nil {
		s.key = nil
		return err
	}
	return s.convertBackups()
}

// Lock forgets the data key: until Unlock, every read and write returns
// model.ErrLocked. A plain database cannot be locked.
//
// The key's bytes are overwritten (seal.Key.Destroy) and the store keeps no
// passphrase (Open drops Options.Passphrase) and no decrypted value: every read
// decrypts into values it hands to the caller. What Go cannot promise: the garbage
// collector may have copied key or plaintext bytes while moving memory, freed memory
// is not zeroed before reuse, the records the window still holds are the window's
// (it must drop them and its passphrase bytes on lock), strings cannot be wiped, and
// the operating system may have written any of it to swap or a hibernation file.
func (s *Store) Lock() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.header != nil && s.key != nil {
		s.key.Destroy()
		s.key = nil
	}
}

// CheckPassphrase reports whether passphrase opens the data (model.ErrWrongPassphrase if
// not), without changing anything: for confirming it before an encrypted export.
func (s *Store) CheckPassphrase(passphrase []byte) error {
	s.mu.RLock()
	hdr := s.header
	s.mu.RUnlock()
	if hdr == nil {
		return fmt.Errorf("the data has no passphrase: %w", model.ErrEncrypted)
	}
	key, err := seal.Unlock(passphrase, *hdr)
	if err != nil {
		return wrongPassphrase(err)
	}
	key.Destroy()
	return nil
}

// EnableEncryption protects the database with passphrase: a backup first, then the
// whole database rewritten with every value sealed, then every backup likewise.
func (s *Store) EnableEncryption(passphrase []byte) (err error) {
	defer guard(&err, debug.SetPanicOnFault(true))
	if s.Encrypted() {
		return fmt.Errorf("the data already has a passphrase: %w", model.ErrEncrypted)
	}
	if s.opt.ReadOnly {
		return model.ErrReadOnly
	}
	if err := seal.CheckPassphrase(string(passphrase)); err != nil {
		return err
	}
	key, hdr, err := s.newKey(passphrase)
	if err != nil {
		return err
	}
	if _, err := s.Backup(); err != nil {
		key.Destroy()
		return fmt.Errorf("no backup could be taken first, so nothing changed: %w", err)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.rewriteLive(nil, key, &hdr); err != nil {
		key.Destroy()
		return err
	}
	s.key, s.header = key, &hdr
	return s.convertBackups()
}

// DisableEncryption removes the passphrase, after checking it: the database and its
// backups are rewritten with plain values.
func (s *Store) DisableEncryption(passphrase []byte) (err error) {
	defer guard(&err, debug.SetPanicOnFault(true))
	if err := s.CheckPassphrase(passphrase); err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.key == nil {
		return model.ErrLocked
	}
	if err := s.rewriteLive(s.key, nil, nil); err != nil {
		return err
	}
	old := s.key
	s.key, s.header = nil, nil
	err = s.convertBackupsFrom(old)
	old.Destroy()
	return err
}

// ChangePassphrase wraps the data key under a new passphrase, after checking the old
// one. The database is rewritten into a new file (values copied as they are sealed,
// the new header in place of the old) and renamed over the old one, and so is every
// backup sealed with the same key: no copy of the old wrapped key is left in a freed
// page of any of them, so the old passphrase opens none. A crash midway leaves some
// backups with the old header; the next Unlock finishes them (convertBackups).
func (s *Store) ChangePassphrase(old, new []byte) (err error) {
	defer guard(&err, debug.SetPanicOnFault(true))
	if err := s.CheckPassphrase(old); err != nil {
		return err
	}
	if err := seal.CheckPassphrase(string(new)); err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.key == nil {
		return model.ErrLocked
	}
	if s.opt.ReadOnly {
		return model.ErrReadOnly
	}
	hdr, err := s.rewrap(new)
	if err != nil {
		return err
	}
	if err := s.rewriteLive(nil, nil, &hdr); err != nil {
		return fmt.Errorf("save the new passphrase: %w", err)
	}
	s.header = &hdr
	return s.convertBackups()
}

func (s *Store) rewrap(passphrase []byte) (seal.Header, error) {
	if s.opt.KDF != nil {
		return s.key.RewrapWithParams(passphrase, *s.opt.KDF)
	}
	return s.key.Rewrap(passphrase)
}

// valueShapes are the buckets whose values are records, settings, templates, state
// or drafts (sealed when encrypted): every kind of model.Kinds, then the others.
func valueShapes() []shape {
	var out []shape
	for _, k := range model.Kinds {
		out = append(out, shapeOf(k))
	}
	return append(out, settingsShape, templatesShape, stateShape, draftsShape)
}

// sealedEntry reports whether the value under key in bucket is sealed in an
// encrypted database of layout version layout: every value of the value buckets, and
// the demo mark from stateLayout on.
func sealedEntry(values map[string]bool, layout uint64, bucket, key []byte) bool {
	if values[string(bucket)] {
		return true
	}
	return layout >= stateLayout && string(bucket) == string(metaBucket) && string(key) == string(demoKey)
}

// valueBuckets are the names of the valueShapes' buckets.
func valueBuckets() map[string]bool {
	out := map[string]bool{}
	for _, sh := range valueShapes() {
		out[string(sh.bucket)] = true
	}
	return out
}

// rewrite copies the database src into a new file dst, opening every value with from
// and sealing it with to (nil: plain), and setting the encryption header to hdr (nil:
// none). The new file is complete and synced when rewrite returns.
func rewrite(src *bolt.DB, dst string, from, to *seal.Key, hdr *seal.Header) (err error) {
	defer guard(&err, debug.SetPanicOnFault(true))
	_ = os.Remove(dst)
	out, err := bolt.Open(dst, 0o600, &bolt.Options{OpenFile: openRegular})
	if err != nil {
		return err
	}
	values := valueBuckets()
	err = src.View(func(in *bolt.Tx) error {
		layout := schemaOf(txn{Tx: in})
		return out.Update(func(tx *bolt.Tx) error {
			return in.ForEach(func(name []byte, b *bolt.Bucket) error {
				nb, err := tx.CreateBucket(name)
				if err != nil {
					return err
				}
				if err := nb.SetSequence(b.Sequence()); err != nil {
					return err
				}
				err = b.ForEach(func(k, v []byte) error {
					if v == nil {
						return fmt.Errorf("nested bucket %s/%s: %w", name, k, model.ErrDamaged)
					}
					if sealedEntry(values, layout, name, k) {
						ad := seal.AD(name, k)
						if from != nil {
							plain, err := from.Open(ad, v)
							if err != nil {
								return fmt.Errorf("%s: a value does not open with the key: %w", name, model.ErrDamaged)
							}
							v = plain
						}
						if to != nil {
							v = to.Seal(ad, v)
						}
					}
					return nb.Put(k, v)
				})
				if err != nil || string(name) != string(metaBucket) {
					return err
				}
				if hdr == nil {
					return nb.Delete(sealKey)
				}
				data, err := hdr.MarshalBinary()
				if err != nil {
					return err
				}
				return nb.Put(sealKey, data)
			})
		})
	})
	if cerr := out.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		_ = os.Remove(dst)
	}
	return err
}

// rewriteLive rewrites the store's own database and swaps the new file in. The
// caller holds s.mu.
func (s *Store) rewriteLive(from, to *seal.Key, hdr *seal.Header) error {
	tmp := s.path + rewriteSuffix
	if err := rewrite(s.db, tmp, from, to, hdr); err != nil {
		return fmt.Errorf("rewrite the database (nothing changed): %w", err)
	}
	return s.swapIn(tmp)
}

// swapIn closes the database, renames path over it and opens it again. If the rename
// fails the old database is opened again, unchanged. The caller holds s.mu.
func (s *Store) swapIn(path string) error {
	if info, err := os.Lstat(s.path); err != nil || !info.Mode().IsRegular() {
		_ = os.Remove(path)
		if err == nil {
			err = errNotRegular(s.path, info.Mode())
		}
		return err
	}
	if err := s.db.Close(); err != nil {
		_ = os.Remove(path)
		return err
	}
	if swapHook != nil {
		swapHook()
	}
	renameErr := os.Rename(path, s.path)
	if renameErr == nil {
		syncDir(filepath.Dir(s.path))
	} else {
		_ = os.Remove(path)
	}
	db, err := openBolt(s.path, s.opt)
	if err != nil {
		return errors.Join(renameErr, fmt.Errorf("open the database again: %w", err))
	}
	s.db = db
	return renameErr
}

// swapHook, when set (tests only), runs in swapIn between closing the old database
// and renaming the new one over it: the moment bbolt's own lock is not held.
var swapHook func()

// syncDir makes a rename in dir durable.
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		_ = d.Sync()
		_ = d.Close()
	}
}

// forEachBackup calls fn with the path of every database file in the backup folder.
func (s *Store) forEachBackup(fn func(path string) error) error {
	list, err := s.Backups()
	if err != nil {
		return err
	}
	var errs []error
	for _, b := range list {
		if err := fn(b.Path); err != nil {
			errs = append(errs, fmt.Errorf("backup %s: %w", b.Name(), err))
		}
	}
	return errors.Join(errs...)
}

// convertBackups brings every backup to the database's state: sealed with the data
// key and carrying the current header when encrypted. The caller holds s.mu.
func (s *Store) convertBackups() error { return s.convertBackupsFrom(nil) }

// convertBackupsFrom converts the backups, opening sealed ones with from when the
// database is no longer encrypted. Each is rewritten into a new file renamed over
// it, so no old page (plaintext, or an old wrapped key) survives in it. A backup
// sealed with another key is left as it is: it opens only with its own passphrase
// (see RestorePlan.NeedsPassphrase). The caller holds s.mu.
func (s *Store) convertBackupsFrom(from *seal.Key) error {
	return s.forEachBackup(func(path string) (err error) {
		defer guard(&err, debug.SetPanicOnFault(true))
		if err := preflight(path, false); err != nil {
			return err
		}
		db, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: s.opt.Timeout, ReadOnly: true, OpenFile: openRegular})
		if err != nil {
			return err
		}
		var hdr *seal.Header
		err = db.View(func(tx *bolt.Tx) (err error) { hdr, err = headerOf(tx); return err })
		tmp := path + rewriteSuffix
		switch {
		case err != nil:
		case s.header != nil && hdr == nil:
			err = rewrite(db, tmp, nil, s.key, s.header)
		case s.header != nil && !sameHeader(*hdr, *s.header) && keyOpens(db, s.key):
			err = rewrite(db, tmp, nil, nil, s.header)
		case s.header == nil && hdr != nil && from != nil && keyOpens(db, from):
			err = rewrite(db, tmp, from, nil, nil)
		default:
			_ = db.Close()
			return nil
		}
		_ = db.Close()
		if err != nil {
			return err
		}
		if err := os.Rename(tmp, path); err != nil {
			_ = os.Remove(tmp)
			return err
		}
		syncDir(filepath.Dir(path))
		return nil
	})
}

// CheapKDF reports whether the store was opened with cheap key-derivation
// parameters (Options.KDF, tests only), so encrypted exports made from it may use a
// cheap work factor too.
func (s *Store) CheapKDF() bool { return s.opt.KDF != nil }
