package report

import (
	"io"
	"testing"
)

// BenchmarkReport measures making the report from a ten-year demo export: Build, then
// Write (the chart rendered at about 300 dpi, the font embedded), for the default
// period of 90 days and for all ten years.
func BenchmarkReport(b *testing.B) {
	e := demoExport(b, 10)
	for _, bc := range []struct {
		name string
		opt  Options
	}{
		{"last 90 days", Options{Now: demoNow}},
		{"ten years", Options{Now: demoNow, From: demoNow.AddDate(-10, 0, 0)}},
	} {
		b.Run(bc.name, func(b *testing.B) {
			for b.Loop() {
				if err := Write(io.Discard, Build(e, bc.opt)); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkBuild measures Build alone over a ten-year demo export.
func BenchmarkBuild(b *testing.B) {
	e := demoExport(b, 10)
	for b.Loop() {
		Build(e, Options{Now: demoNow})
	}
}
