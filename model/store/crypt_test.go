package store

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"keel/model"
	"keel/model/demo"

	"keel/model/seal"
)

// Texts the encryption tests look for in the raw bytes of files.
var secrets = []string{"NOTE-Ψ-secret-7f3a", "INTENTION-Ж-secret-19c2", "JOURNAL-é-secret-88d0"}

func openCrypt(t *testing.T, dir string, pass []byte) *Store {
	t.Helper()
	p := seal.TestParams()
	st, err := Open(DataFile(dir), Options{Now: func() time.Time { return testNow }, KDF: &p, Passphrase: pass})
	if err != nil {
		t.Fatalf("Open() = %v", err)
	}
	return st
}

func fillSecrets(t *testing.T, st *Store) {
	t.Helper()
	if err := st.Add(demo.Demo(testNow, 1, 2)); err != nil {
		t.Fatal(err)
	}
	s, err := st.SaveSession(model.Session{At: testNow.Add(-time.Hour), Status: model.StatusDone, Route: model.RouteIV, Notes: secrets[0], Intention: secrets[1]})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.SaveJournal(model.JournalEntry{At: testNow, SessionID: s.ID, Text: secrets[2]}); err != nil {
		t.Fatal(err)
	}
}

// plaintextIn reports which secrets appear in the raw bytes of the files.
func plaintextIn(t *testing.T, paths ...string) []string {
	t.Helper()
	var found []string
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range secrets {
			if bytes.Contains(data, []byte(s)) {
				found = append(found, filepath.Base(p)+": "+s)
			}
		}
	}
	return found
}

func filesOf(t *testing.T, st *Store) []string {
	paths := []string{st.Path()}
	entries, _ := os.ReadDir(st.BackupDir())
	for _, e := range entries {
		paths = append(paths, filepath.Join(st.BackupDir(), e.Name()))
	}
	return paths
}

func TestEncryptionHidesEveryValue(t *testing.T) {
	dir := t.TempDir()
	st := openCrypt(t, dir, nil)
	fillSecrets(t, st)
	if _, err := st.Backup(); err != nil {
		t.Fatal(err)
	}
	if found := plaintextIn(t, filesOf(t, st)...); len(found) != 3*2 {
		t.Fatalf("before encryption the secrets are found %d times in the database and backup, want 6 (the test must see plaintext)", len(found))
	}
	before, _ := st.Snapshot()

	if err := st.EnableEncryption([]byte("short")); err == nil {
		t.Fatal("EnableEncryption(a 5-letter passphrase) = nil, want a refusal")
	}
	if err := st.EnableEncryption([]byte("correct horse battery")); err != nil {
		t.Fatalf("EnableEncryption() = %v", err)
	}
	if !st.Encrypted() || st.Locked() {
		t.Fatal("after EnableEncryption the store is not encrypted, or is locked")
	}
	if found := plaintextIn(t, filesOf(t, st)...); len(found) > 0 {
		t.Errorf("plaintext found after encryption: %q", found)
	}
	if n := len(filesOf(t, st)); n < 2 {
		t.Errorf("%d files checked, want the database and its backups", n)
	}
	after, _ := st.Snapshot()
	if !sameJSON(t, after, before) {
		t.Error("encryption changed the records")
	}
	// New writes are sealed too, and a backup made now as well.
	st.SaveCheckIn(model.CheckIn{At: testNow, Note: secrets[0]})
	st.Backup()
	if found := plaintextIn(t, filesOf(t, st)...); len(found) > 0 {
		t.Errorf("plaintext found after a new write and backup: %q", found)
	}
	st.Close()

	// Without the passphrase the data is locked; with a wrong one nothing changes.
	locked := openCrypt(t, dir, nil)
	defer locked.Close()
	if !locked.Locked() {
		t.Fatal("an encrypted database opened without its passphrase is not locked")
	}
	if _, err := locked.Sessions(); !errors.Is(err, model.ErrLocked) {
		t.Errorf("Sessions() while locked = %v, want model.ErrLocked", err)
	}
	if _, err := locked.SaveCheckIn(model.CheckIn{At: testNow, Mood: ptr(5)}); !errors.Is(err, model.ErrLocked) {
		t.Errorf("SaveCheckIn() while locked = %v, want model.ErrLocked", err)
	}
	raw, _ := os.ReadFile(locked.Path())
	if err := locked.Unlock([]byte("wrong horse battery")); !errors.Is(err, model.ErrWrongPassphrase) {
		t.Fatalf("Unlock(wrong) = %v, want model.ErrWrongPassphrase", err)
	}
	if now, _ := os.ReadFile(locked.Path()); !bytes.Equal(now, raw) || !locked.Locked() {
		t.Error("a wrong passphrase changed the file or unlocked the store")
	}
	if err := locked.Unlock([]byte("correct horse battery")); err != nil {
		t.Fatalf("Unlock(right) = %v", err)
	}
	got, _ := locked.Snapshot()
	if len(got.Of(model.Sessions)) != len(before.Of(model.Sessions)) || len(got.Of(model.CheckIns)) != len(before.Of(model.CheckIns))+1 {
		t.Errorf("after unlock: %d sessions, %d check-ins; want %d, %d", len(got.Of(model.Sessions)), len(got.Of(model.CheckIns)), len(before.Of(model.Sessions)), len(before.Of(model.CheckIns))+1)
	}
	locked.Lock()
	if _, err := locked.Sessions(); !errors.Is(err, model.ErrLocked) {
		t.Errorf("Sessions() after Lock = %v, want model.ErrLocked", err)
	}
}

