package exchange

import (
	"bytes"
	"encoding/csv"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"keel/model"
	"keel/model/store"

	"pgregory.net/rapid"
)

// genHistory draws a set of valid records of every kind, linked as the app links them.
func genHistory(t *rapid.T) model.History {
	var h model.History
	text := rapid.StringN(0, 30, -1)
	when := func(name string) time.Time {
		return testNow.Add(-time.Duration(rapid.Int64Range(0, 3*365*24*3600).Draw(t, name)) * time.Second).Truncate(time.Second)
	}
	scale := func(name string) *int {
		if rapid.Bool().Draw(t, name+"?") {
			return ptr(rapid.IntRange(0, 10).Draw(t, name))
		}
		return nil
	}
	n := rapid.IntRange(0, 6).Draw(t, "sessions")
	for i := range n {
		s := genSession(t)
		s.ID = uint64(i + 1)
		s.Created, s.Updated = when("created"), when("updated")
		h.Add(model.Sessions, &s)
		if rapid.Bool().Draw(t, "checklist?") {
			c := model.NewChecklist(s.ID, model.DefaultTemplate(s.Route))
			for j := range c.Items {
				if rapid.Bool().Draw(t, "tick") {
					at := when("tick at")
					c.Items[j].DoneAt = &at
				}
			}
			c.Created, c.Updated = when("cc"), when("cu")
			h.Add(model.Checklists, &c)
		}
		for _, f := range model.NewFollowUps(s)[:rapid.IntRange(0, 4).Draw(t, "followups")] {
			if rapid.Bool().Draw(t, "filled?") {
				at := when("filled")
				f.Filled, f.Mood, f.LessSticky, f.Note = &at, ptr(rapid.IntRange(0, 10).Draw(t, "fm")), scale("fl"), text.Draw(t, "fnote")
			}
			f.Created, f.Updated = when("fc"), when("fu")
			h.Add(model.FollowUps, &f)
		}
	}
	for i := range rapid.IntRange(0, 8).Draw(t, "checkins") {
		c := model.CheckIn{ID: uint64(i + 1), At: when("ci"), Mood: ptr(rapid.IntRange(0, 10).Draw(t, "mood")),
			Anxiety: scale("anx"), Stress: scale("stress"), SleepQuality: scale("sq"), Note: text.Draw(t, "note"),
			Tags: rapid.SliceOfN(rapid.StringMatching(`[a-z🌿]{1,10}`), 0, 3).Draw(t, "tags")}
		if rapid.Bool().Draw(t, "hours?") {
			c.SleepHours = ptr(float64(rapid.IntRange(0, 48).Draw(t, "half hours")) / 2)
		}
		c.Created, c.Updated = when("cc"), when("cu")
		h.Add(model.CheckIns, &c)
	}
	for i := range rapid.IntRange(0, 6).Draw(t, "responses") {
		in := rapid.SampledFrom(model.Instruments).Draw(t, "instrument")
		answers := make([]int, len(in.Items))
		for j := range answers {
			answers[j] = rapid.IntRange(0, len(in.Answers)-1).Draw(t, "answer")
		}
		r := model.Response{ID: uint64(i + 1), Instrument: in.ID, At: when("ra"), Answers: answers}
		if in.Extra != nil && rapid.Bool().Draw(t, "extra?") {
			r.Extra = ptr(rapid.IntRange(0, 3).Draw(t, "extra"))
		}
		r.Created, r.Updated = when("rc"), when("ru")
		h.Add(model.Questionnaires, &r)
	}
	for i := range rapid.IntRange(0, 4).Draw(t, "journal") {
		j := model.JournalEntry{ID: uint64(i + 1), At: when("ja"), Text: "x" + text.Draw(t, "text"),
			Prompt: rapid.SampledFrom(append([]string{""}, model.IntegrationPrompts...)).Draw(t, "prompt")}
		if n > 0 && rapid.Bool().Draw(t, "tied?") {
			j.SessionID = uint64(rapid.IntRange(1, n).Draw(t, "session"))
		}
		j.Created, j.Updated = when("jc"), when("ju")
		h.Add(model.Journal, &j)
	}
	if rapid.Bool().Draw(t, "course?") {
		c := model.NewCourse(rapid.SampledFrom(model.CourseTemplates).Draw(t, "template"), when("start"))
		c.ID, c.Notes, c.Created, c.Updated = 1, text.Draw(t, "cnotes"), when("cc"), when("cu")
		h.Add(model.Courses, &c)
	}
	return h
}

