package chart

import (
	"image"
	"image/color"
	stddraw "image/draw"
	"math"
	"slices"
	"sync"

	stdfont "golang.org/x/image/font"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
)

// pixelCanvas is a vgimg.Canvas that draws upright text itself, from a cache
// of rendered glyphs, straight into the image. vgimg renders every glyph anew
// and copies it through a general affine transform, which made text about
// half of a chart's drawing time. Rotated or moved text (which Keel's charts
// do not use) still goes through vgimg.
type pixelCanvas struct {
	*vgimg.Canvas
	img   *image.RGBA
	state []pixelState // the last is current; Push and Pop mirror vgimg's stack
}

type pixelState struct {
	col   color.Color
	moved bool // a rotation, translation or scale is in effect
}

func newPixelCanvas(c *vgimg.Canvas, img *image.RGBA) *pixelCanvas {
	return &pixelCanvas{Canvas: c, img: img, state: []pixelState{{col: color.Black}}}
}

func (c *pixelCanvas) top() *pixelState { return &c.state[len(c.state)-1] }

// SetColor implements vg.Canvas.
func (c *pixelCanvas) SetColor(col color.Color) {
	c.Canvas.SetColor(col)
	c.top().col = col
}

// Push implements vg.Canvas.
func (c *pixelCanvas) Push() {
	c.Canvas.Push()
	c.state = append(c.state, *c.top())
}

// Pop implements vg.Canvas.
func (c *pixelCanvas) Pop() {
	c.Canvas.Pop()
	if len(c.state) > 1 {
		c.state = c.state[:len(c.state)-1]
	}
}

// Rotate implements vg.Canvas.
func (c *pixelCanvas) Rotate(t float64) {
	c.Canvas.Rotate(t)
	c.top().moved = c.top().moved || t != 0
}

// Translate implements vg.Canvas.
func (c *pixelCanvas) Translate(pt vg.Point) {
	c.Canvas.Translate(pt)
	c.top().moved = c.top().moved || pt != vg.Point{}
}

// Scale implements vg.Canvas.
func (c *pixelCanvas) Scale(x, y float64) {
	c.Canvas.Scale(x, y)
	c.top().moved = c.top().moved || x != 1 || y != 1
}

// FillString implements vg.Canvas: pt is the start of the baseline, in
// points with the y axis up; the canvas runs at 72 dpi, so points are pixels.
func (c *pixelCanvas) FillString(f font.Face, pt vg.Point, s string) {
	st := c.top()
	if st.moved || f.Face == nil || f.Font.Size <= 0 || c.DPI() != 72 {
		c.Canvas.FillString(f, pt, s)
		return
	}
	h := float64(c.img.Bounds().Dy())
	glyphs.draw(c.img, f, float64(pt.X), h-float64(pt.Y), s, st.col)
}

// glyphCache holds rendered glyph masks shared by all charts. Masks are never
// changed once made, so they are drawn without the lock.
type glyphCache struct {
	mu     sync.Mutex
	faces  map[font.Font]*opentype.Face
	glyphs map[glyphKey]*glyphMask
}

type glyphKey struct {
	font font.Font
	r    rune
	sub  uint8 // horizontal position within the pixel, in quarters
}

type glyphMask struct {
	mask    *image.Alpha // nil for blank glyphs such as space
	off     image.Point  // mask's top-left relative to the whole-pixel dot
	advance fixed.Int26_6
}

// maxGlyphs bounds the cache; a chart at one scale uses a few hundred.
const maxGlyphs = 8192

var glyphs = glyphCache{faces: map[font.Font]*opentype.Face{}, glyphs: map[glyphKey]*glyphMask{}}

type placed struct {
	g  *glyphMask
	at image.Point
}

// draw draws s in col with its baseline starting at x, y (pixels, y down).
func (gc *glyphCache) draw(dst *image.RGBA, f font.Face, x, y float64, s string, col color.Color) {
	var buf [64]placed
	src := image.NewUniform(col)
	for _, p := range gc.layout(buf[:0], f, x, y, s) {
		r := image.Rectangle{Min: p.at, Max: p.at.Add(p.g.mask.Rect.Size())}
		stddraw.DrawMask(dst, r, src, image.Point{}, p.g.mask, image.Point{}, stddraw.Over)
	}
}

