package chart

import (
	"image"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// DayValue is one value on an AlignedChart. Day counts days from the session:
// 0 is the session day, -1 the day before, 3 the third day after. A DayValue
// that is not Valid is a gap.
type DayValue struct {
	Day   int
	V     float64
	Valid bool
}

// AlignedChart overlays the days around each session on one axis of days
// from the session (for example -3 to +14): a thin translucent line per
// session and their average in bold, both in the palette's first series
// colour, with a vertical line on the session day.
type AlignedChart struct {
	Title  string // top left, bold; "" draws none
	YLabel string // names the values, above the value axis, e.g. "mood (0-10)"
	XLabel string // under the day axis; "" means "days from session"

	// YMin and YMax bound the value axis; equal values take the range from the data.
	YMin, YMax float64

	// FirstDay and LastDay bound the day axis, e.g. -3 and 14; when both are
	// zero the range is taken from the data.
	FirstDay, LastDay int

	// Sessions holds one line per session, each in day order.
	Sessions [][]DayValue

	// Average is the bold line, in day order.
	Average []DayValue

	// SessionsName and AverageName name the lines in the legend; "" means
	// "each session" and "average".
	SessionsName, AverageName string

	// ZeroLabel labels day 0 on the axis; "" means "session day".
	ZeroLabel string

	// Bands are shaded behind the lines, each labelled beside the plot.
	Bands []Band

	// Note is a line of text under the chart, wrapped when long.
	Note string

	// Empty is written in the plot when there is no value at all;
	// "" means "No sessions with check-ins yet".
	Empty string
}

// Render draws the chart into a new image of exactly w x h pixels; see
// TimeChart.Render for scale and palette.
func (c AlignedChart) Render(w, h int, scale float64, p Palette) (*image.RGBA, error) {
	return render(w, h, func(img *image.RGBA) error { return c.Draw(img, scale, p) })
}

// Draw draws the chart over all of dst, which must start at 0,0; see
// TimeChart.Draw.
func (c AlignedChart) Draw(dst *image.RGBA, scale float64, p Palette) (err error) {
	if err := checkTarget(dst, scale); err != nil {
		return err
	}
	defer recoverDraw(&err)

	f := newFrame(dst, scale, p)
	thin, bold := f.alignedStyles()
	sessionsName, averageName := or(c.SessionsName, "each session"), or(c.AverageName, "average")
	var keys []legendKey
	if len(c.Sessions) > 0 {
		keys = append(keys, f.lineKey(sessionsName, thin))
	}
	if len(c.Average) > 0 {
		keys = append(keys, f.lineKey(averageName, bold))
	}
	f.drawTitle(c.Title)
	f.drawLegend(keys)
	f.drawNote(c.Note)
	f.drawYLabel(c.YLabel)
	area, ok := f.plotArea(f.bandLabelWidth(c.Bands))
	if !ok {
		return nil
	}
	first, last, lo, hi, have := c.ranges()
	if !have && (c.FirstDay == c.LastDay || c.YMin == c.YMax) {
		f.drawEmpty(area, or(c.Empty, "No sessions with check-ins yet"))
		return nil
	}

	pl := f.newPlot()
	xlo, xhi := float64(first)-0.5, float64(last)+0.5
	pl.X.Label.Text = or(c.XLabel, "days from session")
	pl.X.Label.Padding = vg.Length(f.px(4))

	// Back to front: bands, grid, the session-day line, each session, the average.
	grid := &hlinesPlot{sty: draw.LineStyle{Color: f.pal.Grid, Width: vg.Length(f.px(1))}}
	pl.Add(&bandsPlot{bands: c.Bands, colors: f.pal.Bands, under: f.pal.Background}, grid)
	if xlo < 0 && xhi > 0 {
		pl.Add(&vlinesPlot{xs: []float64{0}, styles: []draw.LineStyle{{Color: fade(f.pal.Foreground, 0.55), Width: vg.Length(f.px(1.5))}}})
	}
	for _, s := range c.Sessions {
		lines, dots := runs(len(s), func(i int) (float64, float64, bool) { return float64(s[i].Day), s[i].V, s[i].Valid })
		addLine(pl, lines, dots, thin, nil)
	}
	lines, dots := runs(len(c.Average), func(i int) (float64, float64, bool) {
		return float64(c.Average[i].Day), c.Average[i].V, c.Average[i].Valid
	})
	addLine(pl, lines, dots, bold, f.pal.Background)
	pl.X.Min, pl.X.Max = xlo, xhi // Add widened them to the data
	pl.Y.Min, pl.Y.Max = lo, hi

	// The value ticks depend on the plot's height, the day ticks on its
	// width. The stand-in day tick gives the axis its height without width.
	pl.X.Tick.Marker = plot.ConstantTicks{{Value: math.Inf(-1), Label: "0"}}
	f.setYTicks(pl, lo, hi, float64(area.Max.Y-area.Min.Y)-3*f.ts)
	dataC := pl.DataCanvas(area)
	grid.ys = f.setYTicks(pl, lo, hi, float64(dataC.Max.Y-dataC.Min.Y))
	dataC = pl.DataCanvas(area)
	zero := or(c.ZeroLabel, "session day")
	ticks := dayTicks(xlo, xhi, float64(dataC.Max.X-dataC.Min.X), zero,
		func(s string) float64 { return width(f.tick, s) }, labelGap(f.ts))
	if len(ticks) > 0 {
		xt := make(plot.ConstantTicks, len(ticks))
		for i, t := range ticks {
			xt[i] = plot.Tick{Value: float64(t.Day), Label: t.Label}
		}
		pl.X.Tick.Marker = xt
	}

	pl.Draw(area)
	dataC = pl.DataCanvas(area)
	f.drawBandLabels(pl, dataC, c.Bands)
	if !have {
		f.drawEmpty(dataC, or(c.Empty, "No sessions with check-ins yet"))
	}
	return nil
}

// alignedStyles are the line styles of one session and of the average.
func (f *frame) alignedStyles() (thin, bold draw.LineStyle) {
	accent := pick(f.pal.Series, 0, f.pal.Foreground)
	thin = draw.LineStyle{Color: fade(accent, 0.38), Width: vg.Length(f.px(1.25))}
	bold = draw.LineStyle{Color: accent, Width: vg.Length(f.px(3))}
	return thin, bold
}

// ranges returns the day and value ranges, filling what the chart leaves
// open from the data; have reports whether there is a valid value at all.
func (c AlignedChart) ranges() (first, last int, lo, hi float64, have bool) {
	dlo, dhi := math.MaxInt, math.MinInt
	vlo, vhi := math.Inf(1), math.Inf(-1)
	see := func(vs []DayValue) {
		for _, v := range vs {
			if !v.Valid || !finite(v.V) {
				continue
			}
			have = true
			dlo, dhi = min(dlo, v.Day), max(dhi, v.Day)
			vlo, vhi = math.Min(vlo, v.V), math.Max(vhi, v.V)
		}
	}
	for _, s := range c.Sessions {
		see(s)
	}
	see(c.Average)

	first, last = c.FirstDay, c.LastDay
	if first == 0 && last == 0 {
		first, last = -3, 14
		if have {
			first, last = min(dlo, 0), max(dhi, 1)
		}
	}
	if last < first {
		first, last = last, first
	}
	lo, hi = c.YMin, c.YMax
	if !finite(lo) || !finite(hi) || !(hi > lo) {
		lo, hi = 0, 10
		if have {
			lo, hi = roundRange(vlo, vhi)
		}
	}
	return first, last, lo, hi, have
}

// or returns s, or def when s is empty.
func or(s, def string) string {
	if s == "" {
		return def
	}
	return s
}
