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

// pdfText is the text of the PDF as laid out (a table row reads as a line), with
// every run of white space made one space.
func pdfText(t *testing.T, path string) string {
	t.Helper()
	out, err := exec.Command("pdftotext", "-layout", "-enc", "UTF-8", path, "-").Output()
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

// you finds a sentence addressed to the patient: the report is for the prescriber.
var you = regexp.MustCompile(`(?i)\byou(r|rself)?\b`)

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
			phq := d.Measures[0]
			if d.SessionCount == 0 || phq.Latest == nil || phq.Baseline == nil || d.Measures[1].Latest == nil || d.BPRecorded == 0 {
				t.Fatalf("Build(%v) = %d sessions, PHQ-9 %+v, %d BP readings; the demo should have all of them", tt.name, d.SessionCount, phq, d.BPRecorded)
			}
			path := writePDF(t, d)
			text := pdfText(t, path)
			last := d.Sessions[len(d.Sessions)-1]
			lastNumber := "–" // a session outside the course has no number
			if last.Number > 0 {
				lastNumber = strconv.Itoa(last.Number)
			}
			want := []string{
				"Zoë Ψ Ёлка",
				"Measures over the course",
				"PHQ-9 " + scoreText(model.PHQ9, phq.Baseline),
				scoreText(model.PHQ9, phq.Latest),
				scoreDate(phq.Baseline), scoreDate(phq.Latest),
				"PHQ-9, each answer in the period", "GAD-7, each answer in the period",
				plural(d.SessionCount, "session") + " in this period",
				lastNumber + " " + longDate(last.At) + " " + routeShort(last.Route) + " " + last.Dose + " " +
					bpText(last.BPBefore) + " " + bpText(last.BPAfter40) + " " + bpText(last.BPDischarge),
				"72 h after: follow-up means",
				d.Verdict.Lines[0],
				"PHQ-9 item 9",
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
			for _, bad := range []string{"fail", "?", "dips are common", "compares you"} {
				if strings.Contains(text, bad) {
					t.Errorf("Write(%v): the PDF's text holds %q:\n%s", tt.name, bad, text)
				}
			}
			if m := you.FindString(text); m != "" {
				t.Errorf("Write(%v): the PDF speaks to the patient (%q):\n%s", tt.name, m, text)
			}
			if n := pdfPages(t, path); n < 1 || n > tt.maxPages {
				t.Errorf("Write(%v) made %d pages, want 1 to %d", tt.name, n, tt.maxPages)
			}
		})
	}
}

// rich is a course with everything a prescriber must see: a clinic-form baseline
// dated to the first session's day, the induction judged at its end point and the
// response lost since, deterioration on all three questionnaires, item 9 above 0
// three times, pre-dose readings above 140/90, dissociation and follow-ups.
func rich() (Records, Options) {
	at := func(m time.Month, d, h int) time.Time { return time.Date(2026, m, d, h, 0, 0, 0, loc) }
	course := model.NewCourse(model.CourseIV, at(2, 2, 9))
	var sessions []model.Session
	var fus []model.FollowUp
	for i, d := range []int{2, 4, 6, 9, 11, 16} {
		s := model.Session{ID: uint64(i + 1), At: at(2, d, 10), Status: model.StatusDone, Route: model.RouteIV,
			Dose: &model.Dose{Amount: 0.5, Unit: model.UnitMgPerKg}, Dissociation: ip(5 + i%3),
			BPBefore: &model.BloodPressure{Systolic: 128 + 3*i, Diastolic: 82}, BPAfter40: &model.BloodPressure{Systolic: 150, Diastolic: 94},
			BPDischarge: &model.BloodPressure{Systolic: 134, Diastolic: 85}}
		sessions = append(sessions, s)
		for j, f := range model.NewFollowUps(s) {
			if j < 3 {
				f.Filled = tp(f.Due)
				f.SleepHours, f.Stress, f.Mood = fp(6.5+float64(j)/2), ip(4-j), ip(5+j)
			}
			fus = append(fus, f)
		}
	}
	sessions = append(sessions, model.Session{ID: 7, At: at(3, 20, 10), Status: model.StatusDone, Route: model.RouteIV,
		Dose: &model.Dose{Amount: 0.5, Unit: model.UnitMgPerKg}, BPBefore: &model.BloodPressure{Systolic: 146, Diastolic: 91}, Dissociation: ip(4)})
	base := phq(model.DayOnlyAt(at(2, 2, 0)), 19, 1)
	base.DayOnly, base.Source = true, model.SourceClinicForm
	rs := []model.Response{
		base, gad(at(1, 30, 19), 8), pcl(at(1, 20, 19), 44),
		phq(at(2, 12, 19), 12, 1), gad(at(2, 12, 19), 6),
		phq(at(3, 8, 19), 8, 0), gad(at(3, 8, 19), 4), pcl(at(3, 1, 19), 24),
		phq(at(3, 29, 19), 14, 1), gad(at(3, 29, 19), 13), pcl(at(3, 29, 19), 35),
	}
	return Records{Settings: &model.Settings{ReportName: "A. Person"}, Sessions: sessions, Questionnaires: rs, FollowUps: fus,
		Courses: []model.Course{course}}, Options{Now: at(4, 2, 18)}
}

