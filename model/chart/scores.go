package chart

import (
	"fmt"

	"keel/model"
)

// ScoreBands are the published severity bands of in (docs/clinical.md) as
// continuous chart bands: a band of whole scores such as 10-14 runs from 10 to 15
// so that neighbours meet, and the top band ends at the instrument's maximum. An
// instrument without bands (the PCL-5) has none. Each instrument has its own:
// a GAD-7 of 16 is "severe", while a PHQ-9 of 16 is "moderately severe", so a
// chart shades the bands of the one instrument it draws.
func ScoreBands(in *model.Instrument) []Band {
	out := make([]Band, 0, len(in.Bands))
	top := float64(in.MaxTotal())
	for _, b := range in.Bands {
		out = append(out, Band{From: float64(b.Min), To: min(float64(b.Max+1), top), Label: b.Name})
	}
	return out
}

// ScoreChart is the frame of a chart of one instrument's totals: its value axis
// from 0 to the instrument's maximum, its own bands shaded, and a label naming
// both. The caller adds the series, session markers, time range and note. Draw
// one ScoreChart per instrument; never shade one instrument's bands behind
// another's scores.
func ScoreChart(in *model.Instrument) TimeChart {
	label := fmt.Sprintf("%s total, 0-%d", in.Name, in.MaxTotal())
	if len(in.Bands) > 0 {
		label += ", bands shaded"
	}
	return TimeChart{YLabel: label, YMin: 0, YMax: float64(in.MaxTotal()), Bands: ScoreBands(in)}
}

// ChangeLines are reference lines around a baseline score of in for its published
// change thresholds: for the PCL-5, 5 and 10 points below the baseline (reliable
// and clinically meaningful change: docs/clinical.md, PCL-5) and its deterioration
// threshold above it; for the PHQ-9 and GAD-7, their deterioration threshold
// above it. Lines outside the instrument's range are left out.
func ChangeLines(in *model.Instrument, baseline int) []Line {
	out := []Line{{Value: float64(baseline), Label: fmt.Sprintf("baseline %d", baseline)}}
	add := func(d int, label string) {
		if v := baseline + d; v >= 0 && v <= in.MaxTotal() {
			out = append(out, Line{Value: float64(v), Label: label})
		}
	}
	if in == model.PCL5 {
		add(-5, "−5 reliable")
		add(-10, "−10 meaningful")
	}
	if in.Deterioration > 0 {
		add(in.Deterioration, fmt.Sprintf("+%d worse", in.Deterioration))
	}
	return out
}
