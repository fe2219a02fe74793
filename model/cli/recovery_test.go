package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"keel/model"
	"keel/model/store"
)

func sessionsIn(t *testing.T, dir string) []model.Session {
	t.Helper()
	st, err := store.Open(store.DataFile(dir), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	list, err := st.Sessions()
	if err != nil {
		t.Fatal(err)
	}
	return list
}

func addSession(t *testing.T, dir, note string) {
	t.Helper()
	st, err := store.Open(store.DataFile(dir), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if _, err := st.SaveSession(model.Session{At: time.Now().Add(-time.Hour), Status: model.StatusDone, Route: model.RouteIV, Notes: note}); err != nil {
		t.Fatal(err)
	}
}

// TestRecoveryCommands: keel backup takes one, keel backups lists it by a name keel
// restore takes, keel restore puts it back (keeping the data from before as a listed
// safety copy), and keel check says every file is good.
func TestRecoveryCommands(t *testing.T) {
	dir := t.TempDir()
	addSession(t, dir, "kept in the backup")
	out := runOK(t, "backup", "--data", dir)
	if !strings.Contains(out, "Took a backup") {
		t.Fatalf("keel backup said %q", out)
	}
	addSession(t, dir, "after the backup")
	list := runOK(t, "backups", "--data", dir)
	backups, _ := store.ListBackups(store.DataFile(dir))
	if len(backups) != 1 || !strings.Contains(list, backups[0].Name()) {
		t.Fatalf("keel backups = %q, backups %v", list, backups)
	}
	time.Sleep(1100 * time.Millisecond) // the safety copy's name has the second in it
	out = runOK(t, "restore", "--data", dir, backups[0].Name())
	if !strings.Contains(out, "Restored") || !strings.Contains(out, "keel-before-restore-") {
		t.Fatalf("keel restore said %q", out)
	}
	if got := sessionsIn(t, dir); len(got) != 1 || got[0].Notes != "kept in the backup" {
		t.Fatalf("after keel restore: %+v", got)
	}
	list = runOK(t, "backups", "--data", dir)
	if !strings.Contains(list, "keel-before-restore-") || !strings.Contains(list, "just before a restore") {
		t.Errorf("keel backups does not list the safety copy: %q", list)
	}
	if out := runOK(t, "check", "--data", dir); !strings.Contains(out, "All 3 files are good") {
		t.Errorf("keel check said %q", out)
	}
	var stdout, stderr bytes.Buffer
	if code := run(t, []string{"restore", "--data", dir, "keel-19990101-000000.db"}, &stdout, &stderr); code != 1 || !strings.Contains(stderr.String(), "keel backups lists them") {
		t.Errorf("keel restore of no such backup = %d, %q", code, stderr.String())
	}
}

// TestCheckFindsDamage: keel check exits 1 and names the damaged file; the others
// are still reported good.
func TestCheckFindsDamage(t *testing.T) {
	dir := t.TempDir()
	addSession(t, dir, "x")
	runOK(t, "backup", "--data", dir)
	backups, _ := store.ListBackups(store.DataFile(dir))
	data, _ := os.ReadFile(backups[0].Path)
	os.WriteFile(backups[0].Path, data[:len(data)/2], 0o600)
	var stdout, stderr bytes.Buffer
	code := run(t, []string{"check", "--data", dir}, &stdout, &stderr)
	out := stdout.String()
	if code != 1 || !strings.Contains(out, "DAMAGED  "+filepath.Join("backups", backups[0].Name())) || !strings.Contains(out, "good     keel.db") {
		t.Errorf("keel check = %d, %q", code, out)
	}
}

// TestRestoreWhenTheWindowCannotStart: with keel.db damaged (or missing), keel
// restore still puts a backup back, keeping the damaged file beside it.
func TestRestoreWhenTheWindowCannotStart(t *testing.T) {
	for _, how := range []string{"damaged", "missing"} {
		t.Run(how, func(t *testing.T) {
			dir := t.TempDir()
			addSession(t, dir, "in the backup")
			runOK(t, "backup", "--data", dir)
			path := store.DataFile(dir)
			if how == "damaged" {
				os.WriteFile(path, bytes.Repeat([]byte("junk"), 3000), 0o600)
			} else {
				os.Remove(path)
			}
			var stdout, stderr bytes.Buffer
			if code := run(t, []string{"export", "--data", dir, "--out", filepath.Join(t.TempDir(), "x.json")}, &stdout, &stderr); code != 1 {
				t.Fatalf("keel export on a %s database = %d", how, code)
			}
			if code := run(t, []string{"check", "--data", dir}, &stdout, &stderr); code != 1 {
				t.Errorf("keel check on a %s database = %d", how, code)
			}
			backups, _ := store.ListBackups(path)
			runOK(t, "restore", "--data", dir, backups[0].Path)
			if got := sessionsIn(t, dir); len(got) != 1 || got[0].Notes != "in the backup" {
				t.Fatalf("after keel restore: %+v", got)
			}
			kept, _ := filepath.Glob(filepath.Join(dir, "keel-damaged-*.db"))
			if (how == "damaged") != (len(kept) == 1) {
				t.Errorf("kept aside: %v", kept)
			}
		})
	}
}
