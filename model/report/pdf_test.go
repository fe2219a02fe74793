package report

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"keel/model"
	"keel/model/demo"
	"keel/model/progress"
	"keel/model/store"
)

// demoNow is the demo's clock: Tuesday 3 March 2026, 6 pm at UTC-5.
var demoNow = now

// demoExport is a real store filled with years of demo history and a report name
// in three scripts, read back with Snapshot.
func demoExport(tb testing.TB, years int) Records {
	tb.Helper()
	st, err := store.Open(store.DataFile(tb.TempDir()), store.Options{Now: func() time.Time { return demoNow }})
	if err != nil {
		tb.Fatal(err)
	}
	defer st.Close()
	if err := st.Add(demo.Demo(demoNow, years, 13)); err != nil {
		tb.Fatal(err)
	}
	settings := model.DefaultSettings()
	settings.ReportName = "Zoë Ψ Ёлка"
	if err := st.SaveSettings(settings); err != nil {
		tb.Fatal(err)
	}
	h, err := st.Snapshot()
	if err != nil {
		tb.Fatal(err)
	}
	return RecordsOf(&h)
}

// needPoppler skips the test when the poppler tools are missing.
func needPoppler(t *testing.T) {
	t.Helper()
	for _, tool := range []string{"pdftotext", "pdfinfo"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s is not installed (Debian: apt-get install poppler-utils); skipping the check of the PDF's text", tool)
		}
	}
}

