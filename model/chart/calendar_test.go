package chart

import (
	"image"
	"image/color"
	"math"
	"testing"
	"time"
)

// calendarOf is a calendar of n days from start with the value of day i given by v
// (NaN: no value).
func calendarOf(start time.Time, n int, v func(i int) float64) MoodCalendar {
	var c MoodCalendar
	for i := range n {
		if x := v(i); finite(x) {
			c.Days = append(c.Days, DateValue{Date: start.AddDate(0, 0, i), V: x})
		}
	}
	c.From, c.To = start, start.AddDate(0, 0, n-1)
	return c
}

// cellAt is the square of day d in an image drawn at width w, scale 1.
func cellAt(t *testing.T, c MoodCalendar, img *image.RGBA, d time.Time) image.Rectangle {
	t.Helper()
	f := c.header(image.NewRGBA(image.Rect(0, 0, img.Rect.Dx(), 1)), 1, LightPalette())
	l, ok := c.layout(f)
	if !ok {
		t.Fatal("no layout")
	}
	day := civilDayOf(d)
	top := int(f.top + 0.999)
	for _, y := range l.years {
		if y == d.Year() {
			break
		}
		top += l.blockH
	}
	jan1 := dateDay(d.Year(), time.January, 1)
	x := l.left + (day-(jan1-weekdayIndex(jan1)))/7*l.pitch
	y := top + int(l.monthH+0.999) + weekdayIndex(day)*l.pitch
	return image.Rect(x, y, x+l.cell, y+l.cell)
}

func sameColour(a color.RGBA, b color.Color) bool {
	c := color.RGBAModel.Convert(b).(color.RGBA)
	d := func(x, y uint8) bool { return x-y < 3 || y-x < 3 }
	return d(a.R, c.R) && d(a.G, c.G) && d(a.B, c.B)
}

// TestCalendarCells: a day's square has the colour of its value, a day without one
// is an empty outline, a marked day has a dot; days are placed by their date
// whatever their time and location.
func TestCalendarCells(t *testing.T) {
	start := time.Date(2025, time.December, 20, 23, 30, 0, 0, time.FixedZone("UTC-8", -8*3600))
	c := calendarOf(start, 30, func(i int) float64 {
		switch {
		case i%5 == 4:
			return nan
		case i%2 == 0:
			return 0
		}
		return 10
	})
	c.Marks = []time.Time{time.Date(2026, time.January, 3, 0, 0, 0, 0, time.UTC)}
	p := LightPalette()
	img, err := c.Render(900, c.Height(900, 1), 1, p)
	if err != nil {
		t.Fatal(err)
	}
	scale := calendarColours(p)
	for i := range 30 {
		d := start.AddDate(0, 0, i)
		r := cellAt(t, c, img, d)
		centre := img.RGBAAt((r.Min.X+r.Max.X)/2, (r.Min.Y+r.Max.Y)/2)
		corner := img.RGBAAt(r.Min.X, r.Min.Y)
		switch {
		case d.Year() == 2026 && d.YearDay() == 3:
			if !sameColour(centre, p.Foreground) || !sameColour(corner, gapColour(p)) {
				t.Errorf("marked %s: centre %v, corner %v; want a dot on an empty square", d.Format("2 Jan"), centre, corner)
			}
		case i%5 == 4:
			if !sameColour(centre, p.Background) || !sameColour(corner, gapColour(p)) {
				t.Errorf("%s without a value: centre %v, corner %v; want background inside an outline", d.Format("2 Jan"), centre, corner)
			}
		default:
			want := scale.at(float64(i % 2)) // 0 is low, 10 is good
			if !sameColour(centre, want) || !sameColour(corner, want) {
				t.Errorf("%s: centre %v, corner %v, want %v", d.Format("2 Jan"), centre, corner, want)
			}
		}
	}
}

var nan = math.NaN()

// TestCalendarHeight: an image of Height pixels holds every year, newest on top.
func TestCalendarHeight(t *testing.T) {
	start := time.Date(2016, time.March, 1, 0, 0, 0, 0, time.UTC)
	c := calendarOf(start, 3650, func(i int) float64 { return 10 })
	prev := 0
	for _, years := range []int{1, 2, 5, 10} {
		cy := c
		cy.From = c.To.AddDate(-years+1, 0, 0)
		if h := cy.Height(1000, 1); h <= prev {
			t.Errorf("%d years: Height %d, not more than %d", years, h, prev)
		} else {
			prev = h
		}
	}
	p := LightPalette()
	img, err := c.Render(1000, c.Height(1000, 1), 1, p)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range []time.Time{start, start.AddDate(0, 0, 3649), time.Date(2020, time.July, 1, 0, 0, 0, 0, time.UTC)} {
		r := cellAt(t, c, img, d)
		if got := img.RGBAAt(r.Min.X+1, r.Min.Y+1); !sameColour(got, calendarColours(p).at(1)) {
			t.Errorf("%s: %v, want its square", d.Format("2 Jan 2006"), got)
		}
	}
	top, bottom := cellAt(t, c, img, c.To), cellAt(t, c, img, start)
	if top.Min.Y >= bottom.Min.Y {
		t.Errorf("the newest year (y %d) is not above the oldest (y %d)", top.Min.Y, bottom.Min.Y)
	}
}

// TestCalendarOdd: nothing to draw, a window too narrow, a tiny image and a huge
// one all draw without error.
func TestCalendarOdd(t *testing.T) {
	full := calendarOf(time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC), 400, func(i int) float64 { return float64(i % 11) })
	for name, c := range map[string]MoodCalendar{
		"empty":    {},
		"marks":    {Marks: []time.Time{time.Now()}},
		"full":     full,
		"odd span": {Days: full.Days, From: full.To, To: full.From},
	} {
		for _, sz := range []struct {
			w, h  int
			scale float64
		}{{1000, 400, 1}, {120, 300, 1}, {1, 1, 1}, {3000, 600, 3}} {
			if _, err := c.Render(sz.w, sz.h, sz.scale, DarkPalette()); err != nil {
				t.Errorf("%s at %dx%d: %v", name, sz.w, sz.h, err)
			}
		}
	}
	if h := (MoodCalendar{}).Height(0, 1); h != 0 {
		t.Errorf("Height(0) = %d, want 0", h)
	}
}

// BenchmarkCalendarTenYears draws ten years of days, 130 of them marked, into one
// kept image at window width, as the Progress screen redraws it.
func BenchmarkCalendarTenYears(b *testing.B) {
	start := time.Date(2016, time.March, 1, 0, 0, 0, 0, time.UTC)
	c := calendarOf(start, 3650, func(i int) float64 {
		if i%9 == 0 {
			return nan
		}
		return float64(i % 11)
	})
	for d := 0; d < 3650; d += 28 {
		c.Marks = append(c.Marks, start.AddDate(0, 0, d))
	}
	img := image.NewRGBA(image.Rect(0, 0, 1000, c.Height(1000, 1)))
	p := LightPalette()
	b.ReportAllocs()
	for b.Loop() {
		if err := c.Draw(img, 1, p); err != nil {
			b.Fatal(err)
		}
	}
}