func TestChangePassphrase(t *testing.T) {
	dir := t.TempDir()
	st := openCrypt(t, dir, nil)
	fillSecrets(t, st)
	if err := st.EnableEncryption([]byte("first passphrase")); err != nil {
		t.Fatal(err)
	}
	b, _ := st.Backup()
	if err := st.ChangePassphrase([]byte("not the one"), []byte("second passphrase")); !errors.Is(err, model.ErrWrongPassphrase) {
		t.Errorf("ChangePassphrase(wrong old) = %v, want model.ErrWrongPassphrase", err)
	}
	if err := st.ChangePassphrase([]byte("first passphrase"), []byte("second passphrase")); err != nil {
		t.Fatal(err)
	}
	before, _ := st.Snapshot()
	st.Close()
	if _, err := Open(DataFile(dir), Options{Passphrase: []byte("first passphrase")}); !errors.Is(err, model.ErrWrongPassphrase) {
		t.Errorf("Open(old passphrase) = %v, want model.ErrWrongPassphrase", err)
	}
	st = openCrypt(t, dir, []byte("second passphrase"))
	defer st.Close()
	after, _ := st.Snapshot()
	if !sameJSON(t, after, before) {
		t.Error("changing the passphrase changed the records")
	}
	// A backup taken before the change opens with the new passphrase too.
	bk, err := Open(b.Path, Options{Passphrase: []byte("second passphrase")})
	if err != nil {
		t.Fatalf("open an older backup with the new passphrase: %v", err)
	}
	bk.Close()
}

func TestDisableEncryption(t *testing.T) {
	dir := t.TempDir()
	st := openCrypt(t, dir, nil)
	defer st.Close()
	fillSecrets(t, st)
	st.EnableEncryption([]byte("correct horse battery"))
	before, _ := st.Snapshot()
	if err := st.DisableEncryption([]byte("nope nope nope")); !errors.Is(err, model.ErrWrongPassphrase) {
		t.Fatalf("DisableEncryption(wrong) = %v", err)
	}
	if err := st.DisableEncryption([]byte("correct horse battery")); err != nil {
		t.Fatalf("DisableEncryption() = %v", err)
	}
	if st.Encrypted() {
		t.Fatal("still encrypted")
	}
	after, _ := st.Snapshot()
	if !sameJSON(t, after, before) {
		t.Error("turning encryption off changed the records")
	}
	for _, p := range filesOf(t, st)[1:] {
		if err := CheckFile(p); err != nil {
			t.Errorf("%s after turning encryption off: %v", filepath.Base(p), err)
		}
	}
}

func TestRestoreEncryptedBackup(t *testing.T) {
	st := openCrypt(t, t.TempDir(), nil)
	defer st.Close()
	fillSecrets(t, st)
	st.EnableEncryption([]byte("correct horse battery"))
	b, _ := st.Backup()
	st.SaveCheckIn(model.CheckIn{At: testNow, Mood: ptr(1)})
	if _, err := st.Restore(b); err != nil {
		t.Fatalf("Restore(encrypted backup) = %v", err)
	}
	if st.Locked() {
		t.Fatal("restoring a backup sealed with the same key locked the store")
	}
	if _, err := st.Sessions(); err != nil {
		t.Errorf("Sessions() after restore = %v", err)
	}
}

// TestInterruptedRewriteLeavesOldDatabase: a crash in the middle of turning encryption
// on leaves a half-written .rewrite file beside the whole old database; opening
// removes it and finds the old data intact.
func TestInterruptedRewriteLeavesOldDatabase(t *testing.T) {
	dir := t.TempDir()
	st := openCrypt(t, dir, nil)
	fillSecrets(t, st)
	before, _ := st.Snapshot()
	st.Close()
	os.WriteFile(DataFile(dir)+rewriteSuffix, []byte("half a database"), 0o600)
	st = openCrypt(t, dir, nil)
	defer st.Close()
	if _, err := os.Stat(DataFile(dir) + rewriteSuffix); !errors.Is(err, os.ErrNotExist) {
		t.Error("the leftover .rewrite file is still there")
	}
	after, _ := st.Snapshot()
	if st.Encrypted() || !sameJSON(t, after, before) {
		t.Error("the old database is not intact after an interrupted rewrite")
	}
}
