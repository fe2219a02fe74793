package cli

import (
	"bytes"
	"encoding/json"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"keel/model"
	"keel/model/store"
)

// progressData is a data folder holding an IV course judged at its end point: six
// induction sessions on 2-16 February 2026, a PHQ-9 of 20 the day before (item 9
// "several days") and of 10 on 9 March, day 21; a GAD-7 of 6 before and of 12 on 10
// March, a deterioration. Times are at noon or 3 pm UTC, so the days are the same in
// any time zone of the tests' machines.
func progressData(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	clock := time.Date(2026, 3, 12, 12, 0, 0, 0, time.UTC)
	st, err := store.Open(store.DataFile(dir), store.Options{Now: func() time.Time { return clock }})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	utc := func(m time.Month, d, h int) time.Time { return time.Date(2026, m, d, h, 0, 0, 0, time.UTC) }
	var h model.History
	c := model.NewCourse(model.CourseIV, utc(2, 2, 9))
	h.Add(model.Courses, &c)
	for _, d := range []int{2, 4, 6, 9, 11, 16} {
		h.Add(model.Sessions, &model.Session{At: utc(2, d, 15), Status: model.StatusDone, Route: model.RouteIV})
	}
	h.Add(model.Questionnaires,
		&model.Response{Instrument: model.PHQ9.ID, At: utc(2, 1, 12), Answers: []int{3, 3, 3, 3, 2, 2, 2, 1, 1}},
		&model.Response{Instrument: model.PHQ9.ID, At: utc(3, 9, 12), Answers: []int{2, 2, 1, 1, 1, 1, 1, 1, 0}},
		&model.Response{Instrument: model.GAD7.ID, At: utc(1, 30, 12), Answers: []int{1, 1, 1, 1, 1, 1, 0}},
		&model.Response{Instrument: model.GAD7.ID, At: utc(3, 10, 12), Answers: []int{2, 2, 2, 2, 2, 1, 1}},
	)
	if err := st.Add(h); err != nil {
		t.Fatal(err)
	}
	return dir
}

func TestProgressCommandJSON(t *testing.T) {
	dir := progressData(t)
	out := runOK(t, "progress", "--data", dir, "--at", "2026-03-12", "--format", "json")
	var doc struct {
		Format  string `json:"format"`
		Version int    `json:"version"`
		At      string `json:"at"`
		Course  struct {
			Entered   bool   `json:"entered"`
			Name      string `json:"name"`
			Route     string `json:"route"`
			Sessions  int    `json:"sessions"`
			Induction struct {
				Sessions     int    `json:"sessions"`
				Done         int    `json:"done"`
				Complete     bool   `json:"complete"`
				EndPointFrom string `json:"end_point_from"`
				EndPointTo   string `json:"end_point_to"`
			} `json:"induction"`
		} `json:"course"`
		Verdict struct {
			State, Missing, Later, Current string
			Baseline, Latest               *struct {
				Total  int    `json:"total"`
				Band   string `json:"band"`
				Date   string `json:"date"`
				Source string `json:"source"`
			}
			EndPoint *struct {
				Date string `json:"date"`
			} `json:"end_point"`
			Lines []string `json:"lines"`
		} `json:"verdict"`
		Measures []struct {
			Instrument string `json:"instrument"`
			Count      int    `json:"count"`
			Baseline   *struct {
				Total int `json:"total"`
			} `json:"baseline"`
		} `json:"measures"`
		Flags []struct {
			Instrument   string `json:"instrument"`
			Threshold    int    `json:"threshold"`
			FromBaseline *struct {
				Points int `json:"points"`
			} `json:"from_baseline"`
			FromPrevious *struct{} `json:"from_previous"`
			Text         string    `json:"text"`
		} `json:"flags"`
		Item9 struct {
			Answered int `json:"answered"`
			Positive []struct {
				Date   string `json:"date"`
				Answer int    `json:"answer"`
				Label  string `json:"label"`
			} `json:"positive"`
		} `json:"item9"`
		Reassure bool `json:"reassure"`
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatalf("keel progress --format json wrote %v:\n%s", err, out)
	}
	c := doc.Course
	if doc.Format != "keel-progress" || doc.Version != 1 || !strings.HasPrefix(doc.At, "2026-03-12T23:59:59") ||
		!c.Entered || c.Name != "IV ketamine course" || c.Route != "iv" || c.Sessions != 6 ||
		c.Induction.Sessions != 6 || !c.Induction.Complete || c.Induction.EndPointFrom != "2026-03-02" || c.Induction.EndPointTo != "2026-03-19" {
		t.Errorf("course = %+v (format %q, version %d, at %q)", c, doc.Format, doc.Version, doc.At)
	}
	v := doc.Verdict
	if v.State != "response" || v.Current != "response" || v.Missing != "" || v.Later != "" ||
		v.Baseline == nil || v.Baseline.Total != 20 || v.Baseline.Date != "2026-02-01" || v.Baseline.Band != "severe" || v.Baseline.Source != "keel" ||
		v.Latest == nil || v.Latest.Total != 10 || v.Latest.Date != "2026-03-09" || v.EndPoint == nil || v.EndPoint.Date != "2026-03-09" || len(v.Lines) == 0 {
		t.Errorf("verdict = %+v", v)
	}
	if !strings.HasPrefix(v.Lines[0], "End of the induction series: PHQ-9 20 on 1 Feb 2026 (baseline) → 10 on 9 Mar 2026, 21 days after its last session") {
		t.Errorf("verdict line = %q", v.Lines[0])
	}
	if len(doc.Measures) != 3 || doc.Measures[0].Instrument != "phq9" || doc.Measures[1].Baseline == nil || doc.Measures[1].Baseline.Total != 6 || doc.Measures[2].Count != 0 {
		t.Errorf("measures = %+v", doc.Measures)
	}
	if len(doc.Flags) != 1 || doc.Flags[0].Instrument != "gad7" || doc.Flags[0].Threshold != 4 || doc.Flags[0].FromBaseline == nil ||
		doc.Flags[0].FromBaseline.Points != 6 || doc.Flags[0].FromPrevious != nil || !strings.HasSuffix(doc.Flags[0].Text, "Please tell your care team.") {
		t.Errorf("flags = %+v", doc.Flags)
	}
	if doc.Item9.Answered != 2 || len(doc.Item9.Positive) != 1 || doc.Item9.Positive[0].Date != "2026-02-01" || doc.Item9.Positive[0].Label != "Several days" {
		t.Errorf("item 9 = %+v", doc.Item9)
	}
	if doc.Reassure {
		t.Error("reassure = true beside a deterioration flag")
	}
	// Every field the document has is described in docs/progress-format.md.
	described := describedFields(t)
	var raw map[string]any
	json.Unmarshal([]byte(out), &raw)
	for _, k := range fieldNames(raw) {
		if !described[k] {
			t.Errorf("docs/progress-format.md does not describe the field %q", k)
		}
	}
}

