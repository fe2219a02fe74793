package insights

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"keel/model"
	"keel/model/chart"
	"keel/model/demo"
)

// TestWriteCalendarSamples writes the calendar of demo histories as PNG files to the
// temporary folder, for a person to look at. Run with KEEL_CHART_SAMPLES=1.
func TestWriteCalendarSamples(t *testing.T) {
	if os.Getenv("KEEL_CHART_SAMPLES") == "" {
		t.Skip("set KEEL_CHART_SAMPLES=1 to write /tmp/calendar-*.png")
	}
	now := time.Date(2026, time.March, 12, 15, 0, 0, 0, time.UTC)
	for _, years := range []int{1, 3} {
		h := demo.Demo(now, years, 1)
		c := Calendar(RecordsOf(&h), Options{Now: now})
		for _, sz := range []struct {
			w     int
			scale float64
		}{{1000, 1}, {1600, 1.6}, {560, 1}} {
			for _, theme := range []struct {
				name string
				p    chart.Palette
			}{{"light", chart.LightPalette()}, {"dark", chart.DarkPalette()}} {
				img, err := c.Render(sz.w, c.Height(sz.w, sz.scale), sz.scale, theme.p)
				if err != nil {
					t.Fatal(err)
				}
				path := filepath.Join(os.TempDir(), fmt.Sprintf("calendar-%dy-%s-%d.png", years, theme.name, sz.w))
				f, err := os.Create(path)
				if err != nil {
					t.Fatal(err)
				}
				if err := chart.WritePNG(f, img); err != nil {
					t.Fatal(err)
				}
				f.Close()
				t.Log(path)
			}
		}
	}
}

// TestCalendar: the calendar holds each day's mean mood on the person's calendar,
// the days of finished sessions (not planned ones), and ends on the day of Now.
func TestCalendar(t *testing.T) {
	loc := loadLoc(t, "America/Los_Angeles")
	h := newHistory(loc)
	h.mood(h.at(2026, time.March, 7, 23, 30), 2) // 8 March in UTC
	h.mood(h.at(2026, time.March, 8, 9, 0), 4)
	h.mood(h.at(2026, time.March, 8, 21, 0), 7)
	s := h.session(h.at(2026, time.March, 8, 22, 0))
	h.followUp(s, 0, 4*time.Hour, 9, -1, -1) // 02:00 on the 9th
	h.session(h.at(2026, time.March, 20, 10, 0)).Status = model.StatusPlanned
	c := Calendar(h.r, Options{Now: h.at(2026, time.March, 12, 8, 0)})
	want := []chart.DateValue{
		{Date: h.at(2026, time.March, 7, 0, 0), V: 2},
		{Date: h.at(2026, time.March, 8, 0, 0), V: 5.5},
		{Date: h.at(2026, time.March, 9, 0, 0), V: 9},
	}
	if len(c.Days) != len(want) {
		t.Fatalf("Days = %v, want %v", c.Days, want)
	}
	for i := range want {
		if !c.Days[i].Date.Equal(want[i].Date) || !near(c.Days[i].V, want[i].V) {
			t.Errorf("day %d = %v %v, want %v %v", i, c.Days[i].Date, c.Days[i].V, want[i].Date, want[i].V)
		}
	}
	if len(c.Marks) != 1 || !c.Marks[0].Equal(h.at(2026, time.March, 8, 0, 0)) {
		t.Errorf("Marks = %v, want 8 March only", c.Marks)
	}
	if !c.To.Equal(h.at(2026, time.March, 12, 0, 0)) || c.Min != 0 || c.Max != 10 {
		t.Errorf("To %v, scale %v-%v", c.To, c.Min, c.Max)
	}
}
