package cli

import (
	"bytes"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"keel/model"
	"keel/model/exchange"
	"keel/model/seal"
	"keel/model/store"
)

// stdin is what the commands of a test read as standard input.
var stdin io.Reader = strings.NewReader("")

// run runs keel with args; the window, if asked for, is not opened but reported.
func run(t *testing.T, args []string, stdout, stderr *bytes.Buffer) int {
	t.Helper()
	return Main(args, Env{Stdin: stdin, Stdout: stdout, Stderr: stderr, Window: func(dir string) int {
		t.Errorf("keel %s opened the window on %s", strings.Join(args, " "), dir)
		return 0
	}})
}

func TestDemoCommand(t *testing.T) {
	dir := t.TempDir()
	var stdout, stderr bytes.Buffer
	if code := run(t, []string{"demo", "--data", dir}, &stdout, &stderr); code != 0 {
		t.Fatalf("keel demo = %d, stderr %q", code, stderr.String())
	}
	if _, err := os.Stat(filepath.Join(dir, store.DataFileName)); err != nil {
		t.Fatalf("keel demo wrote no database: %v", err)
	}
	stderr.Reset()
	if code := run(t, []string{"demo", "--data", dir}, &stdout, &stderr); code != 1 || !strings.Contains(stderr.String(), "already holds") {
		t.Errorf("keel demo on a filled folder = %d, %q; want 1 and a refusal", code, stderr.String())
	}
	if code := run(t, []string{"demo"}, &stdout, &stderr); code != 2 {
		t.Errorf("keel demo without --data = %d, want 2", code)
	}
}

func TestUnknownCommand(t *testing.T) {
	var stdout, stderr bytes.Buffer
	if code := run(t, []string{"frobnicate"}, &stdout, &stderr); code != 2 {
		t.Errorf("run(frobnicate) = %d, want 2", code)
	}
}

