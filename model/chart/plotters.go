package chart

import (
	"image/color"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// runs splits n values into runs of consecutive valid ones: runs of two or more
// become lines, lone values become dots, so a gap is never bridged.
func runs(n int, at func(i int) (x, y float64, ok bool)) (lines []plotter.XYs, dots plotter.XYs) {
	var cur plotter.XYs
	flush := func() {
		switch len(cur) {
		case 0:
		case 1:
			dots = append(dots, cur[0])
		default:
			lines = append(lines, cur)
		}
		cur = nil
	}
	for i := 0; i < n; i++ {
		x, y, ok := at(i)
		if !ok || !finite(y) {
			flush()
			continue
		}
		cur = append(cur, plotter.XY{X: x, Y: y})
	}
	flush()
	return lines, dots
}

// addLine adds the runs of one series to p: the lines, then the lone points as
// dots a little wider than the line. A halo colour, when not nil, is drawn
// under the line first to set it apart from what it crosses.
func addLine(p *plot.Plot, lines []plotter.XYs, dots plotter.XYs, ls draw.LineStyle, halo color.Color) {
	for _, xy := range lines {
		if halo != nil {
			h := ls
			h.Color = halo
			h.Width = ls.Width * 2.2
			h.Dashes = nil
			p.Add(line{&plotter.Line{XYs: xy, LineStyle: h}})
		}
		p.Add(line{&plotter.Line{XYs: xy, LineStyle: ls}})
	}
	if len(dots) > 0 {
		r := vg.Length(math.Max(float64(ls.Width)*1.6, 2.5))
		p.Add(&dotsPlot{xys: dots, sty: draw.GlyphStyle{Color: ls.Color, Radius: r, Shape: draw.CircleGlyph{}}})
	}
}

// line is a plotter.Line without its glyph boxes and data range, so the
// plot's layout does not depend on the data: the data area stays put whether
// or not a line touches its edge, and the padding is not worked out again
// from every point each time gonum/plot needs it.
type line struct{ l *plotter.Line }

func (l line) Plot(c draw.Canvas, p *plot.Plot) { l.l.Plot(c, p) }

// dotsPlot draws a glyph at each point. Unlike plotter.Scatter it reports no
// glyph boxes, so lone points never shift the plot's layout.
type dotsPlot struct {
	xys plotter.XYs
	sty draw.GlyphStyle
}

func (d *dotsPlot) Plot(c draw.Canvas, p *plot.Plot) {
	trX, trY := p.Transforms(&c)
	for _, xy := range d.xys {
		c.DrawGlyph(d.sty, vg.Point{X: trX(xy.X), Y: trY(xy.Y)})
	}
}

// bandsPlot shades horizontal ranges across the whole data area. It must be
// the first thing drawn in the data area: when under is the colour already
// there (the background), the bands are composited over it and written
// row-band by row-band, which is several times faster than blending.
type bandsPlot struct {
	bands  []Band
	colors []color.Color
	under  color.Color
}

func (b *bandsPlot) Plot(c draw.Canvas, p *plot.Plot) {
	_, trY := p.Transforms(&c)
	pc := pixels(c)
	var rects []pixelBand
	for i, band := range b.bands {
		lo, hi := math.Max(band.From, p.Y.Min), math.Min(band.To, p.Y.Max)
		if !(hi > lo) {
			continue
		}
		col := band.Color
		if col == nil {
			col = pick(b.colors, i, color.Transparent)
		}
		r := vg.Rectangle{Min: vg.Point{X: c.Min.X, Y: trY(lo)}, Max: vg.Point{X: c.Max.X, Y: trY(hi)}}
		if pc != nil && b.under != nil {
			rects = append(rects, pixelBand{r: pc.pixelRect(r), col: col})
			continue
		}
		c.FillPolygon(col, []vg.Point{r.Min, {X: r.Max.X, Y: r.Min.Y}, r.Max, {X: r.Min.X, Y: r.Max.Y}})
	}
	if len(rects) > 0 {
		pc.fillBands(rects, b.under)
	}
}

// vlinesPlot draws vertical lines across the data area at the given x values.
type vlinesPlot struct {
	xs     []float64
	styles []draw.LineStyle // one per x
}

func (v *vlinesPlot) Plot(c draw.Canvas, p *plot.Plot) {
	trX, _ := p.Transforms(&c)
	for i, x := range v.xs {
		px := trX(x)
		if !c.ContainsX(px) {
			continue
		}
		ruleOrStroke(c, v.styles[i], vg.Point{X: px, Y: c.Min.Y}, vg.Point{X: px, Y: c.Max.Y})
	}
}

// hlinesPlot draws horizontal grid lines across the data area at the given y values.
type hlinesPlot struct {
	ys  []float64
	sty draw.LineStyle
}

func (h *hlinesPlot) Plot(c draw.Canvas, p *plot.Plot) {
	_, trY := p.Transforms(&c)
	for _, y := range h.ys {
		py := trY(y)
		if py < c.Min.Y-0.5 || py > c.Max.Y+0.5 {
			continue
		}
		ruleOrStroke(c, h.sty, vg.Point{X: c.Min.X, Y: py}, vg.Point{X: c.Max.X, Y: py})
	}
}

// refLinesPlot draws horizontal reference lines, each in its own style, at values
// inside the value range.
type refLinesPlot struct {
	ys     []float64
	styles []draw.LineStyle
}

func (r *refLinesPlot) Plot(c draw.Canvas, p *plot.Plot) {
	_, trY := p.Transforms(&c)
	for i, y := range r.ys {
		if y < p.Y.Min || y > p.Y.Max {
			continue
		}
		py := trY(y)
		ruleOrStroke(c, r.styles[i], vg.Point{X: c.Min.X, Y: py}, vg.Point{X: c.Max.X, Y: py})
	}
}

// ruleOrStroke draws a solid horizontal or vertical line on whole pixels
// where the canvas allows, else strokes it.
func ruleOrStroke(c draw.Canvas, ls draw.LineStyle, a, b vg.Point) {
	if pc := pixels(c); pc != nil && len(ls.Dashes) == 0 && pc.rule(a, b, ls.Width, ls.Color) {
		return
	}
	c.StrokeLine2(ls, a.X, a.Y, b.X, b.Y)
}

// shape is a filled marker glyph; its value selects the form: triangle,
// diamond, circle, square, downward triangle, then the same again.
type shape int

const shapeCount = 5

func (s shape) DrawGlyph(c *draw.Canvas, sty draw.GlyphStyle, pt vg.Point) {
	r := sty.Radius
	var pts []vg.Point
	switch int(s) % shapeCount {
	case 0: // triangle, a little larger to look as heavy as the others
		r *= 1.2
		pts = []vg.Point{{X: pt.X, Y: pt.Y + r}, {X: pt.X - r*0.866, Y: pt.Y - r*0.5}, {X: pt.X + r*0.866, Y: pt.Y - r*0.5}}
		pts = shift(pts, 0, -r*0.2)
	case 1: // diamond
		r *= 1.15
		pts = []vg.Point{{X: pt.X, Y: pt.Y + r}, {X: pt.X - r*0.8, Y: pt.Y}, {X: pt.X, Y: pt.Y - r}, {X: pt.X + r*0.8, Y: pt.Y}}
	case 2:
		draw.CircleGlyph{}.DrawGlyph(c, sty, pt)
		return
	case 3: // square
		r *= 0.85
		pts = []vg.Point{{X: pt.X - r, Y: pt.Y - r}, {X: pt.X + r, Y: pt.Y - r}, {X: pt.X + r, Y: pt.Y + r}, {X: pt.X - r, Y: pt.Y + r}}
	default: // downward triangle
		r *= 1.2
		pts = []vg.Point{{X: pt.X, Y: pt.Y - r}, {X: pt.X - r*0.866, Y: pt.Y + r*0.5}, {X: pt.X + r*0.866, Y: pt.Y + r*0.5}}
		pts = shift(pts, 0, r*0.2)
	}
	var path vg.Path
	path.Move(pts[0])
	for _, q := range pts[1:] {
		path.Line(q)
	}
	path.Close()
	c.Fill(path)
}

func shift(pts []vg.Point, dx, dy vg.Length) []vg.Point {
	for i := range pts {
		pts[i].X += dx
		pts[i].Y += dy
	}
	return pts
}
