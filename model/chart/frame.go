package chart

import (
	"cmp"
	"errors"
	"fmt"
	"image"
	"image/color"
	stddraw "image/draw"
	"math"
	"slices"
	"strings"

	"git.sr.ht/~sbinet/gg"
	stdfont "golang.org/x/image/font"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
)

// maxSide is the largest width or height Render accepts, in pixels.
const maxSide = 16384

// sans is the embedded Liberation Sans.
var sans = font.Font{Typeface: "Liberation", Variant: "Sans"}

// tickStyle is the style of tick labels at size pixels.
func tickStyle(size float64) text.Style {
	return text.Style{
		Color:   color.Black,
		Font:    font.From(sans, font.Length(size)),
		XAlign:  draw.XCenter,
		YAlign:  draw.YTop,
		Handler: measured,
	}
}

// frame is a chart being drawn: the canvas over the whole image, with lengths
// in pixels (the canvas runs at 72 dpi, one point per pixel) and the y axis
// pointing up, plus the palette and text styles at the chart's scale.
type frame struct {
	dc   draw.Canvas
	w, h float64
	s    float64 // UI scale
	ts   float64 // base text size in pixels, scaled
	pal  Palette

	tick, legend, title, small, note text.Style

	// top and bottom are the space taken so far by the header and the footer,
	// measured from the image's top and bottom edges.
	top, bottom float64
	margin      float64
}

// checkTarget validates the arguments shared by every Draw.
func checkTarget(dst *image.RGBA, scale float64) error {
	if dst == nil {
		return errors.New("draw chart: no image")
	}
	b := dst.Bounds()
	if b.Min != (image.Point{}) {
		return fmt.Errorf("draw chart: image must start at 0,0, not %v", b.Min)
	}
	if b.Dx() <= 0 || b.Dy() <= 0 || b.Dx() > maxSide || b.Dy() > maxSide {
		return fmt.Errorf("draw chart: image size %dx%d is outside 1..%d", b.Dx(), b.Dy(), maxSide)
	}
	if !(scale > 0) || math.IsInf(scale, 0) {
		return fmt.Errorf("draw chart: scale %v is not a positive number", scale)
	}
	return nil
}

// newImage allocates the image for Render after checking its size.
func newImage(w, h int) (*image.RGBA, error) {
	if w <= 0 || h <= 0 || w > maxSide || h > maxSide {
		return nil, fmt.Errorf("render chart: size %dx%d is outside 1..%d", w, h, maxSide)
	}
	return image.NewRGBA(image.Rect(0, 0, w, h)), nil
}

// newFrame prepares dst for drawing: it paints the background and sets up the
// canvas and text styles.
func newFrame(dst *image.RGBA, scale float64, p Palette) *frame {
	p = p.withDefaults()
	ctx := gg.NewContextForRGBA(dst)
	ctx.InvertY()
	ctx.SetLineCapButt() // round caps on every dash cost a tenth of the drawing time
	ctx.SetLineJoinRound()
	c := newPixelCanvas(vgimg.NewWith(vgimg.UseImageWithContext(dst, ctx), vgimg.UseDPI(72)), dst)
	// NewWith paints the image white; paint the palette's background instead.
	stddraw.Draw(dst, dst.Bounds(), image.NewUniform(p.Background), image.Point{}, stddraw.Src)

	f := &frame{
		dc:  draw.New(c),
		w:   float64(dst.Bounds().Dx()),
		h:   float64(dst.Bounds().Dy()),
		s:   scale,
		ts:  p.TextSize * scale,
		pal: p,
	}
	f.margin = math.Round(12 * scale)
	f.top, f.bottom = f.margin, f.margin

	style := func(size float64, col color.Color) text.Style {
		st := tickStyle(size)
		st.Color = col
		st.XAlign, st.YAlign = draw.XLeft, draw.YTop
		return st
	}
	f.tick = tickStyle(f.ts)
	f.tick.Color = p.Muted
	f.legend = style(f.ts, p.Foreground)
	f.title = style(1.3*f.ts, p.Foreground)
	f.title.Font.Weight = stdfont.WeightBold
	f.small = style(0.92*f.ts, p.Muted)
	f.note = style(0.95*f.ts, p.Muted)
	f.note.Font.Style = stdfont.StyleItalic
	return f
}

// px converts a length at scale 1 to pixels.
func (f *frame) px(v float64) float64 { return v * f.s }

// pt converts top-left pixel coordinates to a canvas point.
func (f *frame) pt(x, yFromTop float64) vg.Point {
	return vg.Point{X: vg.Length(x), Y: vg.Length(f.h - yFromTop)}
}

// textAt draws s with its top-left corner at x, yFromTop.
func (f *frame) textAt(st text.Style, x, yFromTop float64, s string) {
	st.XAlign, st.YAlign = draw.XLeft, draw.YTop
	f.dc.FillText(st, f.pt(x, yFromTop), s)
}