// describedFields are the field names docs/progress-format.md puts in backquotes.
func describedFields(t *testing.T) map[string]bool {
	t.Helper()
	data, err := os.ReadFile("../../docs/progress-format.md")
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]bool{}
	for _, m := range regexp.MustCompile("`([a-z0-9_]+)`").FindAllStringSubmatch(string(data), -1) {
		out[m[1]] = true
	}
	return out
}

// fieldNames lists every object key in v, recursively.
func fieldNames(v any) []string {
	var out []string
	switch x := v.(type) {
	case map[string]any:
		for k, e := range x {
			out = append(out, k)
			out = append(out, fieldNames(e)...)
		}
	case []any:
		for _, e := range x {
			out = append(out, fieldNames(e)...)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

func TestProgressCommandText(t *testing.T) {
	dir := progressData(t)
	out := runOK(t, "progress", "--data", dir, "--at", "2026-03-12")
	for _, want := range []string{
		"Judged as of 12 Mar 2026 23:59.",
		"Course: IV ketamine course, started 2 Feb 2026 (IV infusion); 6 sessions counted.",
		"Induction series: 6 of 6 sessions, the last on 16 Feb 2026; end point taken 2 Mar 2026 to 19 Mar 2026.",
		"Verdict: response",
		"  End of the induction series: PHQ-9 20 on 1 Feb 2026 (baseline) → 10 on 9 Mar 2026, 21 days after its last session: 10 points (50%) lower: a response",
		"PHQ-9  baseline 20 (severe) on 1 Feb 2026; end point 10 (moderate) on 9 Mar 2026; latest 10 (moderate) on 9 Mar 2026; 2 answers in the course",
		"GAD-7  baseline 6 (mild) on 30 Jan 2026; latest 12 (moderate) on 10 Mar 2026",
		"PCL-5  baseline none; latest none; 0 answers in the course",
		"  Your GAD-7 is 6 points higher than before treatment: 12 on 10 Mar 2026, against 6 on 30 Jan 2026. Please tell your care team.",
		"PHQ-9 item 9 above 0 over the course (2 PHQ-9s answered):\n  1 Feb 2026: several days",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("keel progress lacks %q:\n%s", want, out)
		}
	}
	// Judged earlier, in the series and before a PHQ-9 since it began: not enough
	// data, and no flag yet.
	early := runOK(t, "progress", "--data", dir, "--at", "2026-02-10")
	if !strings.Contains(early, "Verdict: not enough data yet\n  Not enough data yet: there is no PHQ-9 since your first session (2 Feb 2026)") ||
		!strings.Contains(early, "Induction series: 4 of 6 sessions.") || !strings.Contains(early, "Deterioration:\n  none") {
		t.Errorf("keel progress --at 2026-02-10:\n%s", early)
	}
	// An RFC 3339 time works too; before any session, there is nothing to judge.
	if out := runOK(t, "progress", "--data", dir, "--at", "2026-01-31T12:00:00Z"); !strings.Contains(out, "Verdict: not enough data yet") {
		t.Errorf("keel progress before the course:\n%s", out)
	}
}

func TestProgressCommandUsage(t *testing.T) {
	dir := progressData(t)
	for _, args := range [][]string{
		{"progress", "--data", dir, "--at", "12 March"},
		{"progress", "--data", dir, "--format", "xml"},
		{"progress", "--data", dir, "extra"},
	} {
		var stdout, stderr bytes.Buffer
		if code := run(t, args, &stdout, &stderr); code != 2 || !strings.Contains(stderr.String(), "keel progress:") {
			t.Errorf("keel %s = %d, %q; want 2 and how to call it", strings.Join(args, " "), code, stderr.String())
		}
	}
	if !slices.ContainsFunc(Commands(), func(c *Command) bool { return c.Name == "progress" }) {
		t.Error("progress is not among the commands")
	}
	if help := runOK(t, "help", "progress"); !strings.Contains(help, "Usage: keel progress [--data DIR] [--at DATE] [--format text|json]") {
		t.Errorf("keel help progress = %q", help)
	}
}
