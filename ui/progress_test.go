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
	"keel/model/demo"
)

func TestProgressWithDemoData(t *testing.T) {
	u, store := newTestUI(t)
	if err := store.Add(demo.Demo(testNow, 1, 3)); err != nil {
		t.Fatal(err)
	}
	u.Show(ScreenProgress)
	p := u.progress
	if p.course == nil {
		t.Fatal("Progress found no course in the demo data")
	}
	verdict := labelTexts(p.verdict)
	if !strings.Contains(verdict, "(baseline)") || !strings.Contains(verdict, "lower") || !strings.Contains(verdict, "not a diagnosis") {
		t.Errorf("verdict panel = %q, want the baseline comparison and the not-a-diagnosis line", verdict)
	}
	if course := labelTexts(p.courseBox); !strings.Contains(course, "6 of 6 done") {
		t.Errorf("course panel = %q, want the induction progress", course)
	}
	if cost := labelTexts(p.cost); !strings.Contains(cost, "This course:") || !strings.Contains(cost, "By month:") {
		t.Errorf("cost panel = %q", cost)
	}
	for i := range ranges {
		p.rangePick.SetSelectedIndex(i)
		for name, c := range p.charts {
			if _, err := c().Render(800, 400, 1, palette()); err != nil {
				t.Errorf("range %q: chart %s does not render: %v", ranges[i].label, name, err)
			}
		}
	}
	path := filepath.Join(t.TempDir(), "chart.png")
	p.exportPNG("phq-9", path)
	f, err := os.Open(path)
	if err != nil {
		t.Fatalf("no PNG written: %v", err)
	}
	defer f.Close()
	cfg, err := png.DecodeConfig(f)
	if err != nil || cfg.Width != 1600 || cfg.Height != 800 {
		t.Errorf("exported PNG = %dx%d, %v; want 1600x800", cfg.Width, cfg.Height, err)
	}
}

func TestPlanACourse(t *testing.T) {
	u, store := newTestUI(t)
	u.Show(ScreenProgress)
	if text := labelTexts(u.progress.courseBox); !strings.Contains(text, "No course planned") {
		t.Fatalf("course panel without a course = %q", text)
	}
	f := u.progress.editCourse(nil)
	f.template.SetSelected(model.CourseNasal.Label())
	if f.sessions.Text != "8" || f.minDays.Text != "3" {
		t.Errorf("the esketamine template fills %s sessions every %s days, want 8 every 3", f.sessions.Text, f.minDays.Text)
	}
	f.sessions.SetText("0")
	test.Tap(f.save)
	if msg := f.rows[model.FieldPhases].msg.Text; msg == "" {
		t.Fatal("a first phase of 0 sessions was not refused next to the field")
	}
	if cs, _ := store.Courses(); len(cs) != 0 {
		t.Fatal("a refused course was stored")
	}
	f.sessions.SetText("8")
	f.start.entry.SetText("2026-03-02")
	test.Tap(f.save)
	cs, _ := store.Courses()
	if len(cs) != 1 || cs[0].Route != model.RouteNasal || cs[0].Phases[0].Sessions != 8 || !cs[0].Start.Equal(time.Date(2026, 3, 2, 0, 0, 0, 0, time.Local)) {
		t.Fatalf("stored courses = %+v", cs)
	}
	if text := labelTexts(u.progress.courseBox); !strings.Contains(text, "0 of 8 done") {
		t.Errorf("course panel after planning = %q", text)
	}
	if text := labelTexts(u.progress.verdict); !strings.Contains(text, "Not enough data yet") {
		t.Errorf("verdict without sessions = %q, want not enough data", text)
	}
}