func height(st text.Style) float64 { return float64(st.Height("Mg")) }
func width(st text.Style, s string) float64 {
	if s == "" {
		return 0
	}
	return float64(st.Width(s))
}

// drawTitle draws the title at the top left, wrapped to the width, and
// reserves its space.
func (f *frame) drawTitle(title string) {
	if title == "" {
		return
	}
	for _, l := range wrap(title, f.w-2*f.margin, func(s string) float64 { return width(f.title, s) }) {
		f.textAt(f.title, f.margin, f.top, l)
		f.top += height(f.title)
	}
	f.top += f.px(6)
}

// legendKey is one entry of a legend: a key drawn in a box keyW wide and a label.
type legendKey struct {
	label string
	keyW  float64
	draw  func(c *draw.Canvas, x, y float64) // x left, y centre, canvas coordinates
}

// lineKey is a legend key showing a line of the given style.
func (f *frame) lineKey(label string, ls draw.LineStyle) legendKey {
	w := f.px(24)
	return legendKey{label: label, keyW: w, draw: func(c *draw.Canvas, x, y float64) {
		c.StrokeLine2(ls, vg.Length(x+ls.Width.Dots(72)/2), vg.Length(y), vg.Length(x+w-ls.Width.Dots(72)/2), vg.Length(y))
	}}
}

// glyphKey is a legend key showing one glyph.
func (f *frame) glyphKey(label string, gs draw.GlyphStyle) legendKey {
	w := 2*float64(gs.Radius) + f.px(2)
	return legendKey{label: label, keyW: w, draw: func(c *draw.Canvas, x, y float64) {
		c.DrawGlyphNoClip(gs, vg.Point{X: vg.Length(x + w/2), Y: vg.Length(y)})
	}}
}

// drawLegend lays the keys out in rows under the title, wrapping at the right
// margin, and reserves their space. The legend never overlaps the plot.
func (f *frame) drawLegend(keys []legendKey) {
	if len(keys) == 0 {
		return
	}
	rowH := math.Max(height(f.legend), f.px(12)) + f.px(4)
	gapKey, gapEntry := f.px(6), f.px(18)
	x, y := f.margin, f.top
	for _, k := range keys {
		w := k.keyW + gapKey + width(f.legend, k.label)
		if x > f.margin && x+w > f.w-f.margin {
			x, y = f.margin, y+rowH
		}
		k.draw(&f.dc, x, f.h-(y+rowH/2))
		f.textAt(f.legend, x+k.keyW+gapKey, y+(rowH-height(f.legend))/2, k.label)
		x += w + gapEntry
	}
	f.top = y + rowH + f.px(6)
}

// drawNote draws the note at the bottom, wrapped to the width, and reserves its space.
func (f *frame) drawNote(note string) {
	if strings.TrimSpace(note) == "" {
		return
	}
	lines := wrap(note, f.w-2*f.margin, func(s string) float64 { return width(f.note, s) })
	lh := height(f.note)
	y := f.h - f.bottom - lh*float64(len(lines))
	for i, l := range lines {
		f.textAt(f.note, f.margin, y+lh*float64(i), l)
	}
	f.bottom += lh*float64(len(lines)) + f.px(8)
}

// wrap breaks s into lines no wider than w where it can, at spaces.
func wrap(s string, w float64, measure func(string) float64) []string {
	var lines []string
	for _, para := range strings.Split(s, "\n") {
		words := strings.Fields(para)
		line := ""
		for _, word := range words {
			try := word
			if line != "" {
				try = line + " " + word
			}
			if line != "" && measure(try) > w {
				lines = append(lines, line)
				line = word
				continue
			}
			line = try
		}
		lines = append(lines, line)
	}
	return lines
}

// drawYLabel draws the value axis' name above the plot, left aligned, and
// reserves its space.
func (f *frame) drawYLabel(label string) {
	if label == "" {
		return
	}
	f.textAt(f.small, f.margin, f.top, label)
	f.top += height(f.small) + f.px(8)
}

// plotArea returns the canvas left for the plot once header and footer are
// drawn, less right pixels for labels beside it; ok is false when it is too
// small to draw a readable plot.
func (f *frame) plotArea(right float64) (c draw.Canvas, ok bool) {
	c = f.dc
	c.Min = vg.Point{X: vg.Length(f.margin), Y: vg.Length(f.bottom)}
	c.Max = vg.Point{X: vg.Length(f.w - f.margin - right), Y: vg.Length(f.h - f.top)}
	minW, minH := 6*f.ts, 4*f.ts
	return c, float64(c.Max.X-c.Min.X) >= minW && float64(c.Max.Y-c.Min.Y) >= minH
}

