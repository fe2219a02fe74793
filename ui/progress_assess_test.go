package ui

import (
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"keel/model"
	"keel/model/chart"
	"keel/model/demo"
	"keel/model/insights"
	"keel/model/progress"
)

// course saves three IV sessions (1, 8 and 15 February 2026) and PHQ-9s with these
// answers on these days (all before testNow, 12 March 2026).
func course(t *testing.T, st interface {
	SaveSession(model.Session) (model.Session, error)
	SaveResponse(model.Response) (model.Response, error)
}, phq map[string][]int) {
	t.Helper()
	for _, d := range []int{1, 8, 15} {
		if _, err := st.SaveSession(model.Session{At: time.Date(2026, 2, d, 10, 0, 0, 0, time.Local), Status: model.StatusDone, Route: model.RouteIV}); err != nil {
			t.Fatal(err)
		}
	}
	for day, answers := range phq {
		at, err := time.ParseInLocation("2006-01-02 15:04", day+" 09:00", time.Local)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := st.SaveResponse(model.Response{Instrument: model.PHQ9.ID, At: at, Answers: answers, Extra: ptr(1)}); err != nil {
			t.Fatal(err)
		}
	}
}

// TestProgressDeterioration: a PHQ-9 6 points above the baseline is flagged plainly
// on Progress and on Today, with both scores and dates and the care team; no
// reassurance is shown beside it (docs/clinical.md, PHQ-9 "Deterioration"); item 9
// above 0 is listed with its date on Progress.
func TestProgressDeterioration(t *testing.T) {
	u, st := newTestUI(t)
	course(t, st, map[string][]int{
		"2026-01-30": {2, 2, 2, 2, 2, 2, 0, 0, 0}, // 12, the baseline
		"2026-03-10": {3, 3, 3, 3, 2, 2, 1, 0, 1}, // 18, item 9 "several days"
	})
	u.today.refresh()
	today := labelTexts(u.today.content)
	want := "Your PHQ-9 is 6 points higher than before treatment: 18 on 10 Mar 2026, against 12 on 30 Jan 2026. Please tell your care team."
	if !strings.Contains(today, want) || !u.today.flags.box.Visible() {
		t.Errorf("Today does not show the flag %q:\n%s", want, today)
	}
	u.Show(ScreenProgress)
	verdict := labelTexts(u.progress.verdict) + richTexts(u.progress.verdict)
	for _, w := range []string{want, "12 on 30 Jan 2026 (baseline) to 18 on 10 Mar 2026",
		"answered above “Not at all” on 10 Mar 2026 (several days)", "not a diagnosis"} {
		if !strings.Contains(verdict, w) {
			t.Errorf("the verdict panel does not say %q:\n%s", w, verdict)
		}
	}
	for _, bad := range []string{progress.Expectations, "not a failure", "dips", "dose"} {
		if strings.Contains(verdict, bad) {
			t.Errorf("beside a deterioration the verdict panel says %q:\n%s", bad, verdict)
		}
	}
	if u.progress.dip.Visible() {
		t.Error("the dip note (reassurance) shows beside a deterioration")
	}
}

// TestProgressResponse: a response reads with both scores and dates, what people
// notice may be shown, and Today shows no flag.
func TestProgressResponse(t *testing.T) {
	u, st := newTestUI(t)
	course(t, st, map[string][]int{
		"2026-01-30": {3, 3, 3, 3, 2, 2, 2, 2, 0}, // 20
		"2026-03-10": {1, 1, 1, 1, 1, 1, 1, 1, 0}, // 8
	})
	u.today.refresh()
	if u.today.flags.box.Visible() {
		t.Errorf("Today shows a flag after a response:\n%s", labelTexts(u.today.flags.box))
	}
	u.Show(ScreenProgress)
	verdict := labelTexts(u.progress.verdict) + richTexts(u.progress.verdict)
	for _, w := range []string{"20 on 30 Jan 2026 (baseline) to 8 on 10 Mar 2026", "a response", progress.Expectations,
		"“Not at all” in all 2 PHQ-9s of this course"} {
		if !strings.Contains(verdict, w) {
			t.Errorf("the verdict panel does not say %q:\n%s", w, verdict)
		}
	}
	if strings.Contains(verdict, "higher than") {
		t.Errorf("a response is flagged:\n%s", verdict)
	}
}