// layout appends to list the glyphs of s and where they go, rendering the
// glyphs not yet cached.
func (gc *glyphCache) layout(list []placed, f font.Face, x, y float64, s string) []placed {
	gc.mu.Lock()
	defer gc.mu.Unlock()
	face := gc.face(f)
	if face == nil {
		return list
	}
	dot := fixed.Int26_6(math.Round(x * 64))
	base := int(math.Round(y))
	prev := rune(-1)
	for _, r := range s {
		if prev >= 0 {
			dot += face.Kern(prev, r)
		}
		prev = r
		sub := uint8((dot & 63) >> 4)
		k := glyphKey{font: f.Font, r: r, sub: sub}
		g, ok := gc.glyphs[k]
		if !ok {
			g = gc.render(face, r, sub)
			if len(gc.glyphs) >= maxGlyphs {
				clear(gc.glyphs)
			}
			gc.glyphs[k] = g
		}
		if g.mask != nil {
			list = append(list, placed{g: g, at: image.Point{X: dot.Floor(), Y: base}.Add(g.off)})
		}
		dot += g.advance
	}
	return list
}

// face returns the sized face for f, or nil if it cannot be made. gc.mu is held.
func (gc *glyphCache) face(f font.Face) *opentype.Face {
	if face, ok := gc.faces[f.Font]; ok {
		return face
	}
	var face *opentype.Face
	ff, err := opentype.NewFace(f.Face, &opentype.FaceOptions{
		Size:    f.Font.Size.Points(),
		DPI:     72,
		Hinting: stdfont.HintingNone,
	})
	if err == nil {
		face, _ = ff.(*opentype.Face)
	}
	if len(gc.faces) >= 64 {
		clear(gc.faces)
	}
	gc.faces[f.Font] = face
	return face
}

// render draws glyph r at a quarter-pixel offset sub into a new mask. gc.mu is held.
func (gc *glyphCache) render(face *opentype.Face, r rune, sub uint8) *glyphMask {
	dr, mask, maskp, advance, ok := face.Glyph(fixed.Point26_6{X: fixed.Int26_6(sub) << 4}, r)
	g := &glyphMask{advance: advance}
	if !ok || dr.Empty() {
		return g
	}
	// The face reuses its mask buffer: copy the glyph out.
	m := image.NewAlpha(image.Rect(0, 0, dr.Dx(), dr.Dy()))
	stddraw.Draw(m, m.Rect, mask, maskp, stddraw.Src)
	g.mask, g.off = m, dr.Min
	return g
}

// pixels returns the pixelCanvas under c, or nil. gonum/plot wraps a
// draw.Canvas in another when it lays out the data area.
func pixels(c draw.Canvas) *pixelCanvas {
	var v vg.Canvas = c
	for {
		switch cv := v.(type) {
		case *pixelCanvas:
			return cv
		case draw.Canvas:
			v = cv.Canvas
		case *draw.Canvas:
			v = cv.Canvas
		default:
			return nil
		}
	}
}

// pixelRect is r (canvas coordinates) on whole pixels of the image.
func (c *pixelCanvas) pixelRect(r vg.Rectangle) image.Rectangle {
	h := float64(c.img.Bounds().Dy())
	return image.Rect(
		int(math.Round(float64(r.Min.X))), int(math.Round(h-float64(r.Max.Y))),
		int(math.Round(float64(r.Max.X))), int(math.Round(h-float64(r.Min.Y))),
	)
}

// fillRect fills r (canvas coordinates) with col, its edges snapped to whole
// pixels so that grid lines are crisp; it reports false when the canvas is
// transformed and the caller must draw a path instead.
func (c *pixelCanvas) fillRect(r vg.Rectangle, col color.Color) bool {
	if c.top().moved {
		return false
	}
	stddraw.Draw(c.img, c.pixelRect(r), image.NewUniform(col), image.Point{}, stddraw.Over)
	return true
}

// pixelBand is a band on whole pixels.
type pixelBand struct {
	r   image.Rectangle
	col color.Color
}

