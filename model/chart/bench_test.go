package chart

import (
	"image"
	"testing"
)

// The window promises charts that redraw within one 60 Hz frame (16 ms).

// BenchmarkRenderTime1600x800 renders 52 weeks of six series, bands and 21
// sessions at export size into a new image each time.
func BenchmarkRenderTime1600x800(b *testing.B) {
	benchRender(b, benchChart().Render, 1600, 800, 1.6)
}

// BenchmarkRenderTime1000x450 is BenchmarkRenderTime1600x800 at window size.
func BenchmarkRenderTime1000x450(b *testing.B) {
	benchRender(b, benchChart().Render, 1000, 450, 1)
}

// BenchmarkDrawTime1000x450 redraws the window-size chart into one kept image,
// as a widget does.
func BenchmarkDrawTime1000x450(b *testing.B) {
	benchDraw(b, benchChart().Draw, 1000, 450, 1)
}

// BenchmarkDrawTime1600x800 redraws the export-size chart into one kept image.
func BenchmarkDrawTime1600x800(b *testing.B) {
	benchDraw(b, benchChart().Draw, 1600, 800, 1.6)
}

// BenchmarkRenderAligned1600x800 renders eight sessions' days -3..14 and their average.
func BenchmarkRenderAligned1600x800(b *testing.B) {
	benchRender(b, sampleAligned().Render, 1600, 800, 1.6)
}

// BenchmarkRenderAligned1000x450 is BenchmarkRenderAligned1600x800 at window size.
func BenchmarkRenderAligned1000x450(b *testing.B) {
	benchRender(b, sampleAligned().Render, 1000, 450, 1)
}

func benchRender(b *testing.B, render func(w, h int, scale float64, p Palette) (*image.RGBA, error), w, h int, scale float64) {
	p := LightPalette()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := render(w, h, scale, p); err != nil {
			b.Fatal(err)
		}
	}
}

func benchDraw(b *testing.B, draw func(dst *image.RGBA, scale float64, p Palette) error, w, h int, scale float64) {
	p := LightPalette()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	b.ReportAllocs()
	for b.Loop() {
		if err := draw(img, scale, p); err != nil {
			b.Fatal(err)
		}
	}
}
