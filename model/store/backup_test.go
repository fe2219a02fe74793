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
)

func TestBackupRestore(t *testing.T) {
	now := testNow
	st, err := Open(DataFile(t.TempDir()), Options{Now: func() time.Time { return now }})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if err := st.Add(demo.Demo(testNow, 1, 9)); err != nil {
		t.Fatal(err)
	}
	before, _ := st.Snapshot()
	b, err := st.Backup()
	if err != nil {
		t.Fatalf("Backup() = %v", err)
	}
	if info, err := os.Stat(b.Path); err != nil || info.Mode().Perm() != 0o600 {
		t.Fatalf("backup file %s: %v (mode %v), want a private file", b.Path, err, info.Mode())
	}
	if info, _ := os.Stat(st.BackupDir()); info.Mode().Perm() != 0o700 {
		t.Errorf("backup folder mode %v, want 0700", info.Mode().Perm())
	}
	if err := CheckFile(b.Path); err != nil {
		t.Fatalf("CheckFile(fresh backup) = %v", err)
	}

	// Change the data, then restore: the records are exactly those backed up.
	now = now.Add(time.Hour)
	s, _ := st.SaveSession(model.Session{At: now.Add(-time.Minute), Status: model.StatusDone, Route: model.RouteIM, Notes: "after the backup"})
	if err := st.DeleteSession(before.Of(model.Sessions)[0].RecordID()); err != nil {
		t.Fatal(err)
	}
	aside, err := st.Restore(b)
	if err != nil {
		t.Fatalf("Restore() = %v", err)
	}
	after, _ := st.Snapshot()
	if !sameJSON(t, after, before) {
		t.Error("after Restore the records differ from those backed up")
	}
	if _, err := st.Session(s.ID); !errors.Is(err, model.ErrNotFound) {
		t.Errorf("a session saved after the backup survived the restore: %v", err)
	}
	// The replaced database was kept aside, whole, holding the later session.
	kept, err := Open(aside, Options{})
	if err != nil {
		t.Fatalf("open the database kept aside: %v", err)
	}
	if got, err := kept.Session(s.ID); err != nil || got.Notes != "after the backup" {
		t.Errorf("the database kept aside lacks the later session: %v", err)
	}
	kept.Close()
	// The store keeps working after a restore.
	if _, err := st.SaveCheckIn(model.CheckIn{At: now, Mood: ptr(5)}); err != nil {
		t.Errorf("SaveCheckIn after Restore = %v", err)
	}
}

func TestRestoreRefusesDamagedBackup(t *testing.T) {
	st := openTest(t)
	st.SaveSession(model.Session{At: testNow.Add(-time.Hour), Status: model.StatusDone, Route: model.RouteIV})
	good, _ := st.Backup()
	data, _ := os.ReadFile(good.Path)
	dbBefore, _ := os.ReadFile(st.Path())
	damaged := map[string][]byte{
		"truncated":          data[:len(data)/3],
		"random bytes":       bytes.Repeat([]byte{0x5a, 0xa5, 0x13}, 20000),
		"empty":              {},
		"a text file":        []byte("Keel backup\n"),
		"both metas flipped": flip(flip(data, 40), os.Getpagesize()+40),
	}
	for name, bad := range damaged {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(st.BackupDir(), "keel-20260101-000000.db")
			if err := os.WriteFile(path, bad, 0o600); err != nil {
				t.Fatal(err)
			}
			_, err := st.Restore(Backup{Path: path})
			if !errors.Is(err, model.ErrDamaged) {
				t.Fatalf("Restore(%s) = %v, want ErrDamaged", name, err)
			}
			if now, _ := os.ReadFile(st.Path()); !bytes.Equal(now, dbBefore) {
				t.Errorf("Restore(%s) changed the database", name)
			}
			if after, _ := os.ReadFile(path); !bytes.Equal(after, bad) {
				t.Errorf("Restore(%s) changed the backup file", name)
			}
			if list, _ := st.Sessions(); len(list) != 1 {
				t.Errorf("after a refused restore the store has %d sessions", len(list))
			}
		})
	}
}

func flip(b []byte, at int) []byte {
	out := append([]byte{}, b...)
	out[at] ^= 0xff
	return out
}

