package chart

import (
	"image"
	"image/color"
	stddraw "image/draw"
	"math"
	"strconv"
	"time"

	stdfont "golang.org/x/image/font"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// DateValue is one calendar day's value on a MoodCalendar. Only the date of Date
// counts (its year, month and day in its own location), not its time of day.
type DateValue struct {
	Date time.Time
	V    float64
}

// MoodCalendar is a year at a glance: one square a day, a year per row (weeks
// from left to right, Monday at the top), the newest year on top. A day's square
// is coloured by its value, from the palette's second series colour (low) through a
// pale middle to its first (good); a day without a value is an empty outline, never
// a colour; days with a mark (sessions) carry a dot. Days before From and after To
// are not drawn.
type MoodCalendar struct {
	Title string // top left, bold; "" draws none
	// Days are the days with a value, in any order; a day given twice takes the
	// later value.
	Days []DateValue
	// Marks are the days to mark with a dot, such as the days of sessions.
	Marks []time.Time
	// From and To are the first and last days drawn; a zero end takes the earliest
	// (latest) day of Days and Marks.
	From, To time.Time
	// Min and Max are the ends of the colour scale; equal values mean 0 and 10.
	Min, Max float64
	// ScaleLabel, GapLabel and MarkLabel name the colours, the empty squares and the
	// dots in the legend; "" means "mood: low to good", "nothing recorded" and
	// "session".
	ScaleLabel, GapLabel, MarkLabel string
	// Note is a line of text under the chart, wrapped when long.
	Note string
	// Empty is written when there is no day to draw; "" means "Nothing recorded yet".
	Empty string
}

// The calendar's proportions, in pixels at scale 1.
const (
	calMaxCell = 17  // the largest pitch of a square (square and gap)
	calMinCell = 4   // the smallest; a narrower image says so instead of drawing specks
	calGap     = 0.2 // the gap between squares, as a share of the pitch
)

// Render draws the calendar into a new image of exactly w x h pixels; see
// TimeChart.Render for scale and palette. Height says how tall an image must be to
// hold every year; a shorter one shows the newest years that fit.
func (c MoodCalendar) Render(w, h int, scale float64, p Palette) (*image.RGBA, error) {
	return render(w, h, func(img *image.RGBA) error { return c.Draw(img, scale, p) })
}

// calLayout is where the calendar's parts go in an image of a given width.
type calLayout struct {
	first, last int // day numbers of the first and last days drawn
	years       []int
	pitch, cell int     // the distance between squares and their side
	left        int     // x of the first week's squares
	yearW       float64 // the width of the year labels' column
	monthH      float64 // the height of the month labels' row
	blockH      int     // the height of one year's block, its gap below included
}

// layout works out the layout for frame f, whose header and footer are drawn.
func (c MoodCalendar) layout(f *frame) (calLayout, bool) {
	var l calLayout
	l.first, l.last = c.span()
	if l.first > l.last {
		return l, false
	}
	for y := yearOfDay(l.last); y >= yearOfDay(l.first); y-- {
		l.years = append(l.years, y)
	}
	bold := f.legend
	bold.Font.Weight = stdfont.WeightBold
	l.yearW = width(bold, "0000") + f.px(10)
	dayW := width(f.small, "Mon") + f.px(6)
	avail := f.w - 2*f.margin - l.yearW - dayW
	l.pitch = int(math.Min(math.Floor(avail/54), math.Round(f.px(calMaxCell))))
	if l.pitch < int(math.Round(f.px(calMinCell))) || l.pitch < 3 {
		return l, false
	}
	l.cell = l.pitch - max(1, int(math.Round(float64(l.pitch)*calGap)))
	l.left = int(math.Round(f.margin + l.yearW + dayW))
	l.monthH = height(f.small) + f.px(4)
	l.blockH = int(math.Ceil(l.monthH)) + 7*l.pitch + int(math.Round(f.px(14)))
	return l, true
}

// span is the day numbers of the first and last days drawn, first > last when none.
func (c MoodCalendar) span() (first, last int) {
	first, last = math.MaxInt, math.MinInt
	see := func(t time.Time) {
		d := civilDayOf(t)
		first, last = min(first, d), max(last, d)
	}
	for _, d := range c.Days {
		if finite(d.V) {
			see(d.Date)
		}
	}
	for _, m := range c.Marks {
		see(m)
	}
	if !c.From.IsZero() {
		first = civilDayOf(c.From)
	}
	if !c.To.IsZero() {
		last = civilDayOf(c.To)
	}
	return first, last
}

// header draws the title, legend and note, and returns the frame.
func (c MoodCalendar) header(dst *image.RGBA, scale float64, p Palette) *frame {
	f := newFrame(dst, scale, p)
	f.drawTitle(c.Title)
	f.drawLegend(c.legendKeys(f))
	f.drawNote(c.Note)
	return f
}

// Height is the height in pixels an image w pixels wide needs to show every year
// of the calendar at scale; 0 when w is too narrow to draw it.
func (c MoodCalendar) Height(w int, scale float64) int {
	if w <= 0 || w > maxSide || !(scale > 0) || math.IsInf(scale, 0) {
		return 0
	}
	f := c.header(image.NewRGBA(image.Rect(0, 0, w, 1)), scale, LightPalette())
	l, ok := c.layout(f)
	if !ok {
		return int(math.Ceil(f.top + f.bottom + 4*f.ts))
	}
	return min(maxSide, int(math.Ceil(f.top))+int(math.Ceil(f.bottom))+len(l.years)*l.blockH-int(math.Round(f.px(14))))
}

// Draw draws the calendar over all of dst, which must start at 0,0; see
// TimeChart.Draw.
func (c MoodCalendar) Draw(dst *image.RGBA, scale float64, p Palette) (err error) {
	if err := checkTarget(dst, scale); err != nil {
		return err
	}
	defer recoverDraw(&err)
	f := c.header(dst, scale, p)
	l, ok := c.layout(f)
	area, big := f.plotArea(0)
	if !big {
		return nil
	}
	if !ok {
		msg := "Make the window wider to see the calendar"
		if l.first > l.last {
			msg = or(c.Empty, "Nothing recorded yet")
		}
		f.drawEmpty(area, msg)
		return nil
	}

	values := make(map[int]float64, len(c.Days))
	for _, d := range c.Days {
		if finite(d.V) {
			values[civilDayOf(d.Date)] = d.V
		}
	}
	marks := map[int]bool{}
	for _, m := range c.Marks {
		marks[civilDayOf(m)] = true
	}
	lo, hi := c.Min, c.Max
	if !finite(lo) || !finite(hi) || !(hi > lo) {
		lo, hi = 0, 10
	}
	colours := calendarColours(f.pal)
	outline := image.NewUniform(gapColour(f.pal))
	bottom := int(f.h - f.bottom)
	bold := f.legend
	bold.Font.Weight = stdfont.WeightBold
	dot := f.markStyle(l.cell)

	top := int(math.Ceil(f.top))
	for _, year := range l.years {
		if top+int(math.Ceil(l.monthH))+7*l.pitch > bottom {
			break // the older years do not fit
		}
		jan1, dec31 := dateDay(year, time.January, 1), dateDay(year, time.December, 31)
		monday := jan1 - weekdayIndex(jan1)
		from, to := max(jan1, l.first), min(dec31, l.last)
		gridTop := top + int(math.Ceil(l.monthH))

		// The year, the weekdays and the months.
		f.textAt(bold, f.margin, float64(gridTop)+float64(l.pitch-l.cell)/2-f.px(1), strconv.Itoa(year))
		for row, name := range []string{"Mon", "", "Wed", "", "Fri", "", ""} {
			if name != "" {
				y := float64(gridTop+row*l.pitch) + (float64(l.cell)-height(f.small))/2
				f.textAt(f.small, f.margin+l.yearW, y, name)
			}
		}
		for _, ml := range f.monthLabels(year, from, to, monday, l) {
			f.textAt(f.small, ml.x, float64(top), ml.name)
		}

		// The days.
		for d := from; d <= to; d++ {
			x := l.left + (d-monday)/7*l.pitch
			y := gridTop + weekdayIndex(d)*l.pitch
			r := image.Rect(x, y, x+l.cell, y+l.cell)
			v, ok := values[d]
			if !ok {
				drawOutline(dst, r, outline)
			} else {
				t := (v - lo) / (hi - lo)
				stddraw.Draw(dst, r, image.NewUniform(colours.at(t)), image.Point{}, stddraw.Src)
			}
			if marks[d] {
				dot.draw(dst, float64(x)+float64(l.cell)/2, float64(y)+float64(l.cell)/2)
			}
		}
		top += l.blockH
	}
	return nil
}

// monthLabel is a month's name over the column of its first day shown.
type monthLabel struct {
	name    string
	x       float64
	partial bool // the month's first days are not shown
}

// monthLabels names the months of year shown from day from to day to (the year's
// first Monday column is monday). A name that would run into the next one is left
// out, unless it is the first month, shown only in part: then the next one is kept.
func (f *frame) monthLabels(year, from, to, monday int, l calLayout) []monthLabel {
	var out []monthLabel
	for m := time.January; m <= time.December; m++ {
		d1, dEnd := dateDay(year, m, 1), dateDay(year, m+1, 1)-1
		if dEnd < from || d1 > to {
			continue
		}
		name := time.Date(2000, m, 1, 0, 0, 0, 0, time.UTC).Format("Jan")
		x := float64(l.left + (max(d1, from)-monday)/7*l.pitch)
		if n := len(out); n > 0 && out[n-1].x+width(f.small, out[n-1].name)+f.px(4) > x {
			if n > 1 || !out[0].partial { // keep a month shown in full over a sliver
				continue
			}
			out = out[:0]
		}
		out = append(out, monthLabel{name: name, x: x, partial: d1 < from})
	}
	return out
}

// calendarScale is the calendar's colour scale: low, middle and high colours.
type calendarScale struct{ low, mid, high color.Color }

// calendarColours takes the scale from the palette: its second series colour for
// low days, its first (the accent) for good ones, and between them a pale mix of
// both with the background that no empty square can be mistaken for.
func calendarColours(p Palette) calendarScale {
	low := pick(p.Series, 1, p.Foreground)
	high := pick(p.Series, 0, p.Foreground)
	return calendarScale{low: low, mid: blend(blend(low, high, 0.5), p.Background, 0.45), high: high}
}

// gapColour outlines the squares of days without a value: stronger than the grid,
// so that an empty day shows as a day.
func gapColour(p Palette) color.Color { return blend(p.Foreground, p.Background, 0.25) }

// at is the colour at t in 0..1 (clamped), mixed in straight lines through mid.
func (s calendarScale) at(t float64) color.Color {
	t = math.Max(0, math.Min(1, t))
	if t < 0.5 {
		return blend(s.mid, s.low, t*2)
	}
	return blend(s.high, s.mid, (t-0.5)*2)
}

// drawOutline draws the one-pixel border of r.
func drawOutline(dst *image.RGBA, r image.Rectangle, col image.Image) {
	for _, e := range []image.Rectangle{
		{Min: r.Min, Max: image.Pt(r.Max.X, r.Min.Y+1)},
		{Min: image.Pt(r.Min.X, r.Max.Y-1), Max: r.Max},
		{Min: r.Min, Max: image.Pt(r.Min.X+1, r.Max.Y)},
		{Min: image.Pt(r.Max.X-1, r.Min.Y), Max: r.Max},
	} {
		stddraw.Draw(dst, e, col, image.Point{}, stddraw.Src)
	}
}

// markDot is the dot of a marked day: a disc of the foreground colour in a ring of
// the background, so that it shows on every colour of the scale.
type markDot struct {
	r, ring float64
	col, bg color.Color
}

func (f *frame) markStyle(cell int) markDot {
	r := math.Max(1.5, float64(cell)*0.2)
	return markDot{r: r, ring: r + math.Max(1, f.px(1.2)), col: f.pal.Foreground, bg: f.pal.Background}
}

// draw draws the dot centred on cx, cy (pixels, y down).
func (m markDot) draw(dst *image.RGBA, cx, cy float64) {
	fillDisc(dst, cx, cy, m.ring, m.bg)
	fillDisc(dst, cx, cy, m.r, m.col)
}

// fillDisc paints a disc of radius r centred on cx, cy (pixels, y down) in col,
// its edge smoothed over a pixel. Drawing it as a path through the vector canvas
// took most of a calendar's drawing time.
func fillDisc(dst *image.RGBA, cx, cy, r float64, col color.Color) {
	c := color.RGBAModel.Convert(col).(color.RGBA)
	b := image.Rect(int(math.Floor(cx-r-1)), int(math.Floor(cy-r-1)), int(math.Ceil(cx+r+1)), int(math.Ceil(cy+r+1))).Intersect(dst.Bounds())
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			a := math.Max(0, math.Min(1, r+0.5-math.Hypot(float64(x)+0.5-cx, float64(y)+0.5-cy)))
			if a == 0 {
				continue
			}
			o := dst.RGBAAt(x, y)
			mix := func(s, d uint8) uint8 { return uint8(math.Round(a*float64(s) + (1-a)*float64(d))) }
			dst.SetRGBA(x, y, color.RGBA{R: mix(c.R, o.R), G: mix(c.G, o.G), B: mix(c.B, o.B), A: mix(c.A, o.A)})
		}
	}
}

