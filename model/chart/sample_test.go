package chart

import (
	"fmt"
	"image"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// sampleEnd is the Monday that ends the sample year.
var sampleEnd = time.Date(2026, time.February, 23, 0, 0, 0, 0, time.UTC)

// Route kinds, in the order of Keel's model.Routes.
var routeNames = []string{"IV infusion", "IM injection", "Nasal spray", "Lozenge", "Other"}

// sampleSessions is a year of sessions: an induction series of six IV
// infusions, IM boosters, then nasal spray and lozenges: 21 in all.
func sampleSessions(start time.Time) []Marker {
	var ms []Marker
	add := func(days, kind int) {
		ms = append(ms, Marker{T: start.AddDate(0, 0, days).Add(10 * time.Hour), Kind: kind})
	}
	for _, d := range []int{22, 24, 27, 29, 31, 34} { // induction, weeks 3-5
		add(d, 0)
	}
	for _, d := range []int{62, 90, 125} {
		add(d, 0)
	}
	for _, d := range []int{150, 178} {
		add(d, 1)
	}
	for _, d := range []int{205, 208, 212, 215, 240, 268} {
		add(d, 2)
	}
	for _, d := range []int{296, 310, 324, 345} {
		add(d, 3)
	}
	return ms
}

// weekly returns 52 weekly values following shape(week 0..51) plus noise,
// clamped to [lo, hi], with the weeks in gaps left invalid.
func weekly(start time.Time, rng *rand.Rand, noise, lo, hi float64, gaps []int, shape func(w float64) float64) []Point {
	pts := make([]Point, 52)
	for w := range pts {
		v := shape(float64(w)) + rng.NormFloat64()*noise
		pts[w] = Point{T: start.AddDate(0, 0, 7*w), V: math.Round(math.Max(lo, math.Min(hi, v))*10) / 10, Valid: true}
		for _, g := range gaps {
			if g == w {
				pts[w].Valid = false
			}
		}
	}
	return pts
}

// fall is a course from a to b: flat for the first weeks, a steep change
// during induction, a setback around weeks 14-19, then a slow change.
func fall(a, b float64) func(w float64) float64 {
	return func(w float64) float64 {
		var v float64
		switch {
		case w < 3:
			v = a
		case w < 9:
			v = a - (a-b)*0.45*(w-3)/6
		default:
			v = a - (a-b)*(0.45+0.55*(w-9)/42)
		}
		dip := math.Exp(-math.Pow((w-16.5)/2.2, 2)) * (a - b) * 0.35
		return v + dip
	}
}

// phqBands are the PHQ-9 severity bands as continuous ranges.
func phqBands() []Band {
	return []Band{
		{From: 0, To: 5, Label: "minimal"},
		{From: 5, To: 10, Label: "mild"},
		{From: 10, To: 15, Label: "moderate"},
		{From: 15, To: 20, Label: "moderately severe"},
		{From: 20, To: 27, Label: "severe"},
	}
}

const dipNote = "Dips between sessions are common and are not a sign of failure. Scores are for reflection, not a diagnosis."

// sampleScores is a year of PHQ-9 and GAD-7 totals with sessions.
func sampleScores() TimeChart {
	start := sampleEnd.AddDate(0, 0, -7*51)
	rng := rand.New(rand.NewPCG(1, 2))
	return TimeChart{
		Title:  "Questionnaires, week by week",
		YLabel: "total score",
		YMin:   0, YMax: 27,
		From: start.AddDate(0, 0, -3), To: sampleEnd.AddDate(0, 0, 3),
		Series: []Series{
			{Name: "PHQ-9 (depression)", Points: weekly(start, rng, 1.0, 0, 27, []int{20, 21, 33, 35}, fall(18, 6))},
			{Name: "GAD-7 (anxiety)", Points: weekly(start, rng, 1.0, 0, 21, []int{20, 21, 33, 35}, fall(14, 5)), Dashed: true},
		},
		Bands:       phqBands(),
		Markers:     sampleSessions(start),
		MarkerNames: routeNames,
		Note:        dipNote,
	}
}

// sampleCheckIns is a year of weekly averages of the daily check-ins.
func sampleCheckIns() TimeChart {
	start := sampleEnd.AddDate(0, 0, -7*51)
	rng := rand.New(rand.NewPCG(3, 4))
	return TimeChart{
		Title:  "Daily check-ins, weekly averages",
		YLabel: "0-10",
		YMin:   0, YMax: 10,
		From: start.AddDate(0, 0, -3), To: sampleEnd.AddDate(0, 0, 3),
		Series: []Series{
			{Name: "Mood", Points: weekly(start, rng, 0.4, 0, 10, []int{20, 21}, fall(3, 6.8))},
			{Name: "Anxiety", Points: weekly(start, rng, 0.4, 0, 10, []int{20, 21}, fall(7.2, 3.8))},
			{Name: "Sleep", Points: weekly(start, rng, 0.4, 0, 10, []int{20, 21, 40}, fall(4.5, 7))},
			{Name: "Stress", Points: weekly(start, rng, 0.4, 0, 10, []int{20, 21}, fall(7, 4.2)), Dashed: true},
		},
		Markers:     sampleSessions(start),
		MarkerNames: routeNames,
		Note:        dipNote,
	}
}

// benchChart is the benchmark's chart: 52 weeks of six series, bands and 21 sessions.
func benchChart() TimeChart {
	c := sampleScores()
	ci := sampleCheckIns()
	c.Series = append(c.Series, ci.Series...)
	return c
}

// sampleRecent is the last 12 weeks of sampleScores.
func sampleRecent() TimeChart {
	c := sampleScores()
	c.Title = "Questionnaires, last 12 weeks"
	c.From = sampleEnd.AddDate(0, 0, -7*12)
	c.To = sampleEnd.AddDate(0, 0, 3)
	return c
}

// sampleAligned is daily mood around eight sessions, with their average.
func sampleAligned() AlignedChart {
	rng := rand.New(rand.NewPCG(5, 6))
	c := AlignedChart{
		Title:    "Mood around each session",
		YLabel:   "mood (0-10)",
		YMin:     0,
		YMax:     10,
		FirstDay: -3, LastDay: 14,
		Note: "Each thin line is one session; the bold line is their average. A dip a few days after a session is common.",
	}
	sum := make([]float64, 18)
	n := make([]int, 18)
	for s := range 8 {
		base := 4 + 0.25*float64(s)
		var line []DayValue
		for d := -3; d <= 14; d++ {
			v := base + 1.8*math.Exp(-math.Pow(float64(d-1)/1.6, 2)) - 0.9*math.Exp(-math.Pow(float64(d-6)/2, 2)) + rng.NormFloat64()*0.6
			v = math.Max(0, math.Min(10, v))
			valid := rng.Float64() > 0.12
			line = append(line, DayValue{Day: d, V: v, Valid: valid})
			if valid {
				sum[d+3] += v
				n[d+3]++
			}
		}
		c.Sessions = append(c.Sessions, line)
	}
	for i := range sum {
		c.Average = append(c.Average, DayValue{Day: i - 3, V: sum[i] / float64(max(n[i], 1)), Valid: n[i] > 0})
	}
	return c
}

// TestWriteSamples writes sample PNGs to the temporary directory for a person
// to look at. Run with KEEL_CHART_SAMPLES=1.
func TestWriteSamples(t *testing.T) {
	if os.Getenv("KEEL_CHART_SAMPLES") == "" {
		t.Skip("set KEEL_CHART_SAMPLES=1 to write /tmp/chart-*.png")
	}
	charts := []struct {
		name string
		r    func(w, h int, scale float64, p Palette) (*image.RGBA, error)
	}{
		{"scores", sampleScores().Render},
		{"checkins", sampleCheckIns().Render},
		{"recent", sampleRecent().Render},
		{"bench", benchChart().Render},
		{"aligned", sampleAligned().Render},
	}
	sizes := []struct {
		w, h  int
		scale float64
	}{{1000, 450, 1}, {1600, 800, 1.6}, {520, 320, 1}, {2000, 900, 2}}
	for _, c := range charts {
		for _, sz := range sizes {
			for _, theme := range []struct {
				name string
				p    Palette
			}{{"light", LightPalette()}, {"dark", DarkPalette()}} {
				img, err := c.r(sz.w, sz.h, sz.scale, theme.p)
				if err != nil {
					t.Fatal(err)
				}
				path := filepath.Join(os.TempDir(), fmt.Sprintf("chart-%s-%s-%dx%d.png", c.name, theme.name, sz.w, sz.h))
				f, err := os.Create(path)
				if err != nil {
					t.Fatal(err)
				}
				if err := WritePNG(f, img); err != nil {
					t.Fatal(err)
				}
				if err := f.Close(); err != nil {
					t.Fatal(err)
				}
				t.Log(path)
			}
		}
	}
}
