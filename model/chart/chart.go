// Package chart draws Keel's charts: week-by-week scores on a time axis with
// every session marked on it (TimeChart), each session's days overlaid on one
// axis of days from the session (AlignedChart), and a year at a glance, one
// square a day and a year per row, sessions marked (MoodCalendar).
//
// A chart is plain data. The caller converts Keel's records into it; this
// package computes no statistics. ScoreChart frames a chart of one
// questionnaire with that questionnaire's own published bands (ScoreBands), and
// ChangeLines marks change thresholds around a baseline, so that no score is ever
// shaded by another instrument's bands. The same code draws into an in-memory image
// of an exact pixel size (the window's canvas.Raster, the PDF report) and, at a
// larger size and scale, into a PNG file:
//
//	img, err := c.Render(1600, 800, 1.6, chart.LightPalette())
//	...
//	err = chart.WritePNG(f, img)
//
// Draw renders into an image the caller keeps, so a widget that redraws at the
// same size allocates nothing large. In a Fyne canvas.Raster, whose generator
// is given the widget's size in pixels, scale is the canvas' scale (pixels per
// Fyne unit) so that text keeps the size of the app's own text:
//
//	canvas.NewRaster(func(w, h int) image.Image {
//		if keep == nil || keep.Rect.Dx() != w || keep.Rect.Dy() != h {
//			keep = image.NewRGBA(image.Rect(0, 0, w, h))
//		}
//		if err := c.Draw(keep, scale, pal); err != nil { ... }
//		return keep
//	})
//
// Text uses the Liberation fonts embedded in gonum.org/v1/plot; no system font
// is read. The package imports no GUI toolkit.
package chart

import (
	"bufio"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"io"
	"math"
	"time"
)

// Point is one value on a time axis. A Point that is not Valid is a gap: the
// line breaks there and nothing is drawn, never a zero.
type Point struct {
	T     time.Time
	V     float64
	Valid bool
}

// Series is one line on a TimeChart. Its points must be in time order.
type Series struct {
	Name   string      // shown in the legend
	Points []Point     // in time order
	Color  color.Color // nil takes the palette's colour for the series' position
	Width  float64     // line width in pixels at scale 1; 0 means 2
	Dashed bool
	// Dots marks every valid point with a dot, for a series of single answers
	// (a questionnaire's scores) rather than of means.
	Dots bool
}

// Band is a horizontal shaded range of values behind the lines, such as the
// PHQ-9 "moderate" range, with a small label beside the plot's right edge.
// From and To are in the units of the Y axis; for integer score bands such as
// 10-14 use 10 and 15 so that neighbouring bands meet.
type Band struct {
	From, To float64
	Label    string
	Color    color.Color // nil takes the palette's colour for the band's position
}

// Line is a horizontal reference line across the plot, such as a change of 5 or
// 10 points from a baseline, drawn dashed over the bands and under the series,
// with a small label beside the plot's right edge like a band's.
type Line struct {
	Value float64
	Label string
	Color color.Color // nil takes the palette's Muted colour
}

// Marker is one session on the time axis. Kind selects the marker's shape
// (triangle, diamond, circle, square, downward triangle, then again) and
// colour (Palette.Markers), and indexes TimeChart.MarkerNames for the legend.
// Keel uses the route as Kind, in the order of model.Routes.
type Marker struct {
	T    time.Time
	Kind int
}

// Palette holds the colours and text size of a chart, taken from the app's
// light or dark theme. A nil Background or Foreground, an empty colour list
// and a zero TextSize take LightPalette's; a nil Muted or Grid is mixed from
// Foreground and Background.
type Palette struct {
	Background color.Color
	Foreground color.Color   // title, legend and axis text
	Muted      color.Color   // tick labels, band labels and the note; nil blends Foreground into Background
	Grid       color.Color   // grid lines
	Series     []color.Color // line colours, by series position
	Bands      []color.Color // band fills, by band position; translucent works best
	Markers    []color.Color // session marker colours, by Kind
	TextSize   float64       // tick and legend text in pixels at scale 1
}

// LightPalette returns calm colours for a light theme: teal accent #1f7a78
// first, then line colours after the Okabe-Ito set, which colour-blind readers
// can tell apart. Its band colours are five tints of one warm colour growing
// stronger, for bands given from the mildest (lowest PHQ-9 range) up.
func LightPalette() Palette {
	return Palette{
		Background: rgb(0xffffff),
		Foreground: rgb(0x1d2327),
		Muted:      rgb(0x5c666e),
		Grid:       rgb(0xe3e7ea),
		Series: []color.Color{
			rgb(0x1f7a78), // teal
			rgb(0xc45a00), // vermilion
			rgb(0x0a6fb0), // blue
			rgb(0xb3589a), // reddish purple
			rgb(0x8a7a00), // olive
			rgb(0x5c666e), // slate
		},
		Bands:    warmBands(0xc98a2b, 0x0a),
		Markers:  markerColours(0x6a4fa3, 0x0a6fb0, 0xa0522d, 0x8a7a00, 0x5c666e),
		TextSize: 13,
	}
}

