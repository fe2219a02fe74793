package chart

import (
	"errors"
	"fmt"
	"image"
	"image/color"
	"math"
	"slices"
	"strings"
	"time"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// TimeChart is values week by week on a time axis, with every session marked
// on the same axis. Keel draws PHQ-9 and GAD-7 totals on one TimeChart and the
// weekly averages of the daily check-ins on another.
type TimeChart struct {
	Title  string // top left, bold; "" draws none
	YLabel string // names the values, above the value axis, e.g. "score"

	// YMin and YMax bound the value axis; equal values take the range from the data.
	YMin, YMax float64

	// From and To bound the time axis; a zero time takes that end from the data.
	From, To time.Time

	// Series are the lines, drawn so that the first is on top and listed in
	// this order in the legend. A series without a Name has no legend entry.
	Series []Series

	// Bands are shaded behind the lines, each labelled beside the plot.
	Bands []Band

	// Lines are horizontal reference lines, each labelled beside the plot.
	Lines []Line

	// Markers are the sessions, drawn as small shapes in a strip between the
	// plot and the dates, with a faint line across the plot.
	Markers []Marker

	// MarkerNames name the marker kinds in the legend, indexed by Kind, e.g.
	// "IV infusion". Only kinds that occur are listed.
	MarkerNames []string

	// Note is a line of text under the chart, wrapped when long, such as
	// "Dips between sessions are common and are not a sign of failure."
	Note string

	// Empty is written in the plot when nothing falls in the time range;
	// "" means "Nothing recorded in this period yet".
	Empty string
}

// Render draws the chart into a new image of exactly w x h pixels. scale is
// the UI scale factor: text, lines and spacing grow with it (1 for the window
// at normal density, about 1.6 for a 1600 x 800 export). The palette's nil
// colours take LightPalette's.
//
// Render fails only when the size or scale is unusable or To is before From;
// a chart with nothing to show says so in the image.
func (c TimeChart) Render(w, h int, scale float64, p Palette) (*image.RGBA, error) {
	return render(w, h, func(img *image.RGBA) error { return c.Draw(img, scale, p) })
}

// Draw draws the chart over all of dst, which must start at 0,0; see Render.
// Drawing into the same image again allocates nothing image-sized, so a widget
// can keep one image per size. Draw may run on any goroutine, one dst at a time.
func (c TimeChart) Draw(dst *image.RGBA, scale float64, p Palette) (err error) {
	if err := checkTarget(dst, scale); err != nil {
		return err
	}
	from, to, err := c.timeRange()
	if err != nil {
		return err
	}
	defer recoverDraw(&err)

	f := newFrame(dst, scale, p)
	f.drawTitle(c.Title)
	f.drawLegend(c.legendKeys(f, from, to))
	f.drawNote(c.Note)
	f.drawYLabel(c.YLabel)
	area, ok := f.plotArea(math.Max(f.bandLabelWidth(c.Bands), f.lineLabelWidth(c.Lines)))
	if !ok {
		return nil
	}
	empty := c.Empty
	if empty == "" {
		empty = "Nothing recorded in this period yet"
	}
	if from.IsZero() {
		f.drawEmpty(area, empty)
		return nil
	}
	lo, hi, haveY := c.valueRange(from, to)
	if !haveY {
		f.drawEmpty(area, empty)
		return nil
	}

	pl := f.newPlot()
	xFrom, xTo := unix(from), unix(to)
	tickH := height(f.tick)
	markers := c.markersIn(from, to)
	r := f.px(4.5)
	rowStep := 2*r + f.px(2)
	laneH := func(rows int) float64 {
		if rows == 0 {
			return f.px(4)
		}
		return f.px(10) + float64(rows)*rowStep
	}

	// Back to front: bands, grid, session lines, then the series, the first on top.
	grid := &hlinesPlot{sty: draw.LineStyle{Color: f.pal.Grid, Width: vg.Length(f.px(1))}}
	pl.Add(&bandsPlot{bands: c.Bands, colors: f.pal.Bands, under: f.pal.Background}, grid)
	vl := &vlinesPlot{}
	for _, m := range markers {
		vl.xs = append(vl.xs, unix(m.T))
		vl.styles = append(vl.styles, draw.LineStyle{Color: fade(f.markerColor(m.Kind), 0.22), Width: vg.Length(f.px(1))})
	}
	pl.Add(vl)
	pl.Add(f.refLines(c.Lines))
	for i := len(c.Series) - 1; i >= 0; i-- {
		s := c.Series[i]
		lines, dots := runs(len(s.Points), func(j int) (float64, float64, bool) {
			pt := s.Points[j]
			return unix(pt.T), pt.V, pt.Valid
		})
		ls := f.seriesStyle(s, i)
		if s.Dots {
			for _, l := range lines {
				dots = append(dots, l...)
			}
		}
		addLine(pl, lines, dots, ls, nil)
	}
	pl.X.Min, pl.X.Max = xFrom, xTo // Add widened them to the data
	pl.Y.Min, pl.Y.Max = lo, hi

	// Lay out in two passes: the value ticks depend on the plot's height,
	// the date ticks and marker rows on its width. The stand-in date tick
	// gives the axis its height without taking any width.
	pl.X.Tick.Marker = plot.ConstantTicks{{Value: math.Inf(-1), Label: "0"}}
	rows, rowOf := 0, []int(nil)
	var ticks []Tick
	for range 2 {
		pl.X.Padding = vg.Length(laneH(rows))
		f.setYTicks(pl, lo, hi, float64(area.Max.Y-area.Min.Y)-tickH-laneH(rows))
		dataC := pl.DataCanvas(area)
		wData := float64(dataC.Max.X - dataC.Min.X)
		grid.ys = f.setYTicks(pl, lo, hi, float64(dataC.Max.Y-dataC.Min.Y))
		ticks = timeTicks(from, to, wData, func(s string) float64 { return width(f.tick, s) }, labelGap(f.ts))
		rows, rowOf = markerRows(markers, from, to, wData, 2*r+f.px(1.5))
		standIn := "0"
		if slices.ContainsFunc(ticks, func(t Tick) bool { return strings.Contains(t.Label, "\n") }) {
			standIn = "0\n0" // the labels need two lines
		}
		pl.X.Tick.Marker = plot.ConstantTicks{{Value: math.Inf(-1), Label: standIn}}
		tickH = float64(f.tick.Height(standIn))
	}
	pl.X.Padding = vg.Length(laneH(rows))
	if len(ticks) > 0 {
		xt := make(plot.ConstantTicks, len(ticks))
		for i, t := range ticks {
			xt[i] = plot.Tick{Value: unix(t.T), Label: t.Label}
		}
		pl.X.Tick.Marker = xt
	}

	pl.Draw(area)
	dataC := pl.DataCanvas(area)
	f.drawBandLabels(pl, dataC, c.Bands)
	f.drawLineLabels(pl, dataC, c.Lines)

	// The session strip, row 0 next to the plot.
	trX, _ := pl.Transforms(&dataC)
	laneTop := float64(area.Min.Y) + tickH + laneH(rows)
	for i, m := range markers {
		y := laneTop - f.px(6) - r - float64(rowOf[i])*rowStep
		gs := draw.GlyphStyle{Color: f.markerColor(m.Kind), Radius: vg.Length(r), Shape: shape(kindIndex(m.Kind))}
		dataC.DrawGlyphNoClip(gs, vg.Point{X: trX(unix(m.T)), Y: vg.Length(y)})
	}
	if !c.hasValues(from, to) && len(markers) == 0 {
		f.drawEmpty(dataC, empty)
	}
	return nil
}

// recoverDraw turns a panic inside gonum/plot into an error: a chart that
// cannot be drawn must not take the window down with it.
func recoverDraw(err *error) {
	if r := recover(); r != nil {
		*err = fmt.Errorf("draw chart: %v", r)
	}
}

// unix is t on the chart's x axis, in seconds.
func unix(t time.Time) float64 { return float64(t.UnixNano()) / 1e9 }

// timeRange returns the time axis' ends: From and To, with zero ends taken
// from the data. Both are zero when there is neither range nor data.
func (c TimeChart) timeRange() (from, to time.Time, err error) {
	from, to = c.From, c.To
	if from.IsZero() || to.IsZero() {
		var lo, hi time.Time
		see := func(t time.Time) {
			if lo.IsZero() || t.Before(lo) {
				lo = t
			}
			if hi.IsZero() || t.After(hi) {
				hi = t
			}
		}
		for _, s := range c.Series {
			for _, p := range s.Points {
				if p.Valid {
					see(p.T)
				}
			}
		}
		for _, m := range c.Markers {
			see(m.T)
		}
		if from.IsZero() {
			from = lo
		}
		if to.IsZero() {
			to = hi
		}
		if from.IsZero() || to.IsZero() {
			return time.Time{}, time.Time{}, nil
		}
	}
	if to.Before(from) {
		return time.Time{}, time.Time{}, errors.New("draw chart: the time range ends before it starts")
	}
	if !to.After(from) {
		from, to = from.Add(-84*time.Hour), to.Add(84*time.Hour)
	}
	return from, to, nil
}

// hasValues reports whether any valid value lies in [from, to].
func (c TimeChart) hasValues(from, to time.Time) bool {
	for _, s := range c.Series {
		for _, p := range s.Points {
			if p.Valid && !p.T.Before(from) && !p.T.After(to) && finite(p.V) {
				return true
			}
		}
	}
	return false
}

// valueRange returns the value axis' range: YMin and YMax, or when they are
// equal the data's range widened to round numbers.
func (c TimeChart) valueRange(from, to time.Time) (lo, hi float64, ok bool) {
	if finite(c.YMin) && finite(c.YMax) && c.YMax > c.YMin {
		return c.YMin, c.YMax, true
	}
	lo, hi = math.Inf(1), math.Inf(-1)
	for _, s := range c.Series {
		for _, p := range s.Points {
			if p.Valid && !p.T.Before(from) && !p.T.After(to) && finite(p.V) {
				lo, hi = math.Min(lo, p.V), math.Max(hi, p.V)
			}
		}
	}
	if math.IsInf(lo, 0) {
		if finite(c.YMin) && (c.YMin != 0 || c.YMax != 0 || len(c.Markers) > 0) {
			return c.YMin, c.YMin + 10, true
		}
		return 0, 0, false
	}
	lo, hi = roundRange(lo, hi)
	return lo, hi, true
}

func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

// roundRange widens [lo, hi] to round numbers.
func roundRange(lo, hi float64) (float64, float64) {
	if hi-lo < 1e-9 {
		lo, hi = lo-1, hi+1
	}
	vs, _ := valueTicks(lo, hi, 5, 1)
	step := 1.0
	if len(vs) > 1 {
		step = vs[1] - vs[0]
	}
	return math.Floor(lo/step) * step, math.Ceil(hi/step) * step
}

// markersIn returns the markers in [from, to] in time order.
func (c TimeChart) markersIn(from, to time.Time) []Marker {
	var out []Marker
	for _, m := range c.Markers {
		if !m.T.Before(from) && !m.T.After(to) {
			out = append(out, m)
		}
	}
	slices.SortStableFunc(out, func(a, b Marker) int { return a.T.Compare(b.T) })
	return out
}

// markerRows stacks markers (in time order) into rows so that no two in a
// row are closer than minDist pixels, using at most three rows; it returns the
// number of rows and each marker's row.
func markerRows(ms []Marker, from, to time.Time, w, minDist float64) (int, []int) {
	const maxRows = 3
	rowOf := make([]int, len(ms))
	last := make([]float64, 0, maxRows)
	span := float64(to.Sub(from))
	for i, m := range ms {
		x := w * float64(m.T.Sub(from)) / span
		row := -1
		for r, lx := range last {
			if x-lx >= minDist {
				row = r
				break
			}
		}
		if row < 0 && len(last) < maxRows {
			row = len(last)
			last = append(last, 0)
		}
		if row < 0 { // all rows crowded: take the one whose last marker is furthest away
			row = 0
			for r := range last {
				if last[r] < last[row] {
					row = r
				}
			}
		}
		last[row] = x
		rowOf[i] = row
	}
	return len(last), rowOf
}

// kindIndex maps a Kind to a non-negative index.
func kindIndex(k int) int {
	if k < 0 {
		return -k
	}
	return k
}

// markerColor is the colour of sessions of kind k.
func (f *frame) markerColor(k int) color.Color {
	return pick(f.pal.Markers, kindIndex(k), f.pal.Foreground)
}

// seriesStyle is the line style of series s at position i.
func (f *frame) seriesStyle(s Series, i int) draw.LineStyle {
	col := s.Color
	if col == nil {
		col = pick(f.pal.Series, i, f.pal.Foreground)
	}
	w := s.Width
	if !(w > 0) {
		w = 2
	}
	ls := draw.LineStyle{Color: col, Width: vg.Length(f.px(w))}
	if s.Dashed {
		ls.Dashes = []vg.Length{vg.Length(f.px(7)), vg.Length(f.px(5))}
	}
	return ls
}

// legendKeys lists the series, then the kinds of session in [from, to].
func (c TimeChart) legendKeys(f *frame, from, to time.Time) []legendKey {
	var keys []legendKey
	for i, s := range c.Series {
		if s.Name != "" {
			keys = append(keys, f.lineKey(s.Name, f.seriesStyle(s, i)))
		}
	}
	var kinds []int
	for _, m := range c.markersIn(from, to) {
		if !slices.Contains(kinds, m.Kind) {
			kinds = append(kinds, m.Kind)
		}
	}
	slices.Sort(kinds)
	for _, k := range kinds {
		name := "session"
		if k >= 0 && k < len(c.MarkerNames) && c.MarkerNames[k] != "" {
			name = c.MarkerNames[k]
		}
		gs := draw.GlyphStyle{Color: f.markerColor(k), Radius: vg.Length(f.px(4.5)), Shape: shape(kindIndex(k))}
		keys = append(keys, f.glyphKey(name, gs))
	}
	return keys
}