// TestExportImportRoundTrip: for any set of records, exporting to JSON and importing
// into an empty store gives exactly the same records.
func TestExportImportRoundTrip(t *testing.T) {
	rapid.Check(t, func(rt *rapid.T) {
		h := genHistory(rt)
		src := openTest(t)
		if err := src.Add(h); err != nil {
			rt.Fatalf("Add() = %v", err)
		}
		st := model.DefaultSettings()
		st.PCL5, st.ReportName = true, rapid.StringN(0, 20, -1).Draw(rt, "name")
		if err := src.SaveSettings(st); err != nil {
			rt.Fatal(err)
		}
		tpl := model.DefaultTemplate(model.RouteIV)
		tpl.Items = tpl.Items[1:]
		if _, err := src.SaveTemplate(tpl); err != nil {
			rt.Fatal(err)
		}
		before, err := Snapshot(src)
		if err != nil {
			rt.Fatal(err)
		}
		var buf bytes.Buffer
		if err := before.WriteJSON(&buf); err != nil {
			rt.Fatal(err)
		}
		read, err := ReadExport(&buf)
		if err != nil {
			rt.Fatalf("ReadExport() = %v", err)
		}
		dst := openTest(t)
		res, err := dst.Import(read.History, store.ImportOptions{})
		if err != nil || len(res.Refused) > 0 || len(res.Conflicts) > 0 || res.Skipped > 0 {
			rt.Fatalf("Import() = %+v, %v; want everything added", res, err)
		}
		after, _ := dst.Snapshot()
		if !sameJSON(rt, after, before.History) {
			rt.Fatalf("round trip changed the records:\n got %+v\nwant %+v", after, before)
		}
		// Importing the same file again adds nothing.
		again, err := dst.Import(read.History, store.ImportOptions{})
		if err != nil || again.Added != 0 || again.Skipped != res.Added {
			rt.Fatalf("second Import() = %+v, %v; want all %d skipped", again, err, res.Added)
		}
	})
}