// legendKeys are the colour scale, the empty square and the dot.
func (c MoodCalendar) legendKeys(f *frame) []legendKey {
	side := math.Round(f.px(11))
	colours := calendarColours(f.pal)
	square := func(x, y float64, col color.Color, hollow bool) {
		r := vg.Rectangle{Min: vg.Point{X: vg.Length(x), Y: vg.Length(y - side/2)}, Max: vg.Point{X: vg.Length(x + side), Y: vg.Length(y + side/2)}}
		if pc := pixels(f.dc); pc != nil {
			pr := pc.pixelRect(r)
			if hollow {
				drawOutline(pc.img, pr, image.NewUniform(col))
			} else {
				stddraw.Draw(pc.img, pr, image.NewUniform(col), image.Point{}, stddraw.Src)
			}
		}
	}
	steps := []float64{0, 0.25, 0.5, 0.75, 1}
	step := side + f.px(2)
	keys := []legendKey{
		{label: or(c.ScaleLabel, "mood: low to good"), keyW: step*float64(len(steps)) - f.px(2), draw: func(_ *draw.Canvas, x, y float64) {
			for i, t := range steps {
				square(x+float64(i)*step, y, colours.at(t), false)
			}
		}},
		{label: or(c.GapLabel, "nothing recorded"), keyW: side, draw: func(_ *draw.Canvas, x, y float64) {
			square(x, y, gapColour(f.pal), true)
		}},
	}
	if len(c.Marks) > 0 {
		dot := f.markStyle(int(side))
		keys = append(keys, legendKey{label: or(c.MarkLabel, "session"), keyW: side, draw: func(_ *draw.Canvas, x, y float64) {
			square(x, y, colours.at(0.75), false)
			if pc := pixels(f.dc); pc != nil {
				dot.draw(pc.img, x+side/2, f.h-y)
			}
		}})
	}
	return keys
}

// civilDayOf is the day number of t's date as written in its own location.
func civilDayOf(t time.Time) int { return int(civilDay(t)) }

// dateDay is the day number of a date; months past December roll into the next year.
func dateDay(y int, m time.Month, d int) int {
	return int(civilDay(time.Date(y, m, d, 0, 0, 0, 0, time.UTC)))
}

// yearOfDay is the year holding day number d.
func yearOfDay(d int) int { return time.Unix(int64(d)*86400, 0).UTC().Year() }

// weekdayIndex is 0 for Monday through 6 for Sunday; day 0, 1970-01-01, was a Thursday.
func weekdayIndex(d int) int { return ((d+3)%7 + 7) % 7 }
