package chart

import (
	"slices"
	"strings"
	"testing"
	"time"
	_ "time/tzdata" // America/New_York for the daylight saving test

	"pgregory.net/rapid"
)

// checkTicks fails t unless ticks are in order, inside [from, to], and their
// labels, measured in the tick font, fit in width without touching.
func checkTicks(t interface {
	Helper()
	Errorf(format string, args ...any)
}, from, to time.Time, width, textSize float64, ticks []Tick) {
	t.Helper()
	st := tickStyle(textSize)
	x := func(tm time.Time) float64 { return width * float64(tm.Sub(from)) / float64(to.Sub(from)) }
	prevRight := -1e9
	for i, tk := range ticks {
		if tk.T.Before(from) || tk.T.After(to) {
			t.Errorf("tick %d %v outside %v..%v", i, tk.T, from, to)
		}
		w := float64(st.Width(tk.Label))
		left, right := x(tk.T)-w/2, x(tk.T)+w/2
		if left < 0 || right > width {
			t.Errorf("label %q spans %.1f..%.1f, outside 0..%v", tk.Label, left, right, width)
		}
		if i > 0 && left-prevRight < labelGap(textSize) {
			t.Errorf("labels %q and %q are %.1f px apart, want at least %.1f", ticks[i-1].Label, tk.Label, left-prevRight, labelGap(textSize))
		}
		prevRight = right
	}
}

func TestTimeTicks(t *testing.T) {
	end := time.Date(2026, time.February, 23, 0, 0, 0, 0, time.UTC)
	weeks := func(n int) time.Time { return end.AddDate(0, 0, -7*n) }
	for _, tt := range []struct {
		name     string
		from, to time.Time
		width    float64
		text     float64
		wantStep string // "day", "2 days", "week", "2 weeks", "month", "2+ months", "year"
		first    string // the first label, when it is certain
	}{
		{"2 weeks", end.AddDate(0, 0, -13), end, 900, 13, "day", "11 Feb\n2026"},
		{"2 weeks narrow", end.AddDate(0, 0, -13), end, 500, 13, "2 days", "12 Feb\n2026"},
		{"12 weeks in the window", weeks(12), end, 900, 13, "week", "8 Dec\n2025"},
		{"12 weeks narrow", weeks(12), end, 420, 13, "2 weeks", ""},
		{"12 weeks export", weeks(12), end, 1400, 19.2, "week", "8 Dec\n2025"},
		{"6 months", end.AddDate(0, -6, 0), end, 900, 13, "month", "Sep\n2025"},
		{"52 weeks", weeks(52), end, 880, 13, "month", "Apr\n2025"},
		{"52 weeks export", weeks(52), end, 1380, 19.2, "month", "Apr\n2025"},
		{"52 weeks narrow", weeks(52), end, 300, 13, "2+ months", ""},
		{"3 years", end.AddDate(-3, 0, 0), end, 900, 13, "2+ months", ""},
		{"12 years", end.AddDate(-12, 0, 0), end, 900, 13, "year", ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			ticks := TimeTicks(tt.from, tt.to, tt.width, tt.text)
			if len(ticks) < 2 {
				t.Fatalf("TimeTicks(%v, %v, %v) = %v, want at least 2 ticks", tt.from, tt.to, tt.width, ticks)
			}
			checkTicks(t, tt.from, tt.to, tt.width, tt.text, ticks)
			if tt.first != "" && ticks[0].Label != tt.first {
				t.Errorf("first label = %q, want %q", ticks[0].Label, tt.first)
			}
			if got := stepOf(ticks); got != tt.wantStep {
				t.Errorf("step of %v = %s, want %s", labels(ticks), got, tt.wantStep)
			}
		})
	}
}

