package store

import (
	"bytes"
	"encoding/binary"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"keel/model"

	bolt "go.etcd.io/bbolt"

	"keel/model/seal"
)

func fixedOpt() Options { return Options{Now: func() time.Time { return testNow }} }

// withDB opens the bbolt file at path directly (no Keel checks) and runs fn in a
// write transaction: for making damaged or foreign files.
func withDB(t *testing.T, path string, fn func(tx *bolt.Tx) error) {
	t.Helper()
	db, err := bolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := db.Update(fn); err != nil {
		t.Fatal(err)
	}
	db.Close()
}

func saveOne(t *testing.T, st *Store, note string) model.Session {
	t.Helper()
	s, err := st.SaveSession(model.Session{At: testNow.Add(-time.Hour), Status: model.StatusDone, Route: model.RouteIV, Notes: note})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// TestMissingBucketIsDamageNotRecreated: a check-ins bucket lost to damage used to be
// recreated empty by the migration step, the file rewritten, and exports then said
// everything was fine. Now the file is refused and left byte for byte as it was.
func TestMissingBucketIsDamageNotRecreated(t *testing.T) {
	for _, name := range []string{"checkins", "checkins_by_time", "settings", "state", "meta"} {
		t.Run(name, func(t *testing.T) {
			path := DataFile(t.TempDir())
			st, _ := Open(path, fixedOpt())
			st.SaveCheckIn(model.CheckIn{At: testNow, Mood: ptr(5)})
			st.Close()
			withDB(t, path, func(tx *bolt.Tx) error { return tx.DeleteBucket([]byte(name)) })
			before, _ := os.ReadFile(path)
			_, err := Open(path, fixedOpt())
			if !errors.Is(err, model.ErrDamaged) {
				t.Fatalf("Open without %s = %v, want ErrDamaged", name, err)
			}
			if after, _ := os.ReadFile(path); !bytes.Equal(before, after) {
				t.Error("Open changed the damaged file")
			}
			if err := CheckFile(path); !errors.Is(err, model.ErrDamaged) {
				t.Errorf("CheckFile without %s = %v, want ErrDamaged", name, err)
			}
		})
	}
}

// TestForeignBoltFileRefusedUntouched: a bbolt file of another program (no meta
// bucket) is not migrated into a Keel database.
func TestForeignBoltFileRefusedUntouched(t *testing.T) {
	for _, tt := range []struct {
		name string
		fill func(tx *bolt.Tx) error
	}{
		{"another program's buckets", func(tx *bolt.Tx) error {
			b, err := tx.CreateBucket([]byte("users"))
			if err != nil {
				return err
			}
			return b.Put([]byte("alice"), []byte("admin"))
		}},
		{"no buckets at all", func(*bolt.Tx) error { return nil }},
	} {
		t.Run(tt.name, func(t *testing.T) {
			path := DataFile(t.TempDir())
			withDB(t, path, tt.fill)
			before, _ := os.ReadFile(path)
			_, err := Open(path, fixedOpt())
			if !errors.Is(err, model.ErrDamaged) || !strings.Contains(model.Message(err), "not Keel's") {
				t.Fatalf("Open(foreign file) = %v (%q), want ErrDamaged saying it is not Keel's", err, model.Message(err))
			}
			if after, _ := os.ReadFile(path); !bytes.Equal(before, after) {
				t.Error("Open changed the foreign file")
			}
		})
	}
}

// TestNonRegularDatabaseRefusedWithinASecond: a folder, a symbolic link or (see
// fifo_unix_test.go) a FIFO named keel.db is refused at once with a sentence, and
// left as it is.
func TestNonRegularDatabaseRefusedWithinASecond(t *testing.T) {
	mk := map[string]func(t *testing.T, path string){
		"a folder": func(t *testing.T, path string) { os.Mkdir(path, 0o700) },
		"a symbolic link": func(t *testing.T, path string) {
			target := filepath.Join(t.TempDir(), "real.db")
			st, _ := Open(target, fixedOpt())
			st.Close()
			if err := os.Symlink(target, path); err != nil {
				t.Skip("no symbolic links here:", err)
			}
		},
		"a dangling symbolic link": func(t *testing.T, path string) {
			if err := os.Symlink(filepath.Join(t.TempDir(), "nowhere.db"), path); err != nil {
				t.Skip("no symbolic links here:", err)
			}
		},
	}
	for name, make := range mk {
		t.Run(name, func(t *testing.T) {
			path := DataFile(t.TempDir())
			make(t, path)
			start := time.Now()
			_, err := Open(path, fixedOpt())
			if took := time.Since(start); took > time.Second {
				t.Errorf("Open(%s) took %v", name, took)
			}
			if !errors.Is(err, model.ErrDamaged) || !strings.Contains(model.Message(err), "not Keel's data file") {
				t.Fatalf("Open(%s) = %v (%q)", name, err, model.Message(err))
			}
			if info, err := os.Lstat(path); err != nil || info.Mode().IsRegular() {
				t.Errorf("Open(%s) replaced it", name)
			}
		})
	}
}

// TestMissingOrEmptyDatabaseWithBackupsIsNoData: a missing or zero-length keel.db
// while backups exist used to be silently a new, empty database. Now Open says so
// (model.ErrNoData, shown by the recovery screen, which also wraps ErrDamaged) and
// offers the newest good backup; nothing is created until the person chooses.
func TestMissingOrEmptyDatabaseWithBackupsIsNoData(t *testing.T) {
	for _, how := range []string{"missing", "empty"} {
		t.Run(how, func(t *testing.T) {
			path := DataFile(t.TempDir())
			st, _ := Open(path, fixedOpt())
			saveOne(t, st, "in the backup")
			st.Backup()
			st.Close()
			os.Remove(path)
			if how == "empty" {
				os.WriteFile(path, nil, 0o600)
			}
			_, err := Open(path, fixedOpt())
			if !errors.Is(err, model.ErrNoData) || !errors.Is(err, model.ErrDamaged) || model.ErrorCode(err) != model.ENoData {
				t.Fatalf("Open(%s with backups) = %v, want ErrNoData", how, err)
			}
			if info, err := os.Stat(path); (how == "missing") != (err != nil) || (err == nil && info.Size() != 0) {
				t.Fatalf("Open(%s with backups) made a database", how)
			}
			b, ok, err := NewestGoodBackup(path)
			if err != nil || !ok {
				t.Fatalf("NewestGoodBackup = %v, %v", ok, err)
			}
			if err := RecoverFromBackup(path, b); err != nil {
				t.Fatal(err)
			}
			st, err = Open(path, fixedOpt())
			if err != nil {
				t.Fatal(err)
			}
			if list, _ := st.Sessions(); len(list) != 1 || list[0].Notes != "in the backup" {
				t.Errorf("after recovery: %+v", list)
			}
			st.Close()
		})
	}
	t.Run("start fresh on purpose", func(t *testing.T) {
		path := DataFile(t.TempDir())
		st, _ := Open(path, fixedOpt())
		saveOne(t, st, "x")
		st.Backup()
		st.Close()
		os.WriteFile(path, nil, 0o600)
		if err := CreateNew(path, testNow); err != nil {
			t.Fatal(err)
		}
		st, err := Open(path, fixedOpt())
		if err != nil {
			t.Fatalf("Open after CreateNew = %v", err)
		}
		defer st.Close()
		if empty, _ := st.IsEmpty(); !empty {
			t.Error("CreateNew did not start empty")
		}
		if err := CreateNew(path, testNow); err == nil {
			t.Error("CreateNew over a database = nil, want a refusal")
		}
	})
}

// TestSecondKeelRefusedDuringSwap: turning encryption on, off, changing the
// passphrase and restoring close the bbolt file and rename another over it. A second
// Keel used to get in at that moment, open the old file and lose its saves; it also
// deleted the first one's .rewrite file at its start. Now the folder lock is held
// throughout: at the very moment of the swap a second Open is refused and the
// rewrite file is left alone.
func TestSecondKeelRefusedDuringSwap(t *testing.T) {
	dir := t.TempDir()
	p := seal.TestParams()
	st, err := Open(DataFile(dir), Options{Now: func() time.Time { return testNow }, KDF: &p, Timeout: 50 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	saveOne(t, st, "first")
	b, _ := st.Backup()
	swaps := 0
	swapHook = func() {
		swaps++
		_, err := Open(DataFile(dir), Options{Timeout: 50 * time.Millisecond})
		if !errors.Is(err, model.ErrAlreadyRunning) {
			t.Errorf("swap %d: a second Open = %v, want ErrAlreadyRunning", swaps, err)
		}
		if _, err := os.Stat(DataFile(dir)); err != nil {
			t.Errorf("swap %d: keel.db is missing mid-swap: %v", swaps, err)
		}
		pending := 0
		for _, suffix := range []string{rewriteSuffix, restoreSuffix} {
			if _, err := os.Stat(DataFile(dir) + suffix); err == nil {
				pending++
			}
		}
		if pending != 1 {
			t.Errorf("swap %d: the new file beside keel.db is gone (a second Keel deleted it?)", swaps)
		}
	}
	defer func() { swapHook = nil }()
	pass, newPass := []byte("correct horse battery"), []byte("another good passphrase")
	steps := []func() error{
		func() error { return st.EnableEncryption(pass) },
		func() error { return st.ChangePassphrase(pass, newPass) },
		func() error { _, err := st.Restore(b); return err },
		func() error { return st.DisableEncryption(newPass) },
	}
	for i, step := range steps {
		if err := step(); err != nil {
			t.Fatalf("step %d: %v", i, err)
		}
	}
	if swaps != len(steps) {
		t.Errorf("%d swaps, want %d", swaps, len(steps))
	}
}

// TestStaleFilesAreCleanedOnlyUnderTheLock: a Keel that cannot take the lock
// touches nothing in the folder, the other's rewrite in progress included.
func TestStaleFilesAreCleanedOnlyUnderTheLock(t *testing.T) {
	dir := t.TempDir()
	st, _ := Open(DataFile(dir), fixedOpt())
	defer st.Close()
	os.WriteFile(DataFile(dir)+rewriteSuffix, []byte("a rewrite in progress"), 0o600)
	if _, err := Open(DataFile(dir), Options{Timeout: 30 * time.Millisecond}); !errors.Is(err, model.ErrAlreadyRunning) {
		t.Fatalf("second Open = %v, want ErrAlreadyRunning", err)
	}
	if _, err := os.Stat(DataFile(dir) + rewriteSuffix); err != nil {
		t.Error("a refused second Keel deleted the first one's rewrite file")
	}
	if _, err := Open(DataFile(dir), Options{Timeout: 30 * time.Millisecond, ReadOnly: true}); !errors.Is(err, model.ErrAlreadyRunning) {
		t.Errorf("read-only Open beside a writer = %v, want ErrAlreadyRunning", err)
	}
}

// TestSafetyCopyIsListedAndRestorable: the copy of the data taken before a restore
// is a backup like the others: listed, never pruned, and restoring it undoes the
// restore.
func TestSafetyCopyIsListedAndRestorable(t *testing.T) {
	st := openTest(t)
	saveOne(t, st, "before the backup")
	b, _ := st.Backup()
	saveOne(t, st, "after the backup")
	st.now = func() time.Time { return testNow.Add(time.Minute) }
	aside, err := st.Restore(b)
	if err != nil {
		t.Fatal(err)
	}
	list, _ := st.Backups()
	var safety *Backup
	for i := range list {
		if list[i].Path == aside {
			safety = &list[i]
		}
	}
	if safety == nil || !safety.BeforeRestore {
		t.Fatalf("the safety copy %s is not listed as one: %+v", aside, list)
	}
	if _, remove := PruneBackups(list); len(remove) != 0 {
		t.Errorf("PruneBackups would remove %v", remove)
	}
	if found, err := FindBackup(st.Path(), safety.Name()); err != nil || found.Path != aside {
		t.Errorf("FindBackup(%s) = %v, %v", safety.Name(), found, err)
	}
	if n, _ := st.Sessions(); len(n) != 1 {
		t.Fatalf("after restore: %d sessions, want 1", len(n))
	}
	st.now = func() time.Time { return testNow.Add(2 * time.Minute) }
	if _, err := st.Restore(*safety); err != nil {
		t.Fatal(err)
	}
	if n, _ := st.Sessions(); len(n) != 2 {
		t.Errorf("after restoring the safety copy: %d sessions, want 2", len(n))
	}
}

// TestSymlinkedDatabaseRefused: Keel refuses a keel.db that is a symbolic link
// (it does not resolve it), so turning encryption on can never replace the link and
// leave the plaintext database at its target. A link put in place while Keel runs is
// refused at the swap, and the target is left as it was.
func TestSymlinkedDatabaseRefused(t *testing.T) {
	dir := t.TempDir()
	path := DataFile(dir)
	p := seal.TestParams()
	st, err := Open(path, Options{Now: func() time.Time { return testNow }, KDF: &p})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	saveOne(t, st, "plain words at the target")
	target := filepath.Join(t.TempDir(), "elsewhere.db")
	if err := os.Rename(path, target); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(target, path); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	before, _ := os.ReadFile(target)
	if err := st.EnableEncryption([]byte("correct horse battery")); err == nil {
		t.Fatal("EnableEncryption through a symbolic link = nil, want a refusal")
	}
	if st.Encrypted() {
		t.Error("the store says it is encrypted")
	}
	if info, _ := os.Lstat(path); info.Mode()&os.ModeSymlink == 0 {
		t.Error("the link was replaced")
	}
	if after, _ := os.ReadFile(target); !bytes.Equal(before, after) {
		t.Error("the link's target was changed")
	}
	if _, err := Open(path, Options{Timeout: 30 * time.Millisecond}); err == nil {
		t.Error("Open through the link = nil")
	}
}

// TestReadOnlyOpenStillReads: Options.ReadOnly opens a database on a folder that
// cannot be written (export, report and check need nothing else): no file is
// created or changed, reads work, writes say why they cannot, and an older layout is
// read as it is, unmigrated.
func TestReadOnlyOpenStillReads(t *testing.T) {
	dir := t.TempDir()
	path := DataFile(dir)
	makeLayout3(t, path)
	before, _ := os.ReadFile(path)
	entries := func() int { e, _ := os.ReadDir(dir); return len(e) }
	n := entries()
	st, err := Open(path, Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	h, err := st.Snapshot()
	if err != nil || h.Count() != 3 {
		t.Fatalf("read-only Snapshot = %d records, %v", h.Count(), err)
	}
	if list, err := st.Sessions(); err != nil || len(list) != 2 {
		t.Errorf("read-only Sessions = %d, %v", len(list), err)
	}
	if !st.IsDemo() {
		t.Error("the old demo mark is not read")
	}
	if _, err := st.SaveCheckIn(model.CheckIn{At: testNow, Mood: ptr(1)}); !errors.Is(err, model.ErrReadOnly) {
		t.Errorf("a save on a read-only store = %v, want ErrReadOnly", err)
	}
	if _, err := st.Backup(); !errors.Is(err, model.ErrReadOnly) {
		t.Errorf("Backup on a read-only store = %v", err)
	}
	st.Close()
	if after, _ := os.ReadFile(path); !bytes.Equal(before, after) {
		t.Error("a read-only open changed the file")
	}
	if entries() != n {
		t.Error("a read-only open created a file in the folder")
	}
	if _, err := Open(filepath.Join(t.TempDir(), "keel.db"), Options{ReadOnly: true}); model.ErrorCode(err) != model.ENotFound {
		t.Errorf("read-only Open of nothing = %v, want ENotFound", err)
	}
}

// makeLayout3 writes a database as Keel wrote them at layout version 3: values
// without checksums, empty index values, the demo mark a bare byte.
func makeLayout3(t *testing.T, path string) {
	t.Helper()
	db, err := bolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	err = db.Update(func(btx *bolt.Tx) error {
		if err := migrateTo(txn{Tx: btx}, migrations[:3]); err != nil {
			return err
		}
		tx := newTxn(btx, nil)
		for i, note := range []string{"one", "two"} {
			s := model.Session{At: testNow.Add(-time.Duration(i+1) * time.Hour), Status: model.StatusDone, Route: model.RouteIV, Notes: note}
			if err := put(tx, model.Sessions, &s, testNow); err != nil {
				return err
			}
		}
		c := model.CheckIn{At: testNow, Mood: ptr(4), Note: "old"}
		if err := put(tx, model.CheckIns, &c, testNow); err != nil {
			return err
		}
		return btx.Bucket(metaBucket).Put(demoKey, []byte{1})
	})
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
}

// TestChecksumMigration: opening a layout-3 file puts a checksum in every value
// and index entry, keeps every record as it was, and keeps the demo mark.
func TestChecksumMigration(t *testing.T) {
	path := DataFile(t.TempDir())
	makeLayout3(t, path)
	ro, _ := Open(path, Options{ReadOnly: true})
	want, _ := ro.Snapshot()
	ro.Close()
	st, err := Open(path, fixedOpt())
	if err != nil {
		t.Fatal(err)
	}
	got, err := st.Snapshot()
	if err != nil || !sameJSON(t, got, want) {
		t.Fatalf("after the migration: %v, records changed: %v", err, !sameJSON(t, got, want))
	}
	if !st.IsDemo() {
		t.Error("the demo mark was lost")
	}
	st.db.View(func(btx *bolt.Tx) error {
		tx := newTxn(btx, nil)
		if tx.layout != SchemaVersion() {
			t.Errorf("layout %d after open", tx.layout)
		}
		tx.Bucket(bucketOf(model.Sessions)).ForEach(func(k, v []byte) error {
			if !bytes.Contains(v, []byte(`"c":"`)) {
				t.Errorf("session %x has no checksum: %s", k, v)
			}
			return nil
		})
		tx.Bucket(indexOf(model.Sessions)).ForEach(func(k, v []byte) error {
			if len(v) != 4 {
				t.Errorf("index entry %x has no checksum", k)
			}
			return nil
		})
		return nil
	})
	st.Close()
	if err := CheckFile(path); err != nil {
		t.Errorf("CheckFile after the migration = %v", err)
	}
}

// TestChecksumMigrationEncrypted: an encrypted layout-3 file is migrated when it is
// unlocked, each value opened, framed with its checksum and sealed again.
func TestChecksumMigrationEncrypted(t *testing.T) {
	dir := t.TempDir()
	path := DataFile(dir)
	makeLayout3(t, path)
	p := seal.TestParams()
	key, hdr, err := seal.NewWithParams([]byte("correct horse battery"), p)
	if err != nil {
		t.Fatal(err)
	}
	db, _ := bolt.Open(path, 0o600, nil)
	if err := rewrite(db, path+".enc", nil, key, &hdr); err != nil {
		t.Fatal(err)
	}
	db.Close()
	os.Rename(path+".enc", path)
	st, err := Open(path, Options{Now: func() time.Time { return testNow }, KDF: &p})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if err := st.Unlock([]byte("correct horse battery")); err != nil {
		t.Fatal(err)
	}
	if list, err := st.Sessions(); err != nil || len(list) != 2 {
		t.Fatalf("Sessions after the encrypted migration = %d, %v", len(list), err)
	}
	if !st.IsDemo() {
		t.Error("the demo mark was lost")
	}
}

// TestChangedValueIsDamage: a value changed on disk, with its JSON still valid, is
// reported as damage, never read as a record with a field changed; so is a value with
// a field this version does not know, a value moved under another key, and trailing
// bytes.
func TestChangedValueIsDamage(t *testing.T) {
	for _, tt := range []struct {
		name   string
		change func(tx *bolt.Tx, k, v []byte) error
	}{
		{"one character", func(tx *bolt.Tx, k, v []byte) error {
			return tx.Bucket([]byte("sessions")).Put(k, bytes.Replace(v, []byte("secret note"), []byte("secret nose"), 1))
		}},
		{"an unknown field with a right checksum", func(tx *bolt.Tx, k, v []byte) error {
			d := []byte(`{"id":1,"notes":"x","surprise":true}`)
			data, _ := frame(SchemaVersion(), []byte("sessions"), k, 1, d)
			return tx.Bucket([]byte("sessions")).Put(k, data)
		}},
		{"an unknown envelope field", func(tx *bolt.Tx, k, v []byte) error {
			return tx.Bucket([]byte("sessions")).Put(k, append([]byte(`{"x":1,`), v[1:]...))
		}},
		{"moved under another key", func(tx *bolt.Tx, k, v []byte) error {
			b := tx.Bucket([]byte("sessions"))
			k2 := idKey(binary.BigEndian.Uint64(k) + 1)
			b.Put(k, b.Get(k2))
			return b.Put(k2, v)
		}},
		{"trailing bytes", func(tx *bolt.Tx, k, v []byte) error {
			return tx.Bucket([]byte("sessions")).Put(k, append(append([]byte(nil), v...), []byte(` {}`)...))
		}},
		{"no checksum", func(tx *bolt.Tx, k, v []byte) error {
			var env envelope
			strictJSON(v, &env)
			env.C = nil
			data, _ := frame(0, nil, nil, env.V, env.D)
			return tx.Bucket([]byte("sessions")).Put(k, data)
		}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			path := DataFile(t.TempDir())
			st, _ := Open(path, fixedOpt())
			s := saveOne(t, st, "secret note")
			saveOne(t, st, "another")
			st.Close()
			withDB(t, path, func(tx *bolt.Tx) error {
				k := idKey(s.ID)
				return tt.change(tx, k, append([]byte(nil), tx.Bucket([]byte("sessions")).Get(k)...))
			})
			st, err := Open(path, fixedOpt())
			if err != nil {
				t.Fatal(err)
			}
			if got, err := st.Session(s.ID); !errors.Is(err, model.ErrDamaged) {
				t.Errorf("Session() = %+v, %v; want ErrDamaged", got, err)
			}
			if _, err := st.Snapshot(); !errors.Is(err, model.ErrDamaged) {
				t.Errorf("Snapshot() = %v, want ErrDamaged", err)
			}
			st.Close()
			if err := CheckFile(path); !errors.Is(err, model.ErrDamaged) {
				t.Errorf("CheckFile() = %v, want ErrDamaged", err)
			}
		})
	}
}

// TestDamagedIndexIsDamage: a time-index entry changed, pointing at another record,
// or lost is reported, never a list with a record missing or doubled.
func TestDamagedIndexIsDamage(t *testing.T) {
	for _, tt := range []struct {
		name   string
		change func(idx *bolt.Bucket, k []byte) error
	}{
		{"its time changed", func(idx *bolt.Bucket, k []byte) error {
			k2 := append([]byte(nil), k...)
			k2[7] ^= 1
			idx.Delete(k)
			return idx.Put(k2, indexSum([]byte("sessions_by_time"), k2))
		}},
		{"its checksum changed", func(idx *bolt.Bucket, k []byte) error { return idx.Put(k, []byte{1, 2, 3, 4}) }},
		{"lost", func(idx *bolt.Bucket, k []byte) error { return idx.Delete(k) }},
	} {
		t.Run(tt.name, func(t *testing.T) {
			path := DataFile(t.TempDir())
			st, _ := Open(path, fixedOpt())
			saveOne(t, st, "a")
			saveOne(t, st, "b")
			st.Close()
			withDB(t, path, func(tx *bolt.Tx) error {
				idx := tx.Bucket([]byte("sessions_by_time"))
				k, _ := idx.Cursor().First()
				return tt.change(idx, append([]byte(nil), k...))
			})
			st, err := Open(path, fixedOpt())
			if err == nil {
				defer st.Close()
				_, err = st.Sessions()
			}
			if !errors.Is(err, model.ErrDamaged) {
				t.Errorf("with an index entry %s: %v, want ErrDamaged", tt.name, err)
			}
		})
	}
}

// TestSequenceBehindRecordsIsDamage: a bucket's sequence set back (a flipped bit in
// its header) used to make the next new record take an existing record's ID and
// overwrite it. Now the file is refused at open, and a save never overwrites.
func TestSequenceBehindRecordsIsDamage(t *testing.T) {
	path := DataFile(t.TempDir())
	st, _ := Open(path, fixedOpt())
	saveOne(t, st, "a")
	saveOne(t, st, "b")
	st.Close()
	withDB(t, path, func(tx *bolt.Tx) error { return tx.Bucket([]byte("sessions")).SetSequence(1) })
	if _, err := Open(path, fixedOpt()); !errors.Is(err, model.ErrDamaged) {
		t.Errorf("Open with the sequence behind = %v, want ErrDamaged", err)
	}
}

// TestEveryBucketHasAMigration: every bucket Keel uses is created by a migration,
// so the catch-all step after the migrations creates nothing, and a bucket missing
// from a file is always damage.
func TestEveryBucketHasAMigration(t *testing.T) {
	if got := unaccountedBuckets(); len(got) != 0 {
		t.Errorf("buckets no migration creates: %q; add a migration for them", got)
	}
}

// TestSentRemindersLiveInTheDatabase: which reminders were sent is kept in the
// database, sealed when it is encrypted, kept to the newest KeepSentReminders.
func TestSentRemindersLiveInTheDatabase(t *testing.T) {
	dir := t.TempDir()
	st := openCrypt(t, dir, nil)
	defer st.Close()
	if err := st.MarkRemindersSent("questionnaire/phq9/2026-12-01", "checkin/2026-12-01"); err != nil {
		t.Fatal(err)
	}
	st.MarkRemindersSent("questionnaire/phq9/2026-12-01")
	got, err := st.SentReminders()
	if err != nil || len(got) != 2 || got[0] != "questionnaire/phq9/2026-12-01" {
		t.Fatalf("SentReminders() = %q, %v", got, err)
	}
	if err := st.EnableEncryption([]byte("correct horse battery")); err != nil {
		t.Fatal(err)
	}
	for _, p := range filesOf(t, st) {
		if data, _ := os.ReadFile(p); bytes.Contains(data, []byte("phq9")) {
			t.Errorf("%s shows a sent reminder in the clear", filepath.Base(p))
		}
	}
	for i := range KeepSentReminders + 10 {
		st.MarkRemindersSent("r" + string(rune('a'+i%26)) + time.Duration(i).String())
	}
	if got, _ := st.SentReminders(); len(got) != KeepSentReminders {
		t.Errorf("%d kept, want %d", len(got), KeepSentReminders)
	}
}

// TestDemoMarkCannotBeForged: in an encrypted database the demo mark is sealed; a
// mark written by hand (to silence reminders) does not count.
func TestDemoMarkCannotBeForged(t *testing.T) {
	dir := t.TempDir()
	st := openCrypt(t, dir, nil)
	saveOne(t, st, "x")
	st.EnableEncryption([]byte("correct horse battery"))
	st.Close()
	withDB(t, DataFile(dir), func(tx *bolt.Tx) error {
		data, _ := frame(SchemaVersion(), metaBucket, demoKey, 1, []byte("true"))
		return tx.Bucket(metaBucket).Put(demoKey, data)
	})
	st = openCrypt(t, dir, []byte("correct horse battery"))
	defer st.Close()
	if st.IsDemo() {
		t.Error("a demo mark written by hand silences reminders")
	}
	if err := st.MarkDemo(); err != nil || !st.IsDemo() {
		t.Errorf("MarkDemo = %v, IsDemo = %v", err, st.IsDemo())
	}
}

// TestLockKeepsNoPassphraseOrKey: the store keeps no reference to the passphrase
// it was opened with, and Lock drops the key.
func TestLockKeepsNoPassphraseOrKey(t *testing.T) {
	dir := t.TempDir()
	st := openCrypt(t, dir, nil)
	st.EnableEncryption([]byte("correct horse battery"))
	st.Close()
	st = openCrypt(t, dir, []byte("correct horse battery"))
	defer st.Close()
	if st.opt.Passphrase != nil {
		t.Error("the store keeps the passphrase it was opened with")
	}
	st.Lock()
	if st.key != nil || !st.Locked() {
		t.Error("Lock kept the key")
	}
	if _, err := st.Sessions(); !errors.Is(err, model.ErrLocked) {
		t.Errorf("Sessions after Lock = %v", err)
	}
}
