package chart

import (
	"bytes"
	"errors"
	"image"
	"image/color"
	"image/png"
	"math"
	"slices"
	"sync"
	"testing"
	"time"
)

var (
	white   = color.NRGBA{R: 0xff, G: 0xff, B: 0xff, A: 0xff}
	magenta = color.NRGBA{R: 0xff, G: 0x00, B: 0xff, A: 0xff}
	green   = color.NRGBA{R: 0x00, G: 0xc0, B: 0x00, A: 0xff}
)

// testPalette is a plain palette whose colours are easy to find in pixels.
func testPalette() Palette {
	p := LightPalette()
	p.Background = white
	p.Series = []color.Color{magenta}
	p.Markers = []color.Color{green}
	return p
}

var monday = time.Date(2026, time.January, 5, 0, 0, 0, 0, time.UTC)

// weeksOf returns one point a week from monday; weeks listed in gaps are
// invalid and hold 0, which must not be drawn.
func weeksOf(n int, v float64, gaps ...int) []Point {
	pts := make([]Point, n)
	for i := range pts {
		pts[i] = Point{T: monday.AddDate(0, 0, 7*i), V: v, Valid: true}
	}
	for _, g := range gaps {
		pts[g] = Point{T: monday.AddDate(0, 0, 7*g)}
	}
	return pts
}

// count returns how many pixels of img in r satisfy ok.
func count(img *image.RGBA, r image.Rectangle, ok func(color.RGBA) bool) int {
	n := 0
	r = r.Intersect(img.Bounds())
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			if ok(img.RGBAAt(x, y)) {
				n++
			}
		}
	}
	return n
}

func isMagenta(c color.RGBA) bool { return c.R > 200 && c.G < 90 && c.B > 200 }
func isGreen(c color.RGBA) bool   { return c.R < 90 && c.G > 150 && c.B < 90 }

// columns returns the first and last x at which some pixel satisfies ok.
func columns(img *image.RGBA, ok func(color.RGBA) bool) (first, last int) {
	first, last = -1, -1
	b := img.Bounds()
	for x := b.Min.X; x < b.Max.X; x++ {
		if count(img, image.Rect(x, b.Min.Y, x+1, b.Max.Y), ok) > 0 {
			if first < 0 {
				first = x
			}
			last = x
		}
	}
	return first, last
}

func TestRenderSize(t *testing.T) {
	tc := sampleScores()
	ac := sampleAligned()
	for _, sz := range []struct {
		w, h  int
		scale float64
	}{{1000, 450, 1}, {1600, 800, 1.6}, {1001, 333, 1.25}, {320, 200, 2}, {40, 20, 1}, {1, 1, 1}} {
		for name, render := range map[string]func(int, int, float64, Palette) (*image.RGBA, error){
			"TimeChart": tc.Render, "AlignedChart": ac.Render,
		} {
			img, err := render(sz.w, sz.h, sz.scale, LightPalette())
			if err != nil {
				t.Fatalf("%s.Render(%d, %d, %v) error: %v", name, sz.w, sz.h, sz.scale, err)
			}
			if got, want := img.Bounds(), image.Rect(0, 0, sz.w, sz.h); got != want {
				t.Errorf("%s.Render(%d, %d, %v) bounds = %v, want %v", name, sz.w, sz.h, sz.scale, got, want)
			}
		}
	}
}

func TestRenderRejects(t *testing.T) {
	tc := sampleScores()
	for _, tt := range []struct {
		name  string
		w, h  int
		scale float64
	}{
		{"zero width", 0, 100, 1},
		{"negative height", 100, -1, 1},
		{"huge", 100000, 100, 1},
		{"zero scale", 100, 100, 0},
		{"NaN scale", 100, 100, math.NaN()},
		{"infinite scale", 100, 100, math.Inf(1)},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := tc.Render(tt.w, tt.h, tt.scale, LightPalette()); err == nil {
				t.Errorf("Render(%d, %d, %v) error = nil, want an error", tt.w, tt.h, tt.scale)
			}
		})
	}
	backwards := TimeChart{From: monday, To: monday.AddDate(0, 0, -7)}
	if _, err := backwards.Render(100, 100, 1, LightPalette()); err == nil {
		t.Error("Render with To before From: error = nil, want an error")
	}
	offset := image.NewRGBA(image.Rect(10, 10, 110, 110))
	if err := tc.Draw(offset, 1, LightPalette()); err == nil {
		t.Error("Draw into an image not starting at 0,0: error = nil, want an error")
	}
}

