package store

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"keel/model"

	bolt "go.etcd.io/bbolt"

	"keel/model/seal"
)

// headerIn reads the encryption header of the database file at path (nil: plain).
func headerIn(t *testing.T, path string) *seal.Header {
	t.Helper()
	db, err := bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true, Timeout: time.Second})
	if err != nil {
		t.Fatalf("%s: %v", filepath.Base(path), err)
	}
	defer db.Close()
	var h *seal.Header
	db.View(func(tx *bolt.Tx) (err error) { h, err = headerOf(tx); return err })
	return h
}

// liveHeader reads the header in the open store's file.
func liveHeader(st *Store) *seal.Header {
	var h *seal.Header
	st.db.View(func(tx *bolt.Tx) (err error) { h, err = headerOf(tx); return err })
	return h
}

// TestOldPassphraseOpensNoFileAfterChange: after a passphrase change the old
// passphrase used to still open the database (the old key-wrapping header survived
// in a freed page) and backups. Now no file of the folder holds the old header's
// bytes, and the old passphrase unlocks none of them; a backup left with the old
// header by an interrupted change is finished at the next Unlock.
func TestOldPassphraseOpensNoFileAfterChange(t *testing.T) {
	dir := t.TempDir()
	old, new := []byte("correct horse battery"), []byte("tr0ub4dor and three")
	st := openCrypt(t, dir, nil)
	fillSecrets(t, st)
	if err := st.EnableEncryption(old); err != nil {
		t.Fatal(err)
	}
	st.now = func() time.Time { return testNow.Add(time.Minute) }
	st.Backup()
	oldHeader, _ := st.header.MarshalBinary()
	// A second backup, of the database copied as it is.
	if err := copyFile(st.Path(), filepath.Join(st.BackupDir(), "keel-20260101-120000.db")); err != nil {
		t.Fatal(err)
	}
	if err := st.ChangePassphrase(old, new); err != nil {
		t.Fatal(err)
	}
	st.Close()
	st = openCrypt(t, dir, nil)
	if err := st.Unlock(new); err != nil {
		t.Fatal(err)
	}
	files := filesOf(t, st)
	st.Close()
	if len(files) < 4 {
		t.Fatalf("only %d files", len(files))
	}
	for _, p := range files {
		data, _ := os.ReadFile(p)
		if bytes.Contains(data, oldHeader) {
			t.Errorf("%s still holds the old wrapped key", filepath.Base(p))
		}
		h := headerIn(t, p)
		if h == nil {
			t.Errorf("%s is not encrypted", filepath.Base(p))
			continue
		}
		if _, err := seal.Unlock(old, *h); err == nil {
			t.Errorf("the old passphrase still opens %s", filepath.Base(p))
		}
		if _, err := seal.Unlock(new, *h); err != nil {
			t.Errorf("the new passphrase does not open %s", filepath.Base(p))
		}
	}
}

// TestInterruptedChangeFinishedAtUnlock: a backup still carrying the old header
// (a kill in the middle of ChangePassphrase) gets the new one at the next Unlock.
func TestInterruptedChangeFinishedAtUnlock(t *testing.T) {
	dir := t.TempDir()
	old, new := []byte("correct horse battery"), []byte("tr0ub4dor and three")
	st := openCrypt(t, dir, nil)
	fillSecrets(t, st)
	st.EnableEncryption(old)
	b, _ := st.Backup()
	stale, _ := os.ReadFile(b.Path)
	st.ChangePassphrase(old, new)
	st.Close()
	os.WriteFile(b.Path, stale, 0o600) // as if the kill came before this backup was rewritten
	st = openCrypt(t, dir, new)
	st.Close()
	st = openCrypt(t, dir, nil)
	st.Unlock(new)
	st.Close()
	h := headerIn(t, b.Path)
	if _, err := seal.Unlock(old, *h); err == nil {
		t.Error("after Unlock the interrupted backup still opens with the old passphrase")
	}
}

