package store

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

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
func (s *Store) Unlock(passphrase []byte) error {
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

// Lock forgets the data key: until Unlock, every read and write returns model.ErrLocked.
// A plain database cannot be locked.
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
func (s *Store) EnableEncryption(passphrase []byte) error {
	if s.Encrypted() {
		return fmt.Errorf("the data already has a passphrase: %w", model.ErrEncrypted)
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
func (s *Store) DisableEncryption(passphrase []byte) error {
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
	err := s.convertBackupsFrom(old)
	old.Destroy()
	return err
}

// ChangePassphrase wraps the data key under a new passphrase, after checking the old
// one. Only the header changes, in the database and in each backup.
func (s *Store) ChangePassphrase(old, new []byte) error {
	if err := s.CheckPassphrase(old); err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.key == nil {
		return model.ErrLocked
	}
	hdr, err := s.rewrap(new)
	if err != nil {
		return err
	}
	data, err := hdr.MarshalBinary()
	if err != nil {
		return err
	}
	if err := s.db.Update(func(tx *bolt.Tx) error { return tx.Bucket(metaBucket).Put(sealKey, data) }); err != nil {
		return fmt.Errorf("save the new passphrase: %w", err)
	}
	s.header = &hdr
	return s.forEachBackup(func(path string) error {
		db, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: s.opt.Timeout})
		if err != nil {
			return err
		}
		defer db.Close()
		return db.Update(func(tx *bolt.Tx) error {
			if h, err := headerOf(tx); err != nil || h == nil {
				return err
			}
			return tx.Bucket(metaBucket).Put(sealKey, data)
		})
	})
}

func (s *Store) rewrap(passphrase []byte) (seal.Header, error) {
	if s.opt.KDF != nil {
		return s.key.RewrapWithParams(passphrase, *s.opt.KDF)
	}
	return s.key.Rewrap(passphrase)
}

// valueShapes are the buckets whose values are records, settings or templates
// (sealed when encrypted): every kind of model.Kinds, then the settings and the
// templates.
func valueShapes() []shape {
	var out []shape
	for _, k := range model.Kinds {
		out = append(out, shapeOf(k))
	}
	return append(out, settingsShape, templatesShape)
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
func rewrite(src *bolt.DB, dst string, from, to *seal.Key, hdr *seal.Header) error {
	os.Remove(dst)
	out, err := bolt.Open(dst, 0o600, &bolt.Options{})
	if err != nil {
		return err
	}
	values := valueBuckets()
	err = src.View(func(in *bolt.Tx) error {
		return out.Update(func(tx *bolt.Tx) error {
			return in.ForEach(func(name []byte, b *bolt.Bucket) error {
				nb, err := tx.CreateBucket(name)
				if err != nil {
					return err
				}
				if err := nb.SetSequence(b.Sequence()); err != nil {
					return err
				}
				_, isValues := values[string(name)]
				err = b.ForEach(func(k, v []byte) error {
					if v == nil {
						return fmt.Errorf("nested bucket %s/%s: %w", name, k, model.ErrDamaged)
					}
					if isValues {
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
		os.Remove(dst)
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
	if err := s.db.Close(); err != nil {
		os.Remove(path)
		return err
	}
	renameErr := os.Rename(path, s.path)
	if renameErr == nil {
		syncDir(filepath.Dir(s.path))
	} else {
		os.Remove(path)
	}
	db, err := openBolt(s.path, s.opt)
	if err != nil {
		return errors.Join(renameErr, fmt.Errorf("open the database again: %w", err))
	}
	s.db = db
	return renameErr
}

// syncDir makes a rename in dir durable.
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
}

// forEachBackup calls fn with the path of every database file in the backup folder.
func (s *Store) forEachBackup(fn func(path string) error) error {
	entries, err := os.ReadDir(s.BackupDir())
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	var errs []error
	for _, e := range entries {
		if e.Type().IsRegular() && strings.HasSuffix(e.Name(), backupSuffix) {
			if err := fn(filepath.Join(s.BackupDir(), e.Name())); err != nil {
				errs = append(errs, fmt.Errorf("backup %s: %w", e.Name(), err))
			}
		}
	}
	return errors.Join(errs...)
}

// convertBackups brings every backup to the database's state: sealed with the data
// key and carrying its header when encrypted. The caller holds s.mu.
func (s *Store) convertBackups() error { return s.convertBackupsFrom(nil) }

// convertBackupsFrom converts the backups, opening sealed ones with from when the
// database is no longer encrypted. The caller holds s.mu.
func (s *Store) convertBackupsFrom(from *seal.Key) error {
	return s.forEachBackup(func(path string) error {
		db, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: s.opt.Timeout, ReadOnly: true})
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
		case s.header == nil && hdr != nil && from != nil:
			err = rewrite(db, tmp, from, nil, nil)
		default:
			db.Close()
			return nil
		}
		db.Close()
		if err != nil {
			return err
		}
		return os.Rename(tmp, path)
	})
}

// CheapKDF reports whether the store was opened with cheap key-derivation
// parameters (Options.KDF, tests only), so encrypted exports made from it may use a
// cheap work factor too.
func (s *Store) CheapKDF() bool { return s.opt.KDF != nil }
