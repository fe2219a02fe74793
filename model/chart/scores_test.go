package chart

import (
	"image"
	"image/color"
	"slices"
	"testing"

	"keel/model"
)

// bandAt is the label of the band holding score v, "" for none.
func bandAt(bands []Band, v int) string {
	for _, b := range bands {
		if float64(v) >= b.From && float64(v) < b.To || (float64(v) == b.To && b.To == bands[len(bands)-1].To) {
			return b.Label
		}
	}
	return ""
}

// TestScoreBandsPerInstrument checks that each chart shades its own instrument's
// published bands (docs/clinical.md): a GAD-7 of 16 is "severe", not the PHQ-9's
// "moderately severe".
func TestScoreBandsPerInstrument(t *testing.T) {
	for _, in := range []*model.Instrument{model.PHQ9, model.GAD7} {
		bands := ScoreBands(in)
		for v := 0; v <= in.MaxTotal(); v++ {
			if got, want := bandAt(bands, v), model.BandOf(in, v); got != want {
				t.Errorf("%s %d is shaded %q, want its published band %q", in.Name, v, got, want)
			}
		}
		if c := ScoreChart(in); c.YMin != 0 || c.YMax != float64(in.MaxTotal()) || !slices.Equal(c.Bands, bands) {
			t.Errorf("ScoreChart(%s) = %v-%v with %v", in.Name, c.YMin, c.YMax, c.Bands)
		}
	}
	if got := bandAt(ScoreBands(model.GAD7), 16); got != "severe" {
		t.Errorf("a GAD-7 of 16 is shaded %q, want severe", got)
	}
	if got := bandAt(ScoreBands(model.PHQ9), 16); got != "moderately severe" {
		t.Errorf("a PHQ-9 of 16 is shaded %q, want moderately severe", got)
	}
	if len(ScoreBands(model.PCL5)) != 0 || ScoreChart(model.PCL5).YMax != 80 {
		t.Error("the PCL-5 has no official bands, and runs to 80")
	}
}

// TestChangeLines checks docs/clinical.md PCL-5: "5-10 points is reliable change,
// 10-20 points clinically meaningful", and the deterioration thresholds.
func TestChangeLines(t *testing.T) {
	values := func(ls []Line) []float64 {
		var out []float64
		for _, l := range ls {
			out = append(out, l.Value)
		}
		return out
	}
	tests := []struct {
		in       *model.Instrument
		baseline int
		want     []float64
	}{
		{model.PCL5, 44, []float64{44, 39, 34, 54}},
		{model.PCL5, 7, []float64{7, 2, 17}},
		{model.PCL5, 75, []float64{75, 70, 65}},
		{model.PHQ9, 12, []float64{12, 17}},
		{model.GAD7, 19, []float64{19}},
	}
	for _, tt := range tests {
		if got := values(ChangeLines(tt.in, tt.baseline)); !slices.Equal(got, tt.want) {
			t.Errorf("ChangeLines(%s, %d) = %v, want %v", tt.in.Name, tt.baseline, got, tt.want)
		}
	}
}

func TestLinesDrawn(t *testing.T) {
	blue := color.NRGBA{B: 0xff, A: 0xff}
	c := TimeChart{
		YMin: 0, YMax: 80,
		From: monday, To: monday.AddDate(0, 0, 7*14),
		Series: []Series{{Points: weeksOf(15, 70)}},
		Lines:  []Line{{Value: 20, Label: "−10 meaningful", Color: blue}, {Value: 200, Label: "off the chart", Color: blue}},
	}
	isLine := func(c color.RGBA) bool { return c.B > 200 && c.R < 60 && c.G < 60 }
	img, err := c.Render(800, 400, 1, testPalette())
	if err != nil {
		t.Fatal(err)
	}
	rows := 0
	for y := range 400 {
		if count(img, image.Rect(0, y, 800, y+1), isLine) > 200 { // dashed: about half the width
			rows++
		}
	}
	if rows < 1 || rows > 3 {
		t.Errorf("%d rows look like the reference line, want one line", rows)
	}
	c.Lines = nil
	img, _ = c.Render(800, 400, 1, testPalette())
	if n := count(img, img.Bounds(), isLine); n != 0 {
		t.Errorf("without lines %d line pixels, want 0", n)
	}
}

// TestDotsMarkEveryAnswer checks that a series with Dots draws a dot at each point:
// more of its colour than the bare line, and at the points only.
func TestDotsMarkEveryAnswer(t *testing.T) {
	c := TimeChart{YMin: 0, YMax: 20, From: monday, To: monday.AddDate(0, 0, 7*14), Series: []Series{{Points: weeksOf(15, 10)}}}
	isLine := func(c color.RGBA) bool { return c.R > 200 && c.G < 80 && c.B > 200 }
	plain, err := c.Render(800, 400, 1, testPalette())
	if err != nil {
		t.Fatal(err)
	}
	c.Series[0].Dots = true
	dotted, _ := c.Render(800, 400, 1, testPalette())
	if a, b := count(plain, plain.Bounds(), isLine), count(dotted, dotted.Bounds(), isLine); b < a+15*10 {
		t.Errorf("with dots %d line pixels, without %d: want a dot at each of 15 points", b, a)
	}
}