func TestImportConflicts(t *testing.T) {
	st := openTest(t)
	a, _ := st.SaveSession(model.Session{At: testNow.Add(-time.Hour), Status: model.StatusDone, Route: model.RouteIV, Notes: "mine"})
	e, _ := st.Snapshot()
	e.Of(model.Sessions)[0].(*model.Session).Notes = "theirs"
	e.Add(model.Sessions, &model.Session{ID: 40, At: testNow.Add(-48 * time.Hour), Status: model.StatusDone, Route: model.RouteIM})
	e.Add(model.Sessions, &model.Session{ID: 41, At: testNow.Add(-48 * time.Hour), Status: model.StatusDone, Route: model.RouteIM, MoodAfter: ptr(11)})
	e.Add(model.CheckIns, &model.CheckIn{ID: 7, At: testNow.Add(-time.Hour), Mood: ptr(5)})

	res, err := st.Import(e, store.ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if res.Added != 2 || len(res.Conflicts) != 1 || len(res.Refused) != 1 || res.Conflicts[0].ID != a.ID || res.Refused[0].ID != 41 {
		t.Fatalf("Import() = %+v, want 2 added, session %d a conflict, session 41 refused", res, a.ID)
	}
	if !strings.Contains(res.Refused[0].Reason, "0 to 10") || !strings.Contains(res.Summary(), "1 refused") {
		t.Errorf("refusal reason %q, summary %q: want the reason in words", res.Refused[0].Reason, res.Summary())
	}
	if got, _ := st.Session(a.ID); got.Notes != "mine" {
		t.Errorf("a conflicting import changed the session: notes %q", got.Notes)
	}
	res, _ = st.Import(e, store.ImportOptions{Replace: true})
	if res.Replaced != 1 {
		t.Fatalf("Import(replace) = %+v, want 1 replaced", res)
	}
	if got, _ := st.Session(a.ID); got.Notes != "theirs" {
		t.Errorf("Import(replace) kept notes %q", got.Notes)
	}
	// New records get IDs after the imported ones.
	next, _ := st.SaveSession(model.Session{At: testNow.Add(-time.Minute), Status: model.StatusDone, Route: model.RouteIV})
	if next.ID <= 40 {
		t.Errorf("a session saved after the import got ID %d, which an imported one may use", next.ID)
	}
}

func TestReadExportRefuses(t *testing.T) {
	good := `{"format":"keel-export","version":1,"exported_at":"2026-03-12T15:00:00-05:00","templates":[],"sessions":[],"checklists":[],"checkins":[],"questionnaires":[],"followups":[],"journal":[],"courses":[]}`
	if _, err := ReadExport(strings.NewReader(good)); err != nil {
		t.Fatalf("ReadExport(minimal) = %v", err)
	}
	tests := []struct {
		name, in string
		want     error
	}{
		{"empty", "", model.ErrNotExport},
		{"not JSON", "date,mood\n2026-01-01,rad", model.ErrNotExport},
		{"another format", `{"format":"daylio","version":1}`, model.ErrNotExport},
		{"newer version", `{"format":"keel-export","version":3}`, model.ErrNewerExport},
		{"unknown field", strings.Replace(good, `"courses":[]`, `"courses":[],"extra":1`, 1), model.ErrNotExport},
		{"trailing data", good + good, model.ErrNotExport},
		{"wrong total", strings.Replace(good, `"questionnaires":[]`, `"questionnaires":[{"id":1,"instrument":"gad7","at":"2026-03-01T10:00:00Z","answers":[1,1,1,1,1,1,1],"created":"2026-03-01T10:00:00Z","updated":"2026-03-01T10:00:00Z","total":9}]`, 1), model.ErrNotExport},
		{"truncated", good[:len(good)/2], model.ErrNotExport},
	}
	for _, tt := range tests {
		if _, err := ReadExport(strings.NewReader(tt.in)); !errors.Is(err, tt.want) {
			t.Errorf("ReadExport(%s) = %v, want %v", tt.name, err, tt.want)
		}
	}
}

func TestCSVCell(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"plain", "plain"},
		{"=SUM(A1:A9)", "'=SUM(A1:A9)"},
		{"+1 555 0100", "'+1 555 0100"},
		{"-rm -rf", "'-rm -rf"},
		{"@cmd", "'@cmd"},
		{"\tindent", "'\tindent"},
		{"-5", "-5"},
		{"450.00", "450.00"},
		{"a=b", "a=b"},
		{"'=already quoted", "''=already quoted"},
		{"'Tis", "'Tis"},
	}
	for _, tt := range tests {
		if got := CSVCell(tt.in); got != tt.want {
			t.Errorf("CSVCell(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// readCSV reads a file written by ExportCSV back into its header and rows, undoing
// the BOM and the formula guard.
func readCSV(t interface{ Fatalf(string, ...any) }, path string) ([]string, [][]string) {
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("read %s: %v", path, err)
	}
	if !bytes.HasPrefix(data, []byte("\ufeff")) {
		t.Fatalf("%s has no UTF-8 byte-order mark", path)
	}
	rows, err := csv.NewReader(bytes.NewReader(data[3:])).ReadAll()
	if err != nil {
		t.Fatalf("parse %s: %v", path, err)
	}
	for _, row := range rows {
		for i, c := range row {
			row[i] = uncell(c)
		}
	}
	return rows[0], rows[1:]
}

// uncell undoes CSVCell: it drops the apostrophe CSVCell put before a risky first
// character, or before an apostrophe that was followed by one.
func uncell(c string) string {
	k := len(c) - len(strings.TrimLeft(c, "'"))
	if k > 0 && k < len(c) && strings.ContainsRune("=+-@\t\r", rune(c[k])) {
		return c[1:]
	}
	return c
}

// TestCSVRoundTrip: for any records, every cell of the CSV export reads back as the
// value it was written from, with unicode, commas, quotes and line breaks intact
// (a CRLF in a cell reads back as LF, as in every CSV reader).
func TestCSVRoundTrip(t *testing.T) {
	rapid.Check(t, func(rt *rapid.T) {
		h := genHistory(rt)
		src := openTest(t)
		if err := src.Add(h); err != nil {
			rt.Fatal(err)
		}
		stored, _ := src.Snapshot()
		dir := t.TempDir()
		if err := WriteCSV(dir, &stored, nil, ""); err != nil {
			rt.Fatalf("WriteCSV() = %v", err)
		}
		for _, k := range model.Kinds {
			checkCSV(rt, filepath.Join(dir, CSVFile(k)), k, stored.Of(k))
		}
	})
}

// checkCSV compares the file of kind k with the rows k's Table makes of records.
func checkCSV(t *rapid.T, path string, k *model.Kind, records []model.Record) {
	header, rows := readCSV(t, path)
	if !slices.Equal(header, k.Table.Header) {
		t.Fatalf("%s: header %q, want %q", filepath.Base(path), header, k.Table.Header)
	}
	var want [][]string
	for _, r := range records {
		want = append(want, k.Table.Rows(r)...)
	}
	if len(rows) != len(want) {
		t.Fatalf("%s: %d rows, want %d", filepath.Base(path), len(rows), len(want))
	}
	for i := range want {
		for j := range want[i] {
			// CSV readers turn a CRLF inside a cell into LF; everything else is kept.
			if w := strings.ReplaceAll(want[i][j], "\r\n", "\n"); rows[i][j] != w {
				t.Fatalf("%s row %d column %s = %q, want %q", filepath.Base(path), i+1, header[j], rows[i][j], w)
			}
		}
	}
}

func TestExportCSVFiles(t *testing.T) {
	st := openTest(t)
	st.SaveSession(model.Session{At: testNow.Add(-time.Hour), Status: model.StatusDone, Route: model.RouteIV, Notes: "=HYPERLINK(\"x\")", Cost: ptr(model.Money(550_00)), MoodBefore: ptr(3)})
	h, _ := st.Snapshot()
	dir := filepath.Join(t.TempDir(), "csv")
	if err := WriteCSV(dir, &h, nil, ""); err != nil {
		t.Fatal(err)
	}
	for _, k := range model.Kinds {
		name := CSVFile(k)
		info, err := os.Stat(filepath.Join(dir, name))
		if err != nil || info.Mode().Perm() != 0o600 {
			t.Errorf("%s: %v, mode %v; want a private file", name, err, info.Mode())
		}
	}
	raw, _ := os.ReadFile(filepath.Join(dir, "sessions.csv"))
	if !strings.Contains(string(raw), ",550.00,") || !strings.Contains(string(raw), `"'=HYPERLINK(""x"")"`) || !strings.Contains(string(raw), ",3,") {
		t.Errorf("sessions.csv = %s\nwant the cost and mood as plain numbers and the formula neutralised", raw)
	}
}

// TestCSVCellReversible: the formula guard can always be told from the text.
func TestCSVCellReversible(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		s := rapid.StringMatching(`['=+\-@\t\r]{0,3}[a-z0-9.]{0,4}`).Draw(t, "s")
		if got := uncell(CSVCell(s)); got != s {
			t.Fatalf("uncell(CSVCell(%q)) = %q", s, got)
		}
	})
}
