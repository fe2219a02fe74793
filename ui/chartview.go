package ui

import (
	"image"
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"keel/model/chart"
)

// chartView shows a chart drawn by model/chart in a canvas.Raster at the real pixel
// size of the widget, in the colours of the current theme. It redraws only when its
// size, theme or chart changes.
type chartView struct {
	widget.BaseWidget
	draw   func(dst *image.RGBA, scale float64, p chart.Palette) error
	raster *canvas.Raster
	img    *image.RGBA
	dirty  bool
	scale  float32
	height float32
	// heightFor, when set, is the height for a width (a calendar's rows), used once
	// the view has been given a width (at the next layout); height before that.
	heightFor func(width float32) float32
}

func newChartView(height float32) *chartView {
	v := &chartView{height: height, dirty: true}
	v.raster = canvas.NewRaster(v.generate)
	v.raster.ScaleMode = canvas.ImageScalePixels
	v.ExtendBaseWidget(v)
	return v
}

// set shows c (a chart.TimeChart or chart.AlignedChart).
func (v *chartView) set(draw func(dst *image.RGBA, scale float64, p chart.Palette) error) {
	v.draw = draw
	v.dirty = true
	v.raster.Refresh()
}

func (v *chartView) CreateRenderer() fyne.WidgetRenderer { return widget.NewSimpleRenderer(v.raster) }

func (v *chartView) MinSize() fyne.Size {
	if w := v.Size().Width; v.heightFor != nil && w > 0 {
		return fyne.NewSize(320, v.heightFor(w))
	}
	return fyne.NewSize(320, v.height)
}

func (v *chartView) Refresh() {
	v.dirty = true
	v.BaseWidget.Refresh()
}

// palette is the chart palette for the current theme: the chart package's light or
// dark palette on the window's own background.
func palette() chart.Palette {
	app := fyne.CurrentApp()
	bg := opaque(app.Settings().Theme().Color(theme.ColorNameBackground, app.Settings().ThemeVariant()))
	p := chart.LightPalette()
	// Judge dark by the background itself: a theme chosen in Settings may differ from
	// the system's variant.
	if r, g, b, _ := bg.RGBA(); (299*r+587*g+114*b)/1000 < 0x8000 {
		p = chart.DarkPalette()
	}
	p.Background = bg
	return p
}

func opaque(c color.Color) color.Color {
	r, g, b, _ := c.RGBA()
	// RGBA returns 16-bit channels in uint32s, so each shifted value fits in a byte.
	return color.RGBA{uint8(r >> 8), uint8(g >> 8), uint8(b >> 8), 0xff} // #nosec G115
}

func (v *chartView) generate(w, h int) image.Image {
	if w <= 0 || h <= 0 {
		return image.NewRGBA(image.Rect(0, 0, 1, 1))
	}
	scale := float32(1)
	if c := fyne.CurrentApp().Driver().CanvasForObject(v); c != nil {
		scale = c.Scale()
	}
	if !v.dirty && v.img != nil && v.img.Rect.Dx() == w && v.img.Rect.Dy() == h && scale == v.scale {
		return v.img
	}
	if v.img == nil || v.img.Rect.Dx() != w || v.img.Rect.Dy() != h {
		v.img = image.NewRGBA(image.Rect(0, 0, w, h))
	}
	v.scale, v.dirty = scale, false
	if v.draw != nil {
		if err := v.draw(v.img, float64(scale), palette()); err != nil {
			fyne.LogError("draw chart", err)
		}
	}
	return v.img
}
