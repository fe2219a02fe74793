package report

import (
	"slices"
	"time"

	"keel/model"
	"keel/model/chart"
	"keel/model/progress"
)

// phq9Bands are the PHQ-9 severity bands (docs/clinical.md) as continuous ranges for the
// chart's shading: 10-14 becomes 10 to 15 so that neighbouring bands meet.
var phq9Bands = []chart.Band{
	{From: 0, To: 5, Label: "minimal"},
	{From: 5, To: 10, Label: "mild"},
	{From: 10, To: 15, Label: "moderate"},
	{From: 15, To: 20, Label: "mod. severe"},
	{From: 20, To: 27, Label: "severe"},
}

// trendChart is the PHQ-9 and GAD-7 trend of the period, week by week, with every
// session of the period marked by route: the chart of the app's Progress screen.
func trendChart(d *Data) chart.TimeChart {
	from, to := d.From, d.To.AddDate(0, 0, 1)
	c := chart.TimeChart{
		YLabel: "total score",
		YMin:   0, YMax: 27,
		From: from, To: to,
		Bands: phq9Bands,
		Note:  "Shading: PHQ-9 severity bands. Dips between sessions are common.",
		Empty: "No PHQ-9 or GAD-7 in this period",
	}
	names := make([]string, len(model.Routes))
	for i, r := range model.Routes {
		names[i] = routeLabel(r)
	}
	c.MarkerNames = names
	phq := chart.Series{Name: "PHQ-9 (depression)"}
	gad := chart.Series{Name: "GAD-7 (anxiety)", Dashed: true}
	for _, w := range d.Weeks {
		// A week's value sits in the middle of the week, or of the part of it that
		// lies in the period.
		mid := w.Week.Monday(d.From.Location()).Add(84 * time.Hour)
		if mid.Before(from) {
			mid = from
		}
		if mid.After(to) {
			mid = to
		}
		phq.Points = append(phq.Points, point(mid, w.PHQ9))
		gad.Points = append(gad.Points, point(mid, w.GAD7))
		for _, s := range w.Sessions {
			if s.Done {
				c.Markers = append(c.Markers, chart.Marker{T: s.At, Kind: routeKind(s.Route)})
			}
		}
	}
	c.Series = []chart.Series{phq, gad}
	return c
}

func point(t time.Time, m progress.Mean) chart.Point {
	return chart.Point{T: t, V: m.Value, Valid: m.Valid()}
}

// routeKind is the marker kind of a route: its place in model.Routes, "other" when unknown.
func routeKind(r model.Route) int {
	if i := slices.Index(model.Routes, r); i >= 0 {
		return i
	}
	return slices.Index(model.Routes, model.RouteOther)
}

// chartPalette is the app's light palette.
func chartPalette() chart.Palette { return chart.LightPalette() }