func TestBackground(t *testing.T) {
	red := color.NRGBA{R: 0xc0, G: 0x10, B: 0x20, A: 0xff}
	custom := LightPalette()
	custom.Background = red
	for _, tt := range []struct {
		name string
		p    Palette
		want color.Color
	}{
		{"light", LightPalette(), LightPalette().Background},
		{"dark", DarkPalette(), DarkPalette().Background},
		{"custom", custom, red},
		{"empty palette", Palette{}, LightPalette().Background},
	} {
		t.Run(tt.name, func(t *testing.T) {
			for name, render := range map[string]func(int, int, float64, Palette) (*image.RGBA, error){
				"TimeChart": sampleScores().Render, "AlignedChart": sampleAligned().Render,
			} {
				img, err := render(400, 300, 1, tt.p)
				if err != nil {
					t.Fatal(err)
				}
				want := color.RGBAModel.Convert(tt.want).(color.RGBA)
				for _, pt := range []image.Point{{0, 0}, {399, 299}, {399, 0}, {0, 299}} {
					if got := img.RGBAAt(pt.X, pt.Y); got != want {
						t.Errorf("%s pixel %v = %v, want background %v", name, pt, got, want)
					}
				}
			}
		})
	}
}

func TestGapDrawsNothing(t *testing.T) {
	// Weeks 0-4 and 10-14 hold 5; weeks 5-9 are gaps holding 0.
	c := TimeChart{
		YMin: 0, YMax: 10,
		From: monday, To: monday.AddDate(0, 0, 7*14),
		Series: []Series{{Points: weeksOf(15, 5, 5, 6, 7, 8, 9)}},
	}
	img, err := c.Render(800, 400, 1, testPalette())
	if err != nil {
		t.Fatal(err)
	}
	first, last := columns(img, isMagenta)
	if first < 0 {
		t.Fatal("no line drawn at all")
	}
	week := func(w float64) int { return first + int(float64(last-first)*w/14) }
	all := img.Bounds()
	if n := count(img, image.Rect(week(4.5), all.Min.Y, week(9.5), all.Max.Y), isMagenta); n != 0 {
		t.Errorf("gap weeks 4.5-9.5 (x %d-%d) hold %d line pixels, want 0", week(4.5), week(9.5), n)
	}
	for _, w := range []float64{2, 12} {
		col := image.Rect(week(w), all.Min.Y, week(w)+1, all.Max.Y)
		if n := count(img, col, isMagenta); n == 0 {
			t.Errorf("week %v (x %d) holds no line pixels, want some", w, week(w))
		}
	}
}

func TestLonePointIsDrawn(t *testing.T) {
	// Only week 7 is valid: it has no neighbour to join, so it becomes a dot.
	var gaps []int
	for w := range 15 {
		if w != 7 {
			gaps = append(gaps, w)
		}
	}
	c := TimeChart{
		YMin: 0, YMax: 10,
		From: monday, To: monday.AddDate(0, 0, 7*14),
		Series: []Series{{Points: weeksOf(15, 5, gaps...)}},
	}
	img, err := c.Render(800, 400, 1, testPalette())
	if err != nil {
		t.Fatal(err)
	}
	first, last := columns(img, isMagenta)
	if first < 0 {
		t.Fatal("lone point not drawn")
	}
	if last-first > 12 {
		t.Errorf("lone point spans x %d-%d, want a small dot", first, last)
	}
}

