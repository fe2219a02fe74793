package report

import (
	"fmt"
	"slices"

	"keel/model"
	"keel/model/chart"
)

// trendChart is one questionnaire's scores in the period, each answer a point, on a
// chart shaded with that questionnaire's own published bands (chart.ScoreChart),
// with every session of the table marked by route. The PCL-5, which has no bands,
// gets the lines of 5 and 10 points of change around its baseline (or its first
// score in the course when there is no baseline).
func trendChart(d *Data, t Trend) chart.TimeChart {
	c := chart.ScoreChart(t.Instrument)
	c.YLabel = fmt.Sprintf("total, 0-%d", t.Instrument.MaxTotal())
	c.From, c.To = d.From, d.To.AddDate(0, 0, 1)
	c.Empty = "No " + t.Instrument.Name + " in this period"
	names := make([]string, len(model.Routes))
	for i, r := range model.Routes {
		names[i] = routeShort(r)
	}
	c.MarkerNames = names
	s := chart.Series{Dots: true}
	for _, sc := range t.Scores {
		s.Points = append(s.Points, chart.Point{T: sc.At, V: float64(sc.Total), Valid: true})
	}
	c.Series = []chart.Series{s}
	for _, row := range d.Sessions {
		c.Markers = append(c.Markers, chart.Marker{T: row.At, Kind: routeKind(row.Route)})
	}
	if t.Instrument == model.PCL5 && t.Reference != nil {
		c.Lines = chart.ChangeLines(model.PCL5, t.Reference.Total)
		if !t.RefIsBaseline {
			c.Lines[0].Label = fmt.Sprintf("first %d", t.Reference.Total)
		}
		c.YMin, c.YMax = pcl5Range(t)
		c.YLabel = "total (of 0-80)"
	}
	return c
}

// pcl5Range is the PCL-5 chart's value axis: the reference score ±15 and every score
// of the period with 5 to spare, in steps of 5 within 0-80, so that the 5 and 10-point
// change lines stand apart on a small chart (the PCL-5 has no bands to show).
func pcl5Range(t Trend) (lo, hi float64) {
	l, h := t.Reference.Total-15, t.Reference.Total+15
	for _, s := range t.Scores {
		l, h = min(l, s.Total-5), max(h, s.Total+5)
	}
	l, h = max(0, l/5*5), min(80, (h+4)/5*5)
	return float64(l), float64(h)
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