// TestWriteRich checks, on the page itself, what a prescriber deciding the next step
// needs (the clinician page of docs/product.md item 8).
func TestWriteRich(t *testing.T) {
	needPoppler(t)
	e, opt := rich()
	d := Build(e, opt)
	path := writePDF(t, d)
	text := pdfText(t, path)
	for _, w := range []string{
		"Induction end point: baseline PHQ-9 19 (2 Feb 2026) → 8 (8 Mar 2026), day 20 after the last induction session (16 Feb 2026)",
		"response lost",
		"Baseline entered from a clinic (paper) form",
		"Deterioration: PHQ-9 +6 from previous 8 (8 Mar 2026) to 14 (29 Mar 2026); threshold 5 points.",
		"Deterioration: GAD-7 +5 from baseline 8 (30 Jan 2026) and +9 from previous 4 (8 Mar 2026) to 13 (29 Mar 2026); threshold 4 points.",
		"Deterioration: PCL-5 +11 from previous 24 (1 Mar 2026) to 35 (29 Mar 2026); threshold 10 points.",
		"above 0 in 3 of 4 PHQ-9s: 2 Feb 2026 (several days), 12 Feb 2026 (several days), 29 Mar 2026 (several days)",
		"PHQ-9 19 moderately severe 8 mild 14 moderate −5 (−26%)",
		"0-27, n=4 2 Feb 2026, clinic form 8 Mar 2026, day 20 29 Mar 2026 but +6 since 8 Mar: deterioration",
		"GAD-7 8 mild n/a 13 moderate +5 (+63%)",
		"PCL-5 44 n/a 35 −9 (−20%)",
		"PCL-5, with change lines",
		"5 11 Feb 2026 IV 0.5 mg/kg 140/82 150/94 134/85 6 7.0 3.0 6.0", // 140 is on the line, not above it
		"6 16 Feb 2026 IV 0.5 mg/kg 143/82 high 150/94 134/85 7 7.0 3.0 6.0",
		"7 20 Mar 2026 IV 0.5 mg/kg 146/91 high – – 4 – – –",
		"before dosing above 140/90 at 2 of 7 sessions",
	} {
		if !strings.Contains(text, w) {
			t.Errorf("the PDF's text lacks %q", w)
		}
	}
	if t.Failed() {
		t.Logf("the PDF's text:\n%s", text)
	}
	if m := you.FindString(text); m != "" {
		t.Errorf("the PDF speaks to the patient (%q)", m)
	}
	if n := pdfPages(t, path); n != 1 {
		t.Errorf("a normal course made %d pages, want 1", n)
	}
}

// TestWriteEmpty checks that a report of nothing still renders and says so.
func TestWriteEmpty(t *testing.T) {
	needPoppler(t)
	d := Build(Records{}, Options{Now: now, Name: "Ελένη"})
	path := writePDF(t, d)
	text := pdfText(t, path)
	for _, w := range []string{"Ελένη", "Nothing was recorded in this period.",
		"Not enough data: no session recorded as done.", "no PHQ-9 yet", SelfReported} {
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
