package ui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/widget"

	"keel/model"
	"keel/model/demo"
	"keel/model/report"
)

// waitFor polls until cond holds, for work done off the UI goroutine.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func TestExportThenImportInAnotherKeel(t *testing.T) {
	u, store := newTestUI(t)
	if err := store.Add(demo.Demo(testNow, 1, 4)); err != nil {
		t.Fatal(err)
	}
	u.Show(ScreenData)
	path := filepath.Join(t.TempDir(), "export.json")
	u.data.exportJSON(path, nil)
	waitFor(t, "the export", func() bool { return strings.Contains(u.data.status.Text, "Exported") })
	info, err := os.Stat(path)
	if err != nil || info.Mode().Perm() != 0o600 {
		t.Fatalf("export file: %v (mode %v), want a private file", err, info.Mode())
	}

	other, otherStore := newTestUI(t)
	other.Show(ScreenData)
	other.data.importJSON(path)
	tapInDialog(t, other.win, "Keep mine")
	waitFor(t, "the import", func() bool { return strings.Contains(other.data.status.Text, "added") })
	want, _ := store.Snapshot()
	got, _ := otherStore.Snapshot()
	if len(got.Of(model.Sessions)) != len(want.Of(model.Sessions)) || len(got.Of(model.CheckIns)) != len(want.Of(model.CheckIns)) || len(got.Of(model.Journal)) != len(want.Of(model.Journal)) {
		t.Errorf("imported %d sessions, %d check-ins, %d entries; want %d, %d, %d",
			len(got.Of(model.Sessions)), len(got.Of(model.CheckIns)), len(got.Of(model.Journal)), len(want.Of(model.Sessions)), len(want.Of(model.CheckIns)), len(want.Of(model.Journal)))
	}
	if list, _ := otherStore.Backups(); len(list) != 1 {
		t.Errorf("the import took %d backups first, want 1", len(list))
	}
	tapInDialog(t, other.win, "OK")

	// The same file again: nothing added.
	other.data.importJSON(path)
	tapInDialog(t, other.win, "Keep mine")
	waitFor(t, "the second import", func() bool { return strings.HasPrefix(other.data.status.Text, "0 added") })
}

func TestImportRefusesOtherFiles(t *testing.T) {
	u, store := newTestUI(t)
	u.Show(ScreenData)
	path := filepath.Join(t.TempDir(), "notes.json")
	os.WriteFile(path, []byte(`{"hello": "world"}`), 0o600)
	u.data.importJSON(path)
	text := labelTexts(topOverlay(u.win))
	if !strings.Contains(text, "can't be imported") || !strings.Contains(text, "not a Keel export") {
		t.Errorf("importing a foreign file says %q", text)
	}
	if empty, _ := store.IsEmpty(); !empty {
		t.Error("a refused import wrote records")
	}
}

func TestDaylioImportWithMapping(t *testing.T) {
	u, store := newTestUI(t)
	u.Show(ScreenData)
	sample := filepath.Join("..", "model", "daylio", "testdata", "custom-mood-names.csv")
	if _, err := os.Stat(sample); err != nil {
		t.Skipf("sample Daylio files not found: %v", err)
	}
	u.data.importDaylio(sample)
	selects := widgetsIn[*widget.Select](topOverlay(u.win))
	if len(selects) == 0 {
		t.Fatal("unknown Daylio moods did not open the mapping dialog")
	}
	// Import with one mood left on "choose": the dialog stays, and says which.
	for i, s := range selects[1:] {
		s.SetSelectedIndex(2 + i)
	}
	tapInDialog(t, u.win, "Import")
	if n, _ := store.CheckInsBetween(time.Time{}, time.Time{}); len(n) != 0 {
		t.Fatal("the import ran with moods left unmapped")
	}
	if text := labelTexts(topOverlay(u.win)); !strings.Contains(text, "Choose a value for this mood") || !strings.Contains(text, "“"+selects[0].PlaceHolder) && !strings.Contains(text, "first; nothing was imported") {
		t.Fatalf("the mapping dialog with a mood left unchosen says %q", text)
	}
	selects[0].SetSelectedIndex(1)
	tapInDialog(t, u.win, "Import")
	waitFor(t, "the Daylio import", func() bool { return strings.Contains(u.data.status.Text, "added") })
	first, _ := store.CheckInsBetween(time.Time{}, time.Time{})
	if len(first) == 0 || first[0].Source != "daylio" {
		t.Fatalf("Daylio import stored %d check-ins", len(first))
	}
	tapInDialog(t, u.win, "OK")
	u.data.importDaylio(sample)
	for i, s := range widgetsIn[*widget.Select](topOverlay(u.win)) {
		s.SetSelectedIndex(2 + i)
	}
	tapInDialog(t, u.win, "Import")
	waitFor(t, "the second Daylio import", func() bool { return strings.HasPrefix(u.data.status.Text, "0 added") })
	if again, _ := store.CheckInsBetween(time.Time{}, time.Time{}); len(again) != len(first) {
		t.Errorf("importing the same Daylio file twice gave %d check-ins, then %d", len(first), len(again))
	}
}

func TestBackupAndRestoreFromTheWindow(t *testing.T) {
	u, store := newTestUI(t)
	store.SaveSession(model.Session{At: testNow.Add(-time.Hour), Status: model.StatusDone, Route: model.RouteIV, Notes: "kept"})
	u.Show(ScreenData)
	if !u.data.reminder.Visible() {
		t.Error("no reminder while there is no backup")
	}
	u.data.onBackupNow()
	waitFor(t, "the backup", func() bool { return len(u.data.backups) == 1 })
	if u.data.reminder.Visible() {
		t.Error("the reminder stays after a fresh backup")
	}
	s, _ := store.SaveSession(model.Session{At: testNow.Add(-time.Minute), Status: model.StatusDone, Route: model.RouteIM})
	u.data.onRestore()
	tapInDialog(t, u.win, "OK") // "Choose a backup in the list first."
	u.data.list.Select(0)
	u.data.onRestore()
	tapInDialog(t, u.win, "Restore")
	waitFor(t, "the restore", func() bool { return strings.HasPrefix(u.data.status.Text, "Restored") })
	if _, err := store.Session(s.ID); err == nil {
		t.Error("a session saved after the backup is still there after the restore")
	}
	if list, _ := store.Sessions(); len(list) != 1 || list[0].Notes != "kept" {
		t.Errorf("after restore: %+v, want the backed-up session", list)
	}
}

func TestReportFromTheWindow(t *testing.T) {
	u, store := newTestUI(t)
	store.Add(demo.Demo(testNow, 1, 13))
	u.Show(ScreenData)
	path := filepath.Join(t.TempDir(), "report.pdf")
	u.data.saveReport(path, report.Options{Loc: time.Local})
	raw, err := os.ReadFile(path)
	if err != nil || !strings.HasPrefix(string(raw), "%PDF-") {
		t.Fatalf("report: %v", err)
	}
	if !strings.Contains(u.data.status.Text, "Saved the report") {
		t.Errorf("status = %q", u.data.status.Text)
	}
	u.data.onReport()
	if text := labelTexts(topOverlay(u.win)); !strings.Contains(text, "self-reported") {
		t.Errorf("the report dialog says %q", text)
	}
}