func runOK(t *testing.T, args ...string) string {
	t.Helper()
	var stdout, stderr bytes.Buffer
	if code := run(t, args, &stdout, &stderr); code != 0 {
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
	for _, k := range model.Kinds {
		name := exchange.CSVFile(k)
		if _, err := os.Stat(filepath.Join(csvDir, name)); err != nil {
			t.Errorf("csv export lacks %s", name)
		}
	}
	var stdout, stderr bytes.Buffer
	if code := run(t, []string{"export", "--data", dst, "--format", "xml", "--out", out}, &stdout, &stderr); code != 2 {
		t.Errorf("export --format xml = %d, want 2", code)
	}
	bad := filepath.Join(t.TempDir(), "bad.json")
	os.WriteFile(bad, []byte("{}"), 0o600)
	stderr.Reset()
	if code := run(t, []string{"import", "--data", dst, bad}, &stdout, &stderr); code != 1 || !strings.Contains(stderr.String(), "not a Keel export") {
		t.Errorf("import of a foreign file = %d, %q", code, stderr.String())
	}
}

func TestDaylioCommand(t *testing.T) {
	dir := t.TempDir()
	sample := filepath.Join("..", "daylio", "testdata", "eight-columns-note-title.csv")
	if _, err := os.Stat(sample); err != nil {
		t.Skipf("sample Daylio files not found: %v", err)
	}
	var stdout, stderr bytes.Buffer
	code := run(t, []string{"import", "--data", dir, "--daylio", sample}, &stdout, &stderr)
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
	st, err := store.Open(store.DataFile(dir), store.Options{KDF: &kdf})
	if err != nil {
		t.Fatal(err)
	}
	st.SaveSession(model.Session{At: time.Now().Add(-time.Hour), Status: model.StatusDone, Route: model.RouteIV, Notes: "private Ψ note"})
	if err := st.EnableEncryption([]byte("correct horse battery")); err != nil {
		t.Fatal(err)
	}
	st.Close()

	var stdout, stderr bytes.Buffer
	stdin = strings.NewReader("wrong horse battery\n")
	if code := run(t, []string{"export", "--data", dir, "--out", filepath.Join(t.TempDir(), "x.json")}, &stdout, &stderr); code != 1 || !strings.Contains(stderr.String(), "does not open") {
		t.Fatalf("export with a wrong passphrase = %d, %q", code, stderr.String())
	}
	out := filepath.Join(t.TempDir(), "export.json.age")
	stdin = strings.NewReader("correct horse battery\ncorrect horse battery\n")
	runOK(t, "export", "--data", dir, "--format", "json", "--out", out)
	raw, _ := os.ReadFile(out)
	if !seal.IsAge(raw) || bytes.Contains(raw, []byte("private Ψ note")) {
		t.Fatal("the export of encrypted data is not encrypted")
	}
	other := t.TempDir()
	stdin = strings.NewReader("correct horse battery\n")
	runOK(t, "import", "--data", other, out)
	imported, err := store.Open(store.DataFile(other), store.Options{})
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
	if code := run(t, []string{"report", "--data", dir, "--out", out, "--from", "next week"}, &stdout, &stderr); code != 2 {
		t.Errorf("report --from 'next week' = %d, want 2", code)
	}
}

// TestHelp: keel help, --help and help COMMAND explain every command and exit 0;
// an unknown command names them all and exits 2.
func TestHelp(t *testing.T) {
	for _, args := range [][]string{{"help"}, {"--help"}, {"-h"}} {
		var stdout, stderr bytes.Buffer
		if code := run(t, args, &stdout, &stderr); code != 0 {
			t.Errorf("keel %s = %d, want 0", args[0], code)
		}
		for _, c := range Commands() {
			if !strings.Contains(stdout.String(), "  "+c.Name+" ") {
				t.Errorf("keel %s does not list %s:\n%s", args[0], c.Name, stdout.String())
			}
		}
	}
	for _, c := range Commands() {
		var stdout, stderr bytes.Buffer
		if code := run(t, []string{"help", c.Name}, &stdout, &stderr); code != 0 || !strings.Contains(stdout.String(), "Usage: keel "+c.Name) {
			t.Errorf("keel help %s = %d:\n%s", c.Name, code, stdout.String())
		}
		for _, o := range options(c.flagSet()) {
			if !strings.Contains(stdout.String(), "-"+o.Name) {
				t.Errorf("keel help %s does not explain -%s:\n%s", c.Name, o.Name, stdout.String())
			}
		}
		stdout.Reset()
		if code := run(t, []string{c.Name, "--help"}, &stdout, &stderr); code != 0 {
			t.Errorf("keel %s --help = %d, want 0", c.Name, code)
		}
	}
	var stdout, stderr bytes.Buffer
	if code := run(t, []string{"frobnicate"}, &stdout, &stderr); code != 2 {
		t.Errorf("keel frobnicate = %d, want 2", code)
	}
	for _, c := range Commands() {
		if !strings.Contains(stderr.String(), c.Name) {
			t.Errorf("the unknown-command message %q does not name %s", stderr.String(), c.Name)
		}
	}
}

// TestNoCommandOpensTheWindow: keel and keel --data DIR open the window on that folder.
func TestNoCommandOpensTheWindow(t *testing.T) {
	dir := t.TempDir()
	var got string
	code := Main([]string{"--data", dir}, Env{Stdout: io.Discard, Stderr: io.Discard, Window: func(d string) int { got = d; return 3 }})
	if code != 3 || got != dir {
		t.Errorf("keel --data DIR = %d, window on %q; want the window's status and %q", code, got, dir)
	}
}

// TestExportToAPlaceThatCannotBeWritten: an export folder that is missing or is a
// file says so in a sentence, never "Something went wrong".
func TestExportToAPlaceThatCannotBeWritten(t *testing.T) {
	dir := t.TempDir()
	runOK(t, "demo", "--data", dir)
	file := filepath.Join(t.TempDir(), "a-file")
	os.WriteFile(file, []byte("x"), 0o600)
	for _, tt := range []struct{ name, out, want string }{
		{"missing folder", filepath.Join(t.TempDir(), "no", "such", "folder", "x.json"), "does not exist"},
		{"a file as folder", filepath.Join(file, "x.json"), "a folder where a file should be"},
	} {
		var stdout, stderr bytes.Buffer
		code := run(t, []string{"export", "--data", dir, "--out", tt.out}, &stdout, &stderr)
		if code != 1 || !strings.Contains(stderr.String(), tt.want) || strings.Contains(stderr.String(), "Something went wrong") {
			t.Errorf("export to a %s = %d, %q; want 1 and %q", tt.name, code, stderr.String(), tt.want)
		}
	}
}

// TestImportDryRunChangesNothing: keel import --dry-run says what it would do and
// changes nothing, for a Keel export and for a Daylio file.
func TestImportDryRunChangesNothing(t *testing.T) {
	src, dst := t.TempDir(), t.TempDir()
	runOK(t, "demo", "--data", src)
	out := filepath.Join(t.TempDir(), "all.json")
	runOK(t, "export", "--data", src, "--format", "json", "--out", out)
	msg := runOK(t, "import", "--data", dst, "--dry-run", out)
	if !strings.Contains(msg, "to add, 0 already here") || !strings.Contains(msg, "records in the file") {
		t.Errorf("import --dry-run said %q", msg)
	}
	if msg := runOK(t, "import", "--data", dst, out); strings.HasPrefix(msg, "0 added") {
		t.Errorf("after a dry run the import said %q: the dry run imported", msg)
	}
	sample := filepath.Join("..", "daylio", "testdata", "eight-columns-note-title.csv")
	msg = runOK(t, "import", "--data", dst, "--dry-run", "--daylio", sample, "--mood", "sad=2", "--mood", "average=5")
	if !strings.HasPrefix(msg, "3 to add") {
		t.Errorf("daylio --dry-run said %q", msg)
	}
	if again := runOK(t, "import", "--data", dst, "--daylio", sample, "--mood", "sad=2", "--mood", "average=5"); !strings.HasPrefix(again, "3 added") {
		t.Errorf("after a dry run the daylio import said %q", again)
	}
}

// TestImportAnotherKeelsExport: two installs each with their own records; one's
// export comes into the other as new records, once.
func TestImportAnotherKeelsExport(t *testing.T) {
	a, b := t.TempDir(), t.TempDir()
	runOK(t, "demo", "--data", a)
	runOK(t, "demo", "--data", b)
	out := filepath.Join(t.TempDir(), "a.json")
	runOK(t, "export", "--data", a, "--format", "json", "--out", out)
	msg := runOK(t, "import", "--data", b, out)
	if !strings.Contains(msg, "added, 0 already here") || strings.Contains(msg, "different") || !strings.Contains(msg, "from another Keel") {
		t.Errorf("importing another install's export said %q", msg)
	}
	if again := runOK(t, "import", "--data", b, out); !strings.HasPrefix(again, "0 added") || strings.Contains(again, "different") {
		t.Errorf("the same file again said %q", again)
	}
}

// TestDaylioCommandRemembersTheMapping: the mood values given once are used the
// next time, and a changed one updates the check-ins imported with the old one.
func TestDaylioCommandRemembersTheMapping(t *testing.T) {
	dir := t.TempDir()
	sample := filepath.Join("..", "daylio", "testdata", "eight-columns-note-title.csv")
	runOK(t, "import", "--data", dir, "--daylio", sample, "--mood", "sad=2", "--mood", "average=5")
	if again := runOK(t, "import", "--data", dir, "--daylio", sample); !strings.HasPrefix(again, "0 added, 3 already here") {
		t.Errorf("the same file without --mood said %q, want the remembered values used", again)
	}
	msg := runOK(t, "import", "--data", dir, "--daylio", sample, "--mood", "sad=3")
	if !strings.Contains(msg, "1 updated to the new mood values") || !strings.Contains(msg, "“sad” 2 → 3: 1 check-in") {
		t.Errorf("re-importing with sad=3 said %q", msg)
	}
	if again := runOK(t, "import", "--data", dir, "--daylio", sample); !strings.HasPrefix(again, "0 added, 3 already here") {
		t.Errorf("after the change the same file said %q", again)
	}
}

// TestReportWhatHelps: keel report --what-helps adds the linked What helps findings
// (the demo's better-prepared sessions do better); without it the report has none.
func TestReportWhatHelps(t *testing.T) {
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext is not installed")
	}
	dir := t.TempDir()
	runOK(t, "demo", "--data", dir, "--years", "2")
	text := func(args ...string) string {
		out := filepath.Join(t.TempDir(), "report.pdf")
		runOK(t, append([]string{"report", "--data", dir, "--out", out}, args...)...)
		raw, err := exec.Command("pdftotext", "-enc", "UTF-8", out, "-").Output()
		if err != nil {
			t.Fatalf("pdftotext: %v", err)
		}
		return strings.Join(strings.Fields(string(raw)), " ")
	}
	const heading = "What went with better weeks"
	if plain := text(); strings.Contains(plain, heading) {
		t.Errorf("the report without --what-helps shares the findings:\n%s", plain)
	}
	if with := text("--what-helps"); !strings.Contains(with, heading) || !strings.Contains(with, "not evidence of cause") {
		t.Errorf("the report with --what-helps does not share the findings:\n%s", with)
	}
}
