package cli

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"keel/model"
	"keel/model/demo"
	"keel/model/insights"
	"keel/model/store"
)

// insightsData is a data folder with eight sessions in the spring of 2025, 12 days
// apart: the four prepared for (8 of 10 items done) followed by a mood 2 points
// higher than the week before, the four others by no change.
func insightsData(t *testing.T) (dir string, h model.History) {
	t.Helper()
	dir = t.TempDir()
	loc := time.Local
	st, err := store.Open(store.DataFile(dir), store.Options{Now: func() time.Time { return time.Date(2025, 7, 1, 12, 0, 0, 0, loc) }})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	var sessions []model.Session
	var checklists []model.Checklist
	var checkIns []model.CheckIn
	id := uint64(0)
	for i := range 8 {
		id++
		day := time.Date(2025, 3, 1+12*i, 0, 0, 0, 0, loc)
		s := model.Session{ID: id, At: day.Add(10 * time.Hour), Status: model.StatusDone, Route: model.RouteIV, Setting: model.SettingClinic}
		sessions = append(sessions, s)
		c := model.Checklist{SessionID: s.ID, Route: s.Route}
		for k := range 10 {
			it := model.ChecklistItem{Text: "item " + string(rune('a'+k))}
			if k < 5 || i < 4 && k < 8 {
				at := s.At.Add(-time.Hour)
				it.DoneAt = &at
			}
			c.Items = append(c.Items, it)
		}
		checklists = append(checklists, c)
		lift := 0
		if i < 4 {
			lift = 2 + i%2
		}
		for k := 1; k <= 4; k++ {
			before, after := 4, 4+lift
			id++
			checkIns = append(checkIns, model.CheckIn{ID: id, At: day.AddDate(0, 0, -k).Add(20 * time.Hour), Mood: &before})
			id++
			checkIns = append(checkIns, model.CheckIn{ID: id, At: day.AddDate(0, 0, k).Add(20 * time.Hour), Mood: &after})
		}
	}
	model.AddRecords(&h, model.Sessions, sessions)
	model.AddRecords(&h, model.Checklists, checklists)
	model.AddRecords(&h, model.CheckIns, checkIns)
	if err := st.Add(h); err != nil {
		t.Fatal(err)
	}
	return dir, h
}

func TestInsightsCommand(t *testing.T) {
	dir, h := insightsData(t)
	out := runOK(t, "insights", "--data", dir, "--at", "2025-06-30", "--format", "json")
	var got insights.Report
	dec := json.NewDecoder(strings.NewReader(out))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&got); err != nil {
		t.Fatalf("insights --format json wrote %v:\n%s", err, out)
	}
	at := time.Date(2025, 7, 1, 0, 0, 0, 0, time.Local).Add(-time.Nanosecond)
	want := insights.Compute(insights.RecordsOf(&h), insights.Options{Now: at, Loc: time.Local})
	wantJSON, _ := json.Marshal(want)
	gotJSON, _ := json.Marshal(got)
	if !bytes.Equal(gotJSON, wantJSON) {
		t.Errorf("the command's report differs from insights.Compute at the end of 30 June:\n%s\n%s", gotJSON, wantJSON)
	}
	if got.Format != "keel-insights" || got.Version != 1 || len(got.Sessions) != 8 {
		t.Errorf("format %q version %d, %d sessions", got.Format, got.Version, len(got.Sessions))
	}
	prep := got.SessionFindings[0]
	if prep.ID != insights.PreparationID || prep.With.N != 4 || prep.Without.N != 4 || prep.Verdict != insights.LinkedBetter || prep.Interval == nil {
		t.Errorf("preparation = %+v", prep)
	}

	text := runOK(t, "insights", "--data", dir, "--at", "2025-06-30")
	for _, want := range []string{
		"What helps, from your own records up to 30 Jun 2025",
		"* Sessions with 80% or more of the checklist done were followed by better",
		"  Worth mentioning to your care team.",
		insights.AssociationLine[:40],
		"Setting: not enough data yet.",
		"2025-03-01  4.0 -> 6.0 (4, 4 days)  change +2.0; prepared 80%, clinic",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("text output lacks %q:\n%s", want, text)
		}
	}
	for _, line := range strings.Split(text, "\n") {
		if len([]rune(line)) > 80 {
			t.Errorf("line longer than 80 characters: %q", line)
		}
	}

	// Judged as of mid-March only the first session is there, and too recent.
	early := runOK(t, "insights", "--data", dir, "--at", "2025-03-05", "--format", "json")
	var rep insights.Report
	if err := json.Unmarshal([]byte(early), &rep); err != nil || len(rep.Sessions) != 1 || rep.Sessions[0].Status != insights.TooRecent {
		t.Errorf("as of 5 March: %v, %+v", err, rep.Sessions)
	}

	var stdout, stderr bytes.Buffer
	for _, args := range [][]string{
		{"insights", "--data", dir, "--format", "xml"},
		{"insights", "--data", dir, "--at", "last week"},
		{"insights", "--data", dir, "extra"},
	} {
		stderr.Reset()
		if code := run(t, args, &stdout, &stderr); code != 2 || !strings.Contains(stderr.String(), "--format text") {
			t.Errorf("keel %s = %d, %q; want 2 and how to call it", strings.Join(args, " "), code, stderr.String())
		}
	}
}