func TestPruneBackups(t *testing.T) {
	day := func(d int, h int) Backup {
		return Backup{Path: time.Date(2026, 3, d, h, 0, 0, 0, time.UTC).Format("02-15"), Taken: time.Date(2026, 3, d, h, 0, 0, 0, time.UTC)}
	}
	// Newest first: two copies on the 31st, then one a day back to the 1st.
	list := []Backup{day(31, 18), day(31, 9)}
	for d := 30; d >= 1; d-- {
		list = append(list, day(d, 9))
	}
	keep, remove := PruneBackups(list)
	var got []string
	for _, b := range keep {
		got = append(got, b.Path)
	}
	// 7 days (31st at 18:00 and the 30th-25th), then the newest of each earlier ISO
	// week: 22nd (week of 16-22), 15th (9-15), 8th (2-8), 1st (week of 23 Feb - 1 Mar).
	want := []string{"31-18", "30-09", "29-09", "28-09", "27-09", "26-09", "25-09", "22-09", "15-09", "08-09", "01-09"}
	if !sameJSON(t, got, want) {
		t.Errorf("PruneBackups kept %q, want %q", got, want)
	}
	if len(keep)+len(remove) != len(list) {
		t.Errorf("PruneBackups lost track: %d kept + %d removed of %d", len(keep), len(remove), len(list))
	}
}

func TestAutoBackup(t *testing.T) {
	now := testNow
	st, _ := Open(DataFile(t.TempDir()), Options{Now: func() time.Time { return now }})
	defer st.Close()
	if b, err := st.AutoBackup(); err != nil || b != nil {
		t.Fatalf("AutoBackup(empty store) = %v, %v; want none", b, err)
	}
	st.SaveCheckIn(model.CheckIn{At: now.Add(-time.Hour), Mood: ptr(4)})
	for i := range 40 {
		now = testNow.Add(time.Duration(i) * 25 * time.Hour)
		if _, err := st.AutoBackup(); err != nil {
			t.Fatal(err)
		}
		if b, _ := st.AutoBackup(); b != nil {
			t.Fatalf("a second AutoBackup within the day made another backup")
		}
	}
	list, _ := st.Backups()
	if len(list) != keepDaily+keepWeekly {
		t.Errorf("after 40 days of backups %d remain, want %d", len(list), keepDaily+keepWeekly)
	}
}

// TestBackupsOfTheSameSecondAreKept: two backups, or two safety copies before a
// restore, taken in the same second are two files; neither replaces the other (a
// second restore within a second used to overwrite the first one's safety copy, and
// the records it held were gone).
func TestBackupsOfTheSameSecondAreKept(t *testing.T) {
	st := openTest(t) // the clock stands still: every backup is in the same second
	s1, _ := st.SaveSession(model.Session{At: testNow.Add(-time.Hour), Status: model.StatusDone, Route: model.RouteIV, Notes: "first"})
	b, err := st.Backup()
	if err != nil {
		t.Fatal(err)
	}
	s2, _ := st.SaveSession(model.Session{At: testNow.Add(-time.Hour), Status: model.StatusDone, Route: model.RouteIV, Notes: "second"})
	if _, err := st.Restore(b); err != nil {
		t.Fatal(err)
	}
	s3, _ := st.SaveSession(model.Session{At: testNow.Add(-time.Hour), Status: model.StatusDone, Route: model.RouteIV, Notes: "third"})
	if _, err := st.Restore(b); err != nil {
		t.Fatal(err)
	}
	list, err := st.Backups()
	if err != nil {
		t.Fatal(err)
	}
	var safety []Backup
	for _, x := range list {
		if x.BeforeRestore {
			safety = append(safety, x)
		}
	}
	if len(safety) != 2 || safety[0].Name() == safety[1].Name() {
		t.Fatalf("safety copies after two restores in one second: %+v", safety)
	}
	// Newest first: the second safety copy holds the third session.
	for i, want := range []uint64{s3.ID, s2.ID} {
		c, err := Open(safety[i].Path, Options{ReadOnly: true})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := c.Session(want); err != nil {
			t.Errorf("safety copy %s lacks session %d: %v", safety[i].Name(), want, err)
		}
		c.Close()
	}
	if _, err := st.Session(s1.ID); err != nil {
		t.Errorf("the restored data lacks the first session: %v", err)
	}
}
