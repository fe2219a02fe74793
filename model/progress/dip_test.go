package progress

import (
	"math"
	"strings"
	"testing"
)

// moodWeeks makes consecutive weeks from 2026-W01 with the given mood averages;
// NaN is a week without a mood.
func moodWeeks(moods ...float64) []WeekSummary {
	out := make([]WeekSummary, len(moods))
	for i, v := range moods {
		out[i].Week = Week{2026, 1}.Add(i)
		out[i].Mood = gap
		if !math.IsNaN(v) {
			out[i].Mood = m(v, 5)
		}
	}
	return out
}

var nan = math.NaN()

func TestDips(t *testing.T) {
	tests := []struct {
		name  string
		moods []float64
		want  []Dip // only From, To, Before and Lowest are compared
	}{
		{"a dip after three better weeks", []float64{3, 3, 3, 3, 5, 5, 5, 3.5, 4, 4.5, 5}, []Dip{{From: 7, To: 8, Before: 5, Lowest: 3.5}}},
		{"exactly one point lower is a dip", []float64{3, 3, 3, 3, 5, 5, 5, 4}, []Dip{{From: 7, To: 7, Before: 5, Lowest: 4}}},
		{"less than a point lower is not", []float64{3, 3, 3, 3, 5, 5, 5, 4.25}, nil},
		{"stretch exactly one point better counts", []float64{3, 3, 3, 3, 4, 4, 4, 3}, []Dip{{From: 7, To: 7, Before: 4, Lowest: 3}}},
		{"stretch less than a point better does not", []float64{3, 3, 3, 3, 4, 3.75, 4, 2}, nil},
		{"a fall without improvement before it is not a dip", []float64{5, 5, 5, 5, 5, 5, 5, 3}, nil},
		{"only two better weeks", []float64{3, 3, 3, 3, 3, 5, 5, 3}, nil},
		{"a gap in the stretch", []float64{3, 3, 3, 3, 5, nan, 5, 3}, nil},
		{"one earlier week is not enough to compare with", []float64{nan, nan, nan, 3, 5, 5, 5, 3}, nil},
		{"two earlier weeks are", []float64{nan, nan, 3, 3, 5, 5, 5, 3}, []Dip{{From: 7, To: 7, Before: 5, Lowest: 3}}},
		{"too little history", []float64{3, 3, 5, 5, 5, 3}, nil},
		// The stretch 4-6 (mean 5) ends a week before the fall to 3.9; the nearer
		// stretch 5-7 (mean 14.5/3) is not a point above 3.9.
		{"a dip sloping over two weeks", []float64{3, 3, 3, 3, 5, 5, 5, 4.5, 3.9}, []Dip{{From: 8, To: 8, Before: 5, Lowest: 3.9}}},
		{"a slope over three weeks is too slow", []float64{3, 3, 3, 3, 5, 5, 5, 4.5, 4.5, 3.9}, nil},
		{"a week without mood ends a dip", []float64{3, 3, 3, 3, 5, 5, 5, 3.5, nan, 3.5}, []Dip{{From: 7, To: 7, Before: 5, Lowest: 3.5}}},
		{"a week without mood is not a dip", []float64{3, 3, 3, 3, 5, 5, 5, nan}, nil},
		{"two dips", []float64{3, 3, 3, 3, 5, 5, 5, 3.5, 5, 6, 6.5, 7, 5.5, 4}, []Dip{
			{From: 7, To: 7, Before: 5, Lowest: 3.5},
			// Earlier level: weeks 5-8, (5+5+3.5+5)/4 = 4.625; stretch 9-11, mean 6.5;
			// week 12 is exactly a point lower, and week 13 lower still.
			{From: 12, To: 13, Before: 6.5, Lowest: 4},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			weeks := moodWeeks(tt.moods...)
			got := Dips(weeks)
			if len(got) != len(tt.want) {
				t.Fatalf("Dips(%v) = %+v, want %+v", tt.moods, got, tt.want)
			}
			for i, w := range tt.want {
				g := got[i]
				if g.From != w.From || g.To != w.To || g.Before != w.Before || g.Lowest != w.Lowest {
					t.Errorf("Dips(%v)[%d] = %+v, want %+v", tt.moods, i, g, w)
				}
				if g.First != weeks[w.From].Week || g.Last != weeks[w.To].Week {
					t.Errorf("Dips(%v)[%d] weeks = %v..%v, want %v..%v", tt.moods, i, g.First, g.Last, weeks[w.From].Week, weeks[w.To].Week)
				}
			}
		})
	}
}

// TestDipMessage checks the wording against docs/product.md, "What the field notes
// say": a dip between sessions is common and is not failure.
func TestDipMessage(t *testing.T) {
	for _, want := range []string{"common between sessions", "not a sign that the treatment has failed", "care team"} {
		if !strings.Contains(DipMessage, want) {
			t.Errorf("DipMessage = %q, want it to say %q", DipMessage, want)
		}
	}
}
