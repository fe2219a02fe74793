package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"

	"keel/model"
	"keel/model/seal"
)

func TestSecondCopyExitsWithMessage(t *testing.T) {
	dir := t.TempDir()
	first, err := model.Open(model.DataFile(dir), model.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer first.Close()
	var shown string
	showStartError = func(_ fyne.App, msg string) { shown = msg }
	t.Setenv("DISPLAY", ":99")
	// The Fyne app writes its settings in the background; a folder of our own,
	// removed best-effort, keeps that out of the user's config and of t.TempDir's checks.
	config, err := os.MkdirTemp("", "keel-config")
	if err != nil {
		t.Fatal(err)
	}
	defer os.RemoveAll(config)
	t.Setenv("XDG_CONFIG_HOME", config)

	var stdout, stderr bytes.Buffer
	code := run([]string{"--data", dir}, &stdout, &stderr)
	if code != 1 {
		t.Errorf("run(second copy) = %d, want 1", code)
	}
	if !strings.Contains(stderr.String(), "already running") || !strings.Contains(shown, "already running") {
		t.Errorf("second copy said %q on stderr and %q in a window, want “already running” in both", stderr.String(), shown)
	}
	if empty, err := first.IsEmpty(); err != nil || !empty {
		t.Errorf("first copy's store after the second start: empty=%v err=%v", empty, err)
	}
}

func TestDemoCommand(t *testing.T) {
	dir := t.TempDir()
	var stdout, stderr bytes.Buffer
	if code := run([]string{"demo", "--data", dir}, &stdout, &stderr); code != 0 {
		t.Fatalf("keel demo = %d, stderr %q", code, stderr.String())
	}
	if _, err := os.Stat(filepath.Join(dir, model.DataFileName)); err != nil {
		t.Fatalf("keel demo wrote no database: %v", err)
	}
	stderr.Reset()
	if code := run([]string{"demo", "--data", dir}, &stdout, &stderr); code != 1 || !strings.Contains(stderr.String(), "already holds") {
		t.Errorf("keel demo on a filled folder = %d, %q; want 1 and a refusal", code, stderr.String())
	}
	if code := run([]string{"demo"}, &stdout, &stderr); code != 2 {
		t.Errorf("keel demo without --data = %d, want 2", code)
	}
}

func TestUnknownCommand(t *testing.T) {
	var stdout, stderr bytes.Buffer
	if code := run([]string{"frobnicate"}, &stdout, &stderr); code != 2 {
		t.Errorf("run(frobnicate) = %d, want 2", code)
	}
}

func runOK(t *testing.T, args ...string) string {
	t.Helper()
	var stdout, stderr bytes.Buffer
	if code := run(args, &stdout, &stderr); code != 0 {
		t.Fatalf("keel %s = %d, stderr %q", strings.Join(args, " "), code, stderr.String())
	}
	return stdout.String()
}

func TestExportImportCommands(t *testing.T) {
	src, dst := t.TempDir(), t.TempDir()
	runOK(t, "demo", "--data", src)
	out := filepath.Join(t.TempDir(), "all.json")
	if msg := runOK(t, "export", "--data", src, "--format", "json", "--out", out); !strings.Contains(msg, "Exported") {
		t.Errorf("export said %q", msg)
	}
	msg := runOK(t, "import", "--data", dst, out)
	if !strings.Contains(msg, "added, 0 already here") {
		t.Errorf("first import said %q", msg)
	}
	if msg := runOK(t, "import", "--data", dst, out); !strings.HasPrefix(msg, "0 added") {
		t.Errorf("second import said %q, want nothing added", msg)
	}
	csvDir := filepath.Join(t.TempDir(), "csv")
	runOK(t, "export", "--data", dst, "--format", "csv", "--out", csvDir)
	for _, name := range model.CSVFiles {
		if _, err := os.Stat(filepath.Join(csvDir, name)); err != nil {
			t.Errorf("csv export lacks %s", name)
		}
	}
	var stdout, stderr bytes.Buffer
	if code := run([]string{"export", "--data", dst, "--format", "xml", "--out", out}, &stdout, &stderr); code != 2 {
		t.Errorf("export --format xml = %d, want 2", code)
	}
	bad := filepath.Join(t.TempDir(), "bad.json")
	os.WriteFile(bad, []byte("{}"), 0o600)
	stderr.Reset()
	if code := run([]string{"import", "--data", dst, bad}, &stdout, &stderr); code != 1 || !strings.Contains(stderr.String(), "not a Keel export") {
		t.Errorf("import of a foreign file = %d, %q", code, stderr.String())
	}
}

func TestDaylioCommand(t *testing.T) {
	dir := t.TempDir()
	sample := filepath.Join("..", "shared", "data", "daylio", "eight-columns-note-title.csv")
	if _, err := os.Stat(sample); err != nil {
		t.Skipf("sample Daylio files not found: %v", err)
	}
	var stdout, stderr bytes.Buffer
	code := run([]string{"import", "--data", dir, "--daylio", sample}, &stdout, &stderr)
	if code != 1 || !strings.Contains(stderr.String(), "--mood") || !strings.Contains(stderr.String(), "average") {
		t.Fatalf("daylio import with unknown moods = %d, %q; want 1 and how to map them", code, stderr.String())
	}
	msg := runOK(t, "import", "--data", dir, "--daylio", sample, "--mood", "sad=2", "--mood", "average=5")
	if !strings.Contains(msg, "added") || strings.HasPrefix(msg, "0 added") {
		t.Errorf("daylio import said %q", msg)
	}
	if again := runOK(t, "import", "--data", dir, "--daylio", sample, "--mood", "sad=2", "--mood", "average=5"); !strings.HasPrefix(again, "0 added") {
		t.Errorf("importing the same Daylio file again said %q, want nothing added", again)
	}
}

func TestCommandsOnEncryptedData(t *testing.T) {
	dir := t.TempDir()
	kdf := seal.TestParams()
	st, err := model.Open(model.DataFile(dir), model.Options{KDF: &kdf})
	if err != nil {
		t.Fatal(err)
	}
	st.SaveSession(model.Session{At: time.Now().Add(-time.Hour), Status: model.StatusDone, Route: model.RouteIV, Notes: "private Ψ note"})
	if err := st.EnableEncryption([]byte("correct horse battery")); err != nil {
		t.Fatal(err)
	}
	st.Close()
	defer func() { passphraseInput = os.Stdin }()

	var stdout, stderr bytes.Buffer
	passphraseInput = strings.NewReader("wrong horse battery\n")
	if code := run([]string{"export", "--data", dir, "--out", filepath.Join(t.TempDir(), "x.json")}, &stdout, &stderr); code != 1 || !strings.Contains(stderr.String(), "does not open") {
		t.Fatalf("export with a wrong passphrase = %d, %q", code, stderr.String())
	}
	out := filepath.Join(t.TempDir(), "export.json.age")
	passphraseInput = strings.NewReader("correct horse battery\ncorrect horse battery\n")
	runOK(t, "export", "--data", dir, "--format", "json", "--out", out)
	raw, _ := os.ReadFile(out)
	if !seal.IsAge(raw) || bytes.Contains(raw, []byte("private Ψ note")) {
		t.Fatal("the export of encrypted data is not encrypted")
	}
	other := t.TempDir()
	passphraseInput = strings.NewReader("correct horse battery\n")
	runOK(t, "import", "--data", other, out)
	imported, err := model.Open(model.DataFile(other), model.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer imported.Close()
	if list, _ := imported.Sessions(); len(list) != 1 || list[0].Notes != "private Ψ note" {
		t.Errorf("after importing the encrypted export: %+v", list)
	}
}

func TestReportCommand(t *testing.T) {
	dir := t.TempDir()
	runOK(t, "demo", "--data", dir)
	out := filepath.Join(t.TempDir(), "report.pdf")
	if msg := runOK(t, "report", "--data", dir, "--out", out); !strings.Contains(msg, "Wrote the report") {
		t.Errorf("report said %q", msg)
	}
	raw, err := os.ReadFile(out)
	if err != nil || !bytes.HasPrefix(raw, []byte("%PDF-")) {
		t.Fatalf("report file: %v, starts %q", err, raw[:min(len(raw), 8)])
	}
	var stdout, stderr bytes.Buffer
	if code := run([]string{"report", "--data", dir, "--out", out, "--from", "next week"}, &stdout, &stderr); code != 2 {
		t.Errorf("report --from 'next week' = %d, want 2", code)
	}
}