// writePDF writes d to a PDF in a temporary folder and returns its path.
func writePDF(t *testing.T, d Data) string {
	t.Helper()
	var buf bytes.Buffer
	if err := Write(&buf, d); err != nil {
		t.Fatalf("Write: %v", err)
	}
	if !bytes.HasPrefix(buf.Bytes(), []byte("%PDF-")) {
		t.Fatalf("Write wrote %q..., not a PDF", buf.Bytes()[:min(20, buf.Len())])
	}
	path := filepath.Join(t.TempDir(), "report.pdf")
	if err := os.WriteFile(path, buf.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	if dir := os.Getenv("KEEL_REPORT_OUT"); dir != "" { // to look at the pages
		name := strings.NewReplacer(" ", "-", "/", "-").Replace(t.Name()) + ".pdf"
		if err := os.WriteFile(filepath.Join(dir, name), buf.Bytes(), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	return path
}

// pdfText is the text of the PDF, with every run of white space made one space.
func pdfText(t *testing.T, path string) string {
	t.Helper()
	out, err := exec.Command("pdftotext", "-enc", "UTF-8", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return strings.Join(strings.Fields(string(out)), " ")
}

// pdfPages is the page count pdfinfo reports.
func pdfPages(t *testing.T, path string) int {
	t.Helper()
	out, err := exec.Command("pdfinfo", path).Output()
	if err != nil {
		t.Fatalf("pdfinfo: %v", err)
	}
	m := regexp.MustCompile(`(?m)^Pages:\s+(\d+)`).FindSubmatch(out)
	if m == nil {
		t.Fatalf("pdfinfo printed no page count:\n%s", out)
	}
	n, _ := strconv.Atoi(string(m[1]))
	return n
}

// TestWriteDemo writes the report of demo histories and checks with pdftotext that
// the key facts are on the page, and with pdfinfo that it is one page, two at most.
func TestWriteDemo(t *testing.T) {
	needPoppler(t)
	oneYear := demoExport(t, 1)
	tests := []struct {
		name     string
		e        Records
		opt      Options
		maxPages int
	}{
		{"one year, default period", oneYear, Options{Now: demoNow}, 1},
		{"one year, whole year", oneYear, Options{Now: demoNow, From: demoNow.AddDate(-1, 0, 1)}, 1},
		{"one year, A4", oneYear, Options{Now: demoNow, Paper: A4}, 1},
		{"three years, whole history", demoExport(t, 3), Options{Now: demoNow, From: demoNow.AddDate(-3, 0, 0)}, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := Build(tt.e, tt.opt)
			if d.SessionCount == 0 || d.PHQ9 == nil || d.GAD7 == nil || d.HighBP == 0 {
				t.Fatalf("Build(%v) = %d sessions, PHQ-9 %v, GAD-7 %v, %d high BP; the demo should have all of them", tt.name, d.SessionCount, d.PHQ9, d.GAD7, d.HighBP)
			}
			path := writePDF(t, d)
			text := pdfText(t, path)
			var high SessionRow
			for _, s := range d.Sessions {
				if s.High > 0 {
					high = s
				}
			}
			want := []string{
				"Zoë Ψ Ёлка",
				"PHQ-9 · 0-27 GAD-7 · 0-21",
				strconv.Itoa(d.PHQ9.Total) + " " + d.PHQ9.Band + " " + strconv.Itoa(d.GAD7.Total) + " " + d.GAD7.Band,
				"latest, " + shortDate(d.PHQ9.At), // the demo's latest PHQ-9 is in the year the period ends
				plural(d.SessionCount, "session") + " in this period",
				longDate(high.At),
				high.BP.String() + " high",
				d.Verdict.Lines[0],
				SelfReported,
				"Page 1 of ",
			}
			for _, w := range want {
				if !strings.Contains(text, w) {
					t.Errorf("Write(%v): the PDF's text lacks %q", tt.name, w)
				}
			}
			if t.Failed() {
				t.Logf("the PDF's text:\n%s", text)
			}
			for _, bad := range []string{"fail", "?"} {
				if strings.Contains(strings.ReplaceAll(text, progress.LateResponders, ""), bad) {
					t.Errorf("Write(%v): the PDF's text holds %q:\n%s", tt.name, bad, text)
				}
			}
			if n := pdfPages(t, path); n < 1 || n > tt.maxPages {
				t.Errorf("Write(%v) made %d pages, want 1 to %d", tt.name, n, tt.maxPages)
			}
		})
	}
}

// TestWriteEmpty checks that a report of nothing still renders and says so.
func TestWriteEmpty(t *testing.T) {
	needPoppler(t)
	d := Build(Records{}, Options{Now: now, Name: "Ελένη"})
	path := writePDF(t, d)
	text := pdfText(t, path)
	for _, w := range []string{"Ελένη", "Nothing was recorded in this period.",
		"Not enough data yet: no session is marked done yet.", SelfReported} {
		if !strings.Contains(text, w) {
			t.Errorf("Write(empty): the PDF's text lacks %q\n%s", w, text)
		}
	}
	if n := pdfPages(t, path); n != 1 {
		t.Errorf("Write(empty) made %d pages, want 1", n)
	}
}

// TestWriteManySessions checks the worst case: a long period with more sessions than
// the table shows stays within two pages and says how many it leaves out.
func TestWriteManySessions(t *testing.T) {
	needPoppler(t)
	e := export()
	for i := range 60 {
		s := e.Sessions[1]
		s.ID = uint64(100 + i)
		s.At = at(2025, 3, 10, 10).AddDate(0, 0, 5*i)
		e.Sessions = append(e.Sessions, s)
	}
	d := Build(e, Options{Now: now, From: at(2025, 3, 4, 0)})
	path := writePDF(t, d)
	text := pdfText(t, path)
	if !regexp.MustCompile(`64 sessions in this period \(latest \d+ of 64\)`).MatchString(text) {
		t.Errorf("Write(64 sessions): the PDF's text does not say how many sessions it shows:\n%s", text)
	}
	if n := pdfPages(t, path); n < 1 || n > 2 {
		t.Errorf("Write(64 sessions) made %d pages, want 1 or 2", n)
	}
}

// TestWriteUnprintable checks that characters the font lacks print as "?" rather
// than break the PDF.
func TestWriteUnprintable(t *testing.T) {
	needPoppler(t)
	d := Build(export(), Options{Now: now, Name: "Zoë 李 \U0001F600 \U00010000 e\u0308"})
	text := pdfText(t, writePDF(t, d))
	if w := "Zoë ? ? ? ë"; !strings.Contains(text, w) {
		t.Errorf("Write(name with emoji and CJK): the PDF's text lacks %q\n%s", w, text)
	}
}

// TestWriteDeterministic checks, without poppler, that Write makes a whole PDF and
// the same one every time, also when two run at once.
func TestWriteDeterministic(t *testing.T) {
	d := Build(export(), Options{Now: now})
	var bufs [2]bytes.Buffer
	errs := make(chan error, len(bufs))
	for i := range bufs {
		go func() { errs <- Write(&bufs[i], d) }()
	}
	for range bufs {
		if err := <-errs; err != nil {
			t.Fatalf("Write: %v", err)
		}
	}
	out := bufs[0].Bytes()
	if !bytes.HasPrefix(out, []byte("%PDF-")) || !bytes.HasSuffix(bytes.TrimSpace(out), []byte("%%EOF")) {
		t.Fatalf("Write wrote %d bytes that are not a whole PDF", len(out))
	}
	if !bytes.Equal(out, bufs[1].Bytes()) {
		t.Errorf("Write(same data) twice gave different PDFs (%d and %d bytes)", len(out), bufs[1].Len())
	}
}