// stepOf names the spacing of ticks.
func stepOf(ticks []Tick) string {
	a, b := ticks[0].T, ticks[1].T
	switch d := b.Sub(a); {
	case d == 24*time.Hour:
		return "day"
	case d == 48*time.Hour:
		return "2 days"
	case d == 7*24*time.Hour:
		return "week"
	case d == 14*24*time.Hour:
		return "2 weeks"
	case a.Day() == 1 && b.Day() == 1 && a.AddDate(0, 1, 0).Equal(b):
		return "month"
	case a.Day() == 1 && a.Month() == time.January && b.Month() == time.January:
		return "year"
	case a.Day() == 1 && b.Day() == 1:
		return "2+ months"
	}
	return "irregular " + b.Sub(a).String()
}

func labels(ticks []Tick) []string {
	var ls []string
	for _, tk := range ticks {
		ls = append(ls, tk.Label)
	}
	return ls
}

func TestTimeTicksLabels(t *testing.T) {
	// A year across New Year: the first label and January carry the year.
	// A tick right at the start would have half its label outside: none is there.
	from := time.Date(2025, time.February, 20, 0, 0, 0, 0, time.UTC)
	to := time.Date(2026, time.February, 28, 0, 0, 0, 0, time.UTC)
	got := labels(TimeTicks(from, to, 1400, 13))
	want := []string{"Mar\n2025", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec", "Jan\n2026", "Feb"}
	if !slices.Equal(got, want) {
		t.Errorf("TimeTicks(Mar 2025..Feb 2026) labels = %q, want %q", got, want)
	}
	for _, tk := range TimeTicks(from, from.AddDate(0, 0, 84), 900, 13) {
		if tk.T.Weekday() != time.Monday {
			t.Errorf("weekly tick %v is a %v, want Monday", tk.T, tk.T.Weekday())
		}
	}
}

func TestTimeTicksLocalMidnight(t *testing.T) {
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Fatal(err)
	}
	// Clocks go forward on 8 March 2026.
	from := time.Date(2026, time.February, 1, 0, 0, 0, 0, ny)
	to := time.Date(2026, time.April, 20, 0, 0, 0, 0, ny)
	ticks := TimeTicks(from, to, 900, 13)
	if len(ticks) < 5 {
		t.Fatalf("TimeTicks = %v, want weekly ticks", labels(ticks))
	}
	for _, tk := range ticks {
		if h, m, _ := tk.T.Clock(); h != 0 || m != 0 || tk.T.Weekday() != time.Monday {
			t.Errorf("tick %v is not a Monday at local midnight", tk.T)
		}
	}
}

func TestTimeTicksDegenerate(t *testing.T) {
	now := time.Date(2026, time.February, 23, 0, 0, 0, 0, time.UTC)
	for _, tt := range []struct {
		name     string
		from, to time.Time
		width    float64
	}{
		{"empty range", now, now, 900},
		{"backwards", now, now.AddDate(0, 0, -7), 900},
		{"no width", now.AddDate(0, -3, 0), now, 0},
		{"negative width", now.AddDate(0, -3, 0), now, -5},
		{"one pixel", now.AddDate(0, -3, 0), now, 1},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := TimeTicks(tt.from, tt.to, tt.width, 13); len(got) != 0 {
				t.Errorf("TimeTicks(%v, %v, %v) = %v, want none", tt.from, tt.to, tt.width, labels(got))
			}
		})
	}
	// A range of hours inside one day has no tick to show but must not fail.
	_ = TimeTicks(now.Add(time.Hour), now.Add(5*time.Hour), 900, 13)
	// Ten thousand years at a normal width still answers quickly.
	if got := TimeTicks(now.AddDate(-10000, 0, 0), now, 900, 13); len(got) > 20 {
		t.Errorf("TimeTicks over 10000 years gave %d ticks", len(got))
	}
}