// TestProgressChartsPerInstrument: each questionnaire has its own chart on its own
// bands (a GAD-7 of 16 is "severe" on the GAD-7's), and the PCL-5's appears once
// there is a PCL-5.
func TestProgressChartsPerInstrument(t *testing.T) {
	u, st := newTestUI(t)
	u.Show(ScreenProgress)
	p := u.progress
	names := func() (out []string) {
		for _, it := range p.tabs.Items {
			out = append(out, it.Text)
		}
		return out
	}
	if got := strings.Join(names(), ","); got != "PHQ-9,GAD-7,Daily check-ins,Around sessions" {
		t.Errorf("tabs without a PCL-5 = %s", got)
	}
	gad := p.charts["gad-7"]().(chart.TimeChart)
	if gad.YMax != 21 || len(gad.Bands) != 4 || gad.Bands[3].Label != "severe" || gad.Bands[3].From != 15 || !strings.Contains(gad.YLabel, "GAD-7") {
		t.Errorf("the GAD-7 chart = 0-%v, bands %+v, %q; want the GAD-7's own", gad.YMax, gad.Bands, gad.YLabel)
	}
	if phq := p.charts["phq-9"]().(chart.TimeChart); phq.YMax != 27 || phq.Bands[3].Label != "moderately severe" {
		t.Errorf("the PHQ-9 chart = 0-%v, bands %+v", phq.YMax, phq.Bands)
	}
	if _, err := st.SaveResponse(model.Response{Instrument: model.PCL5.ID, At: testNow.Add(-time.Hour), Answers: make([]int, 20)}); err != nil {
		t.Fatal(err)
	}
	u.Show(ScreenToday)
	u.Show(ScreenProgress)
	if got := strings.Join(names(), ","); got != "PHQ-9,GAD-7,PCL-5,Daily check-ins,Around sessions" {
		t.Errorf("tabs with a PCL-5 = %s", got)
	}
	p.tabs.Select(p.pclTab)
	if name := p.tabName(p.tabs.Selected()); name != "pcl-5" {
		t.Errorf("the PCL-5 tab exports as %q", name)
	}
	if pcl := p.charts["pcl-5"]().(chart.TimeChart); pcl.YMax != 80 || len(pcl.Bands) != 0 {
		t.Errorf("the PCL-5 chart = 0-%v with bands %+v; it has none", pcl.YMax, pcl.Bands)
	}
}

// TestProgressWhatHelpsAndCalendar: Progress's summary shows the What helps
// highlights, its button opens the screen, and the year at a glance exports as a
// PNG 1600 pixels wide with every year.
func TestProgressWhatHelpsAndCalendar(t *testing.T) {
	u, st := newTestUI(t)
	u.Show(ScreenProgress)
	if text := labelTexts(u.progress.helps.highlights); !strings.Contains(text, "Not enough data yet") {
		t.Errorf("a new user's highlights = %q", text)
	}
	if err := st.Add(demo.Demo(testNow, 2, 3)); err != nil {
		t.Fatal(err)
	}
	u.Show(ScreenToday)
	u.Show(ScreenProgress)
	h := u.progress.helps
	text := labelTexts(h.highlights)
	if !strings.Contains(text, insights.AssociationLine) || strings.Contains(text, "Working it out") {
		t.Errorf("the demo's highlights = %q, want linked findings and that they are not proof of cause", text)
	}
	cal, ok := h.calendarChart()
	if !ok || len(cal.Days) < 300 || len(cal.Marks) == 0 {
		t.Fatalf("the calendar has %d days and %d sessions", len(cal.Days), len(cal.Marks))
	}
	path := filepath.Join(t.TempDir(), "year.png")
	u.progress.exportPNG(calendarName, path)
	f, err := os.Open(path)
	if err != nil {
		t.Fatalf("no calendar PNG: %v", err)
	}
	defer f.Close()
	if c, err := png.DecodeConfig(f); err != nil || c.Width != 1600 || c.Height != cal.Height(1600, 1.6) {
		t.Errorf("calendar PNG = %dx%d, %v; want 1600x%d", c.Width, c.Height, err, cal.Height(1600, 1.6))
	}
	test.Tap(findButton(h.highlights, "See what helps"))
	if u.current != ScreenWhatHelps {
		t.Error("“See what helps” did not open the What helps screen")
	}
}
