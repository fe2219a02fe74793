package progress

import (
	"math"
	"testing"
	"time"
	_ "time/tzdata" // Europe/Berlin for the clock-change cases, on any machine

	"keel/model"
)

var (
	// testLoc is the user's location in most tests: five hours behind UTC, so a late
	// evening is already the next day in UTC.
	testLoc = time.FixedZone("UTC-5", -5*3600)
	testNow = time.Date(2026, 3, 12, 15, 0, 0, 0, testLoc)
)

func berlin(t testing.TB) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

// at is the given date and time in testLoc.
func at(y int, m time.Month, d, hour, minute int) time.Time {
	return time.Date(y, m, d, hour, minute, 0, 0, testLoc)
}

func ip(v int) *int { return &v }

func fp(v float64) *float64 { return &v }

func mp(v model.Money) *model.Money { return &v }

// mood is a check-in with only a mood.
func mood(t time.Time, v int) model.CheckIn { return model.CheckIn{At: t, Mood: ip(v)} }

// answers spreads total over n items of 0..top, filling from the first item.
func answers(total, n, top int) []int {
	a := make([]int, n)
	for i := range a {
		a[i] = min(top, total)
		total -= a[i]
	}
	return a
}

// phq is a PHQ-9 response with the given total.
func phq(t time.Time, total int) model.Response {
	return model.Response{Instrument: model.PHQ9.ID, At: t, Answers: answers(total, 9, 3)}
}

// gad is a GAD-7 response with the given total.
func gad(t time.Time, total int) model.Response {
	return model.Response{Instrument: model.GAD7.ID, At: t, Answers: answers(total, 7, 3)}
}

// done is a completed session by route, without a dose.
func done(t time.Time, r model.Route) model.Session {
	return model.Session{At: t, Status: model.StatusDone, Route: r}
}

// dosed is a completed IV session with a dose.
func dosed(t time.Time, amount float64, unit model.DoseUnit) model.Session {
	s := done(t, model.RouteIV)
	s.Dose = &model.Dose{Amount: amount, Unit: unit}
	return s
}

// sameMean reports whether got is want: both gaps (N 0 and NaN), or the same N and
// exactly the same value.
func sameMean(got, want Mean) bool {
	if want.N == 0 {
		return got.N == 0 && math.IsNaN(got.Value)
	}
	return got.N == want.N && got.Value == want.Value
}

// m is a valid Mean.
func m(v float64, n int) Mean { return Mean{Value: v, N: n} }

func TestHelpers(t *testing.T) {
	for _, total := range []int{0, 4, 13, 27} {
		r := phq(testNow, total)
		if got := r.Total(); got != total {
			t.Errorf("phq(%d).Total() = %d, want %d", total, got, total)
		}
	}
	if got := gad(testNow, 21); got.Total() != 21 {
		t.Errorf("gad(21).Total() = %d, want 21", got.Total())
	}
}