// DarkPalette returns calm colours for a dark theme: teal accent #5fc4bf,
// lighter versions of LightPalette's line colours.
func DarkPalette() Palette {
	return Palette{
		Background: rgb(0x171718),
		Foreground: rgb(0xeceff1),
		Muted:      rgb(0xa3acb3),
		Grid:       rgb(0x2c3034),
		Series: []color.Color{
			rgb(0x5fc4bf), // teal
			rgb(0xf0a05a), // orange
			rgb(0x6cb6ec), // sky blue
			rgb(0xe29acb), // pink
			rgb(0xdccb5a), // yellow
			rgb(0xa3acb3), // grey
		},
		Bands:    warmBands(0xd9a066, 0x07),
		Markers:  markerColours(0xb39ae8, 0x6cb6ec, 0xd9895b, 0xdccb5a, 0xa3acb3),
		TextSize: 13,
	}
}

// rgb returns the opaque colour 0xRRGGBB.
func rgb(v uint32) color.NRGBA {
	return color.NRGBA{R: uint8(v >> 16), G: uint8(v >> 8), B: uint8(v), A: 0xff} // #nosec G115 -- taking the bytes of 0xRRGGBB
}

// warmBands returns five tints of one warm colour, growing stronger by step of
// opacity, for bands ordered from mildest to most severe.
func warmBands(v uint32, step uint8) []color.Color {
	c := rgb(v)
	out := make([]color.Color, 5)
	for i := range out {
		c.A = step * uint8(i+1)
		out[i] = c
	}
	return out
}

func markerColours(vs ...uint32) []color.Color {
	out := make([]color.Color, len(vs))
	for i, v := range vs {
		out[i] = rgb(v)
	}
	return out
}

// withDefaults fills what p leaves empty from LightPalette.
func (p Palette) withDefaults() Palette {
	d := LightPalette()
	if p.Background == nil {
		p.Background = d.Background
	}
	if p.Foreground == nil {
		p.Foreground = d.Foreground
	}
	if p.Muted == nil {
		p.Muted = blend(p.Foreground, p.Background, 0.62)
	}
	if p.Grid == nil {
		p.Grid = blend(p.Foreground, p.Background, 0.12)
	}
	if len(p.Series) == 0 {
		p.Series = d.Series
	}
	if len(p.Bands) == 0 {
		p.Bands = d.Bands
	}
	if len(p.Markers) == 0 {
		p.Markers = d.Markers
	}
	if p.TextSize <= 0 || math.IsNaN(p.TextSize) || math.IsInf(p.TextSize, 0) {
		p.TextSize = d.TextSize
	}
	return p
}

// pick returns cs[i] cycling through cs, or fallback when cs is empty.
func pick(cs []color.Color, i int, fallback color.Color) color.Color {
	if len(cs) == 0 {
		return fallback
	}
	if i < 0 {
		i = -i
	}
	return cs[i%len(cs)]
}

// blend returns a mixed with b: share 1 is all a, 0 all b. The result is opaque.
func blend(a, b color.Color, share float64) color.Color {
	ar, ag, ab, _ := color.NRGBAModel.Convert(a).RGBA()
	br, bg, bb, _ := color.NRGBAModel.Convert(b).RGBA()
	mix := func(x, y uint32) uint8 {
		return uint8((share*float64(x) + (1-share)*float64(y)) / 257)
	}
	return color.NRGBA{R: mix(ar, br), G: mix(ag, bg), B: mix(ab, bb), A: 0xff}
}

// fade returns c with its opacity multiplied by alpha (0..1).
func fade(c color.Color, alpha float64) color.Color {
	n := color.NRGBAModel.Convert(c).(color.NRGBA)
	n.A = uint8(float64(n.A)*alpha + 0.5)
	return n
}

// WritePNG encodes img as PNG to w.
func WritePNG(w io.Writer, img image.Image) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	if err := png.Encode(bw, img); err != nil {
		return fmt.Errorf("encode chart as PNG: %w", err)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("write chart PNG: %w", err)
	}
	return nil
}

// render draws into a new image of exactly w x h pixels.
func render(w, h int, draw func(*image.RGBA) error) (*image.RGBA, error) {
	img, err := newImage(w, h)
	if err != nil {
		return nil, err
	}
	if err := draw(img); err != nil {
		return nil, err
	}
	return img, nil
}