// TestInsightsOnEmptyData: a new folder has nothing to compare, and says so.
func TestInsightsOnEmptyData(t *testing.T) {
	out := runOK(t, "insights", "--data", t.TempDir())
	if !strings.Contains(out, "No finished sessions yet.") || !strings.Contains(out, "Nothing has enough data to compare yet.") {
		t.Errorf("insights on an empty folder said:\n%s", out)
	}
}

// BenchmarkInsightsTenYears is what the What helps screen costs over a ten-year
// demo history: reading every record from the database and working out every
// finding (keel insights --format json without the printing).
func BenchmarkInsightsTenYears(b *testing.B) {
	now := time.Date(2026, 3, 12, 15, 0, 0, 0, time.Local)
	st, err := store.Open(store.DataFile(b.TempDir()), store.Options{Now: func() time.Time { return now }})
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	if err := st.Add(demo.Demo(now, 10, 1)); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		h, err := st.Snapshot()
		if err != nil {
			b.Fatal(err)
		}
		insights.Compute(insights.RecordsOf(&h), insights.Options{Now: now, Loc: time.Local})
	}
}

// TestReportAndInsightsReadDaysInTheirZone: --from, --to and --at are days where the
// person is (time.Local): --from 2026-01-01 in New York starts at midnight in New
// York, and --at judges up to the end of that day there.
func TestReportAndInsightsReadDaysInTheirZone(t *testing.T) {
	for _, zone := range []string{"America/Los_Angeles", "America/New_York", "Pacific/Auckland", "Asia/Kolkata", "UTC"} {
		loc, err := time.LoadLocation(zone)
		if err != nil {
			t.Fatal(err)
		}
		opt, err := reportPeriod("2026-01-01", "2026-03-31", loc)
		if err != nil {
			t.Fatal(err)
		}
		if f, to := opt.From.In(loc), opt.To.In(loc); f.Format("2006-01-02 15:04") != "2026-01-01 00:00" || to.Format("2006-01-02 15:04") != "2026-03-31 00:00" || opt.Loc != loc {
			t.Errorf("%s: --from/--to = %v..%v in %v, want midnight of 1 January and 31 March there", zone, f, to, opt.Loc)
		}
		day, _ := model.ParseDate("2026-03-08", loc) // daylight saving starts in the US
		got := judgedAt(time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC), day, loc)
		if got.Format("2006-01-02 15:04:05") != "2026-03-08 23:59:59" || got.Location() != loc {
			t.Errorf("%s: --at 2026-03-08 judges at %v, want the last moment of 8 March there", zone, got)
		}
		if now := time.Date(2026, 3, 8, 12, 0, 0, 0, loc); !judgedAt(now, day, loc).Equal(now) {
			t.Errorf("%s: --at today judges at %v, want now", zone, judgedAt(now, day, loc))
		}
	}
	if _, err := reportPeriod("01/01/2026", "", time.UTC); err == nil {
		t.Error("reportPeriod(day first) = nil error")
	}
}