func TestBandsDrawn(t *testing.T) {
	band := color.NRGBA{R: 0x00, G: 0x00, B: 0xff, A: 0x80}
	c := TimeChart{
		YMin: 0, YMax: 20,
		From: monday, To: monday.AddDate(0, 0, 7*14),
		Series: []Series{{Points: weeksOf(15, 2)}},
		Bands:  []Band{{From: 10, To: 15, Label: "moderate", Color: band}},
	}
	isBand := func(c color.RGBA) bool { return c.B > 200 && c.R > 100 && c.R < 150 && c.G > 100 && c.G < 150 }
	img, err := c.Render(800, 400, 1, testPalette())
	if err != nil {
		t.Fatal(err)
	}
	// The band is a quarter of the value range: its rows are a solid block.
	var rows []int
	for y := range 400 {
		if count(img, image.Rect(0, y, 800, y+1), isBand) > 400 {
			rows = append(rows, y)
		}
	}
	if len(rows) == 0 {
		t.Fatal("band not drawn")
	}
	if n := rows[len(rows)-1] - rows[0] + 1; n != len(rows) || n < 40 {
		t.Errorf("band covers rows %d-%d with %d full rows, want one solid block at least 40 rows high", rows[0], rows[len(rows)-1], len(rows))
	}

	c.Bands = nil
	img, err = c.Render(800, 400, 1, testPalette())
	if err != nil {
		t.Fatal(err)
	}
	if n := count(img, img.Bounds(), isBand); n != 0 {
		t.Errorf("without bands %d band pixels, want 0", n)
	}
}

func TestOverlappingBandsComposite(t *testing.T) {
	half := color.NRGBA{R: 0x00, G: 0x00, B: 0xff, A: 0x80}
	c := TimeChart{
		YMin: 0, YMax: 20,
		From: monday, To: monday.AddDate(0, 0, 7*14),
		Series: []Series{{Points: weeksOf(15, 2)}},
		Bands:  []Band{{From: 5, To: 15, Color: half}, {From: 10, To: 20, Color: half}},
	}
	img, err := c.Render(800, 400, 1, testPalette())
	if err != nil {
		t.Fatal(err)
	}
	one := color.RGBAModel.Convert(blendOver(half, white)).(color.RGBA)
	two := color.RGBAModel.Convert(blendOver(half, blendOver(half, white))).(color.RGBA)
	near := func(want color.RGBA) func(color.RGBA) bool {
		return func(c color.RGBA) bool {
			d := func(a, b uint8) int { return int(a) - int(b) }
			return abs(d(c.R, want.R)) <= 2 && abs(d(c.G, want.G)) <= 2 && abs(d(c.B, want.B)) <= 2
		}
	}
	if count(img, img.Bounds(), near(one)) == 0 {
		t.Errorf("no pixel of one band's colour %v", one)
	}
	if count(img, img.Bounds(), near(two)) == 0 {
		t.Errorf("no pixel of two overlapping bands' colour %v", two)
	}
}

func abs(v int) int {
	if v < 0 {
		return -v
	}
	return v
}

// blendOver is src over dst, opaque result.
func blendOver(src, dst color.Color) color.Color {
	return over(rgba64(src), rgba64(dst))
}

func TestMarkersAppear(t *testing.T) {
	c := TimeChart{
		YMin: 0, YMax: 10,
		From: monday, To: monday.AddDate(0, 0, 7*14),
		Series: []Series{{Points: weeksOf(15, 5)}},
	}
	img, err := c.Render(800, 400, 1, testPalette())
	if err != nil {
		t.Fatal(err)
	}
	if n := count(img, img.Bounds(), isGreen); n != 0 {
		t.Fatalf("without markers %d marker pixels, want 0", n)
	}

	c.Markers = []Marker{{T: monday.AddDate(0, 0, 10)}, {T: monday.AddDate(0, 0, 11)}, {T: monday.AddDate(0, 0, 60)}}
	c.MarkerNames = []string{"IV infusion"}
	img, err = c.Render(800, 400, 1, testPalette())
	if err != nil {
		t.Fatal(err)
	}
	// The strip of sessions lies below the values; the legend key above them.
	plot := image.Rect(0, 80, 800, 400)
	if n := count(img, plot, isGreen); n < 3*20 {
		t.Errorf("%d marker pixels below the header, want at least %d (three markers)", n, 3*20)
	}
	if n := count(img, image.Rect(0, 0, 800, 80), isGreen); n == 0 {
		t.Error("no legend key for the markers in the header")
	}
	// The two close sessions stack in two rows rather than overlap.
	rows, rowOf := markerRows(c.markersIn(c.From, c.To), c.From, c.To, 700, 11)
	if rows != 2 || rowOf[0] == rowOf[1] {
		t.Errorf("markerRows of sessions a day apart = %d rows %v, want 2 rows with the two apart", rows, rowOf)
	}
}