// TestTimeTicksNeverOverlap checks the layout promise for arbitrary ranges,
// widths and text sizes.
func TestTimeTicksNeverOverlap(t *testing.T) {
	base := time.Date(2020, time.January, 1, 0, 0, 0, 0, time.UTC)
	rapid.Check(t, func(rt *rapid.T) {
		from := base.Add(time.Duration(rapid.Int64Range(0, 10*365*24).Draw(rt, "fromHours")) * time.Hour)
		to := from.Add(time.Duration(rapid.Int64Range(1, 40*365*24).Draw(rt, "spanHours")) * time.Hour)
		width := rapid.Float64Range(0, 3000).Draw(rt, "width")
		text := rapid.Float64Range(6, 40).Draw(rt, "text")
		checkTicks(rt, from, to, width, text, TimeTicks(from, to, width, text))
	})
}

func TestDayTicks(t *testing.T) {
	measure := func(s string) float64 { return float64(tickStyle(13).Width(s)) }
	gap := labelGap(13)
	for _, tt := range []struct {
		width    float64
		wantZero bool
	}{{1400, true}, {900, true}, {300, true}, {60, false}, {0, false}} {
		ticks := dayTicks(-3.5, 14.5, tt.width, "session day", measure, gap)
		hasZero := false
		x := func(d int) float64 { return tt.width * (float64(d) + 3.5) / 18 }
		for i, tk := range ticks {
			w := measure(tk.Label)
			if x(tk.Day)-w/2 < 0 || x(tk.Day)+w/2 > tt.width {
				t.Errorf("width %v: label %q outside the axis", tt.width, tk.Label)
			}
			if i > 0 {
				prev := ticks[i-1]
				if (x(tk.Day)-w/2)-(x(prev.Day)+measure(prev.Label)/2) < gap {
					t.Errorf("width %v: labels %q and %q overlap", tt.width, prev.Label, tk.Label)
				}
			}
			if tk.Day == 0 {
				hasZero = tk.Label == "session day"
			}
		}
		if hasZero != tt.wantZero {
			t.Errorf("width %v: day 0 labelled = %v, want %v (ticks %v)", tt.width, hasZero, tt.wantZero, ticks)
		}
	}
	got := dayTicks(-3.5, 14.5, 1400, "0", measure, gap)
	var ls []string
	for _, tk := range got {
		ls = append(ls, tk.Label)
	}
	if want := "−3 −2 −1 0 +1 +2 +3 +4 +5 +6 +7 +8 +9 +10 +11 +12 +13 +14"; strings.Join(ls, " ") != want {
		t.Errorf("dayTicks(-3.5, 14.5, 1400) = %q, want %q", strings.Join(ls, " "), want)
	}
}

func TestValueTicks(t *testing.T) {
	for _, tt := range []struct {
		lo, hi, length, gap float64
		want                string
	}{
		{0, 27, 300, 42, "0 5 10 15 20 25"},
		{0, 21, 300, 42, "0 5 10 15 20"},
		{0, 10, 300, 42, "0 2 4 6 8 10"},
		{0, 10, 600, 42, "0 1 2 3 4 5 6 7 8 9 10"},
		{0, 10, 90, 42, "0 5 10"},
		{0, 10, 10, 42, "0 10"},
		{0, 1, 300, 42, "0.0 0.2 0.4 0.6 0.8 1.0"},
		{-5, 5, 300, 42, "-4 -2 0 2 4"},
		{3.5, 7.2, 300, 42, "3.5 4.0 4.5 5.0 5.5 6.0 6.5 7.0"},
		{3.5, 7.2, 200, 42, "4 5 6 7"},
		{0, 1000, 300, 42, "0 200 400 600 800 1000"},
		{5, 5, 300, 42, ""},
		{0, 10, 0, 42, ""},
	} {
		_, ls := valueTicks(tt.lo, tt.hi, tt.length, tt.gap)
		if got := strings.Join(ls, " "); got != tt.want {
			t.Errorf("valueTicks(%v, %v, %v, %v) = %q, want %q", tt.lo, tt.hi, tt.length, tt.gap, got, tt.want)
		}
	}
}