// TestRestoreNeverTurnsEncryptionOffOrBringsBackAPassphrase: restoring used to put
// the backup in as it was: a plain backup turned encryption off, an older one
// brought its older passphrase back. Now the plan says what will happen, and the data
// keeps its encryption state and its current passphrase.
func TestRestoreNeverTurnsEncryptionOffOrBringsBackAPassphrase(t *testing.T) {
	pass, newer := []byte("correct horse battery"), []byte("tr0ub4dor and three")
	t.Run("a plain backup into encrypted data", func(t *testing.T) {
		dir := t.TempDir()
		st := openCrypt(t, dir, nil)
		defer st.Close()
		fillSecrets(t, st)
		b, _ := st.Backup()
		plain, _ := os.ReadFile(b.Path)
		st.EnableEncryption(pass)
		os.WriteFile(b.Path, plain, 0o600) // a plain backup, as one from before encryption
		plan, err := st.PlanRestore(b)
		if err != nil || !plan.Encrypted || plan.BackupEncrypted || !plan.Reseal || plan.NeedsPassphrase {
			t.Fatalf("PlanRestore = %+v, %v", plan, err)
		}
		if _, err := st.Restore(b); err != nil {
			t.Fatal(err)
		}
		if !st.Encrypted() || st.Locked() {
			t.Fatal("the restore turned encryption off, or locked the data")
		}
		if h := liveHeader(st); h == nil {
			t.Fatal("keel.db is plain after restoring a plain backup")
		}
		for _, secret := range secrets {
			if data, _ := os.ReadFile(st.Path()); bytes.Contains(data, []byte(secret)) {
				t.Errorf("keel.db shows %q", secret)
			}
		}
		if list, err := st.Sessions(); err != nil || len(list) == 0 {
			t.Errorf("Sessions after restore = %d, %v", len(list), err)
		}
	})
	t.Run("a backup with an older passphrase", func(t *testing.T) {
		dir := t.TempDir()
		st := openCrypt(t, dir, nil)
		defer st.Close()
		fillSecrets(t, st)
		st.EnableEncryption(pass)
		b, _ := st.Backup()
		older, _ := os.ReadFile(b.Path)
		st.ChangePassphrase(pass, newer)
		os.WriteFile(b.Path, older, 0o600)
		plan, err := st.PlanRestore(b)
		if err != nil || !plan.Reseal || plan.NeedsPassphrase {
			t.Fatalf("PlanRestore = %+v, %v", plan, err)
		}
		if _, err := st.Restore(b); err != nil {
			t.Fatal(err)
		}
		h := liveHeader(st)
		if _, err := seal.Unlock(pass, *h); err == nil {
			t.Error("the older passphrase opens the data after the restore")
		}
		if _, err := seal.Unlock(newer, *h); err != nil {
			t.Error("the current passphrase no longer opens the data")
		}
	})
	t.Run("an encrypted backup into plain data", func(t *testing.T) {
		dir := t.TempDir()
		st := openCrypt(t, dir, nil)
		defer st.Close()
		fillSecrets(t, st)
		st.EnableEncryption(pass)
		b, _ := st.Backup()
		sealed, _ := os.ReadFile(b.Path)
		st.DisableEncryption(pass)
		os.WriteFile(b.Path, sealed, 0o600) // as a backup no conversion reached
		plan, err := st.PlanRestore(b)
		if err != nil || plan.Encrypted || !plan.BackupEncrypted || !plan.NeedsPassphrase {
			t.Fatalf("PlanRestore = %+v, %v", plan, err)
		}
		if _, err := st.Restore(b); !errors.Is(err, ErrBackupPassphrase) {
			t.Fatalf("Restore without the backup's passphrase = %v", err)
		}
		if _, err := st.RestoreWith(b, RestoreOptions{BackupPassphrase: []byte("not it at all")}); !errors.Is(err, model.ErrWrongPassphrase) {
			t.Fatalf("Restore with a wrong passphrase = %v", err)
		}
		if _, err := st.RestoreWith(b, RestoreOptions{BackupPassphrase: pass}); err != nil {
			t.Fatal(err)
		}
		if st.Encrypted() || liveHeader(st) != nil {
			t.Error("restoring an encrypted backup turned encryption on with an old passphrase")
		}
		if list, err := st.Sessions(); err != nil || len(list) == 0 {
			t.Errorf("Sessions after restore = %d, %v", len(list), err)
		}
	})
}