func TestMarkerRows(t *testing.T) {
	at := func(days ...int) []Marker {
		var ms []Marker
		for _, d := range days {
			ms = append(ms, Marker{T: monday.AddDate(0, 0, d)})
		}
		return ms
	}
	to := monday.AddDate(0, 0, 100)
	for _, tt := range []struct {
		name     string
		days     []int
		wantRows int
	}{
		{"none", nil, 0},
		{"far apart", []int{0, 30, 60, 90}, 1},
		{"two days apart", []int{10, 13}, 1},
		{"pair", []int{10, 11}, 2},
		{"induction", []int{10, 11, 12, 13, 14}, 3},
		{"crowded", []int{10, 10, 10, 10, 11}, 3},
	} {
		t.Run(tt.name, func(t *testing.T) {
			ms := at(tt.days...)
			rows, rowOf := markerRows(ms, monday, to, 1000, 25) // 10 px a day
			if rows != tt.wantRows {
				t.Errorf("markerRows(%v) rows = %d, want %d", tt.days, rows, tt.wantRows)
			}
			if tt.name != "crowded" { // with room to spare, no two markers in a row are closer than 25 px
				last := map[int]int{}
				for i, d := range tt.days {
					if l, ok := last[rowOf[i]]; ok && (d-l)*10 < 25 {
						t.Errorf("markers on days %d and %d share row %d", l, d, rowOf[i])
					}
					last[rowOf[i]] = d
				}
			}
		})
	}
}

func TestEmptyChartsRender(t *testing.T) {
	for name, render := range map[string]func(int, int, float64, Palette) (*image.RGBA, error){
		"no data, no range":  TimeChart{Title: "Nothing"}.Render,
		"range, no data":     TimeChart{From: monday, To: monday.AddDate(0, 0, 70), YMax: 27}.Render,
		"all gaps":           TimeChart{Series: []Series{{Points: weeksOf(5, 1, 0, 1, 2, 3, 4)}}}.Render,
		"one point":          TimeChart{Series: []Series{{Points: weeksOf(1, 3)}}}.Render,
		"aligned, no data":   AlignedChart{}.Render,
		"aligned, one value": AlignedChart{Average: []DayValue{{Day: 0, V: 4, Valid: true}}}.Render,
	} {
		img, err := render(600, 300, 1, LightPalette())
		if err != nil {
			t.Errorf("%s: Render error: %v", name, err)
			continue
		}
		bg := color.RGBAModel.Convert(LightPalette().Background).(color.RGBA)
		if n := count(img, img.Bounds(), func(c color.RGBA) bool { return c != bg }); n == 0 {
			t.Errorf("%s: image is blank, want a message or axes", name)
		}
	}
}

func TestDrawReusesImage(t *testing.T) {
	c := sampleScores()
	a, err := c.Render(640, 320, 1, DarkPalette())
	if err != nil {
		t.Fatal(err)
	}
	b := image.NewRGBA(a.Rect)
	// Draw over an image full of an older, different chart.
	if err := sampleAligned().Draw(b, 1, LightPalette()); err != nil {
		t.Fatal(err)
	}
	if err := c.Draw(b, 1, DarkPalette()); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Pix, b.Pix) {
		t.Error("Draw into a used image differs from Render of the same chart")
	}
}

func TestConcurrentRender(t *testing.T) {
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	for i := range 8 {
		wg.Go(func() {
			scale := 1 + float64(i%3)*0.5
			var err error
			if i%2 == 0 {
				_, err = sampleScores().Render(500, 250, scale, DarkPalette())
			} else {
				_, err = sampleAligned().Render(500, 250, scale, LightPalette())
			}
			errs <- err
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Error(err)
		}
	}
}

func TestWritePNGRoundTrip(t *testing.T) {
	img, err := sampleScores().Render(500, 250, 1, DarkPalette())
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := WritePNG(&buf, img); err != nil {
		t.Fatal(err)
	}
	got, err := png.Decode(&buf)
	if err != nil {
		t.Fatalf("png.Decode(WritePNG output) error: %v", err)
	}
	if got.Bounds() != img.Bounds() {
		t.Fatalf("decoded bounds = %v, want %v", got.Bounds(), img.Bounds())
	}
	for y := range 250 {
		for x := range 500 {
			want := img.RGBAAt(x, y)
			if g := color.RGBAModel.Convert(got.At(x, y)).(color.RGBA); g != want {
				t.Fatalf("decoded pixel (%d, %d) = %v, want %v", x, y, g, want)
			}
		}
	}
}

type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, errWrite }