// fillBands draws bands over a region known to be of colour under. Each run
// of rows gets the bands covering it composited over under, written without
// blending; overlapping bands combine as if drawn one over the other.
func (c *pixelCanvas) fillBands(bands []pixelBand, under color.Color) {
	var edges []int
	for _, b := range bands {
		edges = append(edges, b.r.Min.Y, b.r.Max.Y)
	}
	slices.Sort(edges)
	edges = slices.Compact(edges)
	for i := 1; i < len(edges); i++ {
		y0, y1 := edges[i-1], edges[i]
		col := rgba64(under)
		x0, x1, covered := 0, 0, false
		for _, b := range bands {
			if b.r.Min.Y <= y0 && y1 <= b.r.Max.Y && !b.r.Empty() {
				col = over(rgba64(b.col), col)
				if !covered {
					x0, x1, covered = b.r.Min.X, b.r.Max.X, true
				}
				x0, x1 = min(x0, b.r.Min.X), max(x1, b.r.Max.X)
			}
		}
		if covered {
			stddraw.Draw(c.img, image.Rect(x0, y0, x1, y1), image.NewUniform(col), image.Point{}, stddraw.Src)
		}
	}
}

func rgba64(c color.Color) color.RGBA64 {
	r, g, b, a := c.RGBA()
	return color.RGBA64{R: uint16(r), G: uint16(g), B: uint16(b), A: uint16(a)} // #nosec G115 -- RGBA() gives 16-bit values
}

// over composites premultiplied src over dst.
func over(src, dst color.RGBA64) color.RGBA64 {
	k := 0xffff - uint32(src.A)
	f := func(s, d uint16) uint16 { return uint16(uint32(s) + uint32(d)*k/0xffff) } // #nosec G115 -- premultiplied: at most 0xffff
	return color.RGBA64{R: f(src.R, dst.R), G: f(src.G, dst.G), B: f(src.B, dst.B), A: f(src.A, dst.A)}
}

// rule draws a horizontal or vertical line of width w from a to b on whole
// pixels, at least one pixel wide; it reports false like fillRect.
func (c *pixelCanvas) rule(a, b vg.Point, w vg.Length, col color.Color) bool {
	t := vg.Length(math.Max(1, math.Round(float64(w))))
	var r vg.Rectangle
	switch {
	case a.Y == b.Y:
		y := vg.Length(math.Round(float64(a.Y) - float64(t)/2))
		r = vg.Rectangle{Min: vg.Point{X: min(a.X, b.X), Y: y}, Max: vg.Point{X: max(a.X, b.X), Y: y + t}}
	case a.X == b.X:
		x := vg.Length(math.Round(float64(a.X) - float64(t)/2))
		r = vg.Rectangle{Min: vg.Point{X: x, Y: min(a.Y, b.Y)}, Max: vg.Point{X: x + t, Y: max(a.Y, b.Y)}}
	default:
		return false
	}
	return c.fillRect(r, col)
}

// measuredText is gonum/plot's plain text handler with text sizes
// remembered: gonum/plot measures each label many times while it lays out a
// plot, and each measurement walks the font's tables.
type measuredText struct {
	text.Plain
}

var measured text.Handler = measuredText{Plain: text.Plain{Fonts: font.DefaultCache}}

type boxKey struct {
	txt  string
	font font.Font
}

type box struct{ w, h, d vg.Length }

var boxes = struct {
	sync.Mutex
	m       map[boxKey]box
	extents map[font.Font]font.Extents
}{m: map[boxKey]box{}, extents: map[font.Font]font.Extents{}}

// maxBoxes bounds the remembered sizes; a chart measures a few hundred texts.
const maxBoxes = 4096

// Box implements text.Handler.
func (h measuredText) Box(txt string, fnt font.Font) (width, height, depth vg.Length) {
	k := boxKey{txt, fnt}
	boxes.Lock()
	b, ok := boxes.m[k]
	boxes.Unlock()
	if ok {
		return b.w, b.h, b.d
	}
	b.w, b.h, b.d = h.Plain.Box(txt, fnt)
	boxes.Lock()
	if len(boxes.m) >= maxBoxes {
		clear(boxes.m)
	}
	boxes.m[k] = b
	boxes.Unlock()
	return b.w, b.h, b.d
}

// Extents implements text.Handler.
func (h measuredText) Extents(fnt font.Font) font.Extents {
	boxes.Lock()
	e, ok := boxes.extents[fnt]
	boxes.Unlock()
	if ok {
		return e
	}
	e = h.Plain.Extents(fnt)
	boxes.Lock()
	if len(boxes.extents) >= 64 {
		clear(boxes.extents)
	}
	boxes.extents[fnt] = e
	boxes.Unlock()
	return e
}