// newPlot returns a plot styled for the frame: no axis lines or tick marks,
// muted tick labels, no background (the frame painted it).
func (f *frame) newPlot() *plot.Plot {
	p := plot.New()
	p.BackgroundColor = nil
	for _, a := range []*plot.Axis{&p.X, &p.Y} {
		a.LineStyle.Width = 0
		a.Tick.LineStyle.Width = 0
		a.Tick.Length = 0
		a.Tick.Label = f.tick
		a.Label.TextStyle = f.small
		a.Label.TextStyle.XAlign, a.Label.TextStyle.YAlign = draw.XCenter, draw.YBottom
	}
	p.Y.Tick.Label.XAlign, p.Y.Tick.Label.YAlign = draw.XRight, draw.YCenter
	p.Y.Padding = vg.Length(f.px(4))
	p.X.Padding = vg.Length(f.px(4))
	return p
}

// setYTicks sets the value axis range and round ticks for a plot about
// length pixels high.
func (f *frame) setYTicks(p *plot.Plot, lo, hi, length float64) []float64 {
	p.Y.Min, p.Y.Max = lo, hi
	vs, ls := valueTicks(lo, hi, length, 3.5*f.ts)
	ticks := make(plot.ConstantTicks, len(vs))
	for i := range vs {
		ticks[i] = plot.Tick{Value: vs[i], Label: ls[i]}
	}
	p.Y.Tick.Marker = ticks
	return vs
}

// drawEmpty writes msg in the middle of c.
func (f *frame) drawEmpty(c draw.Canvas, msg string) {
	st := f.legend
	st.Color = f.pal.Muted
	st.XAlign, st.YAlign = draw.XCenter, draw.YCenter
	c.FillText(st, c.Center(), msg)
}

// bandLabelWidth is the room band labels need beside the plot, or 0.
func (f *frame) bandLabelWidth(bands []Band) float64 {
	w := 0.0
	for _, b := range bands {
		w = math.Max(w, width(f.small, b.Label))
	}
	if w == 0 {
		return 0
	}
	return w + f.px(8)
}

// drawBandLabels writes each band's label beside the data area's right edge,
// centred on the visible part of the band, skipping labels that would collide.
func (f *frame) drawBandLabels(p *plot.Plot, dataC draw.Canvas, bands []Band) {
	_, trY := p.Transforms(&dataC)
	st := f.small
	st.XAlign, st.YAlign = draw.XLeft, draw.YCenter
	h := height(st)
	lastTop := math.Inf(-1)
	for _, b := range sortedBands(bands) {
		lo, hi := math.Max(b.From, p.Y.Min), math.Min(b.To, p.Y.Max)
		if b.Label == "" || !(hi > lo) {
			continue
		}
		y := float64(trY(lo)+trY(hi)) / 2
		if y-h/2 < lastTop {
			continue
		}
		dataC.FillText(st, vg.Point{X: dataC.Max.X + vg.Length(f.px(8)), Y: vg.Length(y)}, b.Label)
		lastTop = y + h/2
	}
}

// lineLabelWidth is the room reference-line labels need beside the plot, or 0.
func (f *frame) lineLabelWidth(lines []Line) float64 {
	w := 0.0
	for _, l := range lines {
		w = math.Max(w, width(f.small, l.Label))
	}
	if w == 0 {
		return 0
	}
	return w + f.px(8)
}

// refLines is the plotter of the reference lines: dashed, in their colour or Muted.
func (f *frame) refLines(lines []Line) plot.Plotter {
	rl := &refLinesPlot{}
	for _, l := range lines {
		col := l.Color
		if col == nil {
			col = f.pal.Muted
		}
		rl.ys = append(rl.ys, l.Value)
		rl.styles = append(rl.styles, draw.LineStyle{Color: col, Width: vg.Length(f.px(1.2)),
			Dashes: []vg.Length{vg.Length(f.px(4)), vg.Length(f.px(3))}})
	}
	return rl
}

// drawLineLabels writes each reference line's label beside the data area's right
// edge, at the line's height, skipping labels that would collide or that lie
// outside the value range.
func (f *frame) drawLineLabels(p *plot.Plot, dataC draw.Canvas, lines []Line) {
	_, trY := p.Transforms(&dataC)
	st := f.small
	st.XAlign, st.YAlign = draw.XLeft, draw.YCenter
	h := height(st)
	sorted := slices.Clone(lines)
	slices.SortStableFunc(sorted, func(a, b Line) int { return cmp.Compare(a.Value, b.Value) })
	lastTop := math.Inf(-1)
	for _, l := range sorted {
		if l.Label == "" || l.Value < p.Y.Min || l.Value > p.Y.Max {
			continue
		}
		y := float64(trY(l.Value))
		if y-h/2 < lastTop {
			continue
		}
		st.Color = f.pal.Muted
		if l.Color != nil {
			st.Color = l.Color
		}
		dataC.FillText(st, vg.Point{X: dataC.Max.X + vg.Length(f.px(8)), Y: vg.Length(y)}, l.Label)
		lastTop = y + h/2
	}
}

// sortedBands returns the bands ordered from the lowest.
func sortedBands(bands []Band) []Band {
	out := slices.Clone(bands)
	slices.SortStableFunc(out, func(a, b Band) int { return cmp.Compare(a.From, b.From) })
	return out
}
