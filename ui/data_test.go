package ui

import (
	"os"
	"os/exec"
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
	// Cancel imports nothing.
	other.data.importJSON(path)
	tapInDialog(t, other.win, "Cancel")
	if empty, _ := otherStore.IsEmpty(); !empty {
		t.Fatal("Cancel imported records")
	}
	other.data.importJSON(path)
	tapInDialog(t, other.win, "Import")
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

	// The same file again: nothing to import, and the dialog says so.
	other.data.importJSON(path)
	if text := labelTexts(topOverlay(other.win)); !strings.Contains(text, "already here") {
		t.Errorf("importing the same file again says %q", text)
	}
	tapInDialog(t, other.win, "Close")
	if after, _ := otherStore.Snapshot(); after.Count() != got.Count() {
		t.Errorf("the second import changed %d records to %d", got.Count(), after.Count())
	}

	// A record changed here: the file's differs, and Keep mine keeps it.
	sessions, _ := otherStore.Sessions()
	mine := sessions[0]
	mine.Notes = "changed here"
	if _, err := otherStore.SaveSession(mine); err != nil {
		t.Fatal(err)
	}
	other.data.importJSON(path)
	tapInDialog(t, other.win, "Keep mine")
	waitFor(t, "the import with a difference", func() bool { return strings.Contains(other.data.status.Text, "different") })
	if s, _ := otherStore.Session(mine.ID); s.Notes != "changed here" {
		t.Errorf("Keep mine replaced the session's notes with %q", s.Notes)
	}
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
	u.data.importDaylio(sample)
	selects := widgetsIn[*widget.Select](topOverlay(u.win))
	if len(selects) == 0 {
		t.Fatal("unknown Daylio moods did not open the mapping dialog")
	}
	// Continue with one mood left on "choose": the dialog stays, and says which.
	var unset *widget.Select
	for i, s := range selects {
		if s.SelectedIndex() < 0 && unset == nil {
			unset = s
			continue
		}
		s.SetSelectedIndex(2 + i)
	}
	if unset == nil {
		t.Fatal("every mood of a file with custom moods already has a value")
	}
	tapInDialog(t, u.win, "Continue")
	if n, _ := store.CheckInsBetween(time.Time{}, time.Time{}); len(n) != 0 {
		t.Fatal("the import ran with moods left unmapped")
	}
	if text := labelTexts(topOverlay(u.win)); !strings.Contains(text, "Choose a value for this mood") || !strings.Contains(text, "nothing was imported yet") {
		t.Fatalf("the mapping dialog with a mood left unchosen says %q", text)
	}
	unset.SetSelectedIndex(1)
	tapInDialog(t, u.win, "Continue")
	// Then what it will do, and Import.
	if text := labelTexts(topOverlay(u.win)); !strings.Contains(text, "to add") {
		t.Fatalf("before importing the dialog says %q", text)
	}
	tapInDialog(t, u.win, "Import")
	waitFor(t, "the Daylio import", func() bool { return strings.Contains(u.data.status.Text, "added") })
	first, _ := store.CheckInsBetween(time.Time{}, time.Time{})
	if len(first) == 0 || first[0].Source != "daylio" {
		t.Fatalf("Daylio import stored %d check-ins", len(first))
	}
	tapInDialog(t, u.win, "OK")

	// The same file again: the mapping is remembered, so no question about moods,
	// and nothing to import.
	u.data.importDaylio(sample)
	if text := labelTexts(topOverlay(u.win)); !strings.Contains(text, "already here") || len(widgetsIn[*widget.Select](topOverlay(u.win))) > 0 {
		t.Fatalf("importing the same Daylio file again says %q", text)
	}
	tapInDialog(t, u.win, "Close")
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

// TestSaveAsNeverEmptiesAFile: choosing where to save opens nothing, so an earlier
// export at that name is whole until the new one is written; replacing it asks.
func TestSaveAsNeverEmptiesAFile(t *testing.T) {
	u, _ := newTestUI(t)
	dir := t.TempDir()
	saveDir = dir
	t.Cleanup(func() { saveDir = "" })
	old := filepath.Join(dir, "keel-export.json")
	os.WriteFile(old, []byte("the earlier export"), 0o600)
	var got string
	savePath(u.win, "keel-export.json", func(path string) { got = path })
	tapInDialog(t, u.win, "Save")
	if text := labelTexts(topOverlay(u.win)); !strings.Contains(text, "Replace it?") {
		t.Fatalf("saving over a file does not ask: %q", text)
	}
	if data, _ := os.ReadFile(old); string(data) != "the earlier export" {
		t.Errorf("asking where to save changed the file to %q", data)
	}
	tapInDialog(t, u.win, "No")
	if got != "" {
		t.Errorf("declining to replace still saved to %q", got)
	}
	tapInDialog(t, u.win, "Cancel")
	savePath(u.win, "new.json", func(path string) { got = path })
	tapInDialog(t, u.win, "Save")
	if want := filepath.Join(dir, "new.json"); got != want {
		t.Errorf("saved to %q, want %q", got, want)
	}
	if _, err := os.Stat(filepath.Join(dir, "new.json")); err == nil {
		t.Error("choosing a name created the file before anything was written")
	}
}

// TestReportDialogWhatHelps: the report dialog's "What helps" switch is off by
// default; switched on, the PDF shares the linked findings.
func TestReportDialogWhatHelps(t *testing.T) {
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext is not installed")
	}
	u, store := newTestUI(t)
	if err := store.Add(demo.Demo(testNow, 2, 13)); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	saveDir = dir
	t.Cleanup(func() { saveDir = "" })
	u.Show(ScreenData)
	pdf := func(share bool, name string) string {
		u.data.onReport()
		checks := widgetsIn[*widget.Check](topOverlay(u.win))
		if len(checks) != 1 || !strings.Contains(checks[0].Text, "what helps") || checks[0].Checked {
			t.Fatalf("the report dialog's switches = %v, want one for what helps, off", checks)
		}
		checks[0].SetChecked(share)
		tapInDialog(t, u.win, "Choose where to save…")
		entries := widgetsIn[*textEntry](topOverlay(u.win))
		entries[len(entries)-1].SetText(name)
		tapInDialog(t, u.win, "Save")
		raw, err := exec.Command("pdftotext", "-enc", "UTF-8", filepath.Join(dir, name), "-").Output()
		if err != nil {
			t.Fatalf("pdftotext: %v", err)
		}
		return strings.Join(strings.Fields(string(raw)), " ")
	}
	const heading = "What went with better weeks"
	if text := pdf(false, "plain.pdf"); strings.Contains(text, heading) {
		t.Error("the report shares the What helps findings with the switch off")
	}
	if text := pdf(true, "helps.pdf"); !strings.Contains(text, heading) {
		t.Errorf("the report does not share the What helps findings with the switch on:\n%s", text)
	}
}