var errWrite = errors.New("disk full")

func TestWritePNGReportsWriteError(t *testing.T) {
	img := image.NewRGBA(image.Rect(0, 0, 4, 4))
	if err := WritePNG(failWriter{}, img); err == nil {
		t.Error("WritePNG to a failing writer: error = nil, want an error")
	}
}

func TestWrap(t *testing.T) {
	measure := func(s string) float64 { return float64(len(s)) }
	for _, tt := range []struct {
		in   string
		w    float64
		want []string
	}{
		{"one two three", 100, []string{"one two three"}},
		{"one two three", 7, []string{"one two", "three"}},
		{"one two three", 3, []string{"one", "two", "three"}},
		{"unbreakable", 4, []string{"unbreakable"}},
		{"a\nb", 100, []string{"a", "b"}},
	} {
		if got := wrap(tt.in, tt.w, measure); !slices.Equal(got, tt.want) {
			t.Errorf("wrap(%q, %v) = %q, want %q", tt.in, tt.w, got, tt.want)
		}
	}
}

func TestOddInputStillRenders(t *testing.T) {
	pts := weeksOf(10, 5)
	pts[3].V = math.NaN()
	pts[6].V = math.Inf(1)
	base := TimeChart{Title: "odd", Series: []Series{{Name: "a", Points: pts}}}
	withMarkers := base
	withMarkers.Markers = []Marker{{T: monday, Kind: -2}, {T: monday.AddDate(0, 0, 9), Kind: 99}}
	withMarkers.MarkerNames = []string{"IV"}
	nanRange := base
	nanRange.YMin, nanRange.YMax = math.NaN(), math.Inf(1)
	zeroTime := TimeChart{Series: []Series{{Points: []Point{{V: 1, Valid: true}, {T: monday, V: 2, Valid: true}}}}}
	backwards := TimeChart{Series: []Series{{Points: []Point{{T: monday.AddDate(0, 0, 14), V: 1, Valid: true}, {T: monday, V: 2, Valid: true}}}}}
	longTitle := base
	longTitle.Title = "A very long title that cannot possibly fit on one line of a narrow chart, so it wraps"
	aligned := AlignedChart{YMin: math.Inf(-1), FirstDay: 5, LastDay: -5, Sessions: [][]DayValue{{{Day: 0, V: math.NaN(), Valid: true}, {Day: 1, V: 3, Valid: true}}}}
	for _, tt := range []struct {
		name   string
		render func(int, int, float64, Palette) (*image.RGBA, error)
		w, h   int
		scale  float64
	}{
		{"NaN and Inf values", base.Render, 600, 300, 1},
		{"odd marker kinds", withMarkers.Render, 600, 300, 1},
		{"NaN and Inf range", nanRange.Render, 600, 300, 1},
		{"zero times", zeroTime.Render, 600, 300, 1},
		{"points out of order", backwards.Render, 600, 300, 1},
		{"long title", longTitle.Render, 300, 300, 1},
		{"text bigger than the image", base.Render, 300, 200, 40},
		{"tiny scale", base.Render, 600, 300, 0.01},
		{"aligned odd", aligned.Render, 600, 300, 1},
	} {
		t.Run(tt.name, func(t *testing.T) {
			img, err := tt.render(tt.w, tt.h, tt.scale, LightPalette())
			if err != nil {
				t.Fatalf("Render error: %v", err)
			}
			if img.Bounds().Dx() != tt.w || img.Bounds().Dy() != tt.h {
				t.Errorf("Render bounds = %v, want %dx%d", img.Bounds(), tt.w, tt.h)
			}
		})
	}
}
